/**
 * The text form of a check's verdict: what theory predicts (with the calibrated inputs), what
 * was measured (mean and 95% CI over paired seeds), the tolerance and why, PASS/FAIL, details.
 */
import type { CheckReport } from './check.js';

/** A number with 4 significant digits (NaN as "n/a"). */
export function sig(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/** The report as lines (no colour; the CLI paints PASS/FAIL). */
export function formatReport(r: CheckReport): string[] {
  const m = r.measured;
  const inputs = Object.entries(r.inputs).map(([k, v]) => `${k} = ${sig(v)}`).join(', ');
  return [
    `${r.pass ? 'PASS' : 'FAIL'}  ${r.name}: ${r.title}`,
    ...(r.theory ? [`  theory     ${r.theory}`] : []),
    ...(inputs ? [`  inputs     ${inputs}`] : []),
    ...(r.predicted !== null ? [`  predicted  ${sig(r.predicted)}`] : []),
    `  measured   ${m.statistic}: ${sig(m.mean)} [95% CI ${sig(m.lo95)}, ${sig(m.hi95)}] over ${m.n} paired seeds`,
    ...(r.tolerance ? [`  tolerance  ${r.tolerance}`] : []),
    ...r.details.map((d) => `  ${d}`),
  ];
}
