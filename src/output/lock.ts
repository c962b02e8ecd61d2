/**
 * Exclusive claims on output paths, so two gammaloop processes never write the same files: a
 * run directory (`<out>/.gammaloop-lock`), a sweep without `--shard` (`<sweep>/_lock`) and each
 * (cell, seed) run of a sweep (`<sweep>/_claims/<K>-<S>.json`).
 *
 * A claim is a small JSON file `{pid, host}` created with O_EXCL (`wx`), which is atomic on
 * local file systems and on NFSv3+. A claim whose process is gone (same host, `kill(pid, 0)` says
 * ESRCH) is stale: a process killed with SIGKILL leaves one, and the next claimant takes it over.
 * A claim from another host cannot be checked, so it is held until someone deletes the file (the
 * error message names it). PID reuse could make a stale claim look alive; the message names the
 * file so a user can remove it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Who holds a claim. */
export interface ClaimHolder {
  readonly pid: number;
  readonly host: string;
}

/** The claim on `file` is held by another live process. */
export class ClaimHeldError extends Error {
  override readonly name = 'ClaimHeldError';
  constructor(
    readonly file: string,
    readonly holder: ClaimHolder | undefined,
  ) {
    super(`${file} is held by ${holder === undefined ? 'another process' : `another gammaloop process (pid ${holder.pid} on host ${holder.host})`}`);
  }
}

/** This process as a claim holder. */
export const thisProcess = (): ClaimHolder => ({ pid: process.pid, host: os.hostname() });

function readHolder(file: string): ClaimHolder | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ClaimHolder>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? { pid: v.pid, host: v.host } : undefined;
  } catch {
    return undefined;
  }
}

/** True when `holder` is a process that is still running (unknowable on another host: true). */
export function holderAlive(holder: ClaimHolder | undefined): boolean {
  if (holder === undefined) return false;
  if (holder.host !== os.hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(holder.pid);
}

/**
 * True when `pid` has exited but was not reaped (Linux state Z): kill(pid, 0) still succeeds
 * on it. A killed sweep's orphaned worker stays a zombie where the container's init does not
 * reap orphans (Docker without --init, some sandboxes), and its claims must count as stale.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state follows the parenthesized command name, which may itself contain spaces.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

/** A held claim; `release()` removes the file if it is still ours. */
export interface Claim {
  readonly file: string;
  release(): void;
}

/**
 * Claims `file` for `holder` (default this process), taking over a stale claim. Throws
 * ClaimHeldError when a live process holds it; file-system errors propagate.
 */
export function claim(file: string, holder: ClaimHolder = thisProcess()): Claim {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const body = `${JSON.stringify(holder)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, body, { flag: 'wx' });
      return { file, release: () => releaseIfOwned(file, holder) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const current = readHolder(file);
    // An empty or unreadable claim is one being written right now (or a crash between create and
    // write); only a claim that names a dead process is taken over.
    if (current === undefined || holderAlive(current)) throw new ClaimHeldError(file, current);
    // Stale: remove it only if it is still the same stale claim, then try again.
    if (readHolder(file)?.pid === current.pid) fs.rmSync(file, { force: true });
  }
  throw new ClaimHeldError(file, readHolder(file));
}

/** Removes `file` if it names `holder` (another process may have taken a stale claim over). */
export function releaseIfOwned(file: string, holder: ClaimHolder): void {
  const current = readHolder(file);
  if (current !== undefined && current.pid === holder.pid && current.host === holder.host) fs.rmSync(file, { force: true });
}
