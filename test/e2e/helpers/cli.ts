/**
 * Runs the BUILT CLI (dist/src/cli/main.js) as a user would: a child process with piped stdio
 * (so stdout/stderr are not TTYs), a timeout, and a controlled environment. `ensureBuilt`
 * rebuilds dist when it is missing or older than any source file (npm test's pretest build
 * normally makes it current); a lock directory keeps parallel test files from building twice.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const MAIN = path.join(ROOT, 'dist/src/cli/main.js');
const LOCK = path.join(ROOT, 'dist/.e2e-build-lock');

/** Newest mtime (ms) of the .ts files under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  if (!fs.existsSync(MAIN)) return true;
  return fs.statSync(MAIN).mtimeMs < newestSource(path.join(ROOT, 'src'));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds dist with tsc when it is missing or stale. */
export function ensureBuilt(): void {
  if (!isStale()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building; a lock older than 2 minutes is left over from a crash.
      if (waited > 120_000 || Date.now() - fs.statSync(LOCK).mtimeMs > 120_000) {
        fs.rmSync(LOCK, { recursive: true, force: true });
      }
      sleep(200);
    }
  }
  try {
    if (isStale()) {
      // Errors in files other than the CLI's still emit; the tests then say what is wrong.
      spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore', timeout: 120_000 });
      // Touch so a build with errors in unrelated files is not repeated by every test file.
      if (fs.existsSync(MAIN)) fs.utimesSync(MAIN, new Date(), new Date());
    }
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
  if (!fs.existsSync(MAIN)) throw new Error(`build produced no ${MAIN}`);
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Extra environment; NO_COLOR/FORCE_COLOR/CI are removed first unless given here. */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

/** Runs `node dist/src/cli/main.js ...args` with piped stdio. */
export function runCli(args: readonly string[], options: RunOptions = {}): CliResult {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !['NO_COLOR', 'FORCE_COLOR', 'CI', 'NODE_OPTIONS'].includes(k) && !k.startsWith('VITEST')) env[k] = v;
  }
  Object.assign(env, options.env ?? {});
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** True when `s` holds an ANSI escape sequence. */
export const hasEscapes = (s: string): boolean => s.includes('\u001b');
