/**
 * Sweep scaling (`npm run bench -- sweep`, issue 17 item 6): the full-feature day (scenarios/
 * full-feature-day.yaml, shortened to `SWEEP_BENCH_DURATION`, default 1 h) over
 * `SWEEP_BENCH_SEEDS` seeds (default 8) through the persistent worker pool with 1 and with 2
 * workers, in `SWEEP_BENCH_ROUNDS` interleaved rounds (default 3); each round starts a fresh pool
 * (its start-up is part of the sweep) into a fresh directory. Target: 2 workers >= 1.7x the
 * runs/s of one.
 *
 * The machine is shared, so each round also runs a capacity control (bench/sweep/spin.ts, a
 * fixed CPU loop, 1 and then 2 concurrent processes): its 2-vs-1 ratio is what the machine gave
 * a second process at that moment. Printed per round and as medians: runs/s, the 2-vs-1 ratio,
 * the control's ratio, and the workers' CPU from /proc split into main threads and helper threads
 * (V8's concurrent GC and JIT). From the CPU come two estimates of what two idle cores would
 * give: one worker's wall is its main thread's CPU (its helpers run on the other core), and two
 * workers' wall is at least their total CPU / 2 (and at least the busier main thread), either as
 * measured in the 2-worker round (slowed by whatever shared the machine then) or, the bound
 * without contention, with the 1-worker round's CPU per run: 2 x main / (main + helpers). Also checks the two
 * worker counts wrote the same summary.arrow bytes (the e2e test checks every file).
 *
 * Run after a build: `npx tsc -p tsconfig.build.json && node dist/bench/run.js sweep`.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectSweep, forkPool, gridCells, planSweep } from '../src/run/sweep/index.js';
import type { BenchModule } from './run.js';
import { ChildCpuSampler, type ChildCpu } from './sweep/procCpu.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKER = path.join(ROOT, 'dist/src/cli/sweep/worker.js');
const SPIN = path.join(ROOT, 'dist/bench/sweep/spin.js');
const ROUNDS = Math.max(1, Number(process.env['SWEEP_BENCH_ROUNDS'] ?? 3));
const SEEDS = Array.from({ length: Math.max(2, Number(process.env['SWEEP_BENCH_SEEDS'] ?? 8)) }, (_, i) => i + 1);
const DURATION = process.env['SWEEP_BENCH_DURATION'] ?? '1h';
const SCENARIO = 'scenarios/full-feature-day.yaml';
const TARGET = 1.7;

interface Round {
  readonly runsPerS: number;
  readonly cpu: ChildCpu;
}

async function sweepRound(workers: number, dir: string): Promise<Round> {
  const p = planSweep({ scenario: path.join(ROOT, SCENARIO), set: [`clock.duration=${DURATION}`], cells: gridCells([]), seeds: SEEDS, out: dir });
  const sampler = new ChildCpuSampler();
  const timer = setInterval(() => sampler.poll(), 100);
  const start = performance.now();
  let failed = 0;
  try {
    await forkPool({ script: WORKER, size: workers, spec: p.spec, dir: p.dir }).run(p.pending, (o) => {
      sampler.poll();
      if (o.status !== 'complete') failed++;
    });
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - start) / 1000;
  if (failed > 0) throw new Error(`${failed} runs failed`);
  await collectSweep(dir);
  return { runsPerS: p.pending.length / seconds, cpu: sampler.totals() };
}

/** Wall seconds of `procs` concurrent copies of the control loop. */
async function spin(procs: number): Promise<number> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: procs }, () => new Promise<void>((resolve, reject) => {
      spawn(process.execPath, [SPIN], { stdio: 'ignore' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`spin exited ${code}`))));
    })),
  );
  return (performance.now() - start) / 1000;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
};
const f = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

/** Ratio two idle cores would give, from CPU: 1 worker's main-thread CPU over 2 workers' lower bound on wall. */
function idleCoreRatio(one: ChildCpu, two: ChildCpu): number {
  return one.mainS / Math.max((two.mainS + two.helpersS) / 2, two.maxMainS);
}

