/**
 * The reports in a real browser (run by `npm run test:services`; CI installs Debian's chromium):
 * headless chromium loads each report from disk with the network logged, runs its script (the
 * live cascade view), and takes a screenshot. Checked: the DOM has one chart per drawn panel and
 * the live view replaced its static fallback; the net log has no http(s) request (the page is
 * self-contained); the screenshot is not blank (its decoded, unfiltered rows are not one colour).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chartSections, loadRunData } from '../../src/report/index.js';
import { runIn, tempDir } from '../golden/runs.js';
import { ensureBuilt, runCli } from '../e2e/helpers/cli.js';

const CHROMIUM = ['chromium', 'chromium-browser'].find((c) => spawnSync('which', [c]).status === 0) ?? 'chromium';
let tmp = '';

function chromium(args: string[], file: string): { dom: string; netlog: string } {
  const netlog = path.join(tmp, `net-${path.basename(path.dirname(file))}-${args.length}.json`);
  const r = spawnSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions', `--log-net-log=${netlog}`, '--virtual-time-budget=8000', ...args, `file://${file}`], { encoding: 'utf8', timeout: 150_000, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { dom: r.stdout, netlog: fs.existsSync(netlog) ? fs.readFileSync(netlog, 'utf8') : '' };
}

/**
 * http(s) URLs in a net log that the page could have asked for. Chromium itself still calls its
 * own services in the background (update checks, spell-check dictionaries, account probes) even
 * with background networking off; those hosts are not the page's and are left out.
 */
function pageRequests(netlog: string): string[] {
  const browser = /^https?:\/\/(?:[\w-]+\.)*(?:google\.com|googleapis\.com|gvt1\.com|gstatic\.com)\//;
  return [...netlog.matchAll(/"url":"(https?:[^"]+)"/g)].map((m) => m[1] as string).filter((u) => !browser.test(u));
}

/** Fraction of pixel rows of a PNG that are not a single colour (a blank page: 0). */
function nonUniformRows(png: Buffer): number {
  let off = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('ascii', off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); }
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = (raw.length / height) | 0; // filter byte + width * bytes per pixel
  const bpp = ((stride - 1) / width) | 0;
  let varied = 0;
  const prev = Buffer.alloc(stride - 1);
  const cur = Buffer.alloc(stride - 1);
  for (let y = 0; y < height; y++) {
    const f = raw[y * stride] as number;
    for (let x = 0; x < stride - 1; x++) {
      const v = raw[y * stride + 1 + x] as number;
      const a = x >= bpp ? (cur[x - bpp] as number) : 0;
      const b = prev[x] as number;
      const c = x >= bpp ? (prev[x - bpp] as number) : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a); const pb = Math.abs(p - b); const pc = Math.abs(p - c);
      const pred = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      cur[x] = (v + pred) & 0xff;
    }
    for (let x = bpp; x < stride - 1; x++) if (cur[x] !== cur[x % bpp]) { varied++; break; }
    cur.copy(prev);
  }
  return varied / height;
}

beforeAll(async () => {
  ensureBuilt();
  tmp = tempDir('chromium');
  await runIn('scenarios/liquidation-cascade.yaml', path.join(tmp, 'cascade'), { set: ['clock.duration=25m'] });
  await runIn('scenarios/short-gamma-squeeze.yaml', path.join(tmp, 'squeeze'), { set: ['clock.duration=25m'] });
  const sw = runCli(['sweep', 'test/fixtures/scenarios/baseline-gaussian.yaml', '--seeds', '1..3', '--grid', 'agents.noise.rate=0.2,0.6', '--set', 'clock.duration=6m', '-j', '0', '-q', '--out', path.join(tmp, 'sweep')], { timeoutMs: 150_000 });
  expect(sw.code, sw.stderr).toBe(0);
  for (const d of ['cascade', 'squeeze', 'sweep']) expect(runCli(['report', path.join(tmp, d)], { timeoutMs: 120_000 }).code).toBe(0);
}, 400_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('reports in headless chromium', () => {
  test.each(['cascade', 'squeeze'])('run report (%s): every drawn panel is in the DOM, the cascade view is live, nothing fetched, not blank', (name) => {
    const dir = path.join(tmp, name);
    const file = path.join(dir, 'report.html');
    const drawn = chartSections(loadRunData(dir)).filter(([, , , p]) => p.spec !== null).map(([id]) => id);
    if (name === 'squeeze') expect(drawn).toEqual(expect.arrayContaining(['gex', 'gex-profile', 'feedback', 'dealer', 'open-interest']));
    const { dom, netlog } = chromium(['--dump-dom'], file);
    expect((dom.match(/<svg[^>]*class="marks"/g) ?? []).length).toBe(drawn.length);
    if (drawn.includes('cascade-view')) {
      expect(dom).toMatch(/<figure data-vega="cascade-view-spec"[^>]*class="live"/);
      expect(dom).not.toContain('<div class="static">');
    }
    expect(netlog).toContain('file://'); // the log did record the page load
    expect(pageRequests(netlog)).toEqual([]);
    const png = path.join(tmp, `${name}.png`);
    chromium(['--window-size=1000,4000', `--screenshot=${png}`], file);
    expect(nonUniformRows(fs.readFileSync(png))).toBeGreaterThan(0.2);
  }, 300_000);

  test('sweep report: per-metric and paired charts render, nothing fetched, not blank', () => {
    const file = path.join(tmp, 'sweep', 'report.html');
    const { dom, netlog } = chromium(['--dump-dom'], file);
    const charts = (dom.match(/<svg[^>]*class="marks"/g) ?? []).length;
    expect(charts).toBeGreaterThanOrEqual(4);
    expect(dom).toContain('Paired difference of');
    expect(pageRequests(netlog)).toEqual([]);
    const png = path.join(tmp, 'sweep.png');
    chromium(['--window-size=1000,2500', `--screenshot=${png}`], file);
    expect(nonUniformRows(fs.readFileSync(png))).toBeGreaterThan(0.2);
  }, 300_000);
});
