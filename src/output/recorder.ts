/**
 * The run's recorder: hands producers a zero-allocation appender per table and streams full
 * batches to `<dir>/<table>.arrow` (via `.tmp` + rename).
 *
 * Per enabled table it keeps one Float64Array of `batchRows` per column (t_ns included, as a safe
 * integer in a double; unset cells are 0). When a batch fills it is converted to the column types
 * (batch.ts) and handed to the table's file writer. Memory stays bounded by these buffers as long
 * as the run loop awaits `drain()` between kernel slices (and by the writer's high-water mark if
 * it does not). Identical row sequences give byte-identical files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_TABLES, nullAppender, type Appender, type RecorderSource, type TableSpec } from '../model/tables.js';
import { tableSchema, type Dictionaries, type SchemaMetadata, type TableSchema } from './arrowSchema.js';
import { buildBatch } from './batch.js';
import { acquireColumn, releaseColumn } from './bufferPool.js';
import { ArrowFileWriter, DEFAULT_HIGH_WATER_BYTES } from './fileWriter.js';

/** Default rows per record batch. */
export const DEFAULT_BATCH_ROWS = 65_536;

export interface RecorderOptions {
  /** Directory the `<table>.arrow` files go to (created if missing). */
  readonly dir: string;
  /** Names of optional tables to turn on (required tables are always on). */
  readonly enabled?: readonly string[];
  /** The tables this run knows; default ALL_TABLES. */
  readonly tables?: readonly TableSpec[];
  /** Rows per record batch; default DEFAULT_BATCH_ROWS. */
  readonly batchRows?: number;
  /** Fixed names for `dict` columns (agents by id, instruments, option series). */
  readonly dictionaries: Dictionaries;
  /** Schema metadata for every table; `gammaloop.table` is added per table. */
  readonly metadata: SchemaMetadata;
  /** Pending output bytes per file before a synchronous write; default 64 MiB. */
  readonly highWaterBytes?: number;
  /**
   * A table's file path relative to `dir`; default `<table>.arrow`. Sweeps pass
   * `(t) => hivePartPath(t, [['cell', k], ['seed', s]])` for `<t>/cell=<k>/seed=<s>/part-0.arrow`.
   */
  readonly pathFor?: (table: string) => string;
}

/** `<table>/<key>=<value>/.../part-0.arrow`: a Hive-style partition file path (values unpadded). */
export function hivePartPath(table: string, keys: readonly (readonly [string, string | number])[], part = 0): string {
  const segments = keys.map(([k, v]) => {
    const text = String(v);
    if (!/^[A-Za-z0-9_.-]+$/.test(text) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`bad partition key ${k}=${text}`);
    return `${k}=${text}`;
  });
  return path.join(table, ...segments, `part-${part}.arrow`);
}

/** The appender of one enabled table: column buffers plus the open row. */
class TableAppender implements Appender {
  readonly enabled = true;
  readonly spec: TableSpec;
  private readonly columns: Float64Array[];
  private readonly time: Float64Array;
  private row = 0;
  private open = false;

  constructor(
    private readonly ts: TableSchema,
    private readonly writer: ArrowFileWriter,
    private readonly batchRows: number,
  ) {
    this.spec = ts.spec;
    this.columns = ts.spec.columns.map(() => acquireColumn(batchRows));
    this.time = this.columns[0]!;
  }

  begin(tNs: number): void {
    if (this.open) throw new Error(`table ${this.spec.name}: begin() before end() of the previous row`);
    this.open = true;
    this.time[this.row] = tNs;
  }

  set(column: number, value: number): void {
    const buffer = this.columns[column];
    if (!this.open || buffer === undefined || column === 0) {
      throw new Error(`table ${this.spec.name}: set(${column}) ${this.open ? 'is not a data column' : 'outside begin()/end()'}`);
    }
    buffer[this.row] = value;
  }

  end(): void {
    if (!this.open) throw new Error(`table ${this.spec.name}: end() without begin()`);
    this.open = false;
    if (++this.row === this.batchRows) this.flush();
  }

  /** Writes the buffered rows as one batch and clears them (unset cells must read 0). */
  flush(): void {
    if (this.open) throw new Error(`table ${this.spec.name}: flush with a row open`);
    const rows = this.row;
    if (rows === 0) return;
    this.writer.write(buildBatch(this.ts, this.columns, rows));
    for (const c of this.columns) c.fill(0, 0, rows);
    this.row = 0;
  }

