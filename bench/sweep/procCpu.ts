/**
 * CPU seconds of this process's child processes (the sweep workers), split into each child's
 * main thread and its other threads (V8's platform workers: concurrent GC and JIT compilation),
 * read from /proc (Linux; elsewhere every figure is NaN). A sampler polls while the children
 * live and keeps each one's last reading, so a child that exited counts with what it had used
 * at the last poll (the bench polls at every run outcome, just before a worker may exit).
 */
import * as fs from 'node:fs';

export interface ChildCpu {
  /** Main-thread CPU seconds (user + system) of every child seen, summed. */
  readonly mainS: number;
  /** CPU seconds of the children's other threads, summed. */
  readonly helpersS: number;
  /** The largest main-thread CPU of one child: the critical path of a worker. */
  readonly maxMainS: number;
  readonly children: number;
}

const TICKS_PER_S = 100; // USER_HZ on Linux

/** utime + stime of a /proc stat line, seconds. */
function statCpuS(line: string): number {
  const f = line.slice(line.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS_PER_S;
}

function parentOf(line: string): number {
  return Number(line.slice(line.lastIndexOf(')') + 2).split(' ')[1]);
}

function read(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export class ChildCpuSampler {
  private readonly last = new Map<number, { main: number; helpers: number }>();
  readonly available = fs.existsSync('/proc/self/task');

  /** Reads every live child of this process. */
  poll(): void {
    if (!this.available) return;
    for (const name of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const stat = read(`/proc/${name}/stat`);
      if (stat === null || parentOf(stat) !== process.pid) continue;
      const pid = Number(name);
      let main = 0;
      let helpers = 0;
      let tasks: string[];
      try {
        tasks = fs.readdirSync(`/proc/${pid}/task`);
      } catch {
        continue;
      }
      for (const tid of tasks) {
        const t = read(`/proc/${pid}/task/${tid}/stat`);
        if (t === null) continue;
        if (Number(tid) === pid) main += statCpuS(t);
        else helpers += statCpuS(t);
      }
      this.last.set(pid, { main, helpers });
    }
  }

  totals(): ChildCpu {
    if (!this.available) return { mainS: Number.NaN, helpersS: Number.NaN, maxMainS: Number.NaN, children: 0 };
    let mainS = 0;
    let helpersS = 0;
    let maxMainS = 0;
    for (const v of this.last.values()) {
      mainS += v.main;
      helpersS += v.helpers;
      maxMainS = Math.max(maxMainS, v.main);
    }
    return { mainS, helpersS, maxMainS, children: this.last.size };
  }
}
