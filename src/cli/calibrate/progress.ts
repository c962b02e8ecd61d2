/**
 * Calibration progress on stderr: a bar over the evaluation budget (runs of the candidate in
 * flight, best J so far, ETA) when stderr is a TTY, else one line per evaluation. Reads the wall
 * clock for rates (cli/ may).
 */
import type { Evaluation } from '../../run/calibrate/index.js';
import { log } from '../term.js';

export interface CalibrationProgress {
  evaluation(e: { evaluation: Evaluation; objective: number; best: number; replayed: boolean; evals: number }): void;
  run(): void;
  stop(): void;
}

const num = (x: number): string => (Number.isFinite(x) ? x.toPrecision(4) : String(x));

export async function calibrationProgress(maxEvals: number, seeds: number, names: readonly string[], mode: 'bar' | 'lines' | 'none'): Promise<CalibrationProgress> {
  if (mode === 'none') return { evaluation() {}, run() {}, stop() {} };
  const valuesText = (v: readonly number[]): string => names.map((n, i) => `${n.split('.').at(-1)}=${v[i]}`).join(' ');
  if (mode === 'lines') {
    return {
      evaluation(e) {
        log(`eval ${e.evals}/${maxEvals}${e.replayed ? ' (journal)' : ''}  J=${num(e.objective)}  best=${num(e.best)}  ${valuesText(e.evaluation.values)}`);
      },
      run() {},
      stop() {},
    };
  }
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {value}/{total} evals | runs {runs}/{seeds} | best J {best} | {values} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      fps: 5,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let runs = 0;
  let started = false;
  const payload = { runs: 0, seeds, best: '-', values: '' };
  const start = (): void => {
    if (!started) bar.start(maxEvals, 0, payload);
    started = true;
  };
  return {
    evaluation(e) {
      start();
      runs = 0;
      bar.update(e.evals, { runs, best: num(e.best), values: valuesText(e.evaluation.values) });
    },
    run() {
      start();
      runs++;
      bar.update({ runs });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
