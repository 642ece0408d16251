/**
 * Context-window fallback decided before any call: fitContext (hand-picked from the catalog's
 * windows, standings and prices), every built-in strategy's first choice, and a real-world run
 * of long prompts with no context_length failure.
 */
import { describe, expect, it } from 'vitest';
import { fitContext } from '../src/strategies/context-fit.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { buildContext, candidates, request } from './strategy-helpers.ts';
import {
  concurrentContext,
  fullStream,
  runHead,
  buildContext as worldBuildContext,
} from './strategy-signals-support.ts';

const models = candidates();
const LONG = 150_000; // over 128k/131k windows, under 200k

describe('fitContext', () => {
  it('keeps a model with room; else the cheapest model with room at least as strong', () => {
    expect(fitContext({ promptTokens: 1000 }, 'gpt-4o-mini', models)).toEqual({
      model: 'gpt-4o-mini',
      note: '',
    });
    // gpt-4o-mini (128k, standing 0.700): with room ≥ 150k and standing ≥ 0.700 are o3-mini,
    // claude-haiku, claude-sonnet, gemini-2.0-flash-lite (0.753, 0.131 USD/M blended), gemini-2.0-flash,
    // gemini-2.5-pro; the cheapest is gemini-2.0-flash-lite.
    expect(fitContext({ promptTokens: LONG }, 'gpt-4o-mini', models)).toEqual({
      model: 'gemini-2.0-flash-lite',
      note: 'context: gpt-4o-mini too small → gemini-2.0-flash-lite',
    });
    // gpt-4o (0.796): flash-lite (0.753) is too weak; gemini-2.0-flash (0.806, 0.175) is the cheapest.
    expect(fitContext({ promptTokens: LONG }, 'gpt-4o', models).model).toBe('gemini-2.0-flash');
    // 300k: only the 1M-window models (sonnet 0.841, flash-lite, flash, 2.5-pro 0.894) have room;
    // for o3-mini (0.870) only gemini-2.5-pro is as strong.
    expect(fitContext({ promptTokens: 300_000 }, 'o3-mini', models).model).toBe('gemini-2.5-pro');
    // No model has room: unchanged (the call will fail with context_length, the truth).
    expect(fitContext({ promptTokens: 2_000_000 }, 'gpt-4o', models)).toEqual({ model: 'gpt-4o', note: '' });
  });

  it('falls to the strongest model with room when none as strong has room', () => {
    const small = candidates([
      'gemini-2.5-pro',
      'gpt-4o-mini',
      'gemini-2.0-flash-lite',
      'gemini-2.0-flash',
    ]).map((model) => (model.id === 'gemini-2.5-pro' ? { ...model, maxInputTokens: 100_000 } : model));
    expect(fitContext({ promptTokens: LONG }, 'gemini-2.5-pro', small).model).toBe('gemini-2.0-flash');
  });
});

describe('built-in strategies route long prompts without a failed call', () => {
  const firstCall = async (name: string, options: Record<string, unknown> = {}) => {
    const strategy = buildStrategy({ name, options }, buildContext(models));
    const fake = concurrentContext(() => ({ latencyMs: 100, confidence: 0.1 }), models);
    const { value } = await fake.run((context) =>
      strategy.route(request('please summarise this long document', { promptTokens: LONG }), context),
    );
    return { calls: fake.calls, reason: value.reason };
  };

  it('always-*, rules and domain fall to a model with room, purpose primary, reason says why', async () => {
    const cheap = await firstCall('always-cheapest'); // llama-3.1-8b-instant, 128k, standing 0.531
    expect(cheap.calls.map((call) => `${call.model}:${call.purpose}`)).toEqual([
      'gemini-2.0-flash-lite:primary',
    ]);
    expect(cheap.reason).toContain('context: llama-3.1-8b-instant too small → gemini-2.0-flash-lite');
    const fixed = await firstCall('always-gpt-4o');
    expect(fixed.calls.map((call) => call.model)).toEqual(['gemini-2.0-flash']);
    for (const name of ['rules', 'domain']) {
      const { calls, reason } = await firstCall(name);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.purpose).toBe('primary');
      expect(models.find((model) => model.id === calls[0]?.model)!.maxInputTokens).toBeGreaterThanOrEqual(
        LONG,
      );
      if (reason.includes('context:')) expect(reason).toMatch(/context: \S+ too small → \S+/);
    }
  });

  it('cascade skips rungs without room', async () => {
    // Default rungs: llama-3.1-8b-instant (128k), claude-haiku-4-5 (200k), gemini-2.5-pro (1M, the strongest).
    const { calls, reason } = await firstCall('cascade');
    expect(calls.map((call) => `${call.model}:${call.purpose}`)).toEqual([
      'claude-haiku-4-5-20251001:primary',
      'gemini-2.5-pro:escalation',
    ]);
    expect(reason).toContain('context: llama-3.1-8b-instant too small; skipped');
  });
});

describe('long prompts against the real world', () => {
  it('no request fails with context_length; every call has room', async () => {
    const long: RequestStream = {
      ...fullStream,
      get: (index) => {
        const generated = fullStream.get(index);
        return index % 5 === 0
          ? { ...generated, request: { ...generated.request, promptTokens: LONG } }
          : generated;
      },
    };
    for (const name of ['always-cheapest', 'cascade', 'rules']) {
      const { decisions } = await runHead(buildStrategy({ name, options: {} }, worldBuildContext), 60, long);
      for (const record of decisions) {
        expect(record.status).not.toBe('context-length');
        for (const attempt of record.attempts) expect(attempt.result).not.toBe('context_length');
      }
      const moved = decisions.filter((record) => record.requestIndex % 5 === 0);
      expect(moved.every((record) => record.attempts[0]?.purpose === 'primary')).toBe(true);
    }
  });
});
