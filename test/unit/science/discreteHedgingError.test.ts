/**
 * discrete-hedging-error passes on the dealer's own hedge rule and fails on broken ones: a dealer
 * hedging the wrong way (trade = +net delta), and a band so wide that its error leaves the range
 * of the time hedger (no comparison at equal error is possible).
 */
import { describe, expect, it } from 'vitest';
import { hedgeTrade } from '../../../src/agents/dealer/policy.js';
import { evaluateHedging, setupFor } from '../../../src/science/checks/discreteHedgingError.js';
import { runHedgingExperiment } from '../../../src/science/checks/discreteHedging.js';

const SEEDS = [1, 2, 3, 4];
const PATHS = 300;

function run(rule?: typeof hedgeTrade) {
  const setup = setupFor(PATHS, rule);
  return evaluateHedging(SEEDS.map((s) => runHedgingExperiment(setup, s)), SEEDS, PATHS);
}

describe('discrete-hedging-error', () => {
  it('passes with the dealer policy: slope near -0.5, WW trades less at equal error', () => {
    const r = run();
    expect(r.measured.mean).toBeGreaterThan(-0.55);
    expect(r.measured.mean).toBeLessThan(-0.45);
    expect(r.pass).toBe(true);
  });

  it('fails when the dealer hedges the wrong way', () => {
    const wrong: typeof hedgeTrade = (p, net, gamma, spot, cost) => -hedgeTrade(p, net, gamma, spot, cost);
    expect(run(wrong).pass).toBe(false);
  });

  it('fails when the band is far wider than Whalley-Wilmott (its error is outside the time-hedging range)', () => {
    const wide: typeof hedgeTrade = (p, net, gamma, spot, cost) =>
      p.policy === 'whalley_wilmott' ? (Math.abs(net) > 0.6 ? -net : 0) : hedgeTrade(p, net, gamma, spot, cost);
    const r = run(wide);
    expect(r.pass).toBe(false);
    expect(r.details.some((d) => d.includes('WW band does not trade less'))).toBe(true);
  });
});
