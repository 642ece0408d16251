import { spawnSync } from 'node:child_process';
import { delimiter, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Run the real CLI with the project's Node 24 (node_modules/.bin first on PATH). */
function routesim(...args: string[]) {
  const result = spawnSync('node', ['src/cli/bin.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${resolve(root, 'node_modules/.bin')}${delimiter}${process.env['PATH'] ?? ''}`,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('routesim validate (real binary)', () => {
  it('validates the three shipped scenarios and exits 0', () => {
    const result = routesim(
      'validate',
      'scenarios/assistant-day.yaml',
      'scenarios/outage-drill.yaml',
      'scenarios/domain-heavy.yaml',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('✓ '))).toHaveLength(3);
    expect(result.stdout).toContain('✓ scenarios/assistant-day.yaml: valid (≈ 113,536 requests/day expected');
  });

  it('exits 2 on a bad scenario, listing problems with line numbers and no stack trace', () => {
    const result = routesim('validate', 'package.json');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^package\.json: \d+ problems\n/);
    expect(result.stderr).toContain('missing required field "traffic"');
    expect(result.stderr).toContain('✖ expected 1, got "0.1.0" → at version (package.json:3:14)');
    expect(result.stderr).toMatch(/unknown field "scripts".* \(package\.json:\d+:\d+\)/);
    expect(result.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
  });
});
