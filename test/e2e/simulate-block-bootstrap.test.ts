/** `simulate --block`: the block bootstrap of metrics.md, named in results.json and the summary. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routesim, SMALL, STACK_LINE } from './simulate-helpers.ts';

describe('simulate --block', () => {
  it('resamples whole windows of virtual time and says so', () => {
    const out = mkdtempSync(join(tmpdir(), 'routesim-block-'));
    const result = routesim('simulate', SMALL, '--out', out, '--block', '2m');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('block bootstrap over 2-minute windows');
    const intervals = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).intervals;
    expect(intervals).toMatchObject({ method: 'block-bootstrap', blockMs: 120_000, resamples: 2000 });
  });

  it('rejects a block that is not a positive duration with exit 2 and no stack', () => {
    const result = routesim(
      'simulate',
      SMALL,
      '--out',
      mkdtempSync(join(tmpdir(), 'routesim-block-')),
      '--block',
      '0s',
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--block expects a positive duration');
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});
