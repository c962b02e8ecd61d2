/**
 * SIGINT for long commands: the first Ctrl-C sets a flag the run loop polls between slices (the
 * run then closes its tables, marks the manifest interrupted and the command exits 130); a
 * second Ctrl-C exits 130 at once.
 */
import { EXIT } from './errors.js';

export interface Interrupt {
  /** True once SIGINT has been received. */
  readonly requested: () => boolean;
  /** Removes the handler (the default Ctrl-C behaviour returns). */
  readonly dispose: () => void;
}

/** Installs the two-stage SIGINT handler; `onFirst` prints what happens next. */
export function installInterrupt(onFirst: () => void): Interrupt {
  let count = 0;
  const handler = (): void => {
    count++;
    if (count === 1) onFirst();
    else process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', handler);
  return { requested: () => count > 0, dispose: () => void process.off('SIGINT', handler) };
}
