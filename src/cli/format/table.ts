/**
 * Aligned text tables: a header row, a rule, then rows; numeric columns right-aligned, text
 * left-aligned, long cells cut with an ellipsis. Plain strings only (colour is added by the
 * caller to whole lines, so widths stay right).
 */

export interface TextTableOptions {
  /** Columns to right-align (by index). */
  readonly rightAlign?: ReadonlySet<number>;
  /** Longest cell before it is cut with `…` (default 40). */
  readonly maxCell?: number;
  /** Separator between columns (default two spaces). */
  readonly gap?: string;
}

/** Visible width of a string (code points; the CLI prints no wide characters in tables). */
export function visibleWidth(s: string): number {
  return [...s].length;
}

function cut(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** Renders `header` and `rows` as aligned lines (no trailing spaces). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], options: TextTableOptions = {}): string[] {
  const max = options.maxCell ?? 40;
  const gap = options.gap ?? '  ';
  const right = options.rightAlign ?? new Set<number>();
  const cells = [header, ...rows].map((r) => r.map((c) => cut(c, max)));
  const widths = header.map((_, j) => Math.max(...cells.map((r) => visibleWidth(r[j] ?? ''))));
  const line = (r: readonly string[]): string =>
    r
      .map((c, j) => {
        const pad = ' '.repeat(Math.max(0, (widths[j] ?? 0) - visibleWidth(c)));
        return right.has(j) ? pad + c : c + pad;
      })
      .join(gap)
      .trimEnd();
  const out = [line(cells[0] ?? [])];
  out.push(widths.map((w) => '─'.repeat(w)).join(gap));
  for (const r of cells.slice(1)) out.push(line(r));
  return out;
}
