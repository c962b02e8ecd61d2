/**
 * The report's text sections as HTML: title and run facts (from manifest.json), the headline
 * metrics table (definitions as tooltips), the largest cascade, scheduled actions, rows per
 * table and the resolved scenario. Units: times ns since start, money quote, sizes base.
 */
import { findCascades, largestCascade } from '../analysis/cascades.js';
import { METRICS } from '../analysis/metrics.js';
import { canonicalJson } from '../output/manifest.js';
import { duration, esc, fixed, hmmssms, MISSING, num, pct } from './format.js';
import type { RunData } from './runData.js';
import { nums, strs } from './runData.js';
import type { RunMetrics } from './runMetrics.js';

/** A metric value as text for its unit (NaN as {@link MISSING}). */
export function metricText(value: number, unit: string): string {
  if (!Number.isFinite(value)) return MISSING;
  if (unit === 'count') return fixed(value, 0);
  if (unit === '1') return `${num(value, 4)} (${pct(value)})`;
  if (unit === '1 per sqrt(year)') return `${num(value, 4)} (${pct(value)} ann.)`;
  return num(value, 6);
}

const row = (cells: readonly string[], tag = 'td'): string => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;

/** Title, description and the run's identifying facts. */
export function titleSection(run: RunData): string {
  const m = run.manifest;
  const name = run.facts.name ?? (m === null ? 'run' : 'unnamed scenario');
  const facts: [string, string][] = [
    ['seed', m === null ? MISSING : String(m.seed)],
    ['scenario sha256', m === null ? MISSING : `<code>${esc(m.scenario_sha256)}</code>`],
    ['status', m === null ? MISSING : `<span class="status-${esc(m.status)}">${esc(m.status)}</span>${m.error !== null ? ` — ${esc(m.error)}` : ''}`],
    ['simulated', duration(typeof m?.sim_time_ns === 'number' ? m.sim_time_ns : run.endNs)],
    ['wall time', m === null ? MISSING : `${fixed(m.wall_time_ms / 1000, 2)} s`],
    ['kernel events', m === null ? MISSING : fixed(m.events, 0)],
    ['versions', m === null ? MISSING : esc(Object.entries(m.versions).map(([k, v]) => `${k} ${v}`).join(', '))],
    ['reference book', esc(run.book.instrument ?? MISSING)],
  ];
  return [
    `<header><h1>${esc(name)} <span class="seed">seed ${m === null ? MISSING : m.seed}</span></h1>`,
    run.facts.description === null ? '' : `<p class="description">${esc(run.facts.description)}</p>`,
    `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('')}</dl></header>`,
  ].join('\n');
}

/** Every metric of analysis/metrics.ts with its unit; the definition is the row's tooltip. */
export function metricsSection(metrics: RunMetrics): string {
  const rows = METRICS.map((d) => {
    const v = metrics.values[d.name] ?? Number.NaN;
    return `<tr title="${esc(d.definition)}"><td><code>${esc(d.name)}</code></td><td class="num">${esc(metricText(v, d.unit))}</td><td>${esc(d.unit)}</td></tr>`;
  });
  return [
    '<section id="metrics"><h2>Headline metrics</h2>',
    `<p class="note">Source: ${esc(metrics.source)}. Hover a row for the metric's definition; — means not computable for this run.</p>`,
    '<table class="metrics"><thead>',
    row(['metric', 'value', 'unit'], 'th'),
    `</thead><tbody>${rows.join('')}</tbody></table></section>`,
  ].join('\n');
}

/** The largest cascade (joining rule of analysis/cascades.ts) and a list of all cascades. */
export function cascadeSection(run: RunData): string {
  const liq = run.liquidations;
  const cascades = findCascades({ tNs: nums(liq, 't_ns'), event: strs(liq, 'event'), liquidationId: nums(liq, 'liquidation_id'), size: nums(liq, 'size'), mark: nums(liq, 'mark'), fillPrice: nums(liq, 'fill_price') });
  const best = largestCascade(cascades);
  const head = '<section id="cascade"><h2>Largest liquidation cascade</h2>';
  if (best === null) return `${head}\n<p>None: no liquidations in this run.</p></section>`;
  const quote = run.facts.quote ?? 'quote';
  const facts: [string, string][] = [
    ['start', hmmssms(best.startNs)],
    ['end (last trigger)', hmmssms(best.endNs)],
    ['duration', duration(best.endNs - best.startNs)],
    ['liquidations', fixed(best.liquidations, 0)],
    ['rounds', fixed(best.rounds, 0)],
    ['volume', `${num(best.volume, 6)} base`],
    ['notional', `${num(best.notional, 6)} ${esc(quote)}`],
    ['mark move', pct(best.priceMove)],
  ];
  const shown = cascades.slice(0, 20);
  const list = shown.map((c, k) => row([String(k + 1), hmmssms(c.startNs), duration(c.endNs - c.startNs), fixed(c.liquidations, 0), fixed(c.rounds, 0), num(c.volume, 6), pct(c.priceMove)].map((x) => esc(x))));
  return [
    head,
    `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>`,
    `<p>${cascades.length} cascade(s) in the run (triggers join while each is within 60 s of the previous one)${cascades.length > shown.length ? `; the first ${shown.length} are listed` : ''}.</p>`,
    '<table><thead>',
    row(['#', 'start', 'duration', 'liquidations', 'rounds', 'volume (base)', 'mark move'], 'th'),
    `</thead><tbody>${list.join('')}</tbody></table></section>`,
  ].join('\n');
}

/** Scheduled actions as they fired. */
export function scheduleSection(run: RunData): string {
  const s = run.schedule;
  const t = nums(s, 't_ns');
  const action = strs(s, 'action');
  const target = strs(s, 'target');
  const value = nums(s, 'value');
  const head = '<section id="schedule"><h2>Scheduled actions</h2>';
  if (t.length === 0) return `${head}\n<p>None fired in this run.</p></section>`;
  const rows = Array.from(t, (at, i) => row([hmmssms(at), action[i] ?? '', target[i] ?? '', num(value[i] as number, 6)].map((x) => esc(x))));
  return [head, '<table><thead>', row(['time', 'action', 'target', 'value'], 'th'), `</thead><tbody>${rows.join('')}</tbody></table></section>`].join('\n');
}

/** Rows per table file (manifest.json) and the resolved scenario, collapsed. */
export function scenarioSection(run: RunData): string {
  const m = run.manifest;
  if (m === null) return '<section id="scenario"><h2>Scenario</h2>\n<p>No manifest.json: the resolved scenario is unknown.</p></section>';
  const tables = Object.keys(m.rows).sort().map((k) => row([`<code>${esc(k)}</code>`, `<span class="num">${fixed(m.rows[k] ?? Number.NaN, 0)}</span>`]));
  return [
    '<section id="scenario"><h2>Tables and scenario</h2>',
    `<table class="rows"><thead>${row(['table', 'rows'], 'th')}</thead><tbody>${tables.join('')}</tbody></table>`,
    '<details><summary>Resolved scenario (JSON, keys sorted; its sha256 is the scenario hash)</summary>',
    `<pre>${esc(canonicalJson(m.scenario, 2))}</pre></details></section>`,
  ].join('\n');
}
