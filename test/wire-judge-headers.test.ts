/**
 * A judge call on the wire (src/mock/judge.ts), asked the way a user's router would: the official
 * `openai` and `@anthropic-ai/sdk` clients send an ordinary chat call to the judge model with the
 * x-routesim-judge-of / x-routesim-judge-epsilon headers. The verdict is checked against the truth
 * the world recorded for the judged answer: with ε = 0 it must equal it, with ε = 1 it must be its
 * opposite. The judge reads the prompt plus the judged answer (its prompt tokens say so), is billed
 * like any call, and a reference to another request's answer or a bad ε is refused.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type World, worldResponseId } from '../src/contracts/index.ts';
import { instantClock } from '../src/mock/clock.ts';
import type { WireCallEvent } from '../src/mock/context.ts';
import { startInProcessMocks } from '../src/mock/in-process.ts';
import { JUDGE_EPSILON_HEADER, JUDGE_OF_HEADER } from '../src/mock/judge.ts';
import { createRequestDirectory, REQUEST_ID_HEADER } from '../src/mock/request-directory.ts';
import { callCost } from '../src/world/pricing.ts';
import { scenarioRig } from './wire-support.ts';

const REQUESTS = 24;
const rig = scenarioRig('scenarios/assistant-day.yaml', REQUESTS);
const ANSWER_MODEL = 'llama-3.1-8b-instant';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

function setup(): { world: World; events: WireCallEvent[]; openai: OpenAI; anthropic: Anthropic } {
  const world = rig.world();
  const events: WireCallEvent[] = [];
  const mocks = startInProcessMocks({
    world,
    clock: instantClock(),
    directory: createRequestDirectory(rig.stream),
    observer: (event) => events.push(event),
  });
  stop = () => mocks.close();
  const openai = new OpenAI({
    apiKey: 'test',
    baseURL: world.catalog.providers['openai']!.baseUrl,
    maxRetries: 0,
  });
  const anthropic = new Anthropic({
    apiKey: 'test',
    baseURL: world.catalog.providers['anthropic']!.baseUrl,
    maxRetries: 0,
  });
  return { world, events, openai, anthropic };
}

/** An answer to request `index` from the cheap model, through the groq (OpenAI-compatible) mock. */
async function answer(world: World, index: number): Promise<OpenAI.ChatCompletion> {
  const groq = new OpenAI({
    apiKey: 'test',
    baseURL: world.catalog.providers['groq']!.baseUrl,
    maxRetries: 0,
  });
  const { request } = rig.stream.get(index);
  return groq.chat.completions.create(
    { model: ANSWER_MODEL, messages: request.messages, max_tokens: request.maxTokens },
    { headers: { [REQUEST_ID_HEADER]: request.id } },
  );
}

function judgeHeadersFor(index: number, judged: string, epsilon: number | string) {
  return {
    [REQUEST_ID_HEADER]: rig.stream.get(index).request.id,
    [JUDGE_OF_HEADER]: judged,
    [JUDGE_EPSILON_HEADER]: String(epsilon),
  };
}

