import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Kernel, PRIORITY_WAKEUP, type Actor, type ActorContext } from '../../../src/engine/kernel.js';
import { ConstantLatency, UniformLatency, type LatencyModel } from '../../../src/engine/latency.js';
import { RandomStream, StreamFactory } from '../../../src/engine/rng.js';
import { NumPool, type Num } from './pool.js';

type Ctx = ActorContext<Num>;
type A = Actor<Ctx, Num>;

function newKernel(opts: { seed?: number; maxSame?: number; label?: string } = {}): Kernel<Num> {
  return new Kernel<Num>({
    rootSeed: opts.seed ?? 1,
    payloads: new NumPool(),
    ...(opts.maxSame !== undefined ? { maxSameTimeEvents: opts.maxSame } : {}),
    ...(opts.label !== undefined ? { label: opts.label } : {}),
  });
}

/** An actor that wakes at the given times (scheduled in onStart) and logs what happens. */
function waker(log: string[], times: readonly number[]): A {
  return {
    onStart(ctx) {
      log.push(`start ${ctx.name}`);
      times.forEach((t, i) => ctx.wakeAt(t, i));
    },
    onWakeup(ctx, tag) {
      log.push(`wake ${ctx.name} ${tag} @${ctx.now}`);
    },
    onStop(ctx) {
      log.push(`stop ${ctx.name}`);
    },
  };
}

