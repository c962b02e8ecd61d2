/**
 * Taker events from fills (data README section 2): a run of consecutive fills with the same
 * time and the same aggressor side is one taker event, which approximates one aggressive order
 * (like Binance's aggTrade). Times may be in any unit (ms for Binance, ns for a simulation);
 * only equality matters. Signs: +1 buyer-initiated, -1 seller-initiated.
 */

/** Fills in time order: time and aggressor sign (+1 buy, -1 sell), optional size (base). */
export interface Fills {
  readonly t: ArrayLike<number>;
  readonly sign: ArrayLike<number>;
  readonly size?: ArrayLike<number>;
}

/** Taker events: the sign of each, and its total size (base; 0 without fill sizes). */
export interface TakerEvents {
  readonly sign: Int8Array;
  readonly size: Float64Array;
}

/** Merges consecutive fills with equal time and sign into taker events. */
export function takerEvents(f: Fills): TakerEvents {
  const n = Math.min(f.t.length, f.sign.length);
  const sign: number[] = [];
  const size: number[] = [];
  let lastT = Number.NaN;
  let lastS = 0;
  for (let i = 0; i < n; i++) {
    const t = f.t[i] as number;
    const s = (f.sign[i] as number) > 0 ? 1 : -1;
    const q = f.size === undefined ? 0 : Math.abs(f.size[i] as number);
    if (sign.length > 0 && t === lastT && s === lastS) {
      size[size.length - 1] = (size[size.length - 1] as number) + q;
    } else {
      sign.push(s);
      size.push(q);
    }
    lastT = t;
    lastS = s;
  }
  return { sign: Int8Array.from(sign), size: Float64Array.from(size) };
}