describe('judge calls through the official clients', () => {
  it('openai client: ε = 0 gives the truth, ε = 1 its opposite, both wrong and right answers seen', async () => {
    const { world, openai } = setup();
    const truths = new Set<boolean>();
    for (let index = 0; index < REQUESTS; index++) {
      const answered = await answer(world, index);
      const truth = world.ledger.get(answered.id)!.outcome.correct;
      truths.add(truth);
      const { request } = rig.stream.get(index);
      for (const epsilon of [0, 1]) {
        const verdict = await openai.chat.completions.create(
          { model: 'gpt-4o-mini', messages: request.messages, max_tokens: 64 },
          { headers: judgeHeadersFor(index, answered.id, epsilon) },
        );
        const said = verdict.choices[0]!.message.content;
        const expected = (epsilon === 0) === truth;
        expect(said).toBe(expected ? 'Verdict: correct.' : 'Verdict: incorrect.');
        // The judge read the prompt and the judged answer.
        expect(verdict.usage!.prompt_tokens).toBe(
          answered.usage!.prompt_tokens + answered.usage!.completion_tokens,
        );
        const record = world.ledger.get(verdict.id)!;
        expect(record.judgeOf).toBe(worldResponseId(answered.id));
        expect(record.model).toBe('gpt-4o-mini');
        // Billed at the judge model's catalog prices for what the wire reported.
        expect(record.costUsd).toBeGreaterThan(0);
        expect(record.costUsd).toBeCloseTo(
          callCost(world.model('gpt-4o-mini')!, {
            promptTokens: verdict.usage!.prompt_tokens,
            completionTokens: verdict.usage!.completion_tokens,
            cachedTokens: verdict.usage!.prompt_tokens_details?.cached_tokens ?? 0,
            cacheCreationTokens: 0,
            reasoningTokens: 0,
          }),
          12,
        );
      }
    }
    // Both branches of the check were exercised.
    expect(truths).toEqual(new Set([true, false]));
  });

  it('anthropic client: the same headers make a Messages call a judge call', async () => {
    const { world, anthropic } = setup();
    for (let index = 0; index < 6; index++) {
      const answered = await answer(world, index);
      const truth = world.ledger.get(answered.id)!.outcome.correct;
      const { request } = rig.stream.get(index);
      const message = await anthropic.messages.create(
        {
          model: 'claude-haiku-4-5-20251001',
          max_tokens: 64,
          messages: request.messages
            .filter((m) => m.role !== 'system')
            .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content })),
        },
        { headers: judgeHeadersFor(index, answered.id, 1) },
      );
      const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
      expect(text).toBe(truth ? 'Verdict: incorrect.' : 'Verdict: correct.');
      expect(world.ledger.get(message.id)!.judgeOf).toBe(worldResponseId(answered.id));
    }
  });

  it('without the headers the same call is an ordinary answer, not a verdict', async () => {
    const { world, openai } = setup();
    const { request } = rig.stream.get(0);
    const plain = await openai.chat.completions.create(
      { model: 'gpt-4o-mini', messages: request.messages, max_tokens: 64 },
      { headers: { [REQUEST_ID_HEADER]: request.id } },
    );
    expect(plain.choices[0]!.message.content).not.toMatch(/^Verdict:/);
    expect(world.ledger.get(plain.id)!.judgeOf).toBeUndefined();
  });

  it("refuses another request's answer (404) and a bad ε (400, never reaching the world)", async () => {
    const { world, events, openai, anthropic } = setup();
    const other = await answer(world, 1);
    const { request } = rig.stream.get(0);
    const ask = (headers: Record<string, string>) =>
      openai.chat.completions.create(
        { model: 'gpt-4o-mini', messages: request.messages, max_tokens: 64 },
        { headers },
      );
    const foreign = await ask(judgeHeadersFor(0, other.id, 0.1)).catch((error: unknown) => error);
    expect(foreign).toBeInstanceOf(OpenAI.NotFoundError);
    expect((foreign as Error).message).toContain(other.id);

    const before = events.length;
    for (const epsilon of ['1.5', '-0.1', 'abc', '']) {
      const bad = await ask(judgeHeadersFor(0, other.id, epsilon)).catch((error: unknown) => error);
      expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
      expect((bad as Error).message).toContain(JUDGE_EPSILON_HEADER);
    }
    const orphan = await ask({ [REQUEST_ID_HEADER]: request.id, [JUDGE_EPSILON_HEADER]: '0.1' }).catch(
      (error: unknown) => error,
    );
    expect(orphan).toBeInstanceOf(OpenAI.BadRequestError);
    const anthropicBad = await anthropic.messages
      .create(
        { model: 'claude-haiku-4-5-20251001', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] },
        { headers: judgeHeadersFor(0, other.id, 2) },
      )
      .catch((error: unknown) => error);
    expect(anthropicBad).toBeInstanceOf(Anthropic.BadRequestError);
    expect(events.length).toBe(before);
  });
});
