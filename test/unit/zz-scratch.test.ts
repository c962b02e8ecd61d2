import { it } from 'vitest';
import { inProcessContext } from '../../bench/science/jobs.js';
import { pinVsGammaSign } from '../../src/science/checks/pinVsGammaSign.js';
it('run', async () => {
  const t0 = performance.now();
  const r = await pinVsGammaSign.run(inProcessContext('quick', Array.from({ length: 40 }, (_, i) => i + 1)));
  console.log('XX', (performance.now() - t0) / 1000, JSON.stringify({ ...r, rows: r.rows.length }, null, 1));
}, 900000);
