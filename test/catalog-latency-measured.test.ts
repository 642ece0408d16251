import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCuration } from '../src/catalog-import/catalog-curation.ts';
import { measuredLatency, sigmaFromPercentiles } from '../src/catalog-import/catalog-latency-measured.ts';
import { placeholderPairs } from '../src/catalog-import/catalog-latency-placeholders.ts';
import { parseModelFacts } from '../src/catalog-import/model-facts.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { loadCatalog } from '../src/world/catalog.ts';

const catalog = loadCatalog();
const scenario = loadScenarioFile(resolve(import.meta.dirname, '../scenarios/assistant-day.yaml'));
// The default scenario's 13 candidates plus Opus, the one bundled model it leaves out.
const defaultIds = [...scenario.models, 'claude-opus-4-1-20250805'];
const model = (id: string) => {
  const found = catalog.models.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no ${id} in the bundled catalog`);
  return found;
};

describe('bundled catalog latency', () => {
  it('names a third-party measurement as the latency source of every default-scenario model (realism-anchors.md §3)', () => {
    expect(defaultIds).toHaveLength(14);
    for (const id of defaultIds) {
      const source = model(id).latencySource ?? '';
      expect(source, id).toMatch(/^Artificial Analysis/);
      expect(source, id).not.toMatch(/model-facts\.csv|routesim default/);
    }
  });

  const csv = resolve(import.meta.dirname, '../../shared/data/model-facts.csv');
  it.skipIf(!existsSync(csv))(
    'gives no default model a (tok/s, TTFT) pair that repeats across models of model-facts.csv',
    () => {
      const pairs = placeholderPairs(parseModelFacts(readFileSync(csv, 'utf8'), csv));
      expect(pairs.size).toBeGreaterThan(0);
      for (const id of defaultIds) {
        const { decodeTokensPerSecond, ttftMedianMs } = model(id);
        expect(pairs.has(`${decodeTokensPerSecond}|${ttftMedianMs / 1000}`), id).toBe(false);
      }
    },
  );

  it('derives σ from P5–P95 as ln(P95/P5)/3.29 (realism-anchors.md §3: Sonnet 4 0.06/0.10, Groq 70B 0.05/0.66)', () => {
    expect(model('claude-sonnet-4-20250514').decodeSigma).toBeCloseTo(0.06, 2);
    expect(model('claude-sonnet-4-20250514').ttftSigma).toBeCloseTo(0.1, 2);
    expect(model('llama-3.3-70b-versatile').decodeSigma).toBeCloseTo(0.05, 2);
    expect(model('llama-3.3-70b-versatile').ttftSigma).toBeCloseTo(0.66, 2);
    // Haiku 4.5 has no published percentiles: the simulation-model.md defaults
    expect(model('claude-haiku-4-5-20251001')).toMatchObject({ ttftSigma: 0.35, decodeSigma: 0.2 });
    expect(sigmaFromPercentiles(undefined, undefined)).toBeUndefined();
  });

  // The world decodes hidden thinking before the first visible token on top of ttftMedianMs;
  // the measured first chunk already contains it, so it must not be the base as well.
  it.each([
    // realism-anchors.md §2b: o3-mini 9.01 s at 126.6 tok/s ≈ 1,140 tokens; Gemini 2.5 Pro 33.43 s at 96.1 ≈ 3,210
    ['o3-mini', 9010, 1140],
    ['gemini-2.5-pro', 33430, 3210],
  ])(
    'keeps thinking out of %s TTFT: base + implied thinking = measured first chunk (realism-anchors.md §2b)',
    (id, measured, tokens) => {
      const spec = model(id);
      expect(spec.measuredFirstChunkMs).toBe(measured);
      expect(spec.ttftMedianMs).toBeLessThan(0.1 * measured);
      expect(spec.latencySource).toMatch(/includes hidden thinking.*TTFT without thinking .*: assumption/);
      const thinkingTokens = ((measured - spec.ttftMedianMs) / 1000) * spec.decodeTokensPerSecond;
      expect(thinkingTokens / tokens).toBeGreaterThan(0.9);
      expect(thinkingTokens / tokens).toBeLessThan(1.0);
    },
  );

  it('has a measured first chunk only on reasoning models', () => {
    const withFirstChunk = catalog.models.filter((spec) => spec.measuredFirstChunkMs !== undefined);
    expect(withFirstChunk.map((spec) => spec.id)).toEqual(['o3-mini', 'gemini-2.5-pro']);
  });
});

describe('curated latency block', () => {
  const entry = (latency: unknown) => ({ models: [{ litellm: 'x', latency }] });

  it('rejects percentiles out of order, half-given, and a first chunk without a TTFT source', () => {
    const bad = entry({
      source: 's',
      decodeTokensPerSecond: { median: 50, p5: 60, p95: 70 },
      ttftSeconds: { median: 0.5, p5: 0.4 },
      measuredFirstChunkSeconds: { median: 9 },
    });
    expect(() => parseCuration(bad, 'curation.json')).toThrow(
      /p5 ≤ median ≤ p95[\s\S]*both p5 and p95[\s\S]*ttftSource must say/,
    );
  });

  it('turns a reasoning model block into base TTFT, measured first chunk and a source naming both', () => {
    const latency = measuredLatency({
      source: 'AA',
      decodeTokensPerSecond: { median: 100, p5: 80, p95: 120 },
      ttftSeconds: { median: 0.5 },
      ttftSource: 'assumption: a sibling',
      measuredFirstChunkSeconds: { median: 10.5, p5: 5, p95: 20 },
    });
    expect(latency).toMatchObject({ ttftMedianMs: 500, measuredFirstChunkMs: 10500, ttftSigma: 0.35 });
    expect(latency.latencySource).toBe(
      'AA: 100 tok/s [80–120]; measured first chunk 10.5 s [5–20] includes hidden thinking; TTFT without thinking 0.5 s: assumption: a sibling; no P5–P95 published: σ from the simulation-model.md defaults',
    );
  });
});
