/**
 * Random-stream throughput (`npm run bench -- rng`): draws per second of the 53-bit uniforms
 * (engine/rng.ts: two tychei outputs per uniform) against the 32-bit uniforms they replaced
 * (one tychei output / 2^32, rebuilt here as `Uniform32`, the old `RandomStream.uniform`), and
 * of the derived draws agents use (exponential, normal, a lognormal size), interleaved in rounds
 * in one process; the best round estimates the uncontended speed, the ratio is what counts.
 * An observed stream (tests only) is timed last, after the others: once a process has drawn from
 * an observed stream, the draw methods' call sites see two classes and every stream slows down,
 * which ordinary runs (no observer) never do.
 */
import seedrandom from 'seedrandom';
import { RandomStream, StreamFactory } from '../src/engine/rng.js';
import type { BenchModule } from './run.js';

const DRAWS = 5_000_000;
const ROUNDS = 7;

/** The pre-issue-13 uniform: one 32-bit tychei output, k / 2^32. */
class Uniform32 {
  private readonly prng = seedrandom.tychei('bench/rng/32', { state: true });
  uniform(): number {
    return this.prng();
  }
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.prng());
  }
}

interface Case {
  readonly name: string;
  readonly draw: () => number;
}

function timeRound(c: Case): number {
  let acc = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < DRAWS; i++) acc += c.draw();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!Number.isFinite(acc)) throw new Error('non-finite draws');
  return DRAWS / s;
}

export const bench: BenchModule = {
  name: 'rng',
  run() {
    const old = new Uniform32();
    const s = RandomStream.derive(1, 'bench/rng/53');
    const cases: Case[] = [
      { name: 'uniform, 32-bit (before)', draw: () => old.uniform() },
      { name: 'uniform, 53-bit (now)', draw: () => s.uniform() },
      { name: 'exponential, 32-bit (before)', draw: () => old.exponential(1) },
      { name: 'exponential, 53-bit (now)', draw: () => s.exponential(1) },
      { name: 'normal, 53-bit', draw: () => s.normal() },
      { name: 'lognormal, 53-bit', draw: () => s.lognormal(0, 1) },
    ];
    const rates = cases.map(() => [] as number[]);
    for (let r = 0; r < ROUNDS; r++) cases.forEach((c, i) => (rates[i] as number[]).push(timeRound(c)));
    const best = rates.map((xs) => Math.max(...xs));
    const median = rates.map((xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number);
    cases.forEach((c, i) => {
      console.log(`${c.name.padEnd(36)} best ${((best[i] as number) / 1e6).toFixed(1).padStart(6)} M/s  median ${((median[i] as number) / 1e6).toFixed(1).padStart(6)} M/s`);
    });
    const ratio = (a: number, b: number): string => ((best[a] as number) / (best[b] as number)).toFixed(2);
    console.log(`53-bit / 32-bit: uniform ${ratio(1, 0)}x, exponential ${ratio(3, 2)}x (best rounds)`);
    let seen = 0;
    const observed = new StreamFactory(1, { onDraw: () => void seen++ }).stream('bench/rng/observed');
    const obs = Math.max(...Array.from({ length: ROUNDS }, () => timeRound({ name: 'observed', draw: () => observed.uniform() })));
    console.log(`uniform, 53-bit, observed (tests only): best ${(obs / 1e6).toFixed(1)} M/s (${seen} draws seen)`);
  },
};
