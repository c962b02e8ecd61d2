/**
 * SIGINT and SIGTERM for long commands. SIGTERM is what Slurm (`scancel`, a time limit) and
 * Kubernetes (pod deletion) send, so it is handled exactly like Ctrl-C: the first signal sets a
 * flag the run loop polls between slices (the run then closes its tables, marks the manifest
 * interrupted, and the command exits 130 after SIGINT or 143 after SIGTERM: 128 + the signal
 * number, the shell convention); a second signal exits at once with the same code.
 */
import { EXIT } from './errors.js';

export interface Interrupt {
  /** True once SIGINT or SIGTERM has been received. */
  readonly requested: () => boolean;
  /** The exit code the first signal implies (130 SIGINT, 143 SIGTERM); 130 when none came. */
  readonly exitCode: () => number;
  /** Removes the handlers (the default signal behaviour returns). */
  readonly dispose: () => void;
}

/** Installs the two-stage SIGINT/SIGTERM handler; `onFirst` prints what happens next. */
export function installInterrupt(onFirst: (signal: NodeJS.Signals) => void): Interrupt {
  let first: NodeJS.Signals | undefined;
  const codeOf = (s: NodeJS.Signals | undefined): number => (s === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);
  const handler = (signal: NodeJS.Signals): void => {
    if (first === undefined) {
      first = signal;
      onFirst(signal);
    } else {
      process.exit(codeOf(first));
    }
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    requested: () => first !== undefined,
    exitCode: () => codeOf(first),
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
