import { configDefaults, defineConfig } from 'vitest/config';

// Under CI=true the JSON report feeds the "N passed, N failed" line that .ci/run prints.
const ci = process.env['CI'] === 'true';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that need system services (Slurm) run in `npm run test:services` (vitest.services.config.ts).
    exclude: [...configDefaults.exclude, 'test/services/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ci ? ['default', 'json'] : ['default'],
    ...(ci ? { outputFile: { json: '.vitest-report.json' } } : {}),
  },
});
