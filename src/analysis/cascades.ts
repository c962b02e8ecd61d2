/**
 * Liquidation cascades. The joining rule: liquidation triggers sorted by time form one cascade
 * while each trigger comes within `joinGapNs` (default 60 s) of the previous trigger in it. A
 * cascade's rounds are its distinct trigger timestamps: triggers found by one mark-price check
 * share a timestamp, and a trigger caused by the price impact of earlier liquidation fills
 * arrives at a later one. Volume and notional count the liquidation fills (not ADL) whose
 * liquidation belongs to the cascade.
 */

/** One liquidation table, as parallel arrays (only the columns used here). */
export interface LiquidationRows {
  readonly tNs: ArrayLike<number>;
  /** The `event` column decoded: 'triggered', 'fill', 'adl', ... */
  readonly event: ArrayLike<string>;
  readonly liquidationId: ArrayLike<number>;
  readonly size: ArrayLike<number>;
  readonly mark: ArrayLike<number>;
  readonly fillPrice: ArrayLike<number>;
}

export interface Cascade {
  readonly startNs: number;
  readonly endNs: number;
  /** Number of liquidations triggered. */
  readonly liquidations: number;
  /** Distinct trigger timestamps. */
  readonly rounds: number;
  /** Sum of liquidation fill sizes, base units. */
  readonly volume: number;
  /** Sum of size * fill price, quote currency. */
  readonly notional: number;
  /** Mark at the last trigger over mark at the first, minus 1. */
  readonly priceMove: number;
}

export const DEFAULT_CASCADE_JOIN_GAP_NS = 60_000_000_000;

/** Splits the liquidations into cascades by the joining rule, in time order. */
export function findCascades(rows: LiquidationRows, joinGapNs = DEFAULT_CASCADE_JOIN_GAP_NS): Cascade[] {
  const triggers: number[] = [];
  for (let i = 0; i < rows.tNs.length; i++) if (rows.event[i] === 'triggered') triggers.push(i);
  triggers.sort((a, b) => (rows.tNs[a] as number) - (rows.tNs[b] as number) || a - b);
  const cascadeOf = new Map<number, number>();
  const groups: number[][] = [];
  for (const i of triggers) {
    const last = groups[groups.length - 1];
    const prev = last === undefined ? undefined : (last[last.length - 1] as number);
    if (last !== undefined && prev !== undefined && (rows.tNs[i] as number) - (rows.tNs[prev] as number) <= joinGapNs) last.push(i);
    else groups.push([i]);
    cascadeOf.set(rows.liquidationId[i] as number, groups.length - 1);
  }
  const volume = new Float64Array(groups.length);
  const notional = new Float64Array(groups.length);
  for (let i = 0; i < rows.tNs.length; i++) {
    if (rows.event[i] !== 'fill') continue;
    const g = cascadeOf.get(rows.liquidationId[i] as number);
    if (g === undefined) continue;
    const size = Math.abs(rows.size[i] as number);
    volume[g] = (volume[g] as number) + size;
    notional[g] = (notional[g] as number) + size * (rows.fillPrice[i] as number);
  }
  return groups.map((g, k) => {
    const first = g[0] as number;
    const last = g[g.length - 1] as number;
    const times = new Set<number>();
    for (const i of g) times.add(rows.tNs[i] as number);
    const m0 = rows.mark[first] as number;
    const m1 = rows.mark[last] as number;
    return {
      startNs: rows.tNs[first] as number,
      endNs: rows.tNs[last] as number,
      liquidations: g.length,
      rounds: times.size,
      volume: volume[k] as number,
      notional: notional[k] as number,
      priceMove: m0 > 0 ? m1 / m0 - 1 : Number.NaN,
    };
  });
}

/** The largest cascade: most liquidations, then most volume, then earliest. */
export function largestCascade(cascades: readonly Cascade[]): Cascade | null {
  let best: Cascade | null = null;
  for (const c of cascades) {
    if (best === null || c.liquidations > best.liquidations || (c.liquidations === best.liquidations && c.volume > best.volume)) best = c;
  }
  return best;
}
