/**
 * Strategies against the real world (bundled catalog, default scenario's traffic), driven by a
 * tiny sequential driver (test/strategy-helpers.ts), not the engine.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { candidates, type DrivenRequest, driveSequentially } from './strategy-helpers.ts';

const COUNT = 200;
const base = loadScenarioFile(new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname);
const models = candidates(base.models);
const context = { models, seed: base.seed, baseDir: '.' };

async function run(
  name: string,
  options: Record<string, unknown>,
  scenario: Scenario = base,
): Promise<DrivenRequest[]> {
  const stream = requestStreamFromScenario(scenario);
  const world = worldFromScenario(scenario, loadCatalog(), (index) => stream.get(index).hidden);
  const requests = Array.from({ length: COUNT }, (_, index) => stream.get(index).request);
  return driveSequentially(buildStrategy({ name, options }, context), world, models, requests);
}

const answered = (runs: DrivenRequest[]) =>
  runs.filter((run) => run.responseId !== undefined).length / runs.length;

describe('strategies on the real world', () => {
  it('always-cheapest answers every request of a normal day with the cheapest model', async () => {
    const runs = await run('always-cheapest', {});
    expect(answered(runs)).toBe(1);
    expect(new Set(runs.flatMap((r) => r.calls.map((call) => call.model)))).toEqual(
      new Set(['llama-3.1-8b-instant']),
    );
  });

  it('cascade@0.7 escalates some requests, up the rungs in order, and answers all', async () => {
    const runs = await run('cascade', { threshold: 0.7 });
    expect(answered(runs)).toBe(1);
    // The default chain: cheapest → capable → strongest.
    const rungs = ['llama-3.1-8b-instant', 'claude-haiku-4-5-20251001', 'gemini-2.5-pro'];
    for (const r of runs) {
      expect(r.calls.map((call) => call.model)).toEqual(rungs.slice(0, r.calls.length));
      expect(r.calls.slice(1).every((call) => call.purpose === 'escalation')).toBe(true);
    }
    const escalated = runs.filter((r) => r.calls.length > 1).length / runs.length;
    expect(escalated).toBeGreaterThan(0.1);
    expect(escalated).toBeLessThan(0.9);
  });

  it('domain sends each request to a model of its table, several models in all', async () => {
    const runs = await run('domain', {});
    expect(answered(runs)).toBeGreaterThan(0.95);
    const used = new Set(runs.map((r) => r.calls[0]?.model));
    expect(
      [...used].every((model) =>
        ['mistral-large-2407', 'deepseek-chat', 'gpt-4o-mini', 'gemini-2.5-pro'].includes(model!),
      ),
    ).toBe(true);
    expect(used.size).toBeGreaterThanOrEqual(3);
  });

  it('availability around rules survives a groq outage that fails plain rules', async () => {
    const outage: Scenario = {
      ...base,
      providers: {
        ...base.providers,
        groq: {
          ...base.providers['groq']!,
          faults: [{ kind: 'error', startMs: 0, durationMs: 3_600_000, status: 500 }],
        },
      },
    };
    const plain = await run('rules', {}, outage);
    const wrapped = await run('availability', { inner: 'rules' }, outage);
    // rules (classic) sends short plain prompts to llama-3.1-8b-instant, a groq model.
    expect(answered(plain)).toBeLessThan(0.9);
    expect(answered(wrapped)).toBe(1);
    const llamaCalls = wrapped
      .flatMap((r) => r.calls)
      .filter((call) => call.model === 'llama-3.1-8b-instant');
    const plainLlama = plain.filter((r) => r.calls[0]?.model === 'llama-3.1-8b-instant').length;
    // The breaker opens after 5 failures; afterwards only a half-open probe per 30 s cooldown.
    expect(llamaCalls.length).toBeLessThan(plainLlama / 2);
    expect(wrapped.some((r) => r.calls.some((call) => call.purpose === 'fallback'))).toBe(true);
  });
});
