/**
 * ABIDES-JPMC as a side-by-side peer: runs `../shared/peers/run-abides.sh SEED END_TIME` (it
 * unpacks the pinned ABIDES, installs its Python dependencies from Debian the first time and runs
 * the rmsc04 configuration) and parses its `RESULT {json}` line and GNU time's elapsed wall and
 * peak RSS. The workload fields are ABIDES's own counts (docs/performance.md, "workload").
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where the peer script sits relative to the repository root (CI: a clone with shared/ beside it). */
export const ABIDES_SCRIPT = path.join('..', 'shared', 'peers', 'run-abides.sh');

/** One ABIDES run: wall times in seconds, workload counts, peak RSS in MB. */
export interface AbidesRun {
  readonly processWallS: number;
  /** `kernel.run()` alone (the in-process figure). */
  readonly runS: number;
  readonly importS: number;
  readonly buildS: number;
  readonly kernelEvents: number;
  readonly ordersSubmitted: number;
  readonly cancelsSubmitted: number;
  readonly trades: number;
  readonly volume: number;
  readonly peakRssMb: number;
}

/** Parses GNU time's `Elapsed (wall clock) time (h:mm:ss or m:ss): 0:27.31` into seconds. */
export function parseElapsedS(text: string): number {
  const m = /Elapsed \(wall clock\) time \([^)]*\):\s*([\d:.]+)/.exec(text);
  if (m === null) return Number.NaN;
  return (m[1] as string).split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

/** Parses the script's stdout; throws with the output when the RESULT line is missing. */
export function parseAbidesOutput(stdout: string): AbidesRun {
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (line === undefined) throw new Error(`run-abides.sh printed no RESULT line:\n${stdout.slice(-2000)}`);
  const r = JSON.parse(line.slice('RESULT '.length)) as Record<string, number>;
  const rss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stdout);
  const num = (k: string): number => {
    const v = r[k];
    if (typeof v !== 'number') throw new Error(`ABIDES RESULT lacks ${k}`);
    return v;
  };
  return {
    processWallS: parseElapsedS(stdout),
    runS: num('run_s'),
    importS: num('import_s'),
    buildS: num('build_s'),
    kernelEvents: num('kernel_events'),
    ordersSubmitted: num('orders_submitted'),
    cancelsSubmitted: num('cancels_submitted'),
    trades: num('trades'),
    volume: num('volume'),
    peakRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
  };
}

/** Runs ABIDES rmsc04 for one seed over 09:30-`endTime`, or returns null when the peer is absent. */
export function runAbides(seed: number, endTime: string): AbidesRun | null {
  if (!existsSync(ABIDES_SCRIPT)) return null;
  const r = spawnSync('bash', [ABIDES_SCRIPT, String(seed), endTime], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`run-abides.sh exited ${r.status}:\n${(r.stdout + r.stderr).slice(-3000)}`);
  return parseAbidesOutput(r.stdout);
}
