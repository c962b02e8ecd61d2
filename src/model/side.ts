/**
 * Order side as a sign: Buy = +1, Sell = -1, so a signed quantity is `side * sizeLots`.
 * Stored as int8 in tables with the dictionary ["sell", "", "buy"] offset by one (see tables.ts).
 */
export const Side = { Buy: 1, Sell: -1 } as const;
export type Side = (typeof Side)[keyof typeof Side];

export function opposite(side: Side): Side {
  return side === Side.Buy ? Side.Sell : Side.Buy;
}

export function sideName(side: number): 'buy' | 'sell' {
  return side > 0 ? 'buy' : 'sell';
}

export function isSide(v: number): v is Side {
  return v === 1 || v === -1;
}
