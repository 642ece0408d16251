/**
 * `routesim report` through the real CLI: `simulate` writes report.html beside results.json, and
 * `report <results.json>` rebuilds it byte for byte; bad input exits 2 naming the file.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesim, SMALL, STACK_LINE } from './simulate-helpers.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-report-'));
const run = join(directory, 'run');
let simulated: ReturnType<typeof routesim>;

beforeAll(() => {
  simulated = routesim('simulate', SMALL, '--out', run, '--quiet');
}, 120_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('routesim report (real binary)', () => {
  it('simulate writes report.html beside results.json', () => {
    expect(simulated.stderr).toBe('');
    expect(simulated.status).toBe(0);
    const page = readFileSync(join(run, 'report.html'), 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('<h1>Small e2e run</h1>');
    // Self-contained: no URL the page would fetch (the $schema inside the embedded specs is data).
    expect(page).not.toMatch(/\s(src|href)="(https?:)?\/\//);
  });

  it('rebuilds the same bytes from results.json alone', () => {
    const out = join(directory, 'rebuilt.html');
    const rebuilt = routesim('report', join(run, 'results.json'), '--out', out);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toContain(`✓ wrote ${out}`);
    expect(readFileSync(out)).toEqual(readFileSync(join(run, 'report.html')));
  });

  it('writes report.html beside the results file without --out', () => {
    const copy = join(directory, 'copy');
    mkdirSync(copy);
    copyFileSync(join(run, 'results.json'), join(copy, 'results.json'));
    const result = routesim('report', join(copy, 'results.json'));
    expect(result.status).toBe(0);
    expect(readFileSync(join(copy, 'report.html'))).toEqual(readFileSync(join(run, 'report.html')));
  });

  it.each([
    ['a missing file', 'missing.json', null, /file not found/],
    ['JSON that is not a results.json', 'other.json', '{"name":"x"}', /expected schemaVersion 1 .* got none/],
    ['another schemaVersion', 'future.json', '{"schemaVersion":2}', /expected schemaVersion 1 .* got 2/],
  ])('exits 2 naming the file for %s', (_label, name, content, message) => {
    const file = join(directory, name);
    if (content !== null) writeFileSync(file, content);
    const result = routesim('report', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});
