/**
 * A replay shorter than its table (issue 12, item 4): when traffic.arrival gives fewer arrival
 * slots than the table has rows, replaying the first rows only is an error (exit 2, saying how
 * many of how many and what to change) unless the scenario says `traffic.replay.sample: true`.
 * Before, 600 of 1,307 rows were replayed silently and only `validate`'s summary showed it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { parseScenarioText } from '../src/scenario/load.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { captureIo } from './support/cli-capture.ts';

const EXAMPLE = 'scenarios/examples/mt-bench-replay.yaml';
const directory = mkdtempSync(join(tmpdir(), 'routesim-sample-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The MT-Bench example (80 questions, 6 slots a minute) over 5 minutes: 30 slots. */
function shortened(extra: string): string {
  const text = readFileSync(EXAMPLE, 'utf8')
    .replace('duration: 15m', 'duration: 5m')
    .replaceAll('../../fixtures/', `${resolve('fixtures')}/`);
  expect(text).toContain('duration: 5m');
  return text.replace('    format: mt-bench\n', `    format: mt-bench\n${extra}`);
}

async function validate(name: string, text: string) {
  const file = join(directory, name);
  writeFileSync(file, text);
  const { io, out, err } = captureIo();
  const code = await main(['validate', file], io);
  return { code, out: out.join(''), err: err.join('').replaceAll(directory, '<dir>') };
}

describe('a replay with fewer arrival slots than rows', () => {
  it('is an input error that says how many rows would be left out and how to fix it', async () => {
    const result = await validate('short.yaml', shortened(''));
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('traffic.arrival gives 30 arrival slots in 5 min but');
    expect(result.err).toContain('has 80 rows');
    expect(result.err).toContain('set traffic.replay.sample: true');
    // A problem of the scenario, reported at its line with the scenario's other problems.
    expect(result.err).toMatch(/^<dir>\/short\.yaml: 1 problem\n/);
    expect(result.err).toMatch(/at traffic\.replay\.sample \(<dir>\/short\.yaml:\d+:\d+\)/);
  });

  it('simulate refuses it too: when the scenario loads, and again when the stream is built', () => {
    const file = join(directory, 'short-run.yaml');
    expect(() => parseScenarioText(shortened(''), file)).toThrow(/30 arrival slots .* 80 rows/);
    // The stream's own check (a --seed can change a Poisson schedule after loading).
    const sampled = parseScenarioText(shortened('    sample: true\n'), file);
    const replay = sampled.traffic.replay!;
    const strict = { ...sampled, traffic: { ...sampled.traffic, replay: { ...replay, sample: false } } };
    expect(() => requestStreamFromScenario(strict)).toThrow(/30 arrival slots .* 80 rows/);
  });

  it('with sample: true replays the first 30 rows on purpose', async () => {
    const result = await validate('sampled.yaml', shortened('    sample: true\n'));
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('30 requests replayed over 5m (30 of 80 prompts');
  });

  it('the shipped examples, whose slots cover their tables, stay valid without it', async () => {
    const { io, err } = captureIo();
    expect(await main(['validate', EXAMPLE, 'scenarios/examples/mt-bench-learned.yaml'], io)).toBe(0);
    expect(err.join('')).toBe('');
  });
});
