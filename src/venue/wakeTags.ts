/**
 * The venue's own wake-up tags: one number carries what to do (`kind`, low 4 bits) and for whom
 * (`payload`: a request id, a series or instrument index). Tags are float64 in the kernel, so a
 * payload is safe up to 2^49.
 */

export const WakeKind = {
  /** Periodic reference-price update (index, mark, liquidation check, watches). */
  PriceTick: 1,
  /** A funding time; payload = perp instrument id. */
  Funding: 2,
  /** Premium sample for funding. */
  PremiumSample: 3,
  /** Book (and depth) table sampling. */
  BookSample: 4,
  /** Accounts table sampling. */
  AccountsSample: 5,
  /** Options desk: quote deadline; payload = request id. */
  QuoteDeadline: 6,
  /** Options desk: settlement index sample (and settlement at expiry); payload = series. */
  SettlementSample: 7,
  /** Options desk: open_interest table sampling. */
  OpenInterestSample: 8,
  /** Dated future: settlement index sample (and settlement at expiry); payload = instrument. */
  FutureSample: 9,
} as const;
export type WakeKind = (typeof WakeKind)[keyof typeof WakeKind];

const KIND_SPAN = 16;

export function wakeTag(kind: WakeKind, payload = 0): number {
  return payload * KIND_SPAN + kind;
}

export function wakeKindOf(tag: number): number {
  return tag % KIND_SPAN;
}

export function wakePayloadOf(tag: number): number {
  return Math.floor(tag / KIND_SPAN);
}
