/**
 * Exact common random numbers (issue 13, deliverable 5; docs/architecture.md "Common random
 * numbers"): every agent's draws for its n-th decision do not depend on the market state or on
 * other agents, so the arms of a policy comparison differ only through state-dependent reactions.
 *
 * For every reference scenario in scenarios/ (discovered from the files, so new scenarios and
 * agent kinds are covered as they land), shortened to a few minutes, each arm's run records every
 * uniform of every stream (test/helpers/drawLog.ts). Arms, found from the scenario itself:
 * - for each `option_dealer` group: hedge policy as in the file, `none`, `time` and `band`, and
 *   the group switched off (removed, with its open interest);
 * - every other agent group switched off in turn (so a scenario without dealers has arms too,
 *   and each kind is compared across several very different markets).
 * For every pair of arms and every stream, the shorter arm's decisions must be a prefix of the
 * longer arm's, decision by decision. Each dealer arm must also change the market (a different
 * number of kernel events than the file's arm), or the comparison would prove nothing; a group
 * switched off usually does too, but may do nothing inside the short run. Clocked streams (an
 * agent's own decisions) must also hold each decision at the same time in both arms, which shows
 * a decision that skipped its draws (test/helpers/drawLog.ts).
 *
 * The fixtures in test/fixtures/scenarios/crn/ switch on draws the reference scenarios leave fixed,
 * and a first test requires every registered agent kind to appear in some compared scenario, so a
 * new kind cannot escape the check. Run length: GAMMALOOP_CRN_MINUTES (default 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_KINDS } from '../../src/scenario/agentKinds.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { ResolvedScenario } from '../../src/scenario/resolvedTypes.js';
import { ROOT, referenceScenarios, stem } from '../golden/runs.js';
import { comparePrefix, groupOfStream, recordDraws, type ArmDraws, type PrefixBreak } from '../helpers/drawLog.js';

/** Short runs: long enough for dealers to hedge and the arms to part, short enough for CI. */
const MINUTES = Number(process.env['GAMMALOOP_CRN_MINUTES'] ?? 2);
const SEED = 7;
/** Fixtures that switch on the draws the reference scenarios leave fixed (every kind, random sizes). */
const FIXTURE_DIR = 'test/fixtures/scenarios/crn';
const FILES = [...referenceScenarios(), ...fs.readdirSync(path.join(ROOT, FIXTURE_DIR)).filter((n) => n.endsWith('.yaml')).sort().map((n) => `${FIXTURE_DIR}/${n}`)];

interface Arm {
  readonly name: string;
  readonly scenario: ResolvedScenario;
  /** A policy arm must change the market in the short run, or comparing it proves nothing. */
  readonly mustDiffer: boolean;
}

const load = (file: string, set: readonly string[] = []): ResolvedScenario => shortened(loadScenario(file, { seed: SEED, set }).scenario);

/**
 * The scenario cut to {@link MINUTES}, its `schedule:` compressed in proportion (times and
 * window lengths), so the scripted shocks, congestion windows and withdrawals that make the arms
 * part still happen inside the short run.
 */
function shortened(s: ResolvedScenario): ResolvedScenario {
  const durationNs = Math.round(MINUTES * 60e9);
  const f = Math.min(1, durationNs / s.clock.durationNs);
  const schedule = s.schedule.map((e) => ({ ...e, atNs: Math.floor(e.atNs * f), ...('durationNs' in e ? { durationNs: Math.max(1, Math.floor(e.durationNs * f)) } : {}) }));
  return { ...s, clock: { ...s.clock, durationNs, endUtcMs: s.clock.startUtcMs + durationNs / 1e6 }, schedule } as ResolvedScenario;
}

/** The scenario without agent group `group` (its open interest and scheduled open interest too). */
function withoutGroup(s: ResolvedScenario, group: string): ResolvedScenario {
  return {
    ...s,
    agents: s.agents.filter((g) => g.group !== group),
    openInterest: s.openInterest.filter((oi) => oi.dealerGroup !== group),
    schedule: s.schedule.filter((e) => !(e.action === 'open_interest' && e.dealerGroup === group) && !(e.action === 'liquidity_withdrawal' && e.group === group)),
  };
}

