/**
 * The contract of one `gammaloop science` check. A check states what theory predicts (with the
 * calibrated inputs it used) and its tolerance *before* it measures, runs its arms over paired
 * seeds, and reports the measured statistic with a 95% CI over those seeds and PASS or FAIL.
 * The suite runner (suite.ts) owns seeds, parallelism, progress, `--json` and `--out`; a check
 * owns its scenarios, its statistic and its threshold. Units are stated in each field's text.
 */

/** `quick`: CI-sized (the whole quick suite under 3 minutes on 2 cores); `full`: the documented run. */
export type ScienceProfile = 'quick' | 'full';

/** One simulation a check asks the runner for; serializable, so sweep workers can run it. */
export interface ScienceJob {
  /** Scenario file relative to the repository root, or an inline scenario document (YAML text). */
  readonly scenario: { readonly file: string } | { readonly yaml: string };
  /** `--set` style overrides (`dotted.path=value`), applied in order after the scenario. */
  readonly set: readonly string[];
  readonly seed: number;
  /** Arm label, for per-seed rows and progress. */
  readonly arm: string;
  /** Name of a measurement in measures.ts (a static list: workers import the same code). */
  readonly measure: string;
  /** Numeric parameters handed to the measurement (e.g. a horizon in ns); default none. */
  readonly params?: Readonly<Record<string, number>>;
  /** Files a measurement reads or writes, by role (e.g. `control`: a series the control run wrote). */
  readonly files?: Readonly<Record<string, string>>;
  /**
   * Record the messages that agents matching `agents` (a `run --trace` style glob over agent
   * names) send, to the tape file `file` (src/run/tape.ts), for a later `replay` job.
   */
  readonly record?: { readonly agents: string; readonly file: string };
  /**
   * Counterfactual replay: agents matching `agents` do not act; the messages they sent in the
   * recorded run (tape `file`) are sent again, unchanged, at the recorded times and from the same
   * agents, so their flow is exogenous to whatever else this run changes.
   */
  readonly replay?: { readonly agents: string; readonly file: string };
}

/** Per-run numbers a measurement returns (finite values only; NaN is a broken experiment). */
export type Measured = Readonly<Record<string, number>>;

/** What a check gets from the runner. */
export interface ScienceContext {
  readonly profile: ScienceProfile;
  /** The paired seeds every arm of this check runs on. */
  readonly seeds: readonly number[];
  /** A directory private to this check for files its jobs share (e.g. tapes); removed after the suite. */
  readonly scratchDir: string;
  /** Runs the jobs (through the sweep workers when there are several) in input order. */
  runJobs(jobs: readonly ScienceJob[]): Promise<Measured[]>;
}

/** One per-seed number, written to the `science_seeds` table by `--out`. */
export interface SeedRow {
  readonly arm: string;
  readonly seed: number;
  readonly metric: string;
  readonly value: number;
}

/** A check's verdict. Every number's unit is in its label or the text beside it. */
export interface CheckReport {
  readonly name: string;
  readonly title: string;
  /** What theory predicts, in words and with the formula (e.g. "vol ratio 1/(1 + lambda G)"). */
  readonly theory: string;
  /** The calibrated inputs the prediction used (e.g. lambda with its CI), by name. */
  readonly inputs: Readonly<Record<string, number>>;
  /** The predicted value of the statistic, when theory gives one number. */
  readonly predicted: number | null;
  /** The measured statistic over paired seeds: mean and 95% CI. */
  readonly measured: { readonly statistic: string; readonly mean: number; readonly lo95: number; readonly hi95: number; readonly n: number };
  /** The tolerance and where it comes from (theory.md section, a paper, the data). */
  readonly tolerance: string;
  readonly pass: boolean;
  /** Further lines: per-arm numbers, decompositions, the measured distance when it fails. */
  readonly details: readonly string[];
  readonly rows: readonly SeedRow[];
}

/** A named check. */
export interface ScienceCheck {
  readonly name: string;
  readonly title: string;
  /** Included in `--quick` (only checks that pass reliably at quick size; a real FAIL stays out). */
  readonly quick: boolean;
  /** Seed count per profile when `--seeds` is not given. */
  readonly seeds: { readonly quick: number; readonly full: number };
  run(ctx: ScienceContext): Promise<CheckReport>;
}
