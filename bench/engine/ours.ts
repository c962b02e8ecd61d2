/**
 * gammaloop's side of the engine benchmark: one scenario run in this process through
 * runScenario (as `gammaloop run` minus Node start), or as a whole `gammaloop run` process, and
 * the workload counted the way ABIDES counts it (docs/performance.md, "workload"): kernel events
 * (queue items delivered: messages and wake-ups), orders submitted, cancels submitted (requests
 * that canceled an order), trades (fills) and volume. The counts come from an untimed run with the
 * `orders` table on (observers never perturb a run, so the timed run has the same workload).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readArrowFile } from '../../src/output/reader.js';
import { loadScenario } from '../../src/scenario/index.js';
import { runScenario } from '../../src/run/runScenario.js';

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** One in-process run: wall seconds split into simulate (build + run) and finish, CPU seconds, RSS in MB. */
export interface InProcessRun {
  readonly events: number;
  readonly wallS: number;
  readonly simulateS: number;
  readonly finishS: number;
  /** Process CPU time (all threads, GC helpers included): steadier than wall on a loaded machine. */
  readonly cpuS: number;
  readonly rssMb: number;
}

/** The workload of one run, counted as ABIDES counts its own. */
export interface Workload {
  readonly kernelEvents: number;
  readonly ordersSubmitted: number;
  readonly cancelsSubmitted: number;
  readonly trades: number;
  readonly volume: number;
}

function withTempDir<T>(label: string, f: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), `gammaloop-bench-${label}-`));
  try {
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `file` in this process and times it. */
export async function runInProcess(file: string, set: readonly string[] = []): Promise<InProcessRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gammaloop-bench-engine-'));
  try {
    const loaded = loadScenario(file, { set });
    const t0 = nowMs();
    const c0 = process.cpuUsage();
    let lastSlice = t0;
    const r = await runScenario({ loaded, outDir: dir, wallClockMs: nowMs, onProgress: () => (lastSlice = nowMs()), writeManifest: false });
    const t1 = nowMs();
    const cpu = process.cpuUsage(c0);
    if (r.status !== 'complete') throw new Error(`engine bench: ${file} ended ${r.status}`);
    return { events: r.events, wallS: (t1 - t0) / 1e3, simulateS: (lastSlice - t0) / 1e3, finishS: (t1 - lastSlice) / 1e3, cpuS: (cpu.user + cpu.system) / 1e6, rssMb: process.memoryUsage().rss / 2 ** 20 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `file` as a whole `gammaloop run` process (built CLI in dist/); wall seconds and peak RSS in MB. */
export function runAsProcess(file: string): { readonly wallS: number; readonly peakRssMb: number } {
  return withTempDir('process', (dir) => {
    const t0 = nowMs();
    const r = spawnSync('/usr/bin/time', ['-v', process.execPath, 'dist/src/cli/main.js', 'run', file, '--out', path.join(dir, 'out'), '--quiet'], { encoding: 'utf8' });
    const wallS = (nowMs() - t0) / 1e3;
    if (r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
      // No GNU time: run without it (peak RSS unknown).
      const t1 = nowMs();
      const q = spawnSync(process.execPath, ['dist/src/cli/main.js', 'run', file, '--out', path.join(dir, 'out2'), '--quiet'], { encoding: 'utf8' });
      if (q.status !== 0) throw new Error(`gammaloop run ${file} exited ${q.status}: ${q.stderr}`);
      return { wallS: (nowMs() - t1) / 1e3, peakRssMb: Number.NaN };
    }
    if (r.status !== 0) throw new Error(`gammaloop run ${file} exited ${r.status}: ${r.stderr.slice(-2000)}`);
    const rss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(r.stderr);
    return { wallS, peakRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN };
  });
}

/** Counts the workload of `file` in an untimed run with the `orders` table on. */
export async function countWorkload(file: string): Promise<Workload> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gammaloop-bench-count-'));
  try {
    const loaded = loadScenario(file, { set: ['output.tables=[orders]'] });
    const r = await runScenario({ loaded, outDir: dir, wallClockMs: nowMs, writeManifest: false });
    if (r.status !== 'complete') throw new Error(`engine bench: counting run of ${file} ended ${r.status}`);
    const orders = readArrowFile(path.join(dir, 'orders.arrow'));
    const events = orders.column('event');
    let submitted = 0;
    let canceled = 0;
    for (const e of events) {
      if (e === 'submitted') submitted++;
      else if (e === 'canceled') canceled++;
    }
    const trades = readArrowFile(path.join(dir, 'trades.arrow'));
    const sizes = trades.numbers('size');
    let volume = 0;
    for (let i = 0; i < sizes.length; i++) volume += sizes[i] as number;
    return { kernelEvents: r.events, ordersSubmitted: submitted, cancelsSubmitted: canceled, trades: trades.numRows, volume };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
