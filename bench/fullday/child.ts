/**
 * The full-feature day measured in its own process (spawned by bench/fullday.ts, so peak RSS is
 * this workload's alone): `rounds` interleaved rounds of the day as written and of the same day
 * with the dealers not hedging (`agents.dealers.hedge={policy: none}`; both arms see the same
 * machine load), each through runScenario into a fresh directory with the scenario's default
 * tables on (what a user's run writes), then one more run of the day under node:inspector's
 * sampling profiler (500 us) for the per-component split. Prints one JSON line. With rounds 0
 * it runs a 1 h warm-up of the day instead of the timed rounds, then the profiled day (for the
 * `--no-turbo-inlining` profile, whose timings are not the benchmark's).
 *
 * Usage: node dist/bench/fullday/child.js <scenario> <rounds>
 */
import { Session, type Profiler } from 'node:inspector';
import { runInProcess, type InProcessRun } from '../engine/ours.js';
import { splitProfile, type ProfileSplit } from './profile.js';

const DEALERS_OFF = ['agents.dealers.hedge={policy: none}'];

export interface FulldayResult {
  readonly scenario: string;
  readonly on: InProcessRun[];
  readonly off: InProcessRun[];
  /** Peak RSS of this process after the timed runs (process.resourceUsage().maxRSS), MB. */
  readonly peakRssMb: number;
  /** Peak RSS after the first run alone, MB (the rounds after it show whether it grows). */
  readonly peakRssFirstMb: number;
  readonly profile: ProfileSplit;
  /** Wall of the profiled run, s (the profiler slows it; only its shares are read). */
  readonly profiledWallS: number;
}

const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

async function profiled<T>(f: () => Promise<T>): Promise<{ result: T; profile: Profiler.Profile }> {
  const session = new Session();
  session.connect();
  const post = <R>(method: string, params?: object): Promise<R> =>
    new Promise((resolve, reject) => session.post(method, params ?? {}, (err, r) => (err ? reject(err) : resolve(r as R))));
  try {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
    const result = await f();
    const { profile } = await post<{ profile: Profiler.Profile }>('Profiler.stop');
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

async function main(): Promise<void> {
  const [scenario, roundsArg] = process.argv.slice(2);
  if (scenario === undefined) throw new Error('usage: child.js <scenario> <rounds>');
  const rounds = Math.max(0, Number(roundsArg ?? 3));
  const on: InProcessRun[] = [];
  const off: InProcessRun[] = [];
  let peakRssFirstMb = 0;
  for (let r = 0; r < rounds; r++) {
    on.push(await runInProcess(scenario));
    if (r === 0) peakRssFirstMb = peakRssMb();
    off.push(await runInProcess(scenario, DEALERS_OFF));
  }
  if (rounds === 0) await runInProcess(scenario, ['clock.duration=1h']);
  const peak = peakRssMb();
  const { result, profile } = await profiled(() => runInProcess(scenario));
  const out: FulldayResult = { scenario, on, off, peakRssMb: peak, peakRssFirstMb, profile: splitProfile(profile), profiledWallS: result.wallS };
  console.log(JSON.stringify(out));
}

await main();