describe('kernel lifecycle', () => {
  it('starts in id order, runs events in time order, stops in id order', () => {
    const log: string[] = [];
    const k = newKernel();
    k.addActor('a', waker(log, [20, 5]));
    k.addActor('b', waker(log, [10]));
    k.runUntil(100);
    k.stop();
    expect(log).toEqual(['start a', 'start b', 'wake a 1 @5', 'wake b 0 @10', 'wake a 0 @20', 'stop a', 'stop b']);
  });

  it('start and stop are idempotent; adding after start and running after stop throw', () => {
    const log: string[] = [];
    const k = newKernel({ label: 'seed=1 scenario=t' });
    k.addActor('a', waker(log, []));
    k.start();
    k.start();
    expect(() => k.addActor('late', {})).toThrow(/after the kernel started/);
    k.stop();
    k.stop();
    expect(log).toEqual(['start a', 'stop a']);
    expect(() => k.runUntil(10)).toThrow(/after stop\(\).*scenario=t/);
  });

  it('names, ids and contexts follow registration order', () => {
    const k = newKernel();
    expect(k.addActor('x', {})).toBe(0);
    expect(k.addActor('y', {}, 'custom/y')).toBe(1);
    expect(k.actorCount).toBe(2);
    expect(k.actorName(1)).toBe('y');
    expect(k.contextOf(0).id).toBe(0);
    expect(() => k.contextOf(2)).toThrow(RangeError);
  });

  it('rejects a duplicate actor name or stream prefix (they would share random draws)', () => {
    const k = newKernel();
    k.addActor('x', {});
    k.addActor('y', {}, 'custom/y');
    expect(() => k.addActor('x', {}, 'other')).toThrow(/duplicate actor name "x"/);
    expect(() => k.addActor('z', {}, 'custom/y')).toThrow(/duplicate actor stream prefix "custom\/y"/);
    expect(() => k.addActor('w', {}, 'agent/x')).toThrow(/duplicate actor stream prefix/);
    expect(k.actorCount).toBe(2);
  });

  it('rejects a purpose stream that is another actor\'s own stream, in either order', () => {
    const k = newKernel();
    k.addActor('cex', {});
    k.addActor('cex/liquidation', {});
    expect(() => k.contextOf(0).stream('liquidation')).toThrow(/"agent\/cex\/liquidation" is also an actor's own stream/);
    expect(k.contextOf(0).stream('funding').name).toBe('agent/cex/funding');
    expect(() => k.addActor('cex/funding', {})).toThrow(/duplicate actor stream prefix/);
  });
});

describe('kernel time', () => {
  it('throws, naming the run, when an actor asks to wake in the past', () => {
    const k = newKernel({ label: 'seed=9 scenario=abc' });
    k.addActor('a', {
      onStart: (ctx) => ctx.wakeAt(10),
      onWakeup: (ctx) => ctx.wakeAt(9),
    });
    expect(() => k.runUntil(100)).toThrow(/wake at 9 ns, before now \(10 ns\).*seed=9 scenario=abc/);
  });

  it.each([
    ['negative delay', (ctx: Ctx) => ctx.wakeAfter(-1)],
    ['NaN time', (ctx: Ctx) => ctx.wakeAt(NaN)],
    ['fractional time', (ctx: Ctx) => ctx.wakeAt(1.5)],
    ['bad priority', (ctx: Ctx) => ctx.wakeAt(1, 0, 999)],
    ['unknown recipient', (ctx: Ctx) => ctx.send(5, { value: 1 })],
    ['negative extra delay', (ctx: Ctx) => ctx.send(0, { value: 1 }, -3)],
  ])('rejects a %s', (_name, act) => {
    const k = newKernel();
    k.addActor('a', { onStart: act });
    expect(() => k.runUntil(100)).toThrow();
  });

  it.each([NaN, -1, 2.5])('rejects runUntil end time %d', (end) => {
    const k = newKernel();
    k.addActor('a', waker([], [1]));
    expect(() => k.runUntil(end)).toThrow(RangeError);
  });

  it('advances the clock to endNs when nothing is left before it, also when maxEvents ran out exactly', () => {
    const k = newKernel();
    k.addActor('a', waker([], [3, 7]));
    expect(k.runUntil(10, 2)).toBe(2);
    expect(k.now).toBe(10);
    const k2 = newKernel();
    k2.addActor('a', waker([], [3, 7]));
    expect(k2.runUntil(10, 1)).toBe(1);
    expect(k2.now).toBe(3); // an event at 7 is still pending
    expect(k2.runUntil(Infinity)).toBe(1);
    expect(k2.now).toBe(7);
  });

  it('is not re-entrant: runUntil from a handler throws', () => {
    const k = newKernel();
    k.addActor('a', { onStart: (ctx) => ctx.wakeAt(1), onWakeup: () => void k.runUntil(5) });
    expect(() => k.runUntil(10)).toThrow(/not re-entrant/);
  });
});

/** A random world: actors wake at exponential gaps and message random peers over links. */
function randomWorld(seed: number, actors: number, trace: string[]): Kernel<Num> {
  const k = newKernel({ seed });
  const out: Num = { value: 0 };
  for (let i = 0; i < actors; i++) {
    k.addActor(`n${i}`, {
      onStart: (ctx) => ctx.wakeAfter(Math.round(ctx.rng.exponential(1000))),
      onWakeup(ctx, tag) {
        trace.push(`${ctx.now} w ${ctx.id} ${tag}`);
        out.value = ctx.rng.int(1_000_000);
        ctx.send(ctx.rng.int(actors), out, ctx.rng.int(3) * 100);
        ctx.wakeAfter(Math.round(ctx.rng.exponential(1000)), tag + 1);
      },
      onMessage(ctx, msg, from) {
        trace.push(`${ctx.now} m ${ctx.id} ${from} ${msg.value}`);
      },
    });
  }
  for (let i = 0; i < actors; i++) {
    const j = (i + 1) % actors;
    k.setLinkLatency(i, j, new UniformLatency(0, 500), `latency/${i}/${j}`);
  }
  return k;
}

describe('kernel runs', () => {
  it('time seen by handlers never goes back', () => {
    const trace: string[] = [];
    const k = randomWorld(3, 8, trace);
    k.runUntil(200_000);
    const times = trace.map((l) => Number(l.split(' ')[0]));
    expect(times.length).toBeGreaterThan(1000);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
  });

  it('any slicing by time and event budget gives the same trace and end state as one run', () => {
    const endNs = 50_000;
    const whole: string[] = [];
    const kw = randomWorld(5, 6, whole);
    kw.runUntil(endNs);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 40 })), { maxLength: 60 }), (slices) => {
        const trace: string[] = [];
        const k = randomWorld(5, 6, trace);
        let t = 0;
        for (const [dt, budget] of slices) {
          t = Math.min(endNs, t + dt);
          k.runUntil(t, budget);
        }
        while (k.nextEventTimeNs <= endNs || k.now < endNs) k.runUntil(endNs, 7);
        expect(trace).toEqual(whole);
        expect(k.now).toBe(kw.now);
        expect(k.eventsProcessed).toBe(kw.eventsProcessed);
        expect(k.pendingEvents).toBe(kw.pendingEvents);
      }),
      { numRuns: 40 },
    );
  });

  it('maxEvents caps the events of one call and eventsProcessed counts them', () => {
    const k = newKernel();
    k.addActor('a', waker([], [1, 2, 3, 4, 5]));
    expect(k.runUntil(Infinity, 3)).toBe(3);
    expect(k.eventsProcessed).toBe(3);
    expect(k.pendingEvents).toBe(2);
    expect(k.runUntil(Infinity, 0)).toBe(0);
    expect(k.runUntil(Infinity)).toBe(2);
    expect(k.eventsProcessed).toBe(5);
    expect(() => k.runUntil(10, -1)).toThrow(RangeError);
  });

  it('delivers messages before wake-ups at one timestamp, then by priority', () => {
    const log: string[] = [];
    const k = newKernel();
    k.addActor('a', {
      onStart(ctx) {
        ctx.wakeAt(10, 1);
        ctx.wakeAt(10, 2, PRIORITY_WAKEUP - 1);
        ctx.send(0, { value: 7 }, 10);
      },
      onWakeup: (_ctx, tag) => void log.push(`w${tag}`),
      onMessage: (_ctx, m) => void log.push(`m${m.value}`),
    });
    k.runUntil(10);
    expect(log).toEqual(['m7', 'w2', 'w1']);
  });
});

