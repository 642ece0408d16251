/**
 * Hidden reasoning-token draws of the bundled reasoning models against the published figures
 * (../shared/data/realism-anchors.md §2): by effort, by domain, by difficulty, and the
 * per-provider rules for turning reasoning on (OpenAI always, Gemini 2.5 Pro always, Anthropic
 * only with a budget ≥ 1,024).
 */
import { describe, expect, it } from 'vitest';
import type { Domain, ReasoningSetting, ReasoningSpec } from '../src/contracts/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { stringKey } from '../src/world/random.ts';
import {
  DIFFICULTY_SLOPE,
  DOMAIN_FACTOR,
  drawReasoningTokens,
  maxTokensWithReasoning,
  reasoningHeadroom,
} from '../src/world/reasoning.ts';

const catalog = loadCatalog();
function spec(id: string): ReasoningSpec {
  const reasoning = catalog.models.find((model) => model.id === id)?.reasoning;
  if (reasoning === undefined) throw new Error(`${id} has no reasoning spec`);
  return reasoning;
}

/** Median of n keyed draws for a typical request (difficulty z = 0) of `domain`. */
function medianDraw(
  id: string,
  setting: ReasoningSetting,
  domain: Domain,
  difficultyZ = 0,
  n = 4001,
): number {
  const reasoning = spec(id);
  const draws: number[] = [];
  for (let request = 0; request < n; request++) {
    draws.push(
      drawReasoningTokens(
        { seed: 3, request, model: stringKey(id), sample: 0 },
        reasoning,
        setting,
        domain,
        difficultyZ,
      ),
    );
  }
  draws.sort((a, b) => a - b);
  return draws[Math.floor(n / 2)]!;
}

describe('reasoning-token draws', () => {
  it('o3-mini at its default (medium) effort ≈ 1,140 implied tokens on a coding request (AA medium_coding, anchors §2b)', () => {
    // The anchor's 1,140 includes the non-thinking part of the first chunk (~0.5 s × 126.6 tok/s).
    const median = medianDraw('o3-mini', {}, 'code');
    expect(median).toBeGreaterThan(1000);
    expect(median).toBeLessThan(1200);
  });

  it('o3-mini at high effort ≈ 3,740 implied tokens (AA o3-mini high, anchors §2b)', () => {
    const median = medianDraw('o3-mini', { effort: 'high' }, 'code');
    expect(median).toBeGreaterThan(3400);
    expect(median).toBeLessThan(3900);
    expect(medianDraw('o3-mini', { effort: 'low' }, 'code')).toBeLessThan(median / 10);
  });

  it('Gemini 2.5 Pro thinks ≈ 3,210 tokens with dynamic thinking (AA AI Studio, anchors §2b); low effort caps it at 1,024 (Google OpenAI-compat mapping)', () => {
    const median = medianDraw('gemini-2.5-pro', {}, 'code');
    expect(median).toBeGreaterThan(3000);
    expect(median).toBeLessThan(3400);
    expect(medianDraw('gemini-2.5-pro', { effort: 'low' }, 'reasoning')).toBe(1024);
  });

  it('math and reasoning think far longer than chit-chat; +2σ difficulty ≈ R1 MATH500/GSM8K 2,704/1,056 (Chen et al. 2412.21187, Table 1)', () => {
    const chat = medianDraw('o3-mini', {}, 'chit-chat');
    const math = medianDraw('o3-mini', {}, 'math');
    const reasoning = medianDraw('o3-mini', {}, 'reasoning');
    expect(chat).toBeLessThan(math / 2);
    expect(reasoning).toBeGreaterThan(2 * math);
    const hard = medianDraw('o3-mini', {}, 'math', 2);
    expect(hard / math).toBeGreaterThan(2.3);
    expect(hard / math).toBeLessThan(2.8);
    expect(Math.exp(2 * DIFFICULTY_SLOPE)).toBeCloseTo(2704 / 1056, 1);
    expect(DOMAIN_FACTOR['chit-chat']).toBeGreaterThan(0);
  });

  it('Claude thinks only with a budget of at least 1,024 tokens, and never beyond it (Anthropic extended thinking, anchors §2d)', () => {
    const sonnet = 'claude-sonnet-4-20250514';
    expect(medianDraw(sonnet, {}, 'math', 0, 101)).toBe(0);
    expect(medianDraw(sonnet, { budgetTokens: 512 }, 'math', 0, 101)).toBe(0);
    const reasoning = spec(sonnet);
    let most = 0;
    let some = 0;
    for (let request = 0; request < 2000; request++) {
      const tokens = drawReasoningTokens(
        { seed: 3, request, model: stringKey(sonnet), sample: 0 },
        reasoning,
        { budgetTokens: 2048 },
        'reasoning',
        1,
      );
      most = Math.max(most, tokens);
      if (tokens > 0) some++;
    }
    expect(most).toBe(2048);
    expect(some).toBe(2000);
  });

  it('draws are keyed by the answer (request, model, sample), not by call order', () => {
    const reasoning = spec('o3-mini');
    const key = { seed: 9, request: 17, model: stringKey('o3-mini'), sample: 0 };
    const first = drawReasoningTokens(key, reasoning, {}, 'math', 0.3);
    expect(drawReasoningTokens({ ...key }, reasoning, {}, 'math', 0.3)).toBe(first);
    expect(drawReasoningTokens({ ...key, sample: 1 }, reasoning, {}, 'math', 0.3)).not.toBe(first);
  });

  it('max_tokens gets the reasoning headroom: the budget for Claude, the effort cap for Gemini, the app reserve for o3-mini', () => {
    const sonnet = catalog.models.find((model) => model.id === 'claude-sonnet-4-20250514')!;
    expect(maxTokensWithReasoning(sonnet, 500)).toBe(500);
    expect(maxTokensWithReasoning(sonnet, 500, { budgetTokens: 4096 })).toBe(4596);
    expect(reasoningHeadroom(spec('gemini-2.5-pro'), { effort: 'medium' })).toBe(8192);
    expect(reasoningHeadroom(spec('o3-mini'), { effort: 'high' })).toBeGreaterThan(
      reasoningHeadroom(spec('o3-mini')),
    );
    const gpt = catalog.models.find((model) => model.id === 'gpt-4o')!;
    expect(maxTokensWithReasoning(gpt, 500)).toBe(500);
  });
});