/** The arms of the policy comparison on one scenario file. */
function armsOf(file: string): Arm[] {
  const base = load(file);
  const arms: Arm[] = [{ name: 'as in the file', scenario: base, mustDiffer: false }];
  const dealers = base.agents.filter((g) => g.kind === 'option_dealer').map((g) => g.group);
  for (const g of dealers) {
    arms.push({ name: `${g}: hedge none`, scenario: load(file, [`agents.${g}.hedge={policy: none}`]), mustDiffer: true });
    arms.push({ name: `${g}: hedge time 15s`, scenario: load(file, [`agents.${g}.hedge={policy: time, interval: 15s}`]), mustDiffer: true });
    arms.push({ name: `${g}: hedge band 0.02`, scenario: load(file, [`agents.${g}.hedge={policy: band, band: 0.02, band_move: 0.0001, check_interval: 1s}`]), mustDiffer: true });
    arms.push({ name: `${g}: off`, scenario: withoutGroup(base, g), mustDiffer: true });
  }
  // Any other group switched off in turn: the market every other agent sees changes a lot.
  // (A group that does nothing inside the short run, e.g. a shock trader scripted later, leaves
  // the market as it is: such an arm is compared but not required to differ.)
  for (const g of base.agents) if (g.kind !== 'option_dealer') arms.push({ name: `${g.group}: off`, scenario: withoutGroup(base, g.group), mustDiffer: false });
  return arms;
}

/** Breaks between every pair of arms, by agent group: `group: stream (arm vs arm): detail`. */
function breaksOf(arms: readonly Arm[], draws: readonly ArmDraws[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < arms.length; i++) {
    for (let j = i + 1; j < arms.length; j++) {
      const found: PrefixBreak[] = comparePrefix((draws[i] as ArmDraws).log, (draws[j] as ArmDraws).log);
      for (const b of found) lines.push(`${groupOfStream(b.stream)}: ${b.stream} (${(arms[i] as Arm).name} vs ${(arms[j] as Arm).name}): ${b.detail}`);
    }
  }
  return lines;
}

describe('exact common random numbers: every stream is a prefix across policy arms', () => {
  it('every agent kind appears in a compared scenario (a new kind needs a scenario or a fixture here)', () => {
    const seen = new Set(FILES.flatMap((f) => load(f).agents.map((g) => g.kind)));
    expect(AGENT_KINDS.map((k) => k.kind).filter((k) => !seen.has(k))).toEqual([]);
  });

  it.each(FILES.map((f) => [stem(f), f]))('%s', (_name, file) => {
    const arms = armsOf(file);
    const draws = arms.map((a) => recordDraws(a.scenario));
    const base = draws[0] as ArmDraws;
    // Every policy arm, and at least one arm in all, changes the market (else prefix-equality
    // would be trivial) ...
    for (let i = 1; i < arms.length; i++) {
      if ((arms[i] as Arm).mustDiffer) expect((draws[i] as ArmDraws).events, `arm "${(arms[i] as Arm).name}" changes the market`).not.toBe(base.events);
    }
    expect(draws.filter((d) => d.events !== base.events).length, 'arms that change the market').toBeGreaterThan(0);
    // ... and streams were recorded at all.
    expect(base.log.streams.size).toBeGreaterThan(0);
    const lines = breaksOf(arms, draws);
    // Per agent group: how many streams break, and the first break (enough to find the draw).
    const byGroup = new Map<string, { streams: Set<string>; first: string }>();
    for (const l of lines) {
      const g = l.slice(0, l.indexOf(':'));
      const stream = l.slice(g.length + 2, l.indexOf(' ', g.length + 2));
      const e = byGroup.get(g) ?? { streams: new Set<string>(), first: l };
      e.streams.add(stream);
      byGroup.set(g, e);
    }
    const summary = [...byGroup].map(([g, e]) => `${g}: ${e.streams.size} stream(s); first: ${e.first}`);
    expect(summary, `${lines.length} (stream, arm pair) break(s) of the prefix rule`).toEqual([]);
  }, 120_000);
});