export const bench: BenchModule = {
  name: 'sweep',
  async run() {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-bench-sweep-'));
    try {
      const loads: number[] = [];
      const ratio: number[] = [];
      const control: number[] = [];
      const idle: number[] = [];
      const rates: Record<1 | 2, number[]> = { 1: [], 2: [] };
      const cpuPerRun: Record<1 | 2, number[]> = { 1: [], 2: [] };
      const helperShare: number[] = [];
      const bound: number[] = [];
      console.log(`${SEEDS.length} runs per sweep (${SCENARIO}, ${DURATION} simulated, default tables), ${ROUNDS} interleaved rounds, ${os.availableParallelism()} CPUs`);
      for (let r = 0; r < ROUNDS; r++) {
        loads.push(os.loadavg()[0] as number);
        const s1 = await spin(1);
        const s2 = await spin(2);
        const one = await sweepRound(1, path.join(tmp, `w1-r${r}`));
        const two = await sweepRound(2, path.join(tmp, `w2-r${r}`));
        const n = SEEDS.length;
        rates[1].push(one.runsPerS);
        rates[2].push(two.runsPerS);
        ratio.push(two.runsPerS / one.runsPerS);
        control.push((2 * s1) / s2);
        idle.push(idleCoreRatio(one.cpu, two.cpu));
        cpuPerRun[1].push((one.cpu.mainS + one.cpu.helpersS) / n);
        cpuPerRun[2].push((two.cpu.mainS + two.cpu.helpersS) / n);
        helperShare.push(one.cpu.helpersS / one.cpu.mainS);
        bound.push((2 * one.cpu.mainS) / (one.cpu.mainS + one.cpu.helpersS));
        console.log(
          `round ${r + 1} (load ${f(loads[r] as number, 1)}): 1 worker ${f(one.runsPerS)} runs/s, 2 workers ${f(two.runsPerS)} runs/s -> ${f(ratio[r] as number)}x; ` +
            `control ${f(control[r] as number)}x; CPU per run: 1 worker ${f(cpuPerRun[1][r] as number)} s (main ${f(one.cpu.mainS / n)} + helpers ${f(one.cpu.helpersS / n)}), ` +
            `2 workers ${f(cpuPerRun[2][r] as number)} s (main ${f(two.cpu.mainS / n)} + helpers ${f(two.cpu.helpersS / n)}); idle-core ratio from CPU ${f(idle[r] as number)}x`,
        );
        if (r > 0) for (const w of [1, 2]) fs.rmSync(path.join(tmp, `w${w}-r${r}`), { recursive: true, force: true });
      }
      const a = fs.readFileSync(path.join(tmp, 'w1-r0', 'summary.arrow'));
      const b = fs.readFileSync(path.join(tmp, 'w2-r0', 'summary.arrow'));
      console.log(`medians over ${ROUNDS} rounds (load average ${loads.map((l) => f(l, 1)).join(', ')} at round starts; ${f(os.loadavg()[0] as number, 1)} at the end):`);
      console.log(`  runs/s: 1 worker ${f(median(rates[1]))}, 2 workers ${f(median(rates[2]))}; 2 vs 1 (median of the rounds' ratios) ${f(median(ratio))}x (target >= ${TARGET}x -> ${f(median(ratio) / TARGET)} of it)`);
      console.log(`  capacity control, 2 vs 1 processes: ${f(median(control))}x (what the machine gave a second process); sweep ratio / control: ${f(median(ratio) / median(control))}`);
      console.log(`  CPU per run: 1 worker ${f(median(cpuPerRun[1]))} s, 2 workers ${f(median(cpuPerRun[2]))} s; one worker's helper threads use ${f(100 * median(helperShare), 0)}% of its main thread's CPU`);
      console.log(`  ratio two idle cores would give, from CPU: ${f(median(idle))}x with the 2-worker rounds' CPU, ${f(median(bound))}x without contention (2 x main / (main + helpers) of one worker); target >= ${TARGET}x -> ${f(median(idle) / TARGET)} and ${f(median(bound) / TARGET)} of it`);
      console.log(`  summary.arrow identical for 1 and 2 workers: ${a.equals(b)}`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};