describe('kernel same-timestamp cascade cap', () => {
  /** An actor that keeps re-waking at the same time `n` times. */
  const cascade = (n: number, at: number): A => ({
    onStart: (ctx) => ctx.wakeAt(at, 1),
    onWakeup: (ctx, tag) => void (tag < n && ctx.wakeAt(ctx.now, tag + 1)),
  });

  it.each([0, 5])('allows exactly the cap at t=%d and throws one past it, naming the run', (at) => {
    const ok = newKernel({ maxSame: 4 });
    ok.addActor('a', cascade(4, at));
    expect(ok.runUntil(100)).toBe(4);
    const bad = newKernel({ maxSame: 4, label: 'seed=1 scenario=loop' });
    bad.addActor('a', cascade(5, at));
    expect(() => bad.runUntil(100)).toThrow(new RegExp(`more than 4 events at t=${at} ns.*seed=1 scenario=loop`));
  });

  it.each([0, -1, 1.5, NaN])('rejects a cap of %d', (cap) => {
    expect(() => newKernel({ maxSame: cap })).toThrow(RangeError);
  });

  it('restarts the count when the clock advances to a slice end', () => {
    const k = newKernel({ maxSame: 3 });
    const a = k.addActor('a', cascade(3, 5));
    k.runUntil(9); // 3 events at t=5, then the clock moves to 9
    for (let i = 0; i < 3; i++) k.contextOf(a).wakeAt(9, 100);
    expect(k.runUntil(20)).toBe(3);
  });

  it('counts a cascade across slices at one timestamp', () => {
    const k = newKernel({ maxSame: 4 });
    k.addActor('a', cascade(6, 5));
    expect(k.runUntil(100, 3)).toBe(3);
    expect(() => k.runUntil(100)).toThrow(/more than 4 events/);
  });
});

