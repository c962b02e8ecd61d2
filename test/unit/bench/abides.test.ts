/** The ABIDES peer's output parser (bench/engine/abides.ts): RESULT line, GNU time's wall and RSS. */
import { describe, expect, it } from 'vitest';
import { parseAbidesOutput, parseElapsedS } from '../../../bench/engine/abides.js';

const SAMPLE = [
  'some log line',
  'RESULT {"seed": 0, "end_time": "10:00:00", "kernel_events": 59367, "import_s": 0.898, "build_s": 0.173, "run_s": 3.049, "orders_submitted": 2894, "cancels_submitted": 1706, "trades": 1062, "volume": 53522}',
  '\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:05.11',
  '\tMaximum resident set size (kbytes): 151292',
].join('\n');

describe('ABIDES output', () => {
  it('parses the workload, the in-process and whole-process walls and peak RSS', () => {
    const r = parseAbidesOutput(SAMPLE);
    expect(r).toMatchObject({ kernelEvents: 59367, runS: 3.049, importS: 0.898, buildS: 0.173, ordersSubmitted: 2894, cancelsSubmitted: 1706, trades: 1062, volume: 53522 });
    expect(r.processWallS).toBeCloseTo(65.11, 6);
    expect(r.peakRssMb).toBeCloseTo(151292 / 1024, 6);
  });
  it('reads m:ss and h:mm:ss elapsed times', () => {
    expect(parseElapsedS('Elapsed (wall clock) time (h:mm:ss or m:ss): 0:27.31')).toBeCloseTo(27.31, 6);
    expect(parseElapsedS('Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02:03')).toBe(3723);
    expect(parseElapsedS('nothing here')).toBeNaN();
  });
  it('throws with the output when the RESULT line is missing or incomplete', () => {
    expect(() => parseAbidesOutput('Traceback: ImportError')).toThrow(/no RESULT line[\s\S]*ImportError/);
    expect(() => parseAbidesOutput('RESULT {"run_s": 1}')).toThrow(/ABIDES RESULT lacks /);
  });
});
