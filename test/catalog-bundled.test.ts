import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIDENCE_PROFILES } from '../src/catalog-import/catalog-tiers.ts';
import { main } from '../src/cli/main.ts';
import { DOMAINS } from '../src/contracts/index.ts';
import { BUNDLED_CATALOG_PATH, loadCatalog } from '../src/world/catalog.ts';

const catalog = loadCatalog();
const model = (id: string) => {
  const found = catalog.models.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no ${id} in the bundled catalog`);
  return found;
};

describe('bundled catalog', () => {
  it('has at least 12 models from at least 6 providers', () => {
    expect(catalog.models.length).toBeGreaterThanOrEqual(12);
    expect(new Set(catalog.models.map((entry) => entry.provider)).size).toBeGreaterThanOrEqual(6);
  });

  // Expected numbers copied by hand from ../shared/data/litellm-model-prices.json.
  it('carries LiteLLM prices and limits verbatim', () => {
    expect(model('gpt-4o-mini')).toMatchObject({
      input_cost_per_token: 1.5e-7,
      output_cost_per_token: 6e-7,
      cache_read_input_token_cost: 7.5e-8,
      max_input_tokens: 128000,
      max_output_tokens: 16384,
    });
    expect(model('claude-sonnet-4-20250514')).toMatchObject({
      input_cost_per_token: 3e-6,
      output_cost_per_token: 1.5e-5,
      cache_read_input_token_cost: 3e-7,
      cache_creation_input_token_cost: 3.75e-6,
      max_input_tokens: 1000000,
      max_output_tokens: 64000,
    });
    expect(model('deepseek-chat')).toMatchObject({
      input_cost_per_token: 2.8e-7,
      output_cost_per_token: 4.2e-7,
      cache_read_input_token_cost: 2.8e-8,
      max_output_tokens: 8192,
    });
    const llama = model('llama-3.1-8b-instant');
    expect(llama).toMatchObject({
      input_cost_per_token: 5e-8,
      output_cost_per_token: 8e-8,
      max_input_tokens: 128000,
    });
    expect(llama.cache_read_input_token_cost).toBeUndefined();
  });

  it('uses the providers real base URLs and wire formats', () => {
    expect(catalog.providers.anthropic).toMatchObject({
      wire: 'anthropic',
      baseUrl: 'https://api.anthropic.com',
    });
    expect(catalog.providers.openai).toMatchObject({ wire: 'openai', baseUrl: 'https://api.openai.com/v1' });
    expect(catalog.providers.google?.baseUrl).toBe('https://generativelanguage.googleapis.com/v1beta/openai');
    expect(catalog.providers.groq?.baseUrl).toBe('https://api.groq.com/openai/v1');
    for (const spec of Object.values(catalog.providers)) {
      expect(spec).toMatchObject({ cacheMinTokens: 1024, cacheTtlMs: 300000 });
    }
  });

  // Figures checked by hand in realism-anchors.md §3 (Artificial Analysis, 2025-08-14 scrape).
  it('carries the curated third-party latency, not the facts rows (Artificial Analysis, realism-anchors.md §3)', () => {
    // model-facts.csv: 183 tok/s, 0.4 s; AA AI Studio: 160.3 [130.4–188.9], 0.41 s [0.29–0.53]
    expect(model('gemini-2.0-flash')).toMatchObject({ ttftMedianMs: 410, decodeTokensPerSecond: 160.3 });
    // model-facts.csv: the repeated (42, 0.4 s) pair; AA first-party: 0.1 tok/s rows are gone too
    expect(model('mistral-large-2407')).toMatchObject({ ttftMedianMs: 380, decodeTokensPerSecond: 87.8 });
    expect(model('claude-sonnet-4-20250514')).toMatchObject({
      ttftMedianMs: 950,
      decodeTokensPerSecond: 72.1,
    });
    expect(model('claude-sonnet-4-20250514').notes).toMatch(
      /replaces .* placeholder pair \(42 tok\/s, 0.4 s\)/,
    );
  });

  it('uses exactly the agreed confidence profiles', () => {
    const profiles = Object.values(CONFIDENCE_PROFILES);
    for (const entry of catalog.models) expect(profiles, entry.id).toContainEqual(entry.confidence);
    expect(model('gemini-2.5-pro').confidence).toEqual(CONFIDENCE_PROFILES.frontier);
    expect(model('llama-3.1-8b-instant').confidence).toEqual(CONFIDENCE_PROFILES.small);
  });

  it('has a published or imputed target in (0, 1) for every domain', () => {
    for (const entry of catalog.models) {
      for (const domain of DOMAINS) {
        const target = entry.quality[domain];
        expect(target.accuracy).toBeGreaterThanOrEqual(0.02);
        expect(target.accuracy).toBeLessThanOrEqual(0.98);
      }
    }
    // claude-sonnet-4 publishes gpqa 0.754 only.
    expect(model('claude-sonnet-4-20250514').quality.reasoning).toEqual({
      accuracy: 0.754,
      source: 'gpqa 0.754',
    });
    expect(model('claude-sonnet-4-20250514').quality['factual-qa'].source).toMatch(/^imputed mmlu/);
  });

  const shared = resolve(import.meta.dirname, '../../shared/data');
  it.skipIf(!existsSync(join(shared, 'litellm-model-prices.json')))(
    'is reproduced exactly by the documented import command',
    async () => {
      const directory = mkdtempSync(join(tmpdir(), 'routesim-catalog-'));
      try {
        const out = join(directory, 'catalog.json');
        const errors: string[] = [];
        const io = { stdout: () => {}, stderr: (text: string) => void errors.push(text) };
        const code = await main(
          [
            'models',
            'import',
            join(shared, 'litellm-model-prices.json'),
            '--facts',
            join(shared, 'model-facts.csv'),
            '--curation',
            resolve(import.meta.dirname, '../fixtures/catalog-curation.json'),
            '--out',
            out,
          ],
          io,
        );
        expect(code).toBe(0);
        expect(readFileSync(out, 'utf8')).toBe(readFileSync(BUNDLED_CATALOG_PATH, 'utf8'));
        // every shipped model has a curated measurement: no latency warning
        expect(errors.join('')).not.toContain('warning:');
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  );
});
