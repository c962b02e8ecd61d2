/**
 * Runs science checks in this process (sequentially, through bench/science/jobs.ts) and writes
 * their reports as JSON: a stand-in for `gammaloop science` until the suite runner lands.
 * Usage: node dist/bench/science/runChecks.js [--quick] [--only a,b] [--seeds N] [--first S] [--out file.json]
 * (`--first S`: seeds S..S+N-1, to split one check over processes).
 */
import { writeFileSync } from 'node:fs';
import { MORE_CHECKS } from '../../src/science/checks/index.js';
import { inProcessContext } from './jobs.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const profile = args.includes('--quick') ? 'quick' : 'full';
const only = flag('--only')?.split(',');
const out = flag('--out');
const reports = [];
for (const check of MORE_CHECKS) {
  if (only && !only.includes(check.name)) continue;
  const n = Number(flag('--seeds') ?? check.seeds[profile]);
  const first = Number(flag('--first') ?? 1);
  const seeds = Array.from({ length: n }, (_, i) => first + i);
  const start = performance.now();
  const r = await check.run(inProcessContext(profile, seeds, (d, t) => process.stderr.write(`\r${check.name}: ${d}/${t} runs`)));
  const wallS = (performance.now() - start) / 1000;
  process.stderr.write('\n');
  console.log(`${r.pass ? 'PASS' : 'FAIL'} ${r.name} (${n} seeds, ${wallS.toFixed(0)} s): ${r.measured.statistic} = ${r.measured.mean} [${r.measured.lo95}, ${r.measured.hi95}]`);
  for (const d of r.details) console.log(`  ${d}`);
  reports.push({ ...r, seeds: n, wall_s: wallS, rows: r.rows.length });
  if (out) writeFileSync(out, JSON.stringify(reports, null, 1));
}
