/**
 * JSON mode and `n` on Chat Completions, with the official openai SDK against the in-process
 * mocks: `json_object` content parses as JSON, `json_schema` content parses and matches the
 * schema (the SDK's own zodResponseFormat + chat.completions.parse), `n: 2` gives two choices,
 * each a world call of its own, with usage counting both completions (the prompt once).
 */
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CallInput, CallResult } from '../src/contracts/index.ts';
import { answered, useFakeWorldMocks } from './mock-support-fake-world.ts';

const mocks = useFakeWorldMocks();
const start = mocks.start;
const client = () => new OpenAI({ apiKey: 'test-key', baseURL: 'https://api.openai.com/v1', maxRetries: 0 });

describe('JSON mode', () => {
  it('json_object: the content parses as a JSON object carrying the answer', async () => {
    start();
    const completion = await client().chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'Answer in JSON: what is six times seven?' }],
      response_format: { type: 'json_object' },
    });
    const content = JSON.parse(completion.choices[0]!.message.content!) as unknown;
    expect(content).toEqual({ answer: 'The answer is forty two, as computed above.' });
  });

  it('json_object without the word json in the messages is refused, as OpenAI refuses it', async () => {
    start();
    await expect(
      client().chat.completions.create({
        model: 'gpt-test',
        messages: [{ role: 'user', content: 'What is six times seven?' }],
        response_format: { type: 'json_object' },
      }),
    ).rejects.toMatchObject({ status: 400, param: 'messages' });
  });

  it('json_schema: chat.completions.parse reads content that matches the schema, streamed too', async () => {
    start();
    const Plan = z.object({
      title: z.string(),
      steps: z.array(z.object({ order: z.number().int(), action: z.enum(['buy', 'sell', 'hold']) })),
      risk: z.number().min(0).max(1),
      approved: z.boolean(),
    });
    const format = zodResponseFormat(Plan, 'plan');
    const messages = [{ role: 'user' as const, content: 'Make a plan.' }];
    const parsed = await client().chat.completions.parse({
      model: 'gpt-test',
      messages,
      response_format: format,
    });
    const plan = parsed.choices[0]!.message.parsed;
    expect(Plan.safeParse(plan).success).toBe(true);

    start();
    const stream = client().chat.completions.stream({ model: 'gpt-test', messages, response_format: format });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]!.message.parsed).toEqual(plan);
  });
});

describe('n choices', () => {
  const twoSamples = (input: CallInput): CallResult => ({
    ok: true,
    call: answered(input, {
      text: input.attempt === 0 ? 'First sample.' : 'Second sample, a little longer.',
      usage: {
        promptTokens: 37,
        completionTokens: 4 + 3 * input.attempt,
        cachedTokens: 0,
        cacheCreationTokens: 0,
        reasoningTokens: 0,
      },
    }),
  });

  it('n: 2 answers two choices, each a world call, with usage counting both completions', async () => {
    const world = start(twoSamples);
    const completion = await client().chat.completions.create({
      model: 'gpt-test',
      n: 2,
      messages: [{ role: 'user', content: 'Say something.' }],
    });
    expect(world.inputs).toHaveLength(2);
    expect(completion.choices.map((choice) => [choice.index, choice.message.content])).toEqual([
      [0, 'First sample.'],
      [1, 'Second sample, a little longer.'],
    ]);
    expect(completion.usage).toMatchObject({ prompt_tokens: 37, completion_tokens: 4 + 7, total_tokens: 48 });
  });

  it('n: 2 streams both choices by index, and the usage chunk counts both', async () => {
    start(twoSamples);
    const stream = await client().chat.completions.create({
      model: 'gpt-test',
      n: 2,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Say something.' }],
    });
    const texts = ['', ''];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      for (const choice of chunk.choices) texts[choice.index] += choice.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(texts).toEqual(['First sample.', 'Second sample, a little longer.']);
    expect(usage?.completion_tokens).toBe(11);
  });
});
