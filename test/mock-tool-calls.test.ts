/**
 * Tool calls on the wire, with the official SDKs against the in-process mocks: a request that
 * requires a tool (or names one, or leaves it to the model before any tool result) gets a tool
 * call whose arguments parse and match the tool's JSON Schema — checked with the zod schema the
 * JSON Schema was generated from — streamed or not; after a tool result, or with tool_choice
 * none, the answer is text again.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { instantClock } from '../src/mock/clock.ts';
import { type InProcessMocks, startInProcessMocks } from '../src/mock/in-process.ts';
import { emptyDirectory } from '../src/mock/request-directory.ts';
import { createFakeWorld } from './mock-support-fake-world.ts';

const Weather = z.object({
  city: z.string().min(2).max(40),
  unit: z.enum(['celsius', 'fahrenheit']),
  days: z.number().int().min(1).max(7),
  when: z.iso.datetime().optional(),
  stops: z
    .array(z.object({ name: z.string(), order: z.number().int().nonnegative() }))
    .min(1)
    .max(3),
  note: z.union([z.string(), z.null()]),
});
const Lookup = z.object({ query: z.string(), limit: z.number().int().min(1).max(10).optional() });
const weatherSchema = z.toJSONSchema(Weather) as Record<string, unknown>;
const lookupSchema = z.toJSONSchema(Lookup) as Record<string, unknown>;

let mocks: InProcessMocks | undefined;
afterEach(() => mocks?.close());

function start() {
  mocks = startInProcessMocks({
    world: createFakeWorld(),
    clock: instantClock(),
    directory: emptyDirectory,
    countMessageTokens: () => 37,
  });
}

const openai = () => new OpenAI({ apiKey: 'test-key', baseURL: 'https://api.openai.com/v1', maxRetries: 0 });
const anthropic = () =>
  new Anthropic({ apiKey: 'test-key', baseURL: 'https://api.anthropic.com', maxRetries: 0 });
const chatTools: OpenAI.Chat.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', parameters: weatherSchema } },
  { type: 'function', function: { name: 'lookup', parameters: lookupSchema } },
];
const ask = [{ role: 'user' as const, content: 'Plan my trip to Lisbon.' }];

describe('OpenAI Chat Completions tool calls', () => {
  it('tool_choice required: a tool call whose arguments match the schema, finish_reason tool_calls', async () => {
    start();
    for (let round = 0; round < 6; round++) {
      const completion = await openai().chat.completions.create({
        model: 'gpt-test',
        messages: ask,
        tools: chatTools,
        tool_choice: 'required',
      });
      const choice = completion.choices[0]!;
      expect(choice.finish_reason).toBe('tool_calls');
      expect(choice.message.content).toBeNull();
      const call = choice.message.tool_calls![0]!;
      expect(call.type).toBe('function');
      if (call.type !== 'function') throw new Error('not a function call');
      expect(call.id).toMatch(/^call_[0-9a-f]{24}$/);
      const args: unknown = JSON.parse(call.function.arguments);
      expect((call.function.name === 'get_weather' ? Weather : Lookup).safeParse(args).success).toBe(true);
    }
  });

  it('a named tool is the one called; the same response id gives the same arguments', async () => {
    start();
    const named = { type: 'function' as const, function: { name: 'get_weather' } };
    const first = await openai().chat.completions.create({
      model: 'gpt-test',
      messages: ask,
      tools: chatTools,
      tool_choice: named,
    });
    const call = first.choices[0]!.message.tool_calls![0]!;
    if (call.type !== 'function') throw new Error('not a function call');
    expect(call.function.name).toBe('get_weather');
    expect(Weather.parse(JSON.parse(call.function.arguments))).toBeDefined();
    start();
    const again = await openai().chat.completions.create({
      model: 'gpt-test',
      messages: ask,
      tools: chatTools,
      tool_choice: named,
    });
    expect(again.choices[0]!.message.tool_calls).toEqual(first.choices[0]!.message.tool_calls);
  });

  it('auto calls a tool for a user turn and answers in text after the tool result; none answers in text', async () => {
    start();
    const first = await openai().chat.completions.create({
      model: 'gpt-test',
      messages: ask,
      tools: chatTools,
    });
    const call = first.choices[0]!.message.tool_calls?.[0];
    expect(call).toBeDefined();
    const followUp = await openai().chat.completions.create({
      model: 'gpt-test',
      tools: chatTools,
      messages: [
        ...ask,
        { role: 'assistant', content: null, tool_calls: [call!] },
        { role: 'tool', tool_call_id: call!.id, content: '{"temperature": 21}' },
      ],
    });
    expect(followUp.choices[0]!.finish_reason).toBe('stop');
    expect(followUp.choices[0]!.message.content).toContain('forty two');
    const none = await openai().chat.completions.create({
      model: 'gpt-test',
      messages: ask,
      tools: chatTools,
      tool_choice: 'none',
    });
    expect(none.choices[0]!.message.tool_calls).toBeUndefined();
    expect(none.choices[0]!.message.content).toContain('forty two');
  });

  it('streams the call as tool_calls deltas that the SDK assembles into the same arguments', async () => {
    start();
    const named = { type: 'function' as const, function: { name: 'get_weather' } };
    const whole = await openai().chat.completions.create({
      model: 'gpt-test',
      messages: ask,
      tools: chatTools,
      tool_choice: named,
    });
    start();
    const stream = openai().chat.completions.stream({
      model: 'gpt-test',
      messages: ask,
      tools: chatTools,
      tool_choice: named,
    });
    let deltas = 0;
    stream.on('chunk', (chunk) => {
      if (chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments) deltas += 1;
    });
    const final = await stream.finalChatCompletion();
    expect(deltas).toBeGreaterThan(1);
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(final.choices[0]!.message.tool_calls).toEqual(whole.choices[0]!.message.tool_calls);
  });

  it('refuses tool_choice without tools and a named tool that is not declared, as OpenAI does', async () => {
    start();
    await expect(
      openai().chat.completions.create({ model: 'gpt-test', messages: ask, tool_choice: 'required' }),
    ).rejects.toMatchObject({ status: 400, param: 'tool_choice' });
    await expect(
      openai().chat.completions.create({
        model: 'gpt-test',
        messages: ask,
        tools: chatTools,
        tool_choice: { type: 'function', function: { name: 'nope' } },
      }),
    ).rejects.toMatchObject({ status: 400, param: 'tool_choice' });
  });
});

describe('Anthropic Messages tool use', () => {
  const tools: Anthropic.Tool[] = [
    { name: 'get_weather', input_schema: weatherSchema as Anthropic.Tool.InputSchema },
    { name: 'lookup', input_schema: lookupSchema as Anthropic.Tool.InputSchema },
  ];

  it('tool_choice any: a tool_use block whose input matches the schema, stop_reason tool_use', async () => {
    start();
    for (let round = 0; round < 6; round++) {
      const message = await anthropic().messages.create({
        model: 'claude-test',
        max_tokens: 200,
        messages: ask,
        tools,
        tool_choice: { type: 'any' },
      });
      expect(message.stop_reason).toBe('tool_use');
      const block = message.content.find((item) => item.type === 'tool_use');
      if (block?.type !== 'tool_use') throw new Error('no tool_use block');
      expect(block.id).toMatch(/^toolu_[0-9a-f]{24}$/);
      expect((block.name === 'get_weather' ? Weather : Lookup).safeParse(block.input).success).toBe(true);
    }
  });

  it('streams input_json_delta that the SDK assembles into the same input; text after a tool_result', async () => {
    start();
    const choice = { type: 'tool' as const, name: 'get_weather' };
    const whole = await anthropic().messages.create({
      model: 'claude-test',
      max_tokens: 200,
      messages: ask,
      tools,
      tool_choice: choice,
    });
    start();
    const stream = anthropic().messages.stream({
      model: 'claude-test',
      max_tokens: 200,
      messages: ask,
      tools,
      tool_choice: choice,
    });
    let deltas = 0;
    stream.on('inputJson', () => {
      deltas += 1;
    });
    const final = await stream.finalMessage();
    expect(deltas).toBeGreaterThan(1);
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content).toEqual(whole.content);
    const use = final.content[0]!;
    if (use.type !== 'tool_use') throw new Error('no tool_use block');
    expect(Weather.safeParse(use.input).success).toBe(true);

    const followUp = await anthropic().messages.create({
      model: 'claude-test',
      max_tokens: 200,
      tools,
      messages: [
        ...ask,
        { role: 'assistant', content: [use] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '21 degrees' }] },
      ],
    });
    expect(followUp.stop_reason).toBe('end_turn');
    expect(followUp.content[0]).toMatchObject({ type: 'text' });
  });

  it('structured outputs (output_config.format json_schema): the text block is JSON matching the schema', async () => {
    start();
    const message = await anthropic().messages.create({
      model: 'claude-test',
      max_tokens: 200,
      messages: ask,
      output_config: { format: { type: 'json_schema', schema: weatherSchema } },
    });
    const block = message.content[0]!;
    if (block.type !== 'text') throw new Error('no text block');
    expect(Weather.safeParse(JSON.parse(block.text)).success).toBe(true);
    await expect(
      anthropic().messages.create({
        model: 'claude-test',
        max_tokens: 200,
        messages: ask,
        output_config: { effort: 'high' },
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
