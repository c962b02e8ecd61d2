/**
 * The native reference for the book benchmark: compiles bench/native/book.cpp with g++ (-O2) into
 * a temporary directory, writes the benchmark's command stream to a binary file (int32 count, then
 * kind, side as int8 arrays and orderId, owner, priceTicks, sizeLots as int32 arrays, little
 * endian) and runs the matcher on it. Returns null, with the reason, when g++ is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The stream arrays the benchmark generates (see bench/book.ts). */
export interface NativeStream {
  readonly n: number;
  readonly kind: Int8Array;
  readonly side: Int8Array;
  readonly orderId: Int32Array;
  readonly owner: Int32Array;
  readonly priceTicks: Int32Array;
  readonly sizeLots: Int32Array;
}

export interface NativeResult {
  readonly ops: number;
  /** Best replay of `rounds` (steady clock around the replay loop only). */
  readonly seconds: number;
  /** Best process CPU time of the replays (steadier than wall on a loaded machine). */
  readonly cpuSeconds: number;
  readonly fills: number;
  /** The per-market-order fill checksum, as 8 hex digits. */
  readonly hash: string;
}

/** The source file next to this module (dist/bench/native -> bench/native). */
function sourcePath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', '..', 'bench', 'native', 'book.cpp');
}

function streamBytes(s: NativeStream): Buffer {
  const n = s.n;
  const buf = Buffer.alloc(4 + 2 * n + 16 * n);
  buf.writeInt32LE(n, 0);
  let o = 4;
  for (const a of [s.kind, s.side]) {
    Buffer.from(a.buffer, a.byteOffset, n).copy(buf, o);
    o += n;
  }
  for (const a of [s.orderId, s.owner, s.priceTicks, s.sizeLots]) {
    for (let i = 0; i < n; i++) buf.writeInt32LE(a[i] as number, o + 4 * i);
    o += 4 * n;
  }
  return buf;
}

/** Compiles and runs the native matcher on `s`; `{ skipped }` when it cannot be built here. */
export function runNativeBook(s: NativeStream, rounds: number): NativeResult | { readonly skipped: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gammaloop-native-book-'));
  try {
    const exe = path.join(dir, 'book');
    const cc = spawnSync('g++', ['-O2', '-std=c++17', sourcePath(), '-o', exe], { encoding: 'utf8' });
    if (cc.error !== undefined) return { skipped: `g++ not available (${cc.error.message})` };
    if (cc.status !== 0) throw new Error(`g++ failed on bench/native/book.cpp:\n${cc.stderr}`);
    const file = path.join(dir, 'stream.bin');
    writeFileSync(file, streamBytes(s));
    const r = spawnSync(exe, [file, String(rounds)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`native book exited ${r.status}: ${r.stderr}`);
    return JSON.parse(r.stdout.trim()) as NativeResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
