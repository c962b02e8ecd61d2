/**
 * The world's static layout, computed from the resolved scenario alone (before any actor
 * exists): actor ids and names, and the instrument and series dictionaries. The recorder needs
 * these dictionaries before the world is built, and sweeps need them to agree across cells.
 */
import { memberName } from '../model/ids.js';
import type { ResolvedScenario } from './resolvedTypes.js';

export interface WorldPlan {
  /** Actor names by id: every party of every trade (the `agents` dictionary). */
  readonly agentNames: readonly string[];
  /** Per venue: its own id, its liquidation engine's and its insurance fund's. */
  readonly venueIds: readonly { readonly venue: number; readonly liquidationEngine: number; readonly insuranceFund: number }[];
  readonly scheduleId: number;
  /** Group name -> member ids. */
  readonly groupMembers: ReadonlyMap<string, readonly number[]>;
  /** The `instruments` dictionary and, per venue, each listed instrument's index in it. */
  readonly instrumentNames: readonly string[];
  readonly instrumentDictIndex: readonly (readonly number[])[];
  /** The `series` dictionary and, per venue, each series' index in it. */
  readonly seriesNames: readonly string[];
  readonly seriesDictIndex: readonly (readonly number[])[];
  /** Per venue: ids of option dealers quoting on its desk (ascending). */
  readonly dealerIdsByVenue: readonly (readonly number[])[];
}

export function planWorld(s: ResolvedScenario): WorldPlan {
  const agentNames: string[] = [];
  const venueIds = s.venues.map((v) => {
    const venue = agentNames.push(v.name) - 1;
    const liquidationEngine = agentNames.push(`${v.name}/liquidation_engine`) - 1;
    const insuranceFund = agentNames.push(`${v.name}/insurance_fund`) - 1;
    return { venue, liquidationEngine, insuranceFund };
  });
  const scheduleId = agentNames.push('schedule') - 1;
  const groupMembers = new Map<string, number[]>();
  for (const g of s.agents) {
    const ids: number[] = [];
    for (let i = 0; i < g.count; i++) ids.push(agentNames.push(memberName(g.group, i)) - 1);
    groupMembers.set(g.group, ids);
  }

  const qualify = (lists: string[][]): { names: string[]; index: number[][] } => {
    const seen = new Map<string, number>();
    for (const l of lists) for (const sym of l) seen.set(sym, (seen.get(sym) ?? 0) + 1);
    const names: string[] = [];
    const index = lists.map((l, vi) => l.map((sym) => names.push((seen.get(sym) ?? 0) > 1 ? `${s.venues[vi]?.name}:${sym}` : sym) - 1));
    return { names, index };
  };
  const inst = qualify(s.venues.map((v) => v.instruments.map((i) => i.symbol)));
  const series = qualify(s.venues.map((v) => (v.options?.series ?? []).map((x) => x.symbol)));

  const dealerIdsByVenue = s.venues.map((v) => {
    const ids: number[] = [];
    for (const g of s.agents) {
      if (g.kind !== 'option_dealer') continue;
      const p = g.params as { venue?: string; options_venue?: string };
      if ((p.options_venue ?? p.venue) === v.name) ids.push(...(groupMembers.get(g.group) ?? []));
    }
    return ids.sort((a, b) => a - b);
  });

  return {
    agentNames,
    venueIds,
    scheduleId,
    groupMembers,
    instrumentNames: inst.names,
    instrumentDictIndex: inst.index,
    seriesNames: series.names,
    seriesDictIndex: series.index,
    dealerIdsByVenue,
  };
}
