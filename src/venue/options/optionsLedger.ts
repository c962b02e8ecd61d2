/**
 * Open option positions per series: signed contracts per agent (long > 0). Every trade books a
 * long for the buyer and an equal short for the seller, so each series nets to zero (checked by
 * {@link netContracts} in tests). Holders are listed in ascending agent id so settlement order is
 * deterministic whatever order trades came in.
 */

export class OptionsLedger {
  private readonly positions: Map<number, number>[];

  constructor(seriesCount: number) {
    this.positions = Array.from({ length: seriesCount }, () => new Map<number, number>());
  }

  /** Books `contracts` (> 0) of `series` bought by `buyer` from `seller`. */
  trade(series: number, buyer: number, seller: number, contracts: number): void {
    const m = this.bySeries(series);
    m.set(buyer, (m.get(buyer) ?? 0) + contracts);
    m.set(seller, (m.get(seller) ?? 0) - contracts);
  }

  /** Signed contracts of `agent` in `series` (0 when none). */
  position(series: number, agent: number): number {
    return this.bySeries(series).get(agent) ?? 0;
  }

  /** Agents with a non-zero position in `series`, ascending by id. */
  holders(series: number): number[] {
    const out: number[] = [];
    for (const [agent, pos] of this.bySeries(series)) if (pos !== 0) out.push(agent);
    return out.sort((a, b) => a - b);
  }

  /** Sum of signed positions (0 by construction). */
  netContracts(series: number): number {
    let s = 0;
    for (const pos of this.bySeries(series).values()) s += pos;
    return s;
  }

  /** Total long contracts (open interest) of `series`. */
  openInterest(series: number): number {
    let s = 0;
    for (const pos of this.bySeries(series).values()) if (pos > 0) s += pos;
    return s;
  }

  /**
   * Long and short contracts of `series` split by holder: `out` = [long, short] of holders for which
   * `isDealer` is true, then [long, short] of the others; shorts as positive numbers. Returns `out`.
   */
  longShort(series: number, isDealer: (agent: number) => boolean, out: Float64Array): Float64Array {
    out.fill(0);
    for (const [agent, pos] of this.bySeries(series)) {
      const base = isDealer(agent) ? 0 : 2;
      if (pos > 0) out[base] = (out[base] as number) + pos;
      else if (pos < 0) out[base + 1] = (out[base + 1] as number) - pos;
    }
    return out;
  }

  /** Removes every position of `series` (after settlement). */
  clear(series: number): void {
    this.bySeries(series).clear();
  }

  private bySeries(series: number): Map<number, number> {
    const m = this.positions[series];
    if (m === undefined) throw new RangeError(`unknown option series ${series}`);
    return m;
  }
}
