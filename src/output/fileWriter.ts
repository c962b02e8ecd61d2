/**
 * One Arrow IPC file (file format, uncompressed) written as record batches arrive:
 * `<path>.tmp` while open, renamed to `<path>` by `close()`, removed by `abort()`.
 *
 * apache-arrow's RecordBatchFileWriter queues its output chunks in a sink until someone consumes
 * them. We give it our own sink that only collects the chunks (no copy: they are views of the
 * batch's fresh typed arrays), and write them out with positional writes, either in `drain()`
 * (async, called by the run loop between kernel slices) or synchronously when more than
 * `highWaterBytes` are pending (so a caller that never drains still has bounded memory).
 * Positional writes keep the bytes identical whatever the drain timing.
 */
import * as fs from 'node:fs';
import { AsyncByteQueue, RecordBatchFileWriter, type RecordBatch } from 'apache-arrow';
import type { TableSchema } from './arrowSchema.js';

/** Default pending-bytes limit before a synchronous write: 64 MiB. */
export const DEFAULT_HIGH_WATER_BYTES = 64 * 1024 * 1024;

/** Collects the writer's output chunks instead of queueing them for an async reader. */
class ChunkSink extends AsyncByteQueue {
  chunks: Uint8Array[] = [];
  bytes = 0;
  override write(value: Uint8Array): void {
    if (value.byteLength === 0) return;
    this.chunks.push(value);
    this.bytes += value.byteLength;
  }
  take(): Uint8Array[] {
    const chunks = this.chunks;
    this.chunks = [];
    this.bytes = 0;
    return chunks;
  }
}

function writevAt(fd: number, chunks: Uint8Array[], position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    fs.writev(fd, chunks, position, (err, written) => (err ? reject(err) : resolve(written)));
  });
}

function closeFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.close(fd, (err) => (err ? reject(err) : resolve())));
}

function sum(chunks: readonly Uint8Array[]): number {
  let n = 0;
  for (const c of chunks) n += c.byteLength;
  return n;
}

/** Writes one table's batches to `<path>.tmp`, then renames it to `path` on close. */
export class ArrowFileWriter {
  readonly path: string;
  readonly tmpPath: string;
  private readonly sink = new ChunkSink();
  private readonly writer = new RecordBatchFileWriter({ autoDestroy: true });
  private fd: number;
  /** File offset of the next chunk handed out for writing. */
  private position = 0;
  private inflight: Promise<void> = Promise.resolve();
  private state: 'open' | 'closed' | 'aborted' = 'open';
  private rowCount = 0;

  /**
   * `tmpSuffix` (default `.tmp`) names the file while it is open; files that several processes
   * may write at once (a sweep's collect outputs) use a process-unique suffix.
   */
  constructor(path: string, ts: TableSchema, private readonly highWaterBytes = DEFAULT_HIGH_WATER_BYTES, tmpSuffix = '.tmp') {
    this.path = path;
    this.tmpPath = `${path}${tmpSuffix}`;
    this.fd = fs.openSync(this.tmpPath, 'w');
    // Installs our sink and writes magic + schema (so a zero-row file still has its schema).
    this.writer.reset(this.sink, ts.schema);
  }

  /** Rows written so far. */
  get rows(): number {
    return this.rowCount;
  }

  /** Bytes produced by the Arrow writer and not yet handed to the file system. */
  get pendingBytes(): number {
    return this.sink.bytes;
  }

  /** Appends one batch (its schema must be this file's schema object). */
  write(batch: RecordBatch): void {
    if (this.state !== 'open') throw new Error(`${this.path}: write after ${this.state}`);
    this.writer.write(batch);
    this.rowCount += batch.numRows;
    if (this.sink.bytes > this.highWaterBytes) this.flushSync();
  }

  private flushSync(): void {
    const chunks = this.sink.take();
    if (chunks.length === 0) return;
    const bytes = sum(chunks);
    let done = fs.writevSync(this.fd, chunks, this.position);
    if (done < bytes) {
      // A short write: continue from where it stopped.
      const all = Buffer.concat(chunks);
      while (done < bytes) done += fs.writeSync(this.fd, all, done, bytes - done, this.position + done);
    }
    this.position += bytes;
  }

  /** Writes pending chunks asynchronously; resolves when they are all in the file. */
  drain(): Promise<void> {
    const chunks = this.sink.take();
    if (chunks.length > 0) {
      const position = this.position;
      const bytes = sum(chunks);
      this.position += bytes;
      const fd = this.fd;
      this.inflight = this.inflight.then(async () => {
        let done = await writevAt(fd, chunks, position);
        if (done < bytes) {
          const all = Buffer.concat(chunks);
          while (done < bytes) done += await writevAt(fd, [all.subarray(done)], position + done);
        }
      });
    }
    return this.inflight;
  }

  /** Writes the footer, flushes, closes and renames `.tmp` to the final name. Returns rows. */
  async close(): Promise<number> {
    if (this.state !== 'open') throw new Error(`${this.path}: close after ${this.state}`);
    this.writer.close(); // footer into the sink
    await this.drain();
    this.state = 'closed';
    await closeFd(this.fd);
    fs.renameSync(this.tmpPath, this.path);
    return this.rowCount;
  }

  /** Stops writing and removes the `.tmp` file. A closed (renamed) file is left alone. */
  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    this.sink.take();
    try {
      await this.inflight;
    } catch {
      // The write error is moot: the file is being removed.
    }
    await closeFd(this.fd).catch(() => undefined);
    fs.rmSync(this.tmpPath, { force: true });
  }
}
