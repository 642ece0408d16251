import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/cli-capture.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-validate-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
// main() returns the exit code; the action must not leak it into the process-global exit code.
afterEach(() => {
  expect(process.exitCode ?? 0).toBe(0);
});

const BAD = `version: 1
name: bad
duration: 24h
traffic:
  arrival: { rate: 1.2, process: poison }
  mix: [{ domain: code, weight: 0 }]
providers:
  openai:
    faults:
      - { kind: error, start: 23h, duration: 2h }
strategies: [always-cheapest, smartest]
thresholds: { "latency{strategy:always-cheapest}": ["p(95) < fast"] }
`;

describe('routesim validate', () => {
  it('prints ✓ with the expected daily load for each valid file and exits 0', async () => {
    const { io, out, err } = captureIo();
    expect(await main(['validate', 'scenarios/assistant-day.yaml', 'scenarios/outage-drill.yaml'], io)).toBe(
      0,
    );
    expect(err.join('')).toBe('');
    // 1.3/s × 86,400 s = 112,320, plus a 2× burst of 10 min at 12:30 where the diurnal factor is
    // 1 + 0.6·cos(2π·(−1.5h)/24h) = 1.5543: 1.3 × 1.5543 × 600 s = 1,212 → 113,536.
    expect(out.join('')).toBe(
      '✓ scenarios/assistant-day.yaml: valid (≈ 113,536 requests/day expected, 13 models from 6 providers, 9 strategies)\n' +
        '✓ scenarios/outage-drill.yaml: valid (≈ 43,200 requests expected over 6h (172,800/day), 6 models from 3 providers, 6 strategies)\n',
    );
  });

  it('prints every problem of a bad file with its line and exits 2, without a stack trace', async () => {
    const file = join(directory, 'bad.yaml');
    writeFileSync(file, BAD);
    const { io, out, err } = captureIo();
    expect(await main(['validate', 'scenarios/domain-heavy.yaml', file], io)).toBe(2);
    expect(out.join('')).toMatch(/^✓ scenarios\/domain-heavy\.yaml: valid/);
    const message = err.join('').replaceAll(directory, '<dir>');
    expect(message).not.toMatch(/\bat .*\.ts:\d+/);
    expect(message).toMatchInlineSnapshot(`
      "<dir>/bad.yaml: 5 problems
        ✖ expected one of "poisson", "uniform", got "poison" — did you mean "poisson"? → at traffic.arrival.process (<dir>/bad.yaml:5:34)
        ✖ expected a number > 0, got 0 → at traffic.mix[0].weight (<dir>/bad.yaml:6:33)
        ✖ fault window 23h–25h ends after the scenario (duration 24h) → at providers.openai.faults[0] (<dir>/bad.yaml:10:9)
        ✖ unknown strategy "smartest"; available: always-cheapest, always-strongest, random, oracle, rules, cascade, domain, availability, learned, always-gpt-4o-mini, always-gpt-4o, always-o3-mini, or { module: ./your-router.ts } → at strategies[1] (<dir>/bad.yaml:11:31)
        ✖ expected a number after "<" in "p(95) < fast", got "fast" → at thresholds["latency{strategy:always-cheapest}"][0] (<dir>/bad.yaml:12:53)
      "
    `);
  });

  it('exits 2 for a missing file and names it', async () => {
    const { io, err } = captureIo();
    expect(await main(['validate', 'scenarios/no-such.yaml'], io)).toBe(2);
    expect(err.join('')).toBe(
      'scenarios/no-such.yaml: 1 problem\n  ✖ cannot read the scenario file: no such file → at (root) (scenarios/no-such.yaml)\n',
    );
  });

  it('exits 2 with usage when no file is given', async () => {
    const { io, err } = captureIo();
    expect(await main(['validate'], io)).toBe(2);
    expect(err.join('')).toContain("missing required argument 'file'");
  });
});
