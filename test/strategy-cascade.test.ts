/** The cascade: acceptance, escalation and fallback purposes, the last rung, the knob. */
import { describe, expect, it } from 'vitest';
import { buildStrategy } from '../src/strategies/registry.ts';
import {
  buildContext,
  candidates,
  fakeContext,
  okAnswer,
  request,
  type Scripted,
  serverError,
} from './strategy-helpers.ts';

const context = buildContext(candidates());
const models = ['gemini-2.0-flash-lite', 'gpt-4o-mini', 'gpt-4o'];

async function run(answers: Record<string, Scripted>, options: Record<string, unknown> = {}) {
  const strategy = buildStrategy(
    { name: 'cascade', options: { models, threshold: 0.7, ...options } },
    context,
  );
  const fake = fakeContext((model) => answers[model] ?? okAnswer());
  const result = await strategy.route(request('q'), fake);
  return { result, calls: fake.calls.map((call) => [call.model, call.purpose]) };
}

describe('cascade', () => {
  it('accepts the first answer whose confidence reaches the threshold (≥, not >)', async () => {
    const { result, calls } = await run({ 'gemini-2.0-flash-lite': okAnswer(0.7) });
    expect(calls).toEqual([['gemini-2.0-flash-lite', 'primary']]);
    expect(result.responseId).toBe('gemini-2.0-flash-lite#0');
  });

  it('escalates on low confidence with purpose escalation', async () => {
    const { result, calls } = await run({
      'gemini-2.0-flash-lite': okAnswer(0.69),
      'gpt-4o-mini': okAnswer(0.8),
    });
    expect(calls).toEqual([
      ['gemini-2.0-flash-lite', 'primary'],
      ['gpt-4o-mini', 'escalation'],
    ]);
    expect(result.responseId).toBe('gpt-4o-mini#1');
  });

  it('moves on after an error as a fallback, not an escalation', async () => {
    const { calls } = await run({ 'gemini-2.0-flash-lite': serverError(), 'gpt-4o-mini': okAnswer(0.2) });
    expect(calls).toEqual([
      ['gemini-2.0-flash-lite', 'primary'],
      ['gpt-4o-mini', 'fallback'],
      ['gpt-4o', 'escalation'],
    ]);
  });

  it('accepts the last model whatever its confidence', async () => {
    const low = okAnswer(0.01);
    const { result } = await run({ 'gemini-2.0-flash-lite': low, 'gpt-4o-mini': low, 'gpt-4o': low });
    expect(result.responseId).toBe('gpt-4o#2');
  });

  it('keeps the most confident earlier answer when the last model fails', async () => {
    const { result } = await run({
      'gemini-2.0-flash-lite': okAnswer(0.5),
      'gpt-4o-mini': okAnswer(0.6),
      'gpt-4o': serverError(),
    });
    expect(result.responseId).toBe('gpt-4o-mini#1');
  });

  it('fails with the reason when every model failed', async () => {
    const { result, calls } = await run({
      'gemini-2.0-flash-lite': serverError(),
      'gpt-4o-mini': serverError(502),
      'gpt-4o': { ok: false, kind: 'timeout', status: 0 },
    });
    expect(calls.map((call) => call[1])).toEqual(['primary', 'fallback', 'fallback']);
    expect(result).toEqual({ responseId: undefined, reason: 'every rung failed (last: gpt-4o timeout 0)' });
  });

  it('self-rated confidence reads selfRatedCertainty', async () => {
    const answer: Scripted = { ok: true, confidence: 0.1, selfRated: 0.9 };
    const { calls } = await run({ 'gemini-2.0-flash-lite': answer }, { confidence: 'self-rated' });
    expect(calls).toHaveLength(1);
    const { calls: logprob } = await run({ 'gemini-2.0-flash-lite': answer });
    expect(logprob.length).toBeGreaterThan(1);
  });

  it('the threshold knob: weak first, strong last, at(v) changes acceptance', async () => {
    const strategy = buildStrategy({ name: 'cascade', options: { models } }, context);
    expect(strategy.knob).toMatchObject({
      name: 'threshold',
      weak: 'gemini-2.0-flash-lite',
      strong: 'gpt-4o',
    });
    expect(strategy.knob?.values).toEqual([0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]);
    const loose = strategy.knob!.at(0.5);
    const strict = strategy.knob!.at(0.95);
    expect(loose.name).toBe('cascade@0.5');
    const answers = () => okAnswer(0.8);
    const a = fakeContext(answers);
    await loose.route(request('q'), a);
    const b = fakeContext(answers);
    await strict.route(request('q'), b);
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(3);
  });
});
