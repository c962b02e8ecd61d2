/**
 * The run progress bar (cli-progress) on stderr, drawn only when stderr is a TTY, not under CI
 * and not with --json (see term.ts `progressAllowed`); otherwise a no-op. Reads the wall clock
 * for the event rate (the cli is the only layer allowed to).
 */
import { durationText } from './format/numbers.js';

export interface Progress {
  update(simNowNs: number, endNs: number, events: number): void;
  stop(): void;
}

const NOOP: Progress = { update() {}, stop() {} };

/** Seconds of wall time between progress lines when stderr is not a terminal. */
export const PROGRESS_LINE_EVERY_S = 10;

/**
 * Progress for a log file or a pipe (a batch job, CI): one plain line every
 * {@link PROGRESS_LINE_EVERY_S} seconds of wall time, so a long run is visibly alive.
 */
export function progressLines(write: (line: string) => void, everyS = PROGRESS_LINE_EVERY_S): Progress {
  const started = performance.now();
  let next = started + everyS * 1000;
  return {
    update(simNowNs, endNs, events) {
      const now = performance.now();
      if (now < next) return;
      next = now + everyS * 1000;
      const pct = endNs > 0 ? Math.min(100, Math.floor((100 * simNowNs) / endNs)) : 100;
      write(`progress  ${pct}%  sim ${durationText(simNowNs)} of ${durationText(endNs)}  ${events.toLocaleString('en-US')} events  ${Math.round((now - started) / 1000)} s`);
    },
    stop() {},
  };
}

/** A progress bar on stderr, or a no-op when `enabled` is false. */
export async function createProgress(enabled: boolean): Promise<Progress> {
  if (!enabled) return NOOP;
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {percentage}% | sim {sim} of {end} | {events} events | {rate} ev/s',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let running = false;
  return {
    update(simNowNs, endNs, events) {
      const seconds = (performance.now() - started) / 1000;
      const payload = {
        sim: durationText(simNowNs),
        end: durationText(endNs),
        events: events.toLocaleString('en-US'),
        rate: seconds > 0 ? Math.round(events / seconds).toLocaleString('en-US') : '0',
      };
      if (!running) {
        bar.start(endNs, simNowNs, payload);
        running = true;
      } else {
        bar.update(simNowNs, payload);
      }
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
