/**
 * Whole-engine benchmark (`npm run bench -- engine`), side by side with ABIDES.
 *
 * The rmsc04-like day (scenarios/abides-rmsc04-like.yaml: ABIDES's rmsc04 agent mix over
 * 09:30-16:00) is run interleaved with ABIDES's own rmsc04 through ../shared/peers/run-abides.sh
 * (skipped with a note when the peer is absent): ABIDES, then gammaloop in this process, then
 * gammaloop as a whole `gammaloop run` process, ROUNDS times, so both see the same machine load.
 * Printed: both walls (in process: ABIDES `kernel.run()` vs our build + run; whole process: GNU
 * time's elapsed of each), both workloads counted the same way (docs/performance.md,
 * "workload"), and the ratios of the medians. Then the other reference scenarios once each.
 *
 * Env: `ENGINE_ROUNDS` (default 3), `ENGINE_ABIDES=0` skips ABIDES.
 */
import type { BenchModule } from './run.js';
import { ABIDES_SCRIPT, runAbides, type AbidesRun } from './engine/abides.js';
import { countWorkload, runAsProcess, runInProcess, type InProcessRun, type Workload } from './engine/ours.js';

const RMSC = 'scenarios/abides-rmsc04-like.yaml';
const ABIDES_END_TIME = '16:00:00';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? Number.NaN : n % 2 === 1 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}

const f = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

function line(label: string, m: InProcessRun): string {
  return (
    `${label.padEnd(34)} ${(m.events / 1e6).toFixed(3)} M events  wall ${f(m.wallS)} s (simulate ${f(m.simulateS)} + finish ${f(m.finishS)})  ` +
    `${f(m.events / m.wallS / 1e6)} M ev/s end to end, ${f(m.events / m.simulateS / 1e6)} M ev/s simulating, ${f(m.events / m.cpuS / 1e6)} M ev/s per CPU s  RSS ${m.rssMb.toFixed(0)} MB`
  );
}

function workloadLine(label: string, w: Workload): string {
  return `${label.padEnd(10)} kernel events ${w.kernelEvents.toLocaleString('en-US').padStart(11)}  orders ${w.ordersSubmitted.toLocaleString('en-US').padStart(9)}  cancels ${w.cancelsSubmitted.toLocaleString('en-US').padStart(9)}  trades ${w.trades.toLocaleString('en-US').padStart(8)}  volume ${Math.round(w.volume).toLocaleString('en-US')}`;
}

export const bench: BenchModule = {
  name: 'engine',
  async run() {
    const rounds = Math.max(1, Number(process.env['ENGINE_ROUNDS'] ?? 3));
    const withAbides = process.env['ENGINE_ABIDES'] !== '0';
    const abides: AbidesRun[] = [];
    const inProc: InProcessRun[] = [];
    const proc: Array<{ wallS: number; peakRssMb: number }> = [];
    let abidesNote = '';
    for (let i = 0; i < rounds; i++) {
      if (withAbides && abidesNote === '') {
        const a = runAbides(i, ABIDES_END_TIME);
        if (a === null) abidesNote = `ABIDES skipped: ${ABIDES_SCRIPT} not found (run from the repository root with shared/ beside it)`;
        else {
          abides.push(a);
          console.log(`round ${i + 1} ABIDES rmsc04 seed ${i}: process ${f(a.processWallS)} s, kernel.run ${f(a.runS)} s, ${(a.kernelEvents / 1e6).toFixed(3)} M events, peak RSS ${a.peakRssMb.toFixed(0)} MB`);
        }
      }
      const m = await runInProcess(RMSC);
      inProc.push(m);
      console.log(line(`round ${i + 1} gammaloop in process${i === 0 ? ' (cold)' : ''}`, m));
      const p = runAsProcess(RMSC);
      proc.push(p);
      console.log(`round ${i + 1} gammaloop whole process: ${f(p.wallS)} s, peak RSS ${p.peakRssMb.toFixed(0)} MB`);
    }
    if (!withAbides) abidesNote = 'ABIDES skipped (ENGINE_ABIDES=0)';
    const ours = await countWorkload(RMSC);
    console.log('\nworkload of one 09:30-16:00 day (docs/performance.md defines each count):');
    console.log(workloadLine('gammaloop', ours));
    const warm = inProc.length > 1 ? inProc.slice(1) : inProc;
    const oursInS = median(warm.map((m) => m.simulateS));
    const oursProcS = median(proc.map((p) => p.wallS));
    if (abides.length > 0) {
      const a0 = abides[0] as AbidesRun;
      console.log(workloadLine('ABIDES', a0));
      const abInS = median(abides.map((a) => a.runS));
      const abProcS = median(abides.map((a) => a.processWallS));
      console.log(`\nmedians over ${rounds} interleaved rounds (gammaloop in process: warm rounds):`);
      console.log(`  in process:    ABIDES kernel.run ${f(abInS)} s vs gammaloop build + run ${f(oursInS)} s  -> ${f(abInS / oursInS, 1)}x (target >= 100x)`);
      console.log(`  whole process: ABIDES ${f(abProcS)} s vs gammaloop run ${f(oursProcS)} s  -> ${f(abProcS / oursProcS, 1)}x (target >= 40x)`);
      console.log(
        `  per unit of work: kernel events/s ${f(ours.kernelEvents / oursInS / (a0.kernelEvents / abInS), 1)}x, ` +
          `orders+cancels/s ${f((ours.ordersSubmitted + ours.cancelsSubmitted) / oursInS / ((a0.ordersSubmitted + a0.cancelsSubmitted) / abInS), 1)}x ` +
          `(the two days' workloads differ: the scenario header says how)`,
      );
    } else {
      console.log(`\n${abidesNote}`);
      console.log(`  gammaloop medians: in process ${f(oursInS)} s, whole process ${f(oursProcS)} s`);
    }
    for (const name of ['baseline', 'liquidation-cascade']) console.log(line(`${name} (cold)`, await runInProcess(`scenarios/${name}.yaml`)));
  },
};
