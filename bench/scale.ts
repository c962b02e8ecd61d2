/**
 * Scale benchmark (`npm run bench -- scale`): 1 k, 10 k and 100 k noise agents on the
 * abides-rmsc04-like market, at a fixed rate per agent (work grows with the population) and at a
 * fixed total rate (the same work spread over more agents: what the population itself costs),
 * each in a fresh process so memory is measured cleanly. Prints events/s (wall and per CPU
 * second) and bytes per agent after build and after the run. Targets (issue 17): >= 1 M events/s
 * and <= 4 KB per agent after build at 100 k agents.
 */
import { spawnSync } from 'node:child_process';
import type { BenchModule } from './run.js';

interface Row {
  agents: number;
  mode: string;
  events: number;
  eventsPerS: number;
  eventsPerCpuS: number;
  bytesPerAgentBuild: number;
  bytesPerAgentRun: number;
}

const SIZES = [1_000, 10_000, 100_000];
const DURATION = '2m';

function measure(agents: number, mode: 'per-agent' | 'total'): Row {
  const r = spawnSync(process.execPath, ['--expose-gc', 'dist/bench/scale/child.js', String(agents), mode, DURATION], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`scale child ${agents} ${mode} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Row;
}

export const bench: BenchModule = {
  name: 'scale',
  run() {
    console.log(`noise agents on abides-rmsc04-like, ${DURATION} simulated, tables off; per-agent rate 0.05/s, or 500/s in total`);
    console.log('agents   mode        events      M ev/s wall  M ev/s CPU  bytes/agent build  bytes/agent after run');
    for (const mode of ['per-agent', 'total'] as const) {
      for (const n of SIZES) {
        const row = measure(n, mode);
        console.log(
          `${String(n).padStart(7)}  ${mode.padEnd(10)} ${String(row.events).padStart(9)}  ${(row.eventsPerS / 1e6).toFixed(2).padStart(11)}  ${(row.eventsPerCpuS / 1e6).toFixed(2).padStart(10)}  ${row.bytesPerAgentBuild.toFixed(0).padStart(17)}  ${row.bytesPerAgentRun.toFixed(0).padStart(21)}`,
        );
      }
    }
    console.log('targets at 100 k agents: >= 1 M events/s, <= 4,096 bytes per agent after build');
  },
};
