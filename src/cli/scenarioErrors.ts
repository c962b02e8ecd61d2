/** Located scenario errors as the CLI reports them: stderr lines (exit 2) or JSON objects. */
import { formatErrors, formatLocation, sortIssues, type ScenarioIssue } from '../scenario/index.js';
import { usageError, type CliError } from './errors.js';

/** One JSON object per issue, in reporting order. */
export function issuesJson(issues: readonly ScenarioIssue[]): Record<string, unknown>[] {
  return sortIssues(issues).map((i) => ({ location: formatLocation(i), source: i.source, line: i.line ?? null, col: i.col ?? null, path: i.path, message: i.message }));
}

/** A usage error whose detail lines are `file:line:col  dotted.path: message`. */
export function scenarioUsageError(file: string, issues: readonly ScenarioIssue[]): CliError {
  const sorted = sortIssues(issues);
  return usageError(`${file}: ${sorted.length} error${sorted.length === 1 ? '' : 's'}`, formatErrors(sorted).split('\n'));
}
