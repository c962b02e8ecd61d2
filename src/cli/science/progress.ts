/**
 * Science progress on stderr: a bar (runs done of runs asked so far, current check, ETA) when
 * stderr is a TTY, else one line per check batch; nothing with --json. Reads the wall clock.
 */
import type { CheckReport } from '../../science/check.js';
import type { JobOutcome } from '../../science/job.js';
import type { SuiteProgress } from '../../science/suite.js';
import { log } from '../term.js';

export interface ScienceProgress {
  readonly suite: SuiteProgress;
  stop(): void;
}

export async function scienceProgress(mode: 'bar' | 'lines' | 'none'): Promise<ScienceProgress> {
  const noop: SuiteProgress = { checkStart() {}, batch() {}, jobDone() {}, checkDone() {} };
  if (mode === 'none') return { suite: noop, stop() {} };
  if (mode === 'lines') {
    let started = 0;
    return {
      suite: {
        checkStart(name) {
          log(`check ${name} ...`);
        },
        batch(name, jobs) {
          started = performance.now();
          log(`  ${name}: ${jobs} runs`);
        },
        jobDone(o: JobOutcome) {
          if (!o.ok) log(`  run failed: ${o.message}`);
        },
        checkDone(r: CheckReport) {
          log(`  ${r.name}: ${r.pass ? 'PASS' : 'FAIL'} (${((performance.now() - started) / 1000).toFixed(1)} s last batch)`);
        },
      },
      stop() {},
    };
  }
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{bar} {value}/{total} runs | {check} | {failed} failed | ETA {eta_formatted}', hideCursor: true, clearOnComplete: true, fps: 10, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  let total = 0;
  let done = 0;
  let failed = 0;
  let running = false;
  let check = '';
  return {
    suite: {
      checkStart(name) {
        check = name;
      },
      batch(_name, jobs) {
        total += jobs;
        if (!running) {
          bar.start(total, done, { check, failed });
          running = true;
        } else bar.setTotal(total);
      },
      jobDone(o) {
        done++;
        if (!o.ok) failed++;
        bar.update(done, { check, failed });
      },
      // The verdict is printed next: take the bar off the terminal first (the next batch redraws it).
      checkDone() {
        if (running) bar.stop();
        running = false;
      },
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
