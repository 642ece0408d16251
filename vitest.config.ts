import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Heavy statistical tests share 2 cores with the rest; forks keep heap measurements honest.
    pool: 'forks',
  },
});
