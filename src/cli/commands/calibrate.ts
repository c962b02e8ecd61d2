/**
 * `gammaloop calibrate <scenario> --bars FILE --param path=lo..hi ... --out DIR`: flags and help.
 * The engine (src/run/calibrate) is imported only when the command runs.
 */
import type { Argv } from 'yargs';
import { MOMENT_NAMES } from '../../analysis/moments/defs.js';
import { countFlag, listFlag, stringsFlag } from '../args.js';
import { usageError } from '../errors.js';
import { runCommand } from '../runCommand.js';

/** Parsed flags of `calibrate`. */
export interface CalibrateArgs {
  readonly scenario: string;
  readonly bars: string | undefined;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly trades: string[];
  readonly target: string[];
  readonly param: string[];
  readonly moments: string[] | undefined;
  readonly weighting: string;
  readonly weight: string[];
  readonly seeds: string;
  readonly set: string[];
  readonly maxEvals: number;
  readonly workers: number | undefined;
  readonly out: string | undefined;
  readonly keepRuns: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
}

const once = (name: string, v: unknown): string | undefined => {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw usageError(`give --${name} once`);
  return String(v);
};

export function registerCalibrate(y: Argv): Argv {
  return y.command(
    'calibrate <scenario>',
    'Fit scenario parameters to real data by the method of simulated moments (resumable)',
    (c) =>
      c
        .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
        .option('bars', { type: 'string', describe: 'Real 1-min bars: freqtrade/Binance kline JSON or CSV (open_time_ms,open,high,low,close,volume), optionally .gz' })
        .option('from', { type: 'string', describe: 'First bar time to use (ISO-8601 UTC, e.g. 2021-04-02)' })
        .option('to', { type: 'string', describe: 'End of the bar window, exclusive (ISO-8601 UTC, e.g. 2021-04-17)' })
        .option('trades', { type: 'string', array: true, describe: 'Real tick data in the hftbacktest collector format (.gz; repeatable, concatenated): 1 s, spread and taker-sign moments' })
        .option('target', { type: 'string', array: true, describe: 'A real value given directly: moment=value (repeatable; wins over the files), e.g. depth_10bp_median=293.2' })
        .option('param', { alias: 'p', type: 'string', array: true, describe: 'A fitted parameter: dotted.path=lo..hi, or lo..hi:log to search on ln x (repeatable)' })
        .option('moments', { alias: 'm', type: 'string', describe: 'Moments to match, comma separated (docs/calibration.md); default vol_1m_bp,kurt_1m,kurt_15m,acf_r_1m_lag1,acf_abs_1m_lag1,acf_abs_1m_lag10' })
        .option('weighting', { type: 'string', default: 'inverse-variance', choices: ['inverse-variance', 'relative'], describe: 'Moment weights: 1/variance across seeds at the start point, or 1/target^2' })
        .option('weight', { type: 'string', array: true, describe: 'An explicit weight: moment=w (repeatable; overrides --weighting for that moment)' })
        .option('seeds', { type: 'string', default: '5', describe: 'Seeds shared by every candidate: a count N (seeds 1..N) or a list such as 1..10,20' })
        .option('set', { type: 'string', array: true, describe: 'Override a value in every run: dotted.path=value (repeatable)' })
        .option('max-evals', { type: 'string', default: '60', describe: 'Evaluation budget (each = one run per seed)' })
        .option('workers', { alias: 'j', type: 'string', describe: 'Worker processes (default: available CPUs; 0 runs in this process)' })
        .option('out', { alias: 'o', type: 'string', describe: 'Output and state directory (default results/<scenario>/calibrate); rerun with it to resume' })
        .option('keep-runs', { type: 'boolean', default: false, describe: 'Keep every candidate\'s run tables under DIR/evals' })
        .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document on stdout' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress on stderr' })
        .example('$0 calibrate scenarios/baseline.yaml --bars ../shared/data/binance_spot_btcusdt_1m_2021q2/BTC_USDT-1m.selskas_2021-04-02_2021-05-14.json --from 2021-04-02 --to 2021-04-17 --param agents.makers.flow_impact_bps=0.5..5:log --param underlying.fundamental.vol=0.2..1 --seeds 4 --set clock.duration=6h --out results/calib', 'fit two parameters to the calm window')
        .epilogue(`Moments (definitions in docs/calibration.md): ${MOMENT_NAMES.join(', ')}.\n\nExit codes: 0 done (converged or budget used), 1 runtime error or a failed run, 2 usage or input error, 130 interrupted (rerun the same command to resume).`),
    runCommand('calibrate', async (a: Record<string, unknown>) => {
      const args: CalibrateArgs = {
        scenario: String(a['scenario']),
        bars: once('bars', a['bars']),
        from: once('from', a['from']),
        to: once('to', a['to']),
        trades: stringsFlag(a['trades']),
        target: stringsFlag(a['target']),
        param: stringsFlag(a['param']),
        moments: listFlag(a['moments']),
        weighting: String(Array.isArray(a['weighting']) ? a['weighting'].at(-1) : a['weighting']),
        weight: stringsFlag(a['weight']),
        seeds: once('seeds', a['seeds']) ?? '5',
        set: stringsFlag(a['set']),
        maxEvals: countFlag('max-evals', once('max-evals', a['max-evals']), 1) ?? 60,
        workers: countFlag('workers', Array.isArray(a['workers']) ? a['workers'].at(-1) : a['workers']),
        out: once('out', a['out']),
        keepRuns: a['keep-runs'] === true,
        json: a['json'] === true,
        quiet: a['quiet'] === true,
      };
      const { calibrateCommand } = await import('../calibrate/calibrate.js');
      return calibrateCommand(args);
    }),
  );
}
