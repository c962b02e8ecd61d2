/**
 * Kernel determinism: the same seed gives the same event trace (also in a fresh Node process
 * running the built engine), another seed another trace, and named streams keep an actor's draws
 * independent of which other actors exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as engine from '../../src/engine/index.js';
import { buildWorld } from './fixtures/world.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORLD = fileURLToPath(new URL('./fixtures/world.mjs', import.meta.url));
const END_NS = 200_000;

function runTrace(seed: number, actors = 12): string[] {
  const w = buildWorld(engine, { seed, actors });
  w.kernel.runUntil(END_NS);
  return w.trace;
}

describe('kernel determinism in one process', () => {
  it('the same seed twice gives an identical event trace', () => {
    const a = runTrace(42);
    expect(a.length).toBeGreaterThan(500);
    expect(a.some((l) => l.includes(' msg '))).toBe(true);
    expect(runTrace(42)).toEqual(a);
  });

  it('a different seed gives a different trace', () => {
    expect(runTrace(43)).not.toEqual(runTrace(42));
  });

  it('adding an actor (shifting every id) does not change another actor\'s draws', () => {
    const base = buildWorld(engine, { seed: 7, actors: 6, drawsOnMessage: false });
    const more = buildWorld(engine, { seed: 7, actors: 6, extraFirst: true, drawsOnMessage: false });
    base.kernel.runUntil(END_NS);
    more.kernel.runUntil(END_NS);
    expect(more.trace).not.toEqual(base.trace);
    for (const name of ['a0', 'a3', 'a5']) {
      const b = base.draws.get(name) ?? [];
      const m = more.draws.get(name) ?? [];
      expect(b.length).toBeGreaterThan(50);
      expect(m).toEqual(b);
    }
  });
});

describe('kernel determinism across processes', () => {
  // The engine alone is compiled into a private folder under node_modules/.cache (so `seedrandom`
  // resolves and a concurrent `npm run build` of dist/ is not disturbed).
  let outDir = '';
  beforeAll(() => {
    const cache = join(ROOT, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    outDir = mkdtempSync(join(cache, 'gammaloop-determinism-'));
    const config = join(outDir, 'tsconfig.json');
    writeFileSync(
      config,
      JSON.stringify({
        extends: join(ROOT, 'tsconfig.json'),
        compilerOptions: { noEmit: false, declaration: false, sourceMap: false, rootDir: ROOT, outDir },
        include: [join(ROOT, 'src', 'engine')],
      }),
    );
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { cwd: ROOT, stdio: 'pipe' });
  });
  afterAll(() => {
    if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
  });

  it('a child process running the built engine produces the in-process trace', () => {
    const engineJs = join(outDir, 'src', 'engine', 'index.js');
    expect(existsSync(engineJs)).toBe(true);
    const stdout = execFileSync(process.execPath, [WORLD, engineJs, '42', '12', String(END_NS)], { encoding: 'utf8' });
    const child = JSON.parse(stdout) as string[];
    expect(child.length).toBeGreaterThan(500);
    expect(child).toEqual(runTrace(42));
  });
});
