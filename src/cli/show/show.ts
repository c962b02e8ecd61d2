/** `gammaloop show` (being written). */
import type { ShowArgs } from '../commands/show.js';
import { runtimeError } from '../errors.js';

export async function show(args: ShowArgs): Promise<number> {
  void args;
  throw runtimeError('not available yet');
}
