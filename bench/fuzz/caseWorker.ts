/**
 * One fuzz case in a child process (bench/fuzz.ts runs each case here so its wall budget can be
 * enforced: the in-process budget is only polled between kernel slices, and one slice of a case
 * with unbounded work at one instant never returns). argv: case number, then the options as JSON.
 * Prints one JSON line, the FuzzOutcome, on stdout.
 */
import { fuzzCase, type CheckOptions } from './check.js';

const caseNo = Number(process.argv[2]);
const opts = JSON.parse(process.argv[3] ?? '{}') as Omit<CheckOptions, 'wallClockMs'>;
const outcome = await fuzzCase(caseNo, { ...opts, wallClockMs: () => performance.now() });
process.stdout.write(`${JSON.stringify(outcome)}\n`);
