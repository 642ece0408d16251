/**
 * Cascade confidence signals with fake contexts: self-consistency agreement (hand-counted),
 * judge verdicts, the default judge model, and option validation.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { agreementOf, finalAnswerLabel } from '../src/strategies/confidence-signals.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import type { CallOutcome, JudgeOutcome, RouteContext } from '../src/strategies/types.ts';
import { buildContext, candidates, request } from './strategy-helpers.ts';
import { concurrentContext } from './strategy-signals-support.ts';

const models = candidates();
const RUNGS = ['gemini-2.0-flash-lite', 'gpt-4o'];

const answer = (label: string, id = label): Extract<CallOutcome, { ok: true }> => ({
  ok: true,
  responseId: id,
  model: 'm',
  text: `some words. Final answer: ${label}.`,
  usage: {
    promptTokens: 1,
    completionTokens: 1,
    cachedTokens: 0,
    cacheCreationTokens: 0,
    reasoningTokens: 0,
  },
  costUsd: 0,
  latencyMs: 1,
  ttftMs: 1,
  logprobConfidence: 0.5,
  selfRatedCertainty: 0.5,
  finishReason: 'stop',
});

describe('final-answer labels and agreement', () => {
  it('reads the label at the end of the text', () => {
    expect(finalAnswerLabel('the answer follows. Final answer: 0a1b2c3d.')).toBe('0a1b2c3d');
    expect(finalAnswerLabel('Final answer: ff.')).toBe('ff');
    expect(finalAnswerLabel('no label here')).toBe('');
  });

  it('agreement = majority count / samples sent; the first sample with the majority label wins', () => {
    // a, b, a, c, a → majority a (3 of 5) = 0.6; first a is sample 0.
    const samples = [
      answer('a', 's0'),
      answer('b', 's1'),
      answer('a', 's2'),
      answer('c', 's3'),
      answer('a', 's4'),
    ];
    const result = agreementOf(samples, 5);
    expect(result.agreeing).toBe(3);
    expect(result.agreement).toBeCloseTo(0.6, 12);
    expect(result.answer?.responseId).toBe('s0');
    // Two answered of five sent (three failed): b, b → 2/5 = 0.4, not 1.
    expect(agreementOf([answer('b', 'x'), answer('b', 'y')], 5).agreement).toBeCloseTo(0.4, 12);
    // Tie 2–2: the label that reached 2 first (c at sample 2) stays the majority.
    const tie = agreementOf([answer('d', 't0'), answer('c', 't1'), answer('c', 't2'), answer('d', 't3')], 4);
    expect(tie.answer?.responseId).toBe('t1');
  });
});

describe('self-consistency cascade (fake context)', () => {
  const build = (threshold: number) =>
    buildStrategy(
      { name: 'cascade', options: { confidence: 'self-consistency', samples: 5, threshold, models: RUNGS } },
      buildContext(models),
    );
  // Rung 1 answers a, a, b, a, a (4/5 = 0.8); rung 2 answers z.
  const script = (model: string, n: number) =>
    model === RUNGS[0]
      ? { latencyMs: 100 + n, text: `Final answer: ${n === 2 ? 'b' : 'a'}.` }
      : { latencyMs: 300, text: 'Final answer: z.' };

  it('sends n samples together (first with the rung purpose, then "sample") and accepts 4/5 ≥ 0.8', async () => {
    const fake = concurrentContext(script, models);
    const { value, atMs } = await fake.run((context) => build(0.8).route(request('q'), context));
    expect(fake.calls.map((call) => call.purpose)).toEqual([
      'primary',
      'sample',
      'sample',
      'sample',
      'sample',
    ]);
    expect(fake.calls.every((call) => call.startMs === 0)).toBe(true);
    expect(value.responseId).toBe(`${RUNGS[0]}#0`);
    expect(value.reason).toContain('agreement 4/5');
    // Together: done when the slowest sample (104 ms) is in.
    expect(atMs).toBe(104);
  });

  it('escalates when agreement is below the threshold; the last rung is one plain call', async () => {
    const fake = concurrentContext(script, models);
    const { value } = await fake.run((context) => build(0.85).route(request('q'), context));
    expect(fake.calls.map((call) => `${call.model}:${call.purpose}`)).toEqual([
      ...['primary', 'sample', 'sample', 'sample', 'sample'].map((purpose) => `${RUNGS[0]}:${purpose}`),
      `${RUNGS[1]}:escalation`,
    ]);
    expect(value.responseId).toBe(`${RUNGS[1]}#5`);
  });
});

describe('judge cascade (fake context)', () => {
  const verdicts: boolean[] = [];
  const withJudge = (context: RouteContext, judged: string[]): RouteContext => ({
    ...context,
    judge: async (responseId, judgeModel, options): Promise<JudgeOutcome> => {
      judged.push(`${responseId}|${judgeModel}|${options?.epsilon}`);
      return {
        ok: true,
        verdict: verdicts.shift() ?? false,
        model: judgeModel,
        costUsd: 0.002,
        latencyMs: 50,
      };
    },
  });

  it('accepts on a positive verdict, escalates on a negative one; judge = o3-mini by default', async () => {
    // Default judge: best standing gemini-2.5-pro 0.894; within 0.05 (≥ 0.844) are o3-mini 0.870 and
    // gemini-2.5-pro; the cheaper by blended price is o3-mini (1.925 vs 3.44 USD/M).
    const strategy = buildStrategy(
      { name: 'cascade', options: { confidence: 'judge', epsilon: 0.2, models: RUNGS } },
      buildContext(models),
    );
    expect(strategy.knob).toBeUndefined();
    verdicts.push(true);
    let judged: string[] = [];
    let fake = concurrentContext(() => ({ latencyMs: 100 }), models);
    let run = await fake.run((context) => strategy.route(request('q'), withJudge(context, judged)));
    expect(judged).toEqual([`${RUNGS[0]}#0|o3-mini|0.2`]);
    expect(run.value.responseId).toBe(`${RUNGS[0]}#0`);
    expect(run.value.reason).toContain('judge: correct');

    verdicts.push(false);
    judged = [];
    fake = concurrentContext(() => ({ latencyMs: 100 }), models);
    run = await fake.run((context) => strategy.route(request('q'), withJudge(context, judged)));
    // The last rung is not judged.
    expect(judged).toEqual([`${RUNGS[0]}#0|o3-mini|0.2`]);
    expect(fake.calls.map((call) => call.purpose)).toEqual(['primary', 'escalation']);
    expect(run.value.responseId).toBe(`${RUNGS[1]}#1`);
  });

  it('fails loudly on an engine without judge calls', async () => {
    const strategy = buildStrategy(
      { name: 'cascade', options: { confidence: 'judge', models: RUNGS } },
      buildContext(models),
    );
    const fake = concurrentContext(() => ({ latencyMs: 10 }), models);
    await expect(fake.run((context) => strategy.route(request('q'), context))).rejects.toThrow(/no judge/);
  });
});

describe('options', () => {
  const problems = (options: Record<string, unknown>): string[] => {
    try {
      buildStrategy({ name: 'cascade', options }, buildContext(models));
    } catch (error) {
      if (error instanceof InputError)
        return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw error;
    }
    return [];
  };

  it('rejects options of another signal and out-of-range values', () => {
    expect(problems({ samples: 3 })).toEqual([
      'strategy.options.samples: "samples" applies only to confidence self-consistency, not "logprob"',
    ]);
    expect(problems({ confidence: 'judge', threshold: 0.5 })[0]).toMatch(/threshold.*applies only/);
    expect(problems({ confidence: 'self-consistency', samples: 1 })[0]).toMatch(
      /^strategy.options.samples: /,
    );
    expect(problems({ confidence: 'judge', epsilon: 1.5 })[0]).toMatch(/^strategy.options.epsilon: /);
    expect(problems({ confidence: 'judge', judgeModel: 'nope' })[0]).toMatch(/unknown model "nope"/);
    expect(problems({ confidence: 'self-consistency', samples: 3, threshold: 0.6 })).toEqual([]);
  });
});
