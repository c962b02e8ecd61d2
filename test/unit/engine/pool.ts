/** A tiny payload pool for engine tests: a message is one integer `value` (no market words). */
import type { PayloadPool } from '../../../src/engine/kernel.js';

export interface Num {
  value: number;
}

export class NumPool implements PayloadPool<Num> {
  private values = new Float64Array(0);
  create(): Num {
    return { value: 0 };
  }
  ensureCapacity(n: number): void {
    if (n <= this.values.length) return;
    const v = new Float64Array(n);
    v.set(this.values);
    this.values = v;
  }
  store(slot: number, m: Readonly<Num>): void {
    this.values[slot] = m.value;
  }
  load(slot: number, out: Num): void {
    out.value = this.values[slot] as number;
  }
  get capacity(): number {
    return this.values.length;
  }
}
