/**
 * `npm run bench`: runs every benchmark module and prints throughput with ratios against
 * baselines run in the same process (these machines are noisy; absolute numbers drift ±40%).
 * Pass names to run a subset: `npm run bench -- book queue`; `science` (a ~10 minute validation
 * over many seeds) and `market` (issue 13's stylized-fact acceptance, 20 seeds of 6.5 h) run
 * only when named.
 */
export interface BenchModule {
  readonly name: string;
  run(): Promise<void> | void;
}

const modules: Array<() => Promise<BenchModule>> = [
  // Each benchmark file registers itself here: () => import('./book.js').then((m) => m.bench),
  () => import('./book.js').then((m) => m.bench),
  () => import('./queue.js').then((m) => m.bench),
  () => import('./rng.js').then((m) => m.bench),
  () => import('./engine.js').then((m) => m.bench),
  () => import('./science.js').then((m) => m.bench),
  () => import('./sweep.js').then((m) => m.bench),
  () => import('./scale.js').then((m) => m.bench),
  () => import('./market.js').then((m) => m.bench),
  () => import('./lambda.js').then((m) => m.bench),
  () => import('./fullday.js').then((m) => m.bench),
];

/** Long validations, run only when named (`npm run bench -- science`). */
const ON_REQUEST = new Set(['science', 'market', 'lambda']);

const wanted = new Set(process.argv.slice(2));
for (const load of modules) {
  const m = await load();
  if (wanted.size > 0 ? !wanted.has(m.name) : ON_REQUEST.has(m.name)) continue;
  console.log(`\n== ${m.name} ==`);
  await m.run();
}
