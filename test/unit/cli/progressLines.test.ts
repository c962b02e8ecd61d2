/** Issue 16 item 11: a run whose stderr is not a terminal prints a progress line every N seconds. */
import { describe, expect, it } from 'vitest';
import { PROGRESS_LINE_EVERY_S, progressLines } from '../../../src/cli/progress.js';

describe('progress lines for a non-terminal stderr', () => {
  it('writes nothing before the interval, then one plain line with percent, sim time and events', () => {
    const lines: string[] = [];
    const slow = progressLines((l) => lines.push(l));
    slow.update(1e9, 10e9, 500);
    expect(lines).toEqual([]); // the first line comes after PROGRESS_LINE_EVERY_S of wall time
    expect(PROGRESS_LINE_EVERY_S).toBe(10);
    const fast = progressLines((l) => lines.push(l), 0);
    fast.update(2.5e9, 10e9, 1234);
    fast.update(5e9, 10e9, 2345);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^progress {2}25% {2}sim .* of .* {2}1,234 events {2}\d+ s$/);
    expect(lines[1]).toMatch(/^progress {2}50% /);
    expect(lines.join('')).not.toContain('\u001b');
  });
});
