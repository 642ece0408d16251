/**
 * `routesim validate` is honest about a replay's load: it reports the requests the replay will
 * really contain (read from the replayed file), not the arrival process's expectation, which for a
 * log replay is meaningless ("≈ 0 requests expected"). Counts below are read off the fixtures by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/cli-capture.ts';

const LOG = fileURLToPath(new URL('../fixtures/replay/openai-log-sample.jsonl', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'routesim-validate-replay-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The example log replay with another duration. */
function logScenario(duration: string, path = LOG): string {
  const file = join(directory, `log-${duration}.yaml`);
  writeFileSync(
    file,
    `version: 1
name: log replay
seed: 3
duration: ${duration}
traffic:
  replay: { format: openai-log, path: ${JSON.stringify(path)}, domain: classify }
providers:
  openai: { models: [gpt-4o-mini, gpt-4o] }
strategies: [always-cheapest, rules]
`,
  );
  return file;
}

describe('routesim validate on replay scenarios', () => {
  it('reports the replayed request counts of the shipped examples', async () => {
    const { io, out, err } = captureIo();
    const code = await main(
      [
        'validate',
        'scenarios/examples/openai-log-replay.yaml',
        'scenarios/examples/mt-bench-replay.yaml',
        'scenarios/examples/mt-bench-learned.yaml',
      ],
      io,
    );
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    // 12 log lines, all within 09:00:00–09:05:50 (< 10m); 7 carry `correct` or `score`.
    // MT-Bench: 80 questions; 15m at 6/min gives 90 arrival slots, so none is left out. The learned
    // example replays the held-out half of `routesim train --split 0.5 --seed 1`: 40 questions.
    expect(out.join('')).toBe(
      '✓ scenarios/examples/openai-log-replay.yaml: valid (12 requests replayed over 10m (12 of 12 log lines, times from the log, 7 with recorded outcomes), 2 models from 1 provider, 4 strategies)\n' +
        '✓ scenarios/examples/mt-bench-replay.yaml: valid (80 requests replayed over 15m (80 of 80 prompts, times from traffic.arrival, outcomes from the table), 2 models from 2 providers, 5 strategies)\n' +
        '✓ scenarios/examples/mt-bench-learned.yaml: valid (40 requests replayed over 15m (40 of 40 prompts in the test part of split 0.5 (seed 1), times from traffic.arrival, outcomes from the table), 2 models from 2 providers, 5 strategies)\n',
    );
    expect(out.join('')).not.toContain('expected');
  });

  it('counts only the lines inside the duration', async () => {
    const { io, out } = captureIo();
    expect(await main(['validate', logScenario('3m')], io)).toBe(0);
    // Lines at 0, 4.5, 31, 62, 100, 135 and 136 s are inside 3m; 09:03:05 (185 s) on are not.
    // Of those 7, lines 1, 2, 4, 5 and 7 are labelled.
    expect(out.join('')).toContain(
      '(7 requests replayed over 3m (7 of 12 log lines, times from the log, 5 with recorded outcomes)',
    );
  });

  it('a replay file with a bad line is a problem of the scenario (exit 2), not a crash', async () => {
    const broken = join(directory, 'broken.jsonl');
    writeFileSync(
      broken,
      '{"time":"2025-03-03T09:00:00Z","model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}\n{not json\n',
    );
    const { io, out, err } = captureIo();
    expect(await main(['validate', logScenario('5m', broken)], io)).toBe(2);
    expect(out.join('')).toBe('');
    expect(err.join('')).toContain('broken.jsonl');
    expect(err.join('')).toMatch(/:2\b/);
    expect(err.join('')).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
