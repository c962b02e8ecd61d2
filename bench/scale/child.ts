/**
 * One scale measurement, in its own process (run with --expose-gc by bench/scale.ts): the
 * abides-rmsc04-like market with `agents` noise traders, either at a fixed rate per agent or at
 * a fixed total rate, over `duration`, with every table off (the simulation alone). Prints one
 * JSON line: agents, kernel events, simulate seconds (wall and CPU), events/s, and bytes per
 * noise agent after the world is built and after the run (heap + array buffers after a full GC,
 * over the same process before loading the scenario).
 */
import { buildWorld } from '../../src/scenario/world.js';
import { loadScenario } from '../../src/scenario/index.js';
import { nullAppender, type TableSpec } from '../../src/model/tables.js';

const [agentsArg, mode, duration] = process.argv.slice(2);
const agents = Number(agentsArg);
const PER_AGENT_RATE = 0.05; // arrivals per second per noise agent
const TOTAL_RATE = 500; // arrivals per second over all noise agents
const rate = mode === 'per-agent' ? PER_AGENT_RATE : TOTAL_RATE / agents;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('bench/scale/child.js needs node --expose-gc');
const bytes = (): number => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const before = bytes();
const loaded = loadScenario('scenarios/abides-rmsc04-like.yaml', {
  set: [`agents.noise.count=${agents}`, `agents.noise.rate=${rate}`, `clock.duration=${duration}`, 'output.tables=[]'],
});
const world = buildWorld(loaded.scenario, { recorder: (spec: TableSpec) => nullAppender(spec) });
const afterBuild = bytes();
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
const events = world.kernel.runUntil(world.endNs);
const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(c0);
const afterRun = bytes();
const cpuS = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify({
    agents,
    mode,
    rate,
    events,
    wallS,
    cpuS,
    eventsPerS: events / wallS,
    eventsPerCpuS: events / cpuS,
    bytesPerAgentBuild: (afterBuild - before) / agents,
    bytesPerAgentRun: (afterRun - before) / agents,
  }),
);
