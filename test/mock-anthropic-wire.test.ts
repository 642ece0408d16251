import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { CallInput, CallResult } from '../src/contracts/index.ts';
import { answered, useFakeWorldMocks } from './mock-support-fake-world.ts';

interface ErrorJson {
  type?: string;
  request_id?: string;
  error: { type: string; message: string; param?: string | null; code?: string | null };
}
const readJson = async (response: Response) => (await response.json()) as ErrorJson;

const BASE = 'https://api.anthropic.com';
const mocks = useFakeWorldMocks(1500);
const start = mocks.start;
const client = (maxRetries = 0) => new Anthropic({ apiKey: 'test-key', baseURL: BASE, maxRetries });
const ask = {
  model: 'claude-test',
  max_tokens: 128,
  messages: [{ role: 'user' as const, content: 'Summarise the memo.' }],
};
const cached = (input: CallInput): CallResult => ({
  ok: true,
  call: answered(input, {
    provider: 'anthropic',
    usage: {
      promptTokens: 1500,
      completionTokens: 9,
      cachedTokens: 1100,
      cacheCreationTokens: 0,
      reasoningTokens: 0,
    },
  }),
});
const post = (body: string) =>
  fetch(`${BASE}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('Anthropic messages over msw', () => {
  it('answers a message whose input_tokens exclude cache reads', async () => {
    const world = start(cached);
    const message = await client().messages.create({ ...ask, system: 'You are terse.' });
    expect(message).toMatchObject({
      id: 'msg_resp-u-0',
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [{ type: 'text', text: 'The answer is forty two, as computed above.' }],
      stop_reason: 'end_turn',
    });
    expect(message.usage).toMatchObject({
      input_tokens: 400,
      output_tokens: 9,
      cache_read_input_tokens: 1100,
      cache_creation_input_tokens: 0,
    });
    expect(world.inputs[0]).toMatchObject({ maxTokens: 128, provider: 'anthropic', promptTokens: 1500 });
  });

  it('streams the six event types in order and the text rebuilds', async () => {
    start(cached);
    const stream = await client().messages.create({ ...ask, stream: true });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      if (types.at(-1) !== event.type) types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_delta') expect(event.usage.output_tokens).toBe(9);
    }
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(text).toBe('The answer is forty two, as computed above.');
  });

  it('retries a 529 overloaded_error and then answers', async () => {
    const world = start((input) =>
      input.attempt === 0
        ? { ok: false, error: { kind: 'overloaded', status: 529, message: 'x', atMs: input.startMs } }
        : cached(input),
    );
    const message = await client(2).messages.create(ask);
    expect(message.id).toBe('msg_resp-u-1');
    expect(world.inputs.map((input) => input.attempt)).toEqual([0, 1]);
  });

  it('sends rate_limit_error with RFC 3339 resets, retry-after and request-id', async () => {
    start((input) => ({
      ok: false,
      error: {
        kind: 'rate_limit',
        status: 429,
        message: 'x',
        atMs: input.startMs,
        retryAfterMs: 2500,
        limitType: 'requests',
        rateLimit: {
          limitRequests: 50,
          remainingRequests: 0,
          resetRequestsMs: 2500,
          limitTokens: 20000,
          remainingTokens: 100,
          resetTokensMs: 500,
        },
      },
    }));
    const response = await post(JSON.stringify(ask));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    // Virtual time 0 = 2025-01-01T00:00:00Z; resets round up to whole seconds.
    expect(response.headers.get('anthropic-ratelimit-requests-reset')).toBe('2025-01-01T00:00:03Z');
    expect(response.headers.get('anthropic-ratelimit-tokens-reset')).toBe('2025-01-01T00:00:01Z');
    expect(response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(response.headers.get('anthropic-ratelimit-input-tokens-limit')).toBe('20000');
    const body = await readJson(response);
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('rate_limit_error');
    expect(body.request_id).toMatch(/^req_/);
    expect(response.headers.get('request-id')).toBe(body.request_id);
  });

  it('answers a missing max_tokens with invalid_request_error and an unknown model with not_found_error', async () => {
    const world = start();
    const missing = await post(JSON.stringify({ model: 'claude-test', messages: ask.messages }));
    expect(missing.status).toBe(400);
    expect((await readJson(missing)).error).toEqual({
      type: 'invalid_request_error',
      message: 'max_tokens: Field required',
    });
    const broken = await post('{');
    expect(broken.status).toBe(400);
    expect((await readJson(broken)).error.type).toBe('invalid_request_error');
    const unknown = await post(JSON.stringify({ ...ask, model: 'gpt-test' }));
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).error).toEqual({ type: 'not_found_error', message: 'model: gpt-test' });
    expect(world.inputs).toHaveLength(0);
  });
});
