/**
 * Chit-chat's small-vs-large gap anchored to Chatbot Arena (realism-anchors.md §4c), measured
 * through the quality model: head-to-head = which model's open-ended score is higher on a request.
 */
import { describe, expect, it } from 'vitest';
import type { Domain, ModelSpec } from '../src/contracts/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createQualityModel } from '../src/world/quality.ts';
import { keyedNormal, Stream } from '../src/world/random.ts';
import { hiddenFor } from './world-quality-support.ts';

const catalog = loadCatalog();
const domains = loadDomainParams();
const SEED = 4242;
const REQUESTS = 60_000;
const model = (id: string): ModelSpec => catalog.models.find((candidate) => candidate.id === id)!;

/** Share of requests of `domain` on which `a`'s first answer has the higher margin (score) than `b`'s. */
function winShare(a: ModelSpec, b: ModelSpec, domain: Domain): number {
  const quality = createQualityModel({ seed: SEED, domains });
  let wins = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const hidden = hiddenFor(
      domain,
      domains[domain].mu + domains[domain].sigma * keyedNormal(SEED, Stream.difficulty, i),
    );
    if (quality.outcome(i, hidden, a, 0).margin > quality.outcome(i, hidden, b, 0).margin) wins++;
  }
  return wins / REQUESTS;
}

describe('chit-chat small-vs-large gap (realism-anchors.md §4)', () => {
  it('llama-3.1-8b loses 70 ± 5% of chit-chat head-to-heads to gpt-4o (Chatbot Arena Elo 1168 vs 1316, 2024-09-05 snapshot)', () => {
    const loss = 1 - winShare(model('llama-3.1-8b-instant'), model('gpt-4o'), 'chit-chat');
    expect(loss).toBeGreaterThanOrEqual(0.65);
    expect(loss).toBeLessThanOrEqual(0.75);
  });

  it('the 8B model’s chit-chat ability gap to the strongest model is smaller than its math and code gaps (MT-Bench categories, Zheng et al. 2023 §4.3; RouteLLM judgements, §4b)', () => {
    const quality = createQualityModel({ seed: SEED, domains });
    const small = model('llama-3.1-8b-instant');
    const strongest = model('gemini-2.5-pro');
    const gap = (domain: Domain) => quality.ability(strongest, domain) - quality.ability(small, domain);
    expect(gap('chit-chat')).toBeGreaterThan(0);
    expect(gap('chit-chat')).toBeLessThan(gap('math'));
    expect(gap('chit-chat')).toBeLessThan(gap('code'));
  });
});
