/** Run the real CLI (src/cli/bin.ts) with the project's Node 24, as a user would. */
import { spawnSync } from 'node:child_process';
import { delimiter, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const SMALL = 'test/fixtures/simulate/small.yaml';
export const FAILING = 'test/fixtures/simulate/failing-threshold.yaml';
/** Every file a run writes besides timings.json, which is allowed to differ. */
export const DETERMINISTIC_FILES = [
  'results.json',
  'columns.bin',
  'summary.csv',
  'decisions.csv.gz',
  'summary.md',
  'report.html',
] as const;

export function routesim(...args: string[]) {
  const result = spawnSync('node', ['src/cli/bin.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: {
      ...process.env,
      PATH: `${resolve(root, 'node_modules/.bin')}${delimiter}${process.env['PATH'] ?? ''}`,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A stack trace line such as "    at main (/x/y.ts:12:3)". */
export const STACK_LINE = /\n\s+at .*:\d+:\d+\)?\n/;
