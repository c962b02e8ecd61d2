/**
 * `npm run bench -- lambda`: price impact per BTC of signed taker flow (Kyle's lambda, 1 s and
 * 10 s windows; src/analysis/moments/lambda.ts) on the real Binance captures of
 * ../shared/data/binance_btcusdt_feeds_hftbacktest (skipped with a note when absent) and on the
 * calibrated market (scenarios/btc-calibrated.yaml, 1 h, seeds 1-3), with the ratio. Why: the
 * reference scenarios are sized by lambda x gamma and lambda x rho (docs/science.md), so this
 * ratio is how much larger a given open interest acts here than on the real perp.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { feedLambdaInputs, kyleLambda, readHftFeed, type LambdaEstimate } from '../src/analysis/moments/index.js';
import { momentInputsFromRun, runScenario } from '../src/run/index.js';
import { loadScenario } from '../src/scenario/index.js';
import type { BenchModule } from './run.js';

const DATA = path.resolve('..', 'shared', 'data', 'binance_btcusdt_feeds_hftbacktest');
const WINDOWS: readonly [string, readonly string[]][] = [
  ['perp 2024-07-18/19', ['usdm_btcusdt_20240718.gz', 'usdm_btcusdt_20240719.gz']],
  ['perp 2024-08-08', ['usdm_btcusdt_20240808.gz']],
  ['spot 2024-08-08/09', ['spot_btcusdt_20240808.gz', 'spot_btcusdt_20240809.gz']],
];
const HORIZONS_MS = [1000, 10_000] as const;

function show(label: string, h: number, e: LambdaEstimate): string {
  return `${label.padEnd(26)} ${String(h / 1000).padStart(3)} s  lambda ${e.bpPerUnit.toFixed(4)} bp/BTC [${e.lo95.toFixed(4)}, ${e.hi95.toFixed(4)}]  n ${e.n}  mean |flow| ${e.meanAbsFlow.toFixed(2)} BTC`;
}

async function simulated(seed: number): Promise<LambdaEstimate[]> {
  const loaded = loadScenario('scenarios/btc-calibrated.yaml', { seed, set: ['clock.duration=1h'] });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gammaloop-lambda-'));
  try {
    const run = await runScenario({ loaded, outDir: dir, wallClockMs: () => Number(process.hrtime.bigint()) / 1e6, writeManifest: false });
    const m = momentInputsFromRun(loaded.scenario, (t) => run.files[t] ?? path.join(dir, `${t}.arrow`));
    if (m.mid === undefined || m.fills === undefined) throw new Error('lambda bench: run without book or trades');
    const f = m.fills;
    const fillMs = Float64Array.from({ length: f.t.length }, (_, i) => loaded.scenario.clock.startUtcMs + (f.t[i] as number) / 1e6);
    const signed = Float64Array.from({ length: f.t.length }, (_, i) => (f.sign[i] as number) * ((f.size?.[i] as number) ?? 0));
    return HORIZONS_MS.map((h) => kyleLambda(fillMs, signed, m.mid!, h));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const bench: BenchModule = {
  name: 'lambda',
  async run() {
    const realPerp: number[][] = HORIZONS_MS.map(() => []);
    if (!existsSync(DATA)) console.log(`real captures not found at ${DATA}: real rows skipped`);
    else {
      for (const [label, files] of WINDOWS) {
        const inputs = feedLambdaInputs(readHftFeed(files.map((f) => path.join(DATA, f))));
        if (inputs === null) continue;
        HORIZONS_MS.forEach((h, j) => {
          const e = kyleLambda(inputs.fillMs, inputs.signedSize, inputs.mid, h);
          if (label.startsWith('perp')) realPerp[j]!.push(e.bpPerUnit);
          console.log(show(`real ${label}`, h, e));
        });
      }
    }
    for (const seed of [1, 2, 3]) {
      const est = await simulated(seed);
      est.forEach((e, j) => {
        const h = HORIZONS_MS[j] as number;
        const perp = realPerp[j] ?? [];
        const ratio = perp.length > 0 ? `  x${(e.bpPerUnit / Math.max(...perp)).toFixed(1)}-${(e.bpPerUnit / Math.min(...perp)).toFixed(1)} the real perp` : '';
        console.log(show(`btc-calibrated seed ${seed}`, h, e) + ratio);
      });
    }
  },
};
