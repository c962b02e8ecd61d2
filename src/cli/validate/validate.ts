/**
 * `gammaloop validate`: loads a scenario with src/scenario. Valid: a one-line verdict on stderr
 * (or the merged YAML on stdout with --resolved, or one JSON document with --json), exit 0.
 * Invalid: every located error as `file:line:col  dotted.path: message` on stderr (or in the
 * JSON document), exit 2.
 */
import { loadScenario, ScenarioError } from '../../scenario/index.js';
import type { ValidateArgs } from '../commands/validate.js';
import { issuesJson, scenarioUsageError } from '../scenarioErrors.js';
import { durationText } from '../format/numbers.js';
import { log, out, paintErr } from '../term.js';
import { mergedInput, mergedYaml } from './merged.js';

/** Runs `validate`; returns the exit code. */
export async function validate(args: ValidateArgs): Promise<number> {
  const opts = { set: args.set, ...(args.seed === undefined ? {} : { seed: args.seed }) };
  let loaded;
  try {
    loaded = loadScenario(args.scenario, opts);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    if (args.json) {
      out(JSON.stringify({ ok: false, scenario: args.scenario, errors: issuesJson(err.issues) }, null, 2));
      return 2;
    }
    throw scenarioUsageError(args.scenario, err.issues);
  }
  const s = loaded.scenario;
  if (args.json) {
    const doc: Record<string, unknown> = {
      ok: true,
      scenario: args.scenario,
      name: s.name,
      seed: s.seed,
      scenario_sha256: loaded.sha256,
      files: loaded.files,
      overrides: loaded.overrides,
    };
    if (args.resolved) doc['resolved'] = s;
    out(JSON.stringify(doc, null, 2));
    return 0;
  }
  if (args.resolved) out(mergedYaml(loaded, mergedInput(args.scenario, args.set, args.seed)));
  log(`${paintErr('green', 'ok')}  ${args.scenario}: scenario ${s.name}, seed ${s.seed}, ${durationText(s.clock.durationNs)}, ` +
    `${s.venues.length} venue(s), ${s.agents.length} agent group(s), sha256 ${loaded.sha256.slice(0, 12)}`);
  return 0;
}
