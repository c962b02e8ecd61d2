/**
 * Sweep progress on stderr: a bar (runs done of pending, failures, ETA) when stderr is a TTY,
 * otherwise one line per finished run (`run 3/20  cell=1 seed=2  complete  0.84 s`). Reads the
 * wall clock for the ETA (cli/ may).
 */
import type { RunOutcome } from '../../run/sweep/index.js';
import { log, paintErr } from '../term.js';

export interface SweepProgress {
  outcome(o: RunOutcome): void;
  stop(): void;
}

/** `bar`: draw a bar; otherwise lines (or nothing when `quiet`). */
export async function sweepProgress(total: number, mode: 'bar' | 'lines' | 'none'): Promise<SweepProgress> {
  let done = 0;
  let failed = 0;
  if (mode === 'none') return { outcome() {}, stop() {} };
  if (mode === 'lines') {
    return {
      outcome(o) {
        done++;
        const what = o.status === 'complete' ? 'complete' : o.status === 'failed' ? paintErr('red', `FAILED: ${o.message}`) : o.status === 'busy' ? paintErr('yellow', 'busy (another process runs it)') : 'interrupted';
        log(`run ${done}/${total}  cell=${o.cell} seed=${o.seed}  ${what}  ${(o.wallMs / 1000).toFixed(2)} s`);
      },
      stop() {},
    };
  }
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {value}/{total} runs | {failed} failed | {rate} runs/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(total, 0, { failed: 0, rate: '0' });
  return {
    outcome(o) {
      done++;
      if (o.status === 'failed') failed++;
      const s = (performance.now() - started) / 1000;
      bar.update(done, { failed, rate: s > 0 ? (done / s).toFixed(2) : '0' });
    },
    stop() {
      bar.stop();
    },
  };
}
