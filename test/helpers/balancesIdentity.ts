/**
 * The conservation identity of the `balances` table (docs/clearing.md "Checking conservation"),
 * computed independently of the simulator from plain rows: per (t_ns, venue, ledger),
 * sum(cash_units + isolated_margin_units - cost_basis_units) == sum(deposited_units), in BigInt
 * so no sum can round. Used on rows read back from Arrow files (test/e2e/balances.test.ts) and on
 * in-memory rows (test/unit/venue/balances.test.ts).
 */

/** One `balances` row, money as integers (number or bigint as the reader gives them). */
export interface BalanceRow {
  readonly t_ns: number | bigint;
  readonly venue: string;
  readonly ledger: string;
  readonly bucket: string;
  readonly cash_units: number | bigint;
  readonly isolated_margin_units: number | bigint;
  readonly cost_basis_units: number | bigint;
  readonly deposited_units: number | bigint;
}

/** Exact integer of a cell; a fraction or a non-safe number would hide a lost unit, so it throws. */
export function exact(v: number | bigint, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isSafeInteger(v)) throw new Error(`${what}: ${v} is not a safe integer`);
  return BigInt(v);
}

/** Per (t_ns, venue, ledger): the sum of the buckets minus the deposits (0n when conserved). */
export function identityResiduals(rows: readonly BalanceRow[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const r of rows) {
    const key = `${r.t_ns}|${r.venue}|${r.ledger}`;
    const held = exact(r.cash_units, 'cash_units') + exact(r.isolated_margin_units, 'isolated_margin_units') - exact(r.cost_basis_units, 'cost_basis_units');
    out.set(key, (out.get(key) ?? 0n) + held - exact(r.deposited_units, 'deposited_units'));
  }
  return out;
}

/** The (t_ns|venue|ledger) keys where the identity fails, with the residual in money units. */
export function identityViolations(rows: readonly BalanceRow[]): string[] {
  return [...identityResiduals(rows)].filter(([, d]) => d !== 0n).map(([k, d]) => `${k}: ${d}`);
}
