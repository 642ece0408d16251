import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { CallInput, CallResult } from '../src/contracts/index.ts';
import { answered, useFakeWorldMocks } from './mock-support-fake-world.ts';

interface ErrorJson {
  type?: string;
  request_id?: string;
  error: { type: string; message: string; param?: string | null; code?: string | null };
}
const readJson = async (response: Response) => (await response.json()) as ErrorJson;

const BASE = 'https://api.openai.com/v1';
const mocks = useFakeWorldMocks();
const start = mocks.start;

const client = (maxRetries = 0) => new OpenAI({ apiKey: 'test-key', baseURL: BASE, maxRetries });
const post = (body: string) =>
  fetch(`${BASE}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
const ask = { model: 'gpt-test', messages: [{ role: 'user' as const, content: 'What is six times seven?' }] };

const rateLimited = (input: CallInput): CallResult => ({
  ok: false,
  error: {
    kind: 'rate_limit',
    status: 429,
    message: 'x',
    atMs: input.startMs,
    retryAfterMs: 1574,
    limitType: 'tokens',
    rateLimit: {
      limitRequests: 100,
      remainingRequests: 40,
      resetRequestsMs: 12,
      limitTokens: 10000,
      remainingTokens: 300,
      resetTokensMs: 1574,
    },
  },
});

describe('OpenAI chat completions over msw', () => {
  it('answers with the world response id, usage and the clock-derived created time', async () => {
    const world = start();
    const completion = await client().chat.completions.create({ ...ask, max_tokens: 64 });
    expect(completion.id).toBe('chatcmpl-resp-u-0');
    expect(completion.object).toBe('chat.completion');
    // instantClock epoch 2025-01-01T00:00:00Z = 1735689600 s; the call starts at virtual 0.
    expect(completion.created).toBe(1735689600);
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'The answer is forty two, as computed above.',
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toEqual({
      prompt_tokens: 37,
      completion_tokens: 9,
      total_tokens: 46,
      prompt_tokens_details: { cached_tokens: 0 },
      // Always present, as on the real API; 0 for a model that does not reason.
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(world.inputs[0]).toMatchObject({
      model: 'gpt-test',
      promptTokens: 37,
      maxTokens: 64,
      attempt: 0,
      provider: 'openai',
    });
  });

  it('returns logprobs whose first token and geometric mean both equal the logprob confidence', async () => {
    start();
    const completion = await client().chat.completions.create({ ...ask, logprobs: true, top_logprobs: 2 });
    const tokens = completion.choices[0]?.logprobs?.content ?? [];
    expect(tokens.map((token) => token.token).join('')).toBe('The answer is forty two, as computed above.');
    expect(Math.exp(tokens[0]!.logprob)).toBeCloseTo(0.8, 12);
    const mean = tokens.reduce((sum, token) => sum + token.logprob, 0) / tokens.length;
    expect(Math.exp(mean)).toBeCloseTo(0.8, 12);
    expect(Math.exp(tokens[0]!.top_logprobs[1]!.logprob)).toBeCloseTo(0.2, 12);
  });

  it('streams chunks whose deltas rebuild the text, usage in the last chunk, then [DONE]', async () => {
    start();
    const stream = await client().chat.completions.create({
      ...ask,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe('The answer is forty two, as computed above.');
    expect(
      chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.id === 'chatcmpl-resp-u-0'),
    ).toBe(true);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(46);
    const raw = await (await post(JSON.stringify({ ...ask, stream: true }))).text();
    expect(raw.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('answers malformed JSON and missing fields with the API own 400 shape', async () => {
    const world = start();
    const broken = await post('{"model": ');
    expect(broken.status).toBe(400);
    expect((await readJson(broken)).error).toMatchObject({
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
    const missing = await post(JSON.stringify({ model: 'gpt-test' }));
    expect(missing.status).toBe(400);
    expect(await readJson(missing)).toEqual({
      error: {
        message: "Missing required parameter: 'messages'.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'missing_required_parameter',
      },
    });
    expect(world.inputs).toHaveLength(0);
  });

  it('answers a model of another provider, or none, with 404 model_not_found', async () => {
    start();
    for (const model of ['claude-test', 'gpt-9']) {
      const response = await post(JSON.stringify({ ...ask, model }));
      expect(response.status).toBe(404);
      expect((await readJson(response)).error).toMatchObject({
        code: 'model_not_found',
        type: 'invalid_request_error',
      });
    }
  });

  it('sends a 429 with the OpenAI message and retry/rate-limit headers', async () => {
    start(rateLimited);
    const response = await post(JSON.stringify({ ...ask, max_tokens: 100 }));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after-ms')).toBe('1574');
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('10000');
    expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe('300');
    expect(response.headers.get('x-ratelimit-reset-tokens')).toBe('1.574s');
    expect(response.headers.get('x-ratelimit-reset-requests')).toBe('12ms');
    expect(await readJson(response)).toEqual({
      error: {
        message:
          'Rate limit reached for gpt-test in organization org-routesim on tokens per min (TPM): Limit 10000, Used 9700, Requested 137. Please try again in 1.574s. Visit https://platform.openai.com/account/rate-limits to learn more.',
        type: 'tokens',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
  });

  it('lets the client retry a 500 (attempt 0 then 1) but not a quota 429 or a context-length 400', async () => {
    const world = start((input) =>
      input.attempt === 0
        ? { ok: false, error: { kind: 'server_error', status: 500, message: 'x', atMs: input.startMs } }
        : { ok: true, call: answered(input) },
    );
    const completion = await client(2).chat.completions.create(ask);
    expect(completion.id).toBe('chatcmpl-resp-u-1');
    expect(world.inputs.map((input) => input.attempt)).toEqual([0, 1]);

    const quota = start((input) => ({
      ok: false,
      error: { kind: 'insufficient_quota', status: 429, message: 'x', atMs: input.startMs },
    }));
    await expect(client(2).chat.completions.create(ask)).rejects.toMatchObject({
      status: 429,
      code: 'insufficient_quota',
    });
    expect(quota.inputs).toHaveLength(1);

    const long = start((input) => ({
      ok: false,
      error: { kind: 'context_length', status: 400, message: 'x', atMs: input.startMs },
    }));
    await expect(client(2).chat.completions.create(ask)).rejects.toMatchObject({
      status: 400,
      code: 'context_length_exceeded',
    });
    expect(long.inputs).toHaveLength(1);
  });

  it('drops the connection for a reset and hangs until the client times out', async () => {
    start((input) => ({
      ok: false,
      error: { kind: 'network', status: 0, message: 'x', atMs: input.startMs },
    }));
    await expect(client().chat.completions.create(ask)).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    start(() => ({
      ok: false,
      error: { kind: 'timeout', status: 0, message: 'x', atMs: Number.POSITIVE_INFINITY },
    }));
    await expect(client().chat.completions.create(ask, { timeout: 150 })).rejects.toBeInstanceOf(
      OpenAI.APIConnectionTimeoutError,
    );
  });

  it('lists the provider models only', async () => {
    start();
    const page = await client().models.list();
    expect(page.data.map((model) => model.id)).toEqual(['gpt-test']);
  });
});
