/**
 * A one-node Slurm cluster on localhost for the services tests, private to a temporary folder:
 * munged on its own socket (AuthInfo=socket=...), slurmctld and slurmd on free ports (so two
 * runs at once do not collide) with a generated slurm.conf (SLURM_CONF points the client commands at it), state, spool, logs and
 * pid files all under the folder. Needs root and Debian's slurm-wlm and munge packages (only the
 * binaries and /etc/munge/munge.key are used). `stop()` ends exactly the daemons it started, by
 * their pids. Verified recipe: /work/shared/notes/ecosystem.md section 6.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface SlurmCluster {
  readonly dir: string;
  /** Environment for sbatch/sinfo/scontrol (SLURM_CONF set). */
  readonly env: NodeJS.ProcessEnv;
  readonly logs: () => string;
  readonly stop: () => Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what: string, ok: () => boolean, timeoutMs: number, logs: () => string): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 200) {
    if (ok()) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}\n${logs()}`);
}

/** A TCP port nobody listens on right now (the kernel's pick). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const readPid = (file: string): number | undefined => (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : undefined);

/** Throws a clear message when the binaries are missing (the CI installs them first). */
export function requireSlurm(): void {
  for (const bin of ['/usr/sbin/munged', '/usr/sbin/slurmctld', '/usr/sbin/slurmd']) {
    if (!fs.existsSync(bin)) throw new Error(`${bin} not found: apt-get install -y --no-install-recommends slurm-wlm munge (see .ci/run)`);
  }
  if (process.getuid?.() !== 0) throw new Error('the Slurm services test starts slurmd as root: run it as root');
}

export async function startSlurm(): Promise<SlurmCluster> {
  requireSlurm();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-slurm-'));
  fs.chmodSync(dir, 0o755); // munged runs as the munge user and must reach its socket folder
  const munge = path.join(dir, 'munge');
  for (const d of ['state', 'spool', 'log', 'munge']) fs.mkdirSync(path.join(dir, d));
  execFileSync('chown', ['munge:munge', munge]);
  const host = os.hostname().split('.')[0] as string;
  const conf = path.join(dir, 'slurm.conf');
  const ctldPort = await freePort();
  let slurmdPort = await freePort();
  while (slurmdPort === ctldPort) slurmdPort = await freePort();
  const p = (f: string): string => path.join(dir, f);
  fs.writeFileSync(conf, [
    'ClusterName=gammaloop-ci',
    `SlurmctldHost=${host}(127.0.0.1)`,
    `SlurmctldPort=${ctldPort}`,
    `SlurmdPort=${slurmdPort}`,
    'AuthType=auth/munge',
    'CredType=cred/munge',
    `AuthInfo=socket=${p('munge/munge.sock')}`,
    'SlurmUser=root',
    'SlurmdUser=root',
    'ProctrackType=proctrack/linuxproc',
    'TaskPlugin=task/none',
    'MpiDefault=none',
    'SwitchType=switch/none',
    'JobAcctGatherType=jobacct_gather/none',
    'AccountingStorageType=accounting_storage/none',
    'SchedulerType=sched/backfill',
    'SelectType=select/cons_tres',
    'SelectTypeParameters=CR_Core',
    'ReturnToService=2',
    `StateSaveLocation=${p('state')}`,
    `SlurmdSpoolDir=${p('spool')}`,
    `SlurmctldPidFile=${p('slurmctld.pid')}`,
    `SlurmdPidFile=${p('slurmd.pid')}`,
    `SlurmctldLogFile=${p('log/slurmctld.log')}`,
    `SlurmdLogFile=${p('log/slurmd.log')}`,
    `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${os.availableParallelism()} RealMemory=4000 State=UNKNOWN`,
    'PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP',
    '',
  ].join('\n'));
  const env = { ...process.env, SLURM_CONF: conf };
  const logs = (): string =>
    ['log/slurmctld.log', 'log/slurmd.log', 'munge/munged.log']
      .filter((f) => fs.existsSync(p(f)))
      .map((f) => `--- ${f}\n${fs.readFileSync(p(f), 'utf8').split('\n').slice(-15).join('\n')}`)
      .join('\n');
  const started: number[] = [];
  const stop = async (): Promise<void> => {
    // Jobs left by a failed test (this cluster's only: SLURM_CONF) are cancelled first, so no
    // job step outlives the daemons.
    if (started.length === 3) {
      spawnSync('scancel', ['--full', '--user', os.userInfo().username], { env, timeout: 10_000 });
      for (let waited = 0; waited < 10_000 && (spawnSync('squeue', ['-h'], { env, encoding: 'utf8', timeout: 5_000 }).stdout ?? '').trim() !== ''; waited += 200) await sleep(200);
    }
    // Reverse start order: slurmd, slurmctld, then munged.
    for (const pid of [...started].reverse()) if (alive(pid)) process.kill(pid, 'SIGTERM');
    for (const pid of started) {
      for (let waited = 0; alive(pid) && waited < 10_000; waited += 100) await sleep(100);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  };
  try {
    const daemon = async (name: string, cmd: string, args: string[], pidFile: string): Promise<void> => {
      const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: 30_000 });
      if (r.status !== 0) throw new Error(`${name} failed to start (rc ${r.status}): ${r.stderr}\n${logs()}`);
      await waitFor(`${name} pid file`, () => (readPid(pidFile) ?? 0) > 0, 15_000, logs);
      started.push(readPid(pidFile) as number);
    };
    await daemon('munged', 'runuser', ['-u', 'munge', '--', '/usr/sbin/munged', `--socket=${p('munge/munge.sock')}`, `--pid-file=${p('munge/munged.pid')}`, `--log-file=${p('munge/munged.log')}`, `--seed-file=${p('munge/munged.seed')}`], p('munge/munged.pid'));
    await daemon('slurmctld', '/usr/sbin/slurmctld', ['-f', conf], p('slurmctld.pid'));
    await daemon('slurmd', '/usr/sbin/slurmd', ['-f', conf], p('slurmd.pid'));
    await waitFor('the node to be idle', () => /^idle/m.test(spawnSync('sinfo', ['-h', '-o', '%t'], { env, encoding: 'utf8' }).stdout ?? ''), 30_000, logs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { dir, env, logs, stop };
}
