/**
 * Identifiers. Agents (and venues, liquidation engines, insurance funds: every party to a trade)
 * are dense integers in scenario order, named `<group>/<i>`; the names form the fixed dictionary
 * of every agent column. Order ids are per-venue increasing safe integers, never pool slots, so a
 * late cancel can never hit a reused slot. Instruments are small integers within a venue.
 */
export type AgentId = number;
export type OrderId = number;
export type InstrumentId = number;

/** The conventional member name inside a group: `<group>/<index>`. */
export function memberName(group: string, index: number): string {
  return `${group}/${index}`;
}
