/**
 * The Responses API (`POST /v1/responses`) for OpenAI-format models, with the official openai
 * SDK's `client.responses.create` / `client.responses.stream` against the in-process mocks:
 * a `resp_…` response whose output_text is the world's answer and whose usage is the world's,
 * the stream's typed events rebuilding the same text, function tools with schema-valid
 * arguments, structured output, incomplete at max_output_tokens, and OpenAI-shaped 400s/404s.
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  answered,
  createFakeWorld,
  type FakeWorld,
  fakeCatalog,
  fakeModel,
  useFakeWorldMocks,
} from './mock-support-fake-world.ts';

const mocks = useFakeWorldMocks();
const start = mocks.start;
const client = () => new OpenAI({ apiKey: 'test-key', baseURL: 'https://api.openai.com/v1', maxRetries: 0 });

describe('OpenAI Responses API over msw', () => {
  it('answers responses.create with a resp_ id, the world text as output_text and the world usage', async () => {
    const world = start();
    const response = await client().responses.create({
      model: 'gpt-test',
      instructions: 'Be brief.',
      input: 'What is six times seven?',
      max_output_tokens: 100,
    });
    expect(response.id).toBe('resp_resp-u-0');
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('The answer is forty two, as computed above.');
    expect(response.usage).toMatchObject({ input_tokens: 37, output_tokens: 9, total_tokens: 46 });
    expect(world.inputs[0]).toMatchObject({ model: 'gpt-test', maxTokens: 100, promptTokens: 37 });
  });

  it('streams typed events whose deltas rebuild the text, ending with response.completed', async () => {
    start();
    const stream = client().responses.stream({ model: 'gpt-test', input: [{ role: 'user', content: 'Hi' }] });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    const final = await stream.finalResponse();
    expect(text).toBe('The answer is forty two, as computed above.');
    expect(final.output_text).toBe(text);
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.output_item.added');
    expect(types).toContain('response.content_part.added');
    expect(types.at(-1)).toBe('response.completed');
  });

  it('a required function tool gets a function_call whose arguments match its schema, streamed or not', async () => {
    start();
    const Args = z.object({ city: z.string(), days: z.number().int().min(1).max(5) });
    const tools: OpenAI.Responses.FunctionTool[] = [
      {
        type: 'function',
        name: 'forecast',
        parameters: z.toJSONSchema(Args) as Record<string, unknown>,
        strict: true,
      },
    ];
    const response = await client().responses.create({
      model: 'gpt-test',
      input: 'Weather?',
      tools,
      tool_choice: 'required',
    });
    const call = response.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('no function_call item');
    expect(call.name).toBe('forecast');
    expect(call.call_id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(Args.safeParse(JSON.parse(call.arguments)).success).toBe(true);

    start();
    const stream = client().responses.stream({
      model: 'gpt-test',
      input: 'Weather?',
      tools,
      tool_choice: 'required',
    });
    let deltas = '';
    for await (const event of stream) {
      if (event.type === 'response.function_call_arguments.delta') deltas += event.delta;
    }
    expect(deltas).toBe(call.arguments);

    // The tool's output comes back: the model answers in text.
    start();
    const after = await client().responses.create({
      model: 'gpt-test',
      tools,
      input: [
        { role: 'user', content: 'Weather?' },
        { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: 'function_call_output', call_id: call.call_id, output: 'sunny' },
      ],
    });
    expect(after.output_text).toContain('forty two');
  });

  it('structured output (text.format json_schema) parses and matches the schema', async () => {
    start();
    const Answer = z.object({ answer: z.number().int(), confidence: z.enum(['low', 'high']) });
    const response = await client().responses.create({
      model: 'gpt-test',
      input: 'Six times seven?',
      text: {
        format: {
          type: 'json_schema',
          name: 'answer',
          schema: z.toJSONSchema(Answer) as Record<string, unknown>,
          strict: true,
        },
      },
    });
    expect(Answer.safeParse(JSON.parse(response.output_text)).success).toBe(true);
  });

  it('is incomplete (max_output_tokens) when the world truncated the answer', async () => {
    start((input) => ({ ok: true, call: answered(input, { finishReason: 'length' }) }));
    const response = await client().responses.create({
      model: 'gpt-test',
      input: 'Long essay',
      max_output_tokens: 16,
    });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });

  it('a reasoning model: reasoning.effort is checked and echoed, a reasoning item comes first, usage splits the tokens', async () => {
    const thinker = {
      ...fakeModel('o-test', 'openai'),
      reasoning: {
        control: 'effort' as const,
        defaultEffort: 'medium' as const,
        setting: { effort: 'medium' as const },
        medianTokens: 100,
        sigma: 0.2,
        effortScale: {},
        effortCap: {},
        accuracyShift: {},
        headroomTokens: 1000,
        source: 'test',
      },
    };
    const base = createFakeWorld((input) => ({
      ok: true,
      call: answered(input, {
        usage: {
          promptTokens: 37,
          completionTokens: 59,
          cachedTokens: 0,
          cacheCreationTokens: 0,
          reasoningTokens: 50,
        },
      }),
    }));
    const catalog = { ...fakeCatalog, models: [...fakeCatalog.models, thinker] };
    const world: FakeWorld = {
      ...base,
      catalog,
      model: (id) => catalog.models.find((model) => model.id === id),
    };
    mocks.startWith(world);
    const response = await client().responses.create({
      model: 'o-test',
      input: 'Prove it.',
      reasoning: { effort: 'high' },
    });
    expect(base.inputs[0]?.reasoning).toEqual({ effort: 'high' });
    expect(response.reasoning?.effort).toBe('high');
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(50);
    expect(response.output_text).toContain('forty two');
  });

  it('answers OpenAI-shaped 400s and 404s, each with an x-request-id', async () => {
    start();
    const cases: [Record<string, unknown>, number, string | null][] = [
      [{ model: 'gpt-test', input: 'x', temperature: 7 }, 400, 'temperature'],
      [{ model: 'gpt-test', input: 'x', max_output_tokens: 4 }, 400, 'max_output_tokens'],
      [{ model: 'gpt-test', input: 'x', bogus: 1 }, 400, 'bogus'],
      [{ model: 'gpt-test', input: 'x', previous_response_id: 'resp_1' }, 400, 'previous_response_id'],
      [
        {
          model: 'gpt-test',
          input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://x/y.png' }] }],
        },
        400,
        'input[0].content[0]',
      ],
      [{ model: 'gpt-test', input: 'x', tools: [{ type: 'web_search_preview' }] }, 400, 'tools[0].type'],
      [{ model: 'gpt-test', input: 'x', reasoning: { effort: 'high' } }, 400, 'reasoning.effort'],
      [
        { model: 'gpt-test', input: [{ type: 'function_call_output', output: 'x' }] },
        400,
        'input[0].call_id',
      ],
      [{ model: 'no-such-model', input: 'x' }, 404, null],
    ];
    for (const [body, status, param] of cases) {
      const failure = await client()
        .responses.create(body as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming)
        .catch((error: unknown) => error);
      expect(failure, JSON.stringify(body)).toBeInstanceOf(OpenAI.APIError);
      const error = failure as InstanceType<typeof OpenAI.APIError>;
      expect(error.status, JSON.stringify(body)).toBe(status);
      expect(error.param ?? null).toBe(param);
      expect(error.requestID).toMatch(/^req_/);
    }
  });
});
