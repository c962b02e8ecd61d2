/**
 * The npm package as a user gets it: `npm pack` (no scripts; dist/ is built by pretest) -> the
 * tarball unpacked into a scratch project's node_modules/gammaloop, its runtime dependencies
 * linked from this checkout's node_modules (no network in CI). Then, in that project:
 * - the tarball ships dist/src (with index.js and index.d.ts), schema/, scenarios/, the example
 *   plug-in, and no tests or benchmarks;
 * - the docs/api.md example (its first ts block) type-checks with tsc against the package's
 *   types, compiles and runs: `import ... from 'gammaloop'` by name, two runs, a comparison;
 * - the example plug-in loads from the installed package and runs through the API;
 * - `gammaloop/schema/scenario.schema.json` resolves through the exports map.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt } from './helpers/cli.js';

const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

describe('packed tarball in a fresh project', () => {
  let tmp = '';
  let app = '';
  let files: string[] = [];
  beforeAll(() => {
    ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-pack-'));
    const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
    const pack = packed[0]!;
    files = pack.files.map((f) => f.path);
    app = path.join(tmp, 'app');
    const pkgDir = path.join(app, 'node_modules', 'gammaloop');
    fs.mkdirSync(pkgDir, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(tmp, pack.filename), '-C', pkgDir, '--strip-components=1']);
    // Runtime dependencies (and the type packages tsc needs) come from this checkout.
    const deps = Object.keys((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    for (const dep of [...deps, '@types/node']) {
      const target = path.join(app, 'node_modules', dep);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.symlinkSync(path.join(ROOT, 'node_modules', dep), target, 'dir');
    }
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', type: 'module', private: true }));
  }, 120_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('ships the built library, its types, the schema, scenarios and the example plug-in, no tests', () => {
    for (const f of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/main.js', 'dist/src/cli/sweep/worker.js', 'schema/scenario.schema.json', 'scenarios/baseline.yaml', 'examples/plugins/mean-reverter.js', 'docs/api.md']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('dist/test/') || f.startsWith('dist/bench/') || f.startsWith('results/'))).toEqual([]);
  });

  it('the docs/api.md example type-checks against the package, compiles and runs', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(code).toBeDefined();
    fs.writeFileSync(path.join(app, 'example.ts'), code!);
    fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2023', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, types: ['node'], skipLibCheck: false, outDir: 'build' },
      files: ['example.ts'],
    }));
    const tsc = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    const r = spawnSync(process.execPath, ['build/example.js'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { rv_mid_1m_diff: number[] };
    expect(last.rv_mid_1m_diff).toHaveLength(2);
    for (const d of last.rv_mid_1m_diff) expect(Number.isFinite(d)).toBe(true);
    expect(fs.existsSync(path.join(app, 'out/b/seed=2/manifest.json'))).toBe(true);
  }, 240_000);

  it('the example plug-in runs from the installed package through the API; the schema resolves by name', () => {
    const script = `
      import { loadPlugin, loadScenario, run, readManifest } from 'gammaloop';
      import { createRequire } from 'node:module';
      const req = createRequire(import.meta.url);
      const pkg = req.resolve('gammaloop/package.json').replace(/package\\.json$/, '');
      const schema = req('gammaloop/schema/scenario.schema.json');
      const rec = await loadPlugin(pkg + 'examples/plugins/mean-reverter.js');
      const loaded = loadScenario(pkg + 'examples/plugins/with-mean-reverters.yaml', { set: ['clock.duration=1m'] });
      const r = await run(loaded, { outDir: 'out/plugin' });
      console.log(JSON.stringify({ kinds: rec.kinds, status: r.status, plugins: readManifest('out/plugin').plugins, title: schema.title }));
    `;
    fs.writeFileSync(path.join(app, 'plugin.mjs'), script);
    const r = spawnSync(process.execPath, ['plugin.mjs'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { kinds: string[]; status: string; plugins: { name: string }[]; title: string };
    expect(out).toMatchObject({ kinds: ['mean_reverter'], status: 'complete', title: 'gammaloop scenario' });
    expect(out.plugins.map((p) => p.name)).toEqual(['gammaloop-example-mean-reverter']);
  }, 120_000);
});
