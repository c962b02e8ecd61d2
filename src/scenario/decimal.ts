/**
 * Exact grid arithmetic on the decimals users write (`0.1`, `60000.05`, `1e-4`): a value lies
 * on a grid when it is an integer multiple of the step, decided with BigInt on the shortest
 * decimal form of each number (what the user typed), not with float division and an epsilon.
 */

/** `x = mantissa * 10^exponent`, from the shortest round-trip decimal form of a finite number. */
function decimalParts(x: number): { mantissa: bigint; exponent: number } {
  const [coef = '0', expText] = String(x).toLowerCase().split('e');
  const [int = '0', frac = ''] = coef.split('.');
  return { mantissa: BigInt(int + frac), exponent: Number(expText ?? 0) - frac.length };
}

/**
 * The integer `n` with `value = n * step` exactly (in decimal), or null when `value` is off the
 * grid, not finite, or `n` is not a safe integer. `step` must be > 0.
 */
export function gridMultiple(value: number, step: number): number | null {
  if (!Number.isFinite(value) || !Number.isFinite(step) || step <= 0) return null;
  const v = decimalParts(value);
  const s = decimalParts(step);
  const e = Math.min(v.exponent, s.exponent);
  const vm = v.mantissa * 10n ** BigInt(v.exponent - e);
  const sm = s.mantissa * 10n ** BigInt(s.exponent - e);
  if (vm % sm !== 0n) return null;
  const n = Number(vm / sm);
  return Number.isSafeInteger(n) ? n : null;
}

/** Nearest grid values below and above `value` (for "did you mean" in off-grid errors). */
export function gridNeighbours(value: number, step: number): [number, number] {
  const lo = Math.floor(value / step + 1e-9);
  return [roundDecimal(lo * step, step), roundDecimal((lo + 1) * step, step)];
}

/** `x` rounded to the number of decimals `step` has (removes float noise like 0.30000000000000004). */
function roundDecimal(x: number, step: number): number {
  const decimals = Math.max(0, -decimalParts(step).exponent);
  return Number(x.toFixed(Math.min(decimals, 20)));
}

/** The integer `n` with `a * b = n * step` exactly (in decimal), or null (see {@link gridMultiple}). */
export function productMultiple(a: number, b: number, step: number): number | null {
  if (![a, b, step].every(Number.isFinite) || step <= 0) return null;
  const x = decimalParts(a);
  const y = decimalParts(b);
  const s = decimalParts(step);
  const pm = x.mantissa * y.mantissa;
  const pe = x.exponent + y.exponent;
  const e = Math.min(pe, s.exponent);
  const vm = pm * 10n ** BigInt(pe - e);
  const sm = s.mantissa * 10n ** BigInt(s.exponent - e);
  if (vm % sm !== 0n) return null;
  const n = Number(vm / sm);
  return Number.isSafeInteger(n) ? n : null;
}
