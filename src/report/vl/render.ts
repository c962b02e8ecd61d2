/**
 * Vega-Lite spec -> Vega spec -> SVG text, headless in Node (vega's `renderer: 'none'` view;
 * text is measured by vega's built-in estimate, without a canvas, so the output is the same on
 * every machine). Each SVG gets a `<title>` from the spec's description for screen readers and
 * tooltips. The browser runtime for interactive views (vega.min.js) is read from the installed
 * package and inlined by the page, so nothing is fetched.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { esc } from '../format.js';
import type { VlSpec } from './common.js';

/** The compiled Vega spec, without its `$schema` (a URL nothing needs to fetch). */
export function toVega(spec: VlSpec): Record<string, unknown> {
  const v = compile(spec as unknown as TopLevelSpec).spec as unknown as Record<string, unknown>;
  const { $schema: _schema, ...rest } = v;
  return rest;
}

/**
 * Renders a Vega-Lite spec to an SVG string with a `<title>`. Vega numbers clip paths and
 * gradients from a process-wide counter, so the same chart drawn twice gets other ids and two
 * charts of one page could collide: ids are renamed `<idPrefix>-<n>` in order of appearance.
 */
export async function renderSvg(spec: VlSpec, idPrefix = 'chart'): Promise<string> {
  const view = new vega.View(vega.parse(toVega(spec) as vega.Spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const title = typeof spec['description'] === 'string' ? spec['description'] : 'chart';
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) if (!ids.has(m[1] as string)) ids.set(m[1] as string, `${idPrefix}-${ids.size + 1}`);
  const renamed = svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${ids.get(id) ?? id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${ids.get(id) ?? id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${ids.get(id) ?? id}"`);
  return renamed.replace(/^<svg([^>]*)>/, (_m, attrs: string) => `<svg${attrs} role="img"><title>${esc(title)}</title>`);
}

let runtime: string | null = null;

/** vega.min.js of the installed vega package (for interactive views in the page). */
export function vegaRuntime(): string {
  if (runtime === null) {
    const main = createRequire(import.meta.url).resolve('vega');
    runtime = fs.readFileSync(path.join(path.dirname(main), 'vega.min.js'), 'utf8');
  }
  return runtime;
}

/** JSON safe inside a `<script type="application/json">` element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
