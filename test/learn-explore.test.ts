import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isExplored } from '../src/learn/explore.ts';
import { parseExploreLog, trainingRowsFromExplore } from '../src/learn/explore-log.ts';
import { exploreScenario } from '../src/learn/explore-scenario.ts';
import { writeExploreLog } from '../src/learn/write-explore-log.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-explore-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const base = loadScenarioFile(new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname);
// Ten minutes of the default day, with OpenAI down for the first five.
const scenario: Scenario = {
  ...base,
  durationMs: 600_000,
  providers: {
    ...base.providers,
    openai: { ...base.providers['openai'], faults: [{ kind: 'error', startMs: 0, durationMs: 300_000 }] },
  } as Scenario['providers'],
};
const catalog = loadCatalog();

describe('exploreRows', () => {
  it('calls every candidate once for a keyed sample, logging failures, and only visible fields + template', () => {
    const rows = [...exploreScenario(scenario, { catalog, share: 0.5 })];
    const ids = rows.map((row) => Number(row.requestId.slice(1)));
    // The sample is exactly the keyed draw, so a re-run or another tool selects the same requests.
    for (const index of ids) expect(isExplored(scenario.seed, index, 0.5)).toBe(true);
    const total = requestStreamFromScenario(scenario).count;
    // Binomial(total, 0.5): within 4 standard deviations.
    expect(Math.abs(rows.length - total / 2)).toBeLessThan(4 * Math.sqrt(total / 4));
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        ['arrivalMs', 'messages', 'outcomes', 'promptTokens', 'requestId', 'template', 'tier'].sort(),
      );
      expect(Object.keys(row.outcomes)).toEqual(scenario.models);
      const openai = row.outcomes['gpt-4o']!;
      if (row.arrivalMs < 300_000) {
        expect(openai).toMatchObject({ ok: false, score: null, costUsd: 0, error: 'server_error' });
      } else {
        expect(openai.ok).toBe(true);
        expect(openai.costUsd).toBeGreaterThan(0);
      }
      expect(row.outcomes['deepseek-chat']!.ok).toBe(true);
    }
    // Training rows keep only the successful calls' scores.
    const training = trainingRowsFromExplore(rows);
    const early = training[rows.findIndex((row) => row.arrivalMs < 300_000)]!;
    expect(early.scores['gpt-4o']).toBeUndefined();
    expect(early.scores['deepseek-chat']).toBeTypeOf('number');
  });

  it('writes a JSONL log atomically that parses back to the same rows', async () => {
    const rows = [...exploreScenario(scenario, { catalog, share: 0.1 })];
    const path = join(directory, 'explore.jsonl');
    expect(await writeExploreLog(rows, path)).toBe(rows.length);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n').filter((line) => line !== '')).toHaveLength(rows.length);
    expect(parseExploreLog(text, path)).toEqual(JSON.parse(JSON.stringify(rows)));
  });

  it('reports bad log lines with their line number and field', () => {
    const good = JSON.stringify({
      requestId: 'r1',
      arrivalMs: 0,
      tier: 'free',
      messages: [{ role: 'user', content: 'hi' }],
      promptTokens: 9,
      template: 't',
      outcomes: { a: { score: 1, costUsd: 0, latencyMs: 1, ok: true } },
    });
    const bad = good.replace('"score":1', '"score":2');
    expect(() => parseExploreLog(`${good}\n\n${bad}\n`, 'log.jsonl')).toThrow(
      /outcomes\.a\.score \(log\.jsonl:3\)/,
    );
  });
});
