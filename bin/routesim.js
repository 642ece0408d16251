#!/usr/bin/env node
/**
 * The `routesim` command. Plain JavaScript with no imports at the top, so that it parses on any
 * Node and can say which Node routesim needs before anything version-specific loads (an old Node
 * otherwise fails deep inside a dependency, or with a misleading "strategy stalled").
 *
 * Installed from the registry it runs the built `dist/`. In a clone of the routesim repository
 * (where `src/` exists and `dist/` may be stale or absent) it runs the TypeScript sources, in a
 * child Node started with the `routesim-source` export condition so that user routers importing
 * `routesim` get the sources too.
 */
import { existsSync } from 'node:fs';

/** Lowest supported release of each maintained LTS line (package.json `engines`). */
// 22.15: before it, Node cannot require() msw's ES modules from @mswjs/http-middleware
// (ERR_REQUIRE_CYCLE_MODULE on 22.13 and 22.14); commander and faker need 22.12 and 22.13.
const SUPPORTED = { 22: [22, 15], 24: [24, 0] };
const LOWEST_MAJOR = 22;

function unsupportedReason(version) {
  const [major, minor] = version.split('.').map(Number);
  if (major < LOWEST_MAJOR) return `Node ${major} is older than the oldest maintained LTS line`;
  const lowest = SUPPORTED[major];
  if (lowest !== undefined && minor < lowest[1])
    return `Node ${major} before ${lowest.join('.')} cannot load routesim's dependencies (ERR_REQUIRE_CYCLE_MODULE)`;
  return undefined;
}

const reason = unsupportedReason(process.versions.node);
if (reason !== undefined) {
  process.stderr.write(
    `routesim: this is Node ${process.versions.node} (${process.execPath}); routesim needs Node ${SUPPORTED[22].join('.')}` +
      ` or later (the maintained LTS lines 22 and 24) — ${reason}.\n` +
      'Install a supported Node (https://nodejs.org, nvm, or actions/setup-node with node-version: 24) and run it again.\n',
  );
  process.exit(1);
}

const sourceBin = new URL('../src/cli/bin.ts', import.meta.url);
if (existsSync(sourceBin)) {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--conditions=routesim-source', fileURLToPath(sourceBin), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // Ctrl-C reaches the child from the terminal itself: this process only waits for it (passing
  // SIGINT on too would give the child two, and a second one cuts `serve`'s clean stop short).
  // A signal sent to this process alone (a CI runner stopping the job) is passed on.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === null ? 1 : 128);
  });
} else {
  await import('../dist/cli/bin.js');
}
