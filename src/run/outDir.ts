/**
 * Taking a run's output directory (`gammaloop run --out DIR`, or the default path) so that a run
 * never silently overwrites another run's or a sweep's files and two runs never write one
 * directory at once:
 *
 * 1. DIR must be a directory (or creatable): a file there, a file as a parent, no permission or
 *    a read-only file system is a {@link OutDirError} naming the path, before anything is written.
 * 2. DIR is locked (`DIR/.gammaloop-lock`, output/lock.ts) for the whole run; a second run into
 *    it while the first is alive is refused.
 * 3. What DIR holds decides: nothing, or the files of a run of the same resolved scenario and
 *    seed (a rerun, which writes the same bytes), is taken; the files are cleared first so no
 *    stale file (a report, an optional table) survives beside the new ones. Another run's files
 *    or a sweep's are refused unless `force`, which clears them first. Files gammaloop did not
 *    write are never removed: with them present the directory is refused even with `force`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_TABLES } from '../model/tables.js';
import { ClaimHeldError, claim, type Claim } from '../output/index.js';

/** The lock file inside a run directory (hidden, so directory scans and globs skip it). */
export const RUN_LOCK = '.gammaloop-lock';

/** A run directory that cannot or may not be used: a plain sentence naming the path (exit 2). */
export class OutDirError extends Error {
  override readonly name = 'OutDirError';
}

const TABLE_NAMES = new Set([...ALL_TABLES.map((t) => t.name), 'summary']);
const SWEEP_NAMES = new Set(['sweep.json', 'cells.arrow', '_done', '_failed', '_claims', '_staging', '_lock']);

/** True for a name gammaloop writes into a run or sweep directory (so `force` may remove it). */
export function isGammaloopFile(name: string): boolean {
  if (name === RUN_LOCK || name === 'manifest.json' || name === 'report.html' || name.endsWith('.tmp')) return true;
  if (SWEEP_NAMES.has(name) || TABLE_NAMES.has(name)) return true;
  return name.endsWith('.arrow') && TABLE_NAMES.has(name.slice(0, -'.arrow'.length));
}

const FS_PHRASES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'it is a directory',
  EEXIST: 'it already exists',
  ENOENT: 'no such file or directory',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
};

const SYSCALL_VERBS: Readonly<Record<string, string>> = {
  mkdir: 'create the directory', open: 'open', rename: 'rename', unlink: 'remove', rmdir: 'remove', rm: 'remove',
  scandir: 'list', write: 'write', writev: 'write', read: 'read', stat: 'look at', lstat: 'look at', access: 'write to', copyfile: 'copy',
};

/**
 * A plain sentence for a file-system error (`cannot <doing> <path>: <reason>`), or undefined for
 * other errors. `doing` defaults to what the failed system call was doing.
 */
export function fsErrorSentence(err: unknown, doing?: string): string | undefined {
  const e = err as (NodeJS.ErrnoException & { dest?: unknown }) | undefined;
  if (e === undefined || e === null || typeof e.code !== 'string' || !(e.code in FS_PHRASES)) return undefined;
  doing ??= (typeof e.syscall === 'string' ? SYSCALL_VERBS[e.syscall] : undefined) ?? 'write';
  const where = typeof e.path === 'string' ? e.path : 'a file';
  const dest = typeof e.dest === 'string' ? ` (to ${e.dest})` : '';
  // mkdir of a path that is a file: say that, not "it already exists".
  const reason = e.code === 'EEXIST' && e.syscall === 'mkdir' ? 'a file of that name is in the way (a part of the path is a file, not a directory)' : FS_PHRASES[e.code];
  return `cannot ${doing} ${where}${dest}: ${reason}`;
}

function firstFileAncestor(dir: string): string | undefined {
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    try {
      if (!fs.statSync(p).isDirectory()) return p;
      return undefined;
    } catch {
      // Missing: look further up.
    }
    if (path.dirname(p) === p) return undefined;
  }
}

/**
 * `mkdir -p` one level at a time. Node 20's `mkdirSync(p, { recursive: true })` never returns
 * when the parent refuses with ENOENT (e.g. under /proc); this reports the error instead.
 */
function mkdirs(dir: string): void {
  const missing: string[] = [];
  for (let p = path.resolve(dir); !fs.existsSync(p); p = path.dirname(p)) {
    missing.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const p of missing) fs.mkdirSync(p);
}