  /** Returns the column buffers to the pool (the appender is not used after this). */
  release(): void {
    // Rows up to the open one (if any) may hold values; everything after was zeroed at a flush.
    const dirty = this.row + 1;
    for (const c of this.columns) releaseColumn(c, dirty);
    this.columns.length = 0;
  }
}

/** Creates the enabled tables' files and hands out appenders (implements RecorderSource). */
export class Recorder implements RecorderSource {
  readonly dir: string;
  private readonly appenders = new Map<string, TableAppender>();
  private readonly writers: ArrowFileWriter[] = [];
  private readonly known = new Map<string, TableSpec>();
  private state: 'open' | 'closed' | 'aborted' = 'open';

  constructor(options: RecorderOptions) {
    const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
    if (!Number.isSafeInteger(batchRows) || batchRows < 1) throw new Error(`batchRows must be a positive integer, got ${batchRows}`);
    const tables = options.tables ?? ALL_TABLES;
    const enabled = new Set(options.enabled ?? []);
    for (const name of enabled) {
      if (!tables.some((t) => t.name === name)) throw new Error(`unknown table ${JSON.stringify(name)} in enabled tables`);
    }
    this.dir = options.dir;
    fs.mkdirSync(this.dir, { recursive: true });
    try {
      for (const spec of tables) {
        if (this.known.has(spec.name)) throw new Error(`table ${spec.name} listed twice`);
        this.known.set(spec.name, spec);
        if (spec.optional && !enabled.has(spec.name)) continue;
        const ts = tableSchema(spec, options.dictionaries, options.metadata);
        const file = path.join(this.dir, options.pathFor ? options.pathFor(spec.name) : `${spec.name}.arrow`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const writer = new ArrowFileWriter(file, ts, options.highWaterBytes ?? DEFAULT_HIGH_WATER_BYTES);
        this.writers.push(writer);
        this.appenders.set(spec.name, new TableAppender(ts, writer, batchRows));
      }
    } catch (err) {
      for (const w of this.writers) void w.abort();
      throw err;
    }
  }

  /** The appender of `spec`'s table; a null appender when the table is turned off. */
  recorder(spec: TableSpec): Appender {
    const appender = this.appenders.get(spec.name);
    if (appender !== undefined) {
      if (appender.spec.columns.length !== spec.columns.length) throw new Error(`table ${spec.name}: spec differs from the recorder's`);
      return appender;
    }
    if (!this.known.has(spec.name)) throw new Error(`table ${spec.name} is not a table of this recorder`);
    return nullAppender(spec);
  }

  /** Names of the tables being written, in table order. */
  get tables(): string[] {
    return [...this.appenders.keys()];
  }

  /** Bytes waiting to be written across all tables. */
  get pendingBytes(): number {
    let n = 0;
    for (const w of this.writers) n += w.pendingBytes;
    return n;
  }

  /** Writes every queued chunk to disk. Call between kernel slices. */
  async drain(): Promise<void> {
    await Promise.all(this.writers.map((w) => w.drain()));
  }

  /**
   * Flushes partial batches, writes footers and renames every `.tmp` to `.arrow`.
   * Returns row counts per table, in table order.
   */
  async close(): Promise<{ [table: string]: number }> {
    if (this.state !== 'open') throw new Error(`recorder ${this.dir}: close after ${this.state}`);
    this.state = 'closed';
    for (const a of this.appenders.values()) a.flush();
    this.releaseBuffers();
    const rows: { [table: string]: number } = {};
    const names = [...this.appenders.keys()];
    const counts = await Promise.all(this.writers.map((w) => w.close()));
    names.forEach((name, i) => (rows[name] = counts[i]!));
    return rows;
  }

  /** Removes every unfinished `.tmp` file; finished tables are left. Safe to call twice. */
  async abort(): Promise<void> {
    if (this.state === 'aborted') return;
    const wasOpen = this.state === 'open';
    this.state = 'aborted';
    if (wasOpen) this.releaseBuffers();
    await Promise.all(this.writers.map((w) => w.abort()));
  }

  /** The appenders' column buffers back to the pool, once (after close's flush, or on abort). */
  private releaseBuffers(): void {
    for (const a of this.appenders.values()) a.release();
  }
}