describe('kernel messages', () => {
  it('applies link latency, keeps each link FIFO, and leaves unlinked pairs at zero latency', () => {
    const got: Array<[number, number]> = [];
    const k = newKernel();
    const a = k.addActor('a', {
      onStart(ctx) {
        for (let i = 0; i < 200; i++) ctx.send(1, { value: i });
        ctx.send(2, { value: -1 });
      },
    });
    const b = k.addActor('b', { onMessage: (ctx, m) => void got.push([m.value, ctx.now]) });
    k.addActor('c', { onMessage: (ctx, m) => void got.push([m.value, ctx.now]) });
    k.setLinkLatency(a, b, new UniformLatency(1000, 9000), 'latency/b/a');
    k.runUntil(Infinity);
    expect(got[0]).toEqual([-1, 0]);
    const fromA = got.slice(1);
    expect(fromA.map(([v]) => v)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(fromA.every(([, t]) => t >= 1000 && t <= 9000)).toBe(true);
    expect(new Set(fromA.map(([, t]) => t)).size).toBeGreaterThan(1);
  });

  it('the link latency stream is the link\'s own: the sender\'s draws do not move', () => {
    const senderDraws = (latency: LatencyModel): number[] => {
      const draws: number[] = [];
      const k = newKernel({ seed: 4 });
      const a = k.addActor('a', {
        onStart: (ctx) => ctx.wakeAt(0),
        onWakeup(ctx) {
          draws.push(ctx.rng.uniform());
          ctx.send(1, { value: 0 });
          if (draws.length < 20) ctx.wakeAfter(10);
        },
      });
      k.addActor('b', {});
      k.setLinkLatency(a, 1, latency, 'latency/b/a');
      k.runUntil(Infinity);
      return draws;
    };
    expect(senderDraws(new UniformLatency(0, 100))).toEqual(senderDraws(new ConstantLatency(5)));
  });

  it('changing a link model mid-run continues its stream instead of replaying it', () => {
    const gapNs = 10_000_000;
    const model = new UniformLatency(0, 1_000_000);
    const delays: number[] = [];
    const k = newKernel({ seed: 8 });
    const a = k.addActor('a', {
      onStart: (ctx) => ctx.wakeAt(0),
      onWakeup(ctx) {
        ctx.send(1, { value: ctx.now });
        ctx.wakeAfter(gapNs);
      },
    });
    k.addActor('b', { onMessage: (ctx, m) => void delays.push(ctx.now - m.value) });
    k.setLinkLatency(a, 1, model, 'latency/b/a');
    k.runUntil(4 * gapNs + gapNs / 2); // 5 messages sent
    k.setLinkLatency(a, 1, new UniformLatency(0, 1_000_000), 'latency/b/a');
    k.runUntil(9 * gapNs + gapNs / 2);
    const rng = RandomStream.derive(8, 'latency/b/a');
    const expected = Array.from({ length: 10 }, () => model.sampleNs(rng));
    expect(delays).toEqual(expected);
  });

  it('changing a link model mid-run keeps the link FIFO', () => {
    const got: number[] = [];
    const k = newKernel();
    const a = k.addActor('a', {
      onStart: (ctx) => void (ctx.send(1, { value: 1 }), ctx.wakeAt(1)),
      onWakeup: (ctx) => ctx.send(1, { value: 2 }),
    });
    k.addActor('b', { onMessage: (ctx, m) => void got.push(m.value, ctx.now) });
    k.setLinkLatency(a, 1, new ConstantLatency(1000), 'latency/b/a');
    k.runUntil(0);
    k.setLinkLatency(a, 1, new ConstantLatency(0), 'latency/b/a');
    k.runUntil(Infinity);
    expect(got).toEqual([1, 1000, 2, 1000]);
  });

  it('rejects a latency model that draws a bad delay', () => {
    const bad: LatencyModel = { kind: 'broken', isConstant: false, sampleNs: (_r: RandomStream) => -5, meanNs: () => 0 };
    const k = newKernel();
    k.addActor('a', { onStart: (ctx) => ctx.send(1, { value: 0 }) });
    k.addActor('b', {});
    k.setLinkLatency(0, 1, bad, 'latency/b/a');
    expect(() => k.runUntil(10)).toThrow(/broken drew -5/);
  });

  it('grows its pools past the initial size with payloads intact, and reuses slots safely', () => {
    const sums: number[] = [];
    const k = newKernel();
    k.addActor('src', {
      onStart(ctx) {
        for (let i = 0; i < 5000; i++) ctx.send(1, { value: i }, 1 + (i % 13));
      },
    });
    // Forwards the received (reused, read-only) record: its slot was freed just before.
    k.addActor('relay', { onMessage: (ctx, m) => ctx.send(2, m) });
    let sum = 0;
    k.addActor('sink', { onMessage: (_c, m) => void (sum += m.value) });
    k.runUntil(Infinity);
    sums.push(sum);
    expect(sums).toEqual([(4999 * 5000) / 2]);
    expect(k.eventsProcessed).toBe(10_000);
  });

  it('the tracer sees out and in for traced actors only', () => {
    const seen: string[] = [];
    const k = newKernel();
    const a = k.addActor('a', { onStart: (ctx) => ctx.send(1, { value: 3 }, 5) });
    const b = k.addActor('b', { onMessage: (ctx, m) => ctx.send(2, { value: m.value + 1 }) });
    k.addActor('c', {});
    k.setTracer({ onMessage: (dir, t, id, m) => void seen.push(`${dir} ${t} ${id} ${m.value}`) }, [a, b]);
    k.runUntil(Infinity);
    expect(seen).toEqual(['out 0 0 3', 'in 5 1 3', 'out 5 1 4']);
    expect(() => k.setTracer(null, [7])).toThrow(RangeError);
  });
});

describe('kernel: an observed stream factory (common-random-numbers tests)', () => {
  /** One actor drawing a uniform from ctx.rng and from ctx.stream('x') at each wake-up, over a random-latency link. */
  function run(streams?: StreamFactory): { draws: number[]; arrivals: number[] } {
    const draws: number[] = [];
    const arrivals: number[] = [];
    const k = new Kernel<Num>({ rootSeed: 5, payloads: new NumPool(), ...(streams !== undefined ? { streams } : {}) });
    let x: RandomStream | undefined;
    const a = k.addActor('a', {
      onStart(ctx) {
        x = ctx.stream('x');
        for (let t = 1; t <= 5; t++) ctx.wakeAt(t * 1000, t);
      },
      onWakeup(ctx) {
        draws.push(ctx.rng.uniform(), (x as RandomStream).uniform());
        ctx.send(1, { value: 1 });
      },
    });
    const b = k.addActor('b', { onMessage: (ctx) => void arrivals.push(ctx.now) });
    k.setLinkLatency(a, b, new UniformLatency(10, 500), 'latency/a/b');
    k.runUntil(1e6);
    return { draws, arrivals };
  }

  it('draws the same numbers as a plain run and shows every uniform, actor and link streams alike', () => {
    const seen: string[] = [];
    const observed = run(new StreamFactory(5, { onDraw: (name) => seen.push(name) }));
    expect(observed).toEqual(run());
    expect(seen.filter((n) => n === 'agent/a').length).toBe(5);
    expect(seen.filter((n) => n === 'agent/a/x').length).toBe(5);
    expect(seen.filter((n) => n === 'latency/a/b').length).toBe(5);
  });

  it('refuses a factory for another root seed', () => {
    expect(() => new Kernel<Num>({ rootSeed: 5, payloads: new NumPool(), streams: new StreamFactory(6) })).toThrow(/seed 6 is not the kernel's root seed 5/);
  });
});