function makeDir(dir: string): void {
  try {
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new OutDirError(`output directory ${dir} is a file, not a directory: choose another --out`);
    mkdirs(dir);
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    if (err instanceof OutDirError) throw err;
    const fileAncestor = (err as NodeJS.ErrnoException).code === 'ENOTDIR' || (err as NodeJS.ErrnoException).code === 'EEXIST' ? firstFileAncestor(dir) : undefined;
    if (fileAncestor !== undefined) throw new OutDirError(`cannot create output directory ${dir}: ${fileAncestor} is a file, not a directory`);
    const sentence = fsErrorSentence(err, 'create or write');
    throw new OutDirError(sentence === undefined ? `cannot use output directory ${dir}: ${(err as Error).message}` : `${sentence.replace(/^cannot create or write [^:]*:/, `cannot create or write output directory ${dir}:`)}`);
  }
}

interface ExistingRun {
  readonly kind: 'run' | 'sweep' | 'unknown';
  readonly seed?: number;
  readonly sha256?: string;
  readonly name?: string;
}

function describeExisting(dir: string, names: readonly string[]): ExistingRun {
  if (names.includes('sweep.json')) return { kind: 'sweep' };
  if (!names.includes('manifest.json')) return { kind: 'unknown' };
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { kind?: unknown; seed?: unknown; scenario_sha256?: unknown; scenario?: { name?: unknown } };
    if (m.kind === 'sweep') return { kind: 'sweep' };
    if (typeof m.seed === 'number' && typeof m.scenario_sha256 === 'string') {
      return { kind: 'run', seed: m.seed, sha256: m.scenario_sha256, ...(typeof m.scenario?.name === 'string' ? { name: m.scenario.name } : {}) };
    }
  } catch {
    // An unreadable manifest: not known to be this run.
  }
  return { kind: 'unknown' };
}

export interface TakeRunDirOptions {
  /** The resolved scenario's sha256 and the seed: a directory holding this run is a rerun. */
  readonly sha256: string;
  readonly seed: number;
  /** Replace another run's or a sweep's files (never files gammaloop did not write). */
  readonly force: boolean;
}

/**
 * Creates, locks and clears `dir` for a run (see the file header). Returns the lock; release it
 * when the run has written its manifest. Throws OutDirError (nothing written or removed).
 */
export function takeRunDir(dir: string, opts: TakeRunDirOptions): Claim {
  makeDir(dir);
  let lock: Claim;
  try {
    lock = claim(path.join(dir, RUN_LOCK));
  } catch (err) {
    if (err instanceof ClaimHeldError) {
      const who = err.holder === undefined ? 'another process' : `another gammaloop process (pid ${err.holder.pid} on host ${err.holder.host})`;
      throw new OutDirError(`${dir} is being written by ${who}: wait for it to finish or choose another --out (if no such process is running, delete ${err.file})`);
    }
    throw new OutDirError(fsErrorSentence(err) ?? `cannot lock ${dir}: ${(err as Error).message}`);
  }
  try {
    const names = fs.readdirSync(dir).filter((n) => n !== RUN_LOCK);
    if (names.length === 0) return lock;
    const foreign = names.filter((n) => !isGammaloopFile(n));
    if (foreign.length > 0) {
      const listed = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, ... (${foreign.length} in all)` : '');
      throw new OutDirError(`${dir} holds files gammaloop did not write (${listed}): choose an empty or new --out (--force only replaces gammaloop's own files)`);
    }
    const existing = describeExisting(dir, names);
    const rerun = existing.kind === 'run' && existing.sha256 === opts.sha256 && existing.seed === opts.seed;
    if (!rerun && !opts.force) {
      const what = existing.kind === 'sweep' ? 'a sweep'
        : existing.kind === 'run' ? `another run (${existing.name === undefined ? '' : `scenario ${existing.name}, `}seed ${existing.seed}, scenario sha256 ${existing.sha256?.slice(0, 12)})`
        : 'output of an unfinished or unknown run (no readable manifest.json)';
      throw new OutDirError(`${dir} already holds ${what}: choose another --out, or pass --force to delete its files and write this run there`);
    }
    for (const n of names) fs.rmSync(path.join(dir, n), { recursive: true, force: true });
    return lock;
  } catch (err) {
    lock.release();
    if (err instanceof OutDirError) throw err;
    throw new OutDirError(fsErrorSentence(err, 'clear') ?? `cannot prepare ${dir}: ${(err as Error).message}`);
  }
}
