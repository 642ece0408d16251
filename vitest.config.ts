import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `routesim-source`: the package's export condition for its TypeScript sources, so that user
 * routers under test that import 'routesim' get `src/`, not a `dist/` that may be stale or absent
 * (package.json `exports`; bin/routesim.js does the same for the CLI in this repository).
 */
const SOURCE_CONDITION = 'routesim-source';

export default defineConfig({
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Heavy statistical tests share 2 cores with the rest; forks keep heap measurements honest.
    pool: 'forks',
    // Worker threads and modules Node loads itself resolve 'routesim' with Node's own conditions.
    execArgv: [`--conditions=${SOURCE_CONDITION}`],
    // The CLIs tests spawn write to a pipe, where progress lines every few seconds would make
    // their stderr depend on the machine's speed (package-install.test.ts turns them back on).
    env: { ROUTESIM_PROGRESS: 'off' },
    // GitHub's workflow parser ships for bundlers (it imports JSON without an import attribute,
    // which Node refuses): let vite transform it instead of handing it to Node.
    server: { deps: { inline: ['@actions/workflow-parser', '@actions/expressions'] } },
  },
});
