/** manifest.json: fixed key order, 2-space indent, sorted nested keys, atomic write, sha256. */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MANIFEST_KEY_ORDER, MANIFEST_VERSION, apacheArrowVersion, canonicalJson, manifestJson, readManifest,
  runtimeVersions, sha256Hex, writeManifest, type RunManifest,
} from '../../../src/output/manifest.js';
import { tempDir } from './helpers.js';

const SCENARIO = { name: 'demo', agents: { retail: { count: 3, kind: 'retail' }, dealer: { kind: 'dealer', count: 1 } }, seed: 7 };

const MANIFEST: RunManifest = {
  manifest_version: MANIFEST_VERSION,
  status: 'complete',
  seed: 7,
  scenario_sha256: sha256Hex(canonicalJson(SCENARIO)),
  versions: { gammaloop: '0.1.0', node: '20.20.2', 'apache-arrow': '21.2.0' },
  wall_time_ms: 1234,
  events: 99,
  sim_time_ns: 3_600_000_000_000,
  rows: { trades: 10, book: 3 },
  error: null,
  scenario: SCENARIO,
  cell: 3,
};

describe('manifest', () => {
  it('sha256Hex matches the FIPS 180-2 test vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('canonicalJson sorts keys at every level, so construction order does not change the hash', () => {
    const reordered = { seed: 7, agents: { dealer: { count: 1, kind: 'dealer' }, retail: { kind: 'retail', count: 3 } }, name: 'demo' };
    expect(canonicalJson(reordered)).toBe(canonicalJson(SCENARIO));
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });

  it('writes fixed top-level order, extras sorted, scenario last, 2-space indent, atomically', () => {
    const dir = tempDir();
    const file = writeManifest(dir, MANIFEST);
    expect(fs.readdirSync(dir)).toEqual(['manifest.json']);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toBe(manifestJson(MANIFEST));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe(`  "manifest_version": ${MANIFEST_VERSION},`);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([...MANIFEST_KEY_ORDER, 'cell', 'scenario']);
    expect(readManifest(dir)).toEqual(JSON.parse(text));
    expect(readManifest(dir).rows).toEqual({ book: 3, trades: 10 });
  });

  it('is identical for the same content built in another key order', () => {
    const shuffled = Object.fromEntries(Object.entries(MANIFEST).reverse()) as RunManifest;
    expect(manifestJson(shuffled)).toBe(manifestJson(MANIFEST));
  });

  it('rejects NaN and Infinity instead of writing null', () => {
    expect(() => manifestJson({ ...MANIFEST, wall_time_ms: Number.NaN })).toThrow(/wall_time_ms is NaN/);
    expect(() => manifestJson({ ...MANIFEST, scenario: { x: [1, Infinity] } })).toThrow(/scenario\.x\[1\]/);
  });

  it('writes the error of a failed run', () => {
    const dir = tempDir();
    writeManifest(dir, { ...MANIFEST, status: 'failed', error: 'boom (seed 7)' });
    expect(readManifest(dir)).toMatchObject({ status: 'failed', error: 'boom (seed 7)' });
  });

  it('reports the installed versions', () => {
    expect(apacheArrowVersion()).toMatch(/^21\.\d+\.\d+$/);
    expect(runtimeVersions('9.9.9')).toEqual({ gammaloop: '9.9.9', node: process.versions.node, 'apache-arrow': apacheArrowVersion() });
  });
});
