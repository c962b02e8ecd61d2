/**
 * The CLI framework as a user meets it: help, version, usage errors (exit 2 with a
 * did-you-mean), and the scenario commands `schema` and `validate` on real files.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, hasEscapes, ROOT, runCli } from './helpers/cli.js';

const GOOD = 'test/fixtures/scenarios/good/full.yaml';
let tmp = '';

beforeAll(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-e2e-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('help and usage', () => {
  test('--help lists every command and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['run <scenario>', 'validate <scenario>', 'schema', 'inspect <file>', 'show <dir>']) expect(r.stdout).toContain(`gammaloop ${c}`);
    expect(r.stderr).toBe('');
    expect(hasEscapes(r.stdout)).toBe(false);
  });

  test.each(['run', 'validate', 'schema', 'inspect', 'show'])('%s --help shows flags and examples', (cmd) => {
    const r = runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain(`gammaloop ${cmd}`);
  });

  test('--version prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  const usageCases = [
    { name: 'misspelt command', args: ['inspekt', 'x.arrow'], stderr: /Did you mean inspect\?/ },
    { name: 'misspelt command (validate)', args: ['valdate', 'x.yaml'], stderr: /Did you mean validate\?/ },
    { name: 'no command', args: [], stderr: /Give a command/ },
    { name: 'misspelt flag', args: ['inspect', 'x.arrow', '--hed', '3'], stderr: /Unknown argument: hed.*did you mean --head\?/ },
    { name: 'missing positional', args: ['show'], stderr: /Not enough non-option arguments/ },
    { name: 'non-numeric count', args: ['inspect', 'x.arrow', '--head', 'ten'], stderr: /--head must be an integer >= 0/ },
    { name: 'seed out of range', args: ['validate', GOOD, '--seed', '-3'], stderr: /--seed must be an integer in 0\.\.4294967295/ },
  ];
  test.each(usageCases)('$name exits 2 with a clear message', ({ args, stderr }) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(stderr);
    expect(r.stdout).toBe('');
  });
});

describe('schema', () => {
  test('prints a draft-07 JSON Schema with the scenario sections', () => {
    const r = runCli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    for (const key of ['name', 'seed', 'clock', 'venues', 'agents', 'schedule']) expect(Object.keys(schema.properties)).toContain(key);
  });
});

describe('validate', () => {
  test('a valid scenario exits 0 and prints its verdict on stderr only', () => {
    const r = runCli(['validate', GOOD]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ok {2}test\/fixtures\/scenarios\/good\/full\.yaml: scenario full, seed 7, .*sha256 [0-9a-f]{12}/);
  });

  test('errors are printed as file:line:col  path: message and exit 2', () => {
    const text = fs.readFileSync(path.join(ROOT, GOOD), 'utf8').trimEnd();
    const bad = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(bad, `${text}\nunknwon_top: 1\n`);
    const badLine = text.split('\n').length + 1;
    const r = runCli(['validate', bad, '--set', 'seed=-4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:${badLine}:1`);
    expect(r.stderr).toMatch(/unknwon_top/);
    expect(r.stderr).toMatch(/--set seed {2}seed: /);
  });

  test('--json reports located errors in one JSON document', () => {
    const bad = path.join(tmp, 'bad-json.yaml');
    fs.writeFileSync(bad, `${fs.readFileSync(path.join(ROOT, GOOD), 'utf8')}\nseeed: 3\n`);
    const r = runCli(['validate', bad, '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { ok: boolean; errors: { source: string; line: number; path: string; message: string }[] };
    expect(doc.ok).toBe(false);
    expect(doc.errors.length).toBeGreaterThan(0);
    expect(doc.errors.some((e) => e.source === bad && e.line > 0 && e.message.includes('seeed'))).toBe(true);
  });

  test('--resolved prints the merged YAML with the source of each overridden value', () => {
    const r = runCli(['validate', GOOD, '--resolved', '--set', 'clock.duration=5h', '--seed', '11']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}duration: 5h # --set clock\.duration \(replaced test\/fixtures\/scenarios\/good\/full\.yaml:\d+:\d+\)$/m);
    expect(r.stdout).toMatch(/^seed: 11 # --seed \(replaced test\/fixtures\/scenarios\/good\/full\.yaml:\d+:\d+\)$/m);
    expect(r.stdout).toMatch(/^# seed 11, resolved sha256 [0-9a-f]{64}$/m);
  });
});
