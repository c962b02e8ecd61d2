/**
 * Exit codes and the errors command handlers throw to choose one. Handlers never call
 * process.exit themselves: `runCommand` sets process.exitCode so piped stdout is flushed.
 */

/** Process exit codes of `gammaloop`. */
export const EXIT = {
  ok: 0,
  /** Simulation or internal error. */
  runtime: 1,
  /** Bad usage or bad input (scenario, file, column). */
  usage: 2,
  /** Interrupted by SIGINT (128 + 2). */
  interrupted: 130,
  /** Stopped by SIGTERM (128 + 15), e.g. Slurm's scancel or a Kubernetes pod deletion. */
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error with a message meant for the user and the exit code it implies. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Extra lines printed after the message (e.g. one per located scenario error). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad usage or input: exit 2. */
export const usageError = (message: string, details: readonly string[] = []): CliError => new CliError(message, EXIT.usage, details);

/** Failure while doing the work: exit 1. */
export const runtimeError = (message: string, details: readonly string[] = []): CliError => new CliError(message, EXIT.runtime, details);
