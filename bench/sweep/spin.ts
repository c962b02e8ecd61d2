/**
 * The sweep benchmark's capacity control: a fixed amount of single-threaded integer and memory
 * work (xorshift draws into a 512 KB table, no allocation, no GC), run as 1 and as 2 concurrent
 * processes beside the sweeps. The ratio of their throughputs is how much of a second core this
 * shared machine gave at that moment: the most any 2-worker sweep could have reached then.
 */
const N = Number(process.argv[2] ?? 2e8);
const table = new Float64Array(1 << 16);
let x = 1;
let s = 0;
for (let i = 0; i < N; i++) {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  x >>>= 0;
  table[x & 0xffff] = (table[x & 0xffff] as number) + 1;
  s += table[(x >>> 8) & 0xffff] as number;
}
if (!(s > 0)) process.exitCode = 1;
