/**
 * Full-feature benchmark (`npm run bench -- fullday`, issue 17 item 3): scenarios/full-feature-day.yaml
 * (the calibrated BTC perp day of 6.5 h with option dealers delta-hedging, option customers,
 * leveraged retail, liquidations and funding) in process, in a child process of its own
 * (bench/fullday/child.ts) so its peak RSS is the workload's. `FULLDAY_ROUNDS` (default 3)
 * interleaved rounds of the day and of the same day with the dealers not hedging (context: what
 * the hedging loop costs), then one profiled run; then the day profiled once more in a process
 * with `--no-turbo-inlining` (V8 counts an inlined function as its caller, so the first split
 * leans toward callers; the second keeps every function's own time, in a slower program).
 *
 * Printed: kernel events; events per wall second (runScenario end to end: build, run, table
 * writing, summary) and per CPU second (all threads: V8's GC helpers count); runs per core-hour
 * of one worker (3,600 / CPU seconds of one warm run; a sweep worker runs day after day in one
 * process, so warm rounds are the ones that count, the cold first round is shown beside them);
 * peak RSS; self time per component from the CPU profile. Each figure is printed with its ratio
 * to issue 17's target (>= 3 M events/s in process, >= 2,500 runs per core-hour): a ratio, not a
 * verdict, because these machines are shared and the load average is printed with it.
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import type { BenchModule } from './run.js';
import type { InProcessRun } from './engine/ours.js';
import { COMPONENTS } from './fullday/profile.js';
import type { FulldayResult } from './fullday/child.js';

const SCENARIO = 'scenarios/full-feature-day.yaml';
const TARGET_EVENTS_PER_S = 3e6;
const TARGET_RUNS_PER_CORE_HOUR = 2500;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? Number.NaN : n % 2 === 1 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
};
const f = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const pct = (x: number, total: number): string => `${((100 * x) / total).toFixed(1).padStart(5)}%`;

function runLine(label: string, m: InProcessRun): string {
  return `${label.padEnd(26)} ${(m.events / 1e6).toFixed(3)} M events  wall ${f(m.wallS)} s (simulate ${f(m.simulateS)} + finish ${f(m.finishS)})  CPU ${f(m.cpuS)} s  ${f(m.events / m.wallS / 1e6)} M ev/s wall, ${f(m.events / m.cpuS / 1e6)} M ev/s CPU`;
}

function armSummary(label: string, runs: readonly InProcessRun[]): { evPerWall: number; evPerCpu: number; runsPerCoreHour: number; runsPerWallHour: number } {
  const warm = runs.length > 1 ? runs.slice(1) : runs;
  const evPerWall = median(warm.map((m) => m.events / m.wallS));
  const evPerCpu = median(warm.map((m) => m.events / m.cpuS));
  const runsPerCoreHour = 3600 / median(warm.map((m) => m.cpuS));
  const runsPerWallHour = 3600 / median(warm.map((m) => m.wallS));
  console.log(
    `${label.padEnd(26)} median of ${warm.length} warm run(s): ${f(evPerWall / 1e6)} M ev/s wall, ${f(evPerCpu / 1e6)} M ev/s CPU; ` +
      `${runsPerCoreHour.toFixed(0)} runs per core-hour (CPU), ${runsPerWallHour.toFixed(0)} per wall hour of one worker`,
  );
  return { evPerWall, evPerCpu, runsPerCoreHour, runsPerWallHour };
}

function child(nodeFlags: readonly string[], rounds: number): FulldayResult {
  const r = spawnSync(process.execPath, [...nodeFlags, 'dist/bench/fullday/child.js', SCENARIO, String(rounds)], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`fullday child ${nodeFlags.join(' ')} exited ${r.status}: ${r.stderr.slice(-3000)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as FulldayResult;
}

export const bench: BenchModule = {
  name: 'fullday',
  run() {
    const rounds = Math.max(1, Number(process.env['FULLDAY_ROUNDS'] ?? 3));
    const load0 = os.loadavg()[0] as number;
    const res = child([], rounds);
    const noInline = child(['--no-turbo-inlining'], 0).profile;
    const load1 = os.loadavg()[0] as number;
    console.log(`${SCENARIO} (6.5 h simulated, default tables written), ${rounds} interleaved round(s) with the dealers not hedging; ${os.availableParallelism()} CPUs, load average ${f(load0, 1)} at start, ${f(load1, 1)} at end`);
    for (let i = 0; i < res.on.length; i++) {
      console.log(runLine(`round ${i + 1} full day${i === 0 ? ' (cold)' : ''}`, res.on[i] as InProcessRun));
      console.log(runLine(`round ${i + 1} dealers not hedging`, res.off[i] as InProcessRun));
    }
    const on = armSummary('full day', res.on);
    const off = armSummary('dealers not hedging', res.off);
    console.log(`peak RSS ${res.peakRssMb.toFixed(0)} MB after ${2 * rounds} runs (${res.peakRssFirstMb.toFixed(0)} MB after the first)`);
    console.log(`hedging's cost: ${f(median(res.on.map((m) => m.cpuS)) / median(res.off.map((m) => m.cpuS)))}x the CPU seconds of the day without it`);

    const p = res.profile;
    const busy = p.totalMs - p.idleMs;
    const busyNi = noInline.totalMs - noInline.idleMs;
    console.log(
      `\nCPU profile of one more full day (node:inspector, 500 us sampling, ${p.samples.toLocaleString('en-US')} samples, wall ${f(res.profiledWallS)} s), ` +
        'self time of the main thread (idle left out; library and Node frames counted for the src code that called them):',
    );
    console.log(`  component  as run          --no-turbo-inlining`);
    for (const c of COMPONENTS) console.log(`  ${c.padEnd(9)} ${pct(p.byComponent[c], busy)} ${f(p.byComponent[c] / 1000).padStart(6)} s   ${pct(noInline.byComponent[c], busyNi)} ${f(noInline.byComponent[c] / 1000).padStart(6)} s`);
    const details = (q: typeof p, total: number): string =>
      q.byDetail
        .filter(([d]) => d.includes(': '))
        .slice(0, 10)
        .map(([d, ms]) => `${d} ${pct(ms, total).trim()}`)
        .join(', ');
    console.log(`  inside them, as run: ${details(p, busy)}`);
    console.log('  top functions by self time, as run / --no-turbo-inlining:');
    for (let i = 0; i < 15; i++) {
      const a = p.topFunctions[i];
      const b = noInline.topFunctions[i];
      console.log(`    ${a ? `${pct(a[1], busy)}  ${a[0]}` : ''}`.padEnd(64) + (b ? `${pct(b[1], busyNi)}  ${b[0]}` : ''));
    }

    console.log('\nagainst issue 17 targets (ratio = measured / target; >= 1 meets it):');
    console.log(`  events/s in process, wall:  ${f(on.evPerWall / 1e6)} M vs >= 3 M  -> ${f(on.evPerWall / TARGET_EVENTS_PER_S)}`);
    console.log(`  events/s in process, CPU:   ${f(on.evPerCpu / 1e6)} M vs >= 3 M  -> ${f(on.evPerCpu / TARGET_EVENTS_PER_S)}`);
    console.log(`  runs per core-hour (CPU):   ${on.runsPerCoreHour.toFixed(0)} vs >= 2,500  -> ${f(on.runsPerCoreHour / TARGET_RUNS_PER_CORE_HOUR)}`);
    console.log(`  runs per wall hour, 1 worker: ${on.runsPerWallHour.toFixed(0)} vs >= 2,500  -> ${f(on.runsPerWallHour / TARGET_RUNS_PER_CORE_HOUR)}`);
    console.log(`  (dealers not hedging: ${f(off.evPerWall / 1e6)} M ev/s wall, ${off.runsPerCoreHour.toFixed(0)} runs per core-hour)`);
  },
};
