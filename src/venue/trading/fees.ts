/**
 * Trading fees in basis points of notional, in integer quote units. A fee is rounded half away
 * from zero once per fill and party; the exact same integer moves from the trader to the venue's
 * fee balance, so rounding creates or destroys no money (a negative bps is a rebate).
 */
import { assertMoney } from '../../model/units.js';

/** Fee in quote units on `notionalUnits` (>= 0) at `feeBps` (may be negative). */
export function feeUnits(notionalUnits: number, feeBps: number): number {
  const x = (notionalUnits * feeBps) / 10_000;
  const f = Math.sign(x) * Math.round(Math.abs(x));
  return assertMoney(f === 0 ? 0 : f, 'fee');
}
