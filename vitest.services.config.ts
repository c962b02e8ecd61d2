import { defineConfig } from 'vitest/config';

// `npm run test:services`: tests that need system services (a Slurm cluster on localhost, Debian's
// chromium for the report screenshots). Not
// part of `npm test`; CI installs the packages first (see .ci/run). Under CI=true a JSON report
// goes to .vitest-services-report.json for the tally.
const ci = process.env['CI'] === 'true';

export default defineConfig({
  test: {
    include: ['test/services/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ci ? ['default', 'json'] : ['default'],
    ...(ci ? { outputFile: { json: '.vitest-services-report.json' } } : {}),
  },
});
