/**
 * What the real providers reject is rejected the same way, with the official SDKs against the
 * in-process mocks: OpenAI's and Anthropic's 400s (out-of-range temperature, max_tokens below 1,
 * bad roles, empty messages, unknown fields), routesim's not-modelled 400 for inputs it cannot
 * simulate (images, audio), the format's 404 for unknown models and routes — never an answer
 * that ignored the request, and never a world call. Every response carries a request id.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useFakeWorldMocks } from './mock-support-fake-world.ts';

const mocks = useFakeWorldMocks();
const start = mocks.start;
const openai = () => new OpenAI({ apiKey: 'test-key', baseURL: 'https://api.openai.com/v1', maxRetries: 0 });
const anthropic = () =>
  new Anthropic({ apiKey: 'test-key', baseURL: 'https://api.anthropic.com', maxRetries: 0 });
const user = { role: 'user', content: 'What is six times seven?' };

describe('OpenAI Chat Completions rejections', () => {
  const cases: [string, Record<string, unknown>, number, string | null, string | null][] = [
    ['temperature 7', { temperature: 7 }, 400, 'temperature', 'decimal_above_max_value'],
    ['top_p -1', { top_p: -1 }, 400, 'top_p', 'decimal_below_min_value'],
    ['n 0', { n: 0 }, 400, 'n', 'integer_below_min_value'],
    ['max_tokens 0', { max_tokens: 0 }, 400, 'max_tokens', 'invalid_value'],
    [
      'a bad role',
      { messages: [{ role: 'robot', content: 'hi' }] },
      400,
      'messages[0].role',
      'invalid_value',
    ],
    ['empty messages', { messages: [] }, 400, 'messages', 'invalid_value'],
    [
      'a tool message without tool_call_id',
      { messages: [user, { role: 'tool', content: '21' }] },
      400,
      'messages.[1].tool_call_id',
      null,
    ],
    ['an unknown field', { frobnicate: true }, 400, null, null],
    [
      'stream_options without stream',
      { stream_options: { include_usage: true } },
      400,
      'stream_options',
      'invalid_value',
    ],
    [
      'an image input (not modelled)',
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: 'https://x/y.png' } },
            ],
          },
        ],
      },
      400,
      'messages[0].content[1]',
      'routesim_not_modelled',
    ],
    [
      'audio output (not modelled)',
      { modalities: ['text', 'audio'], audio: { voice: 'alloy', format: 'wav' } },
      400,
      'audio',
      'routesim_not_modelled',
    ],
    ['an unknown model', { model: 'gpt-nope' }, 404, null, 'model_not_found'],
  ];
  for (const [name, patch, status, param, code] of cases) {
    it(`${name} → ${status}${param === null ? '' : ` on ${param}`}, with a request id, and no world call`, async () => {
      const world = start();
      const body = { model: 'gpt-test', messages: [user], ...patch };
      const failure = await openai()
        .chat.completions.create(body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpenAI.APIError);
      const error = failure as InstanceType<typeof OpenAI.APIError>;
      expect(error.status).toBe(status);
      expect(error.param ?? null).toBe(param);
      expect(error.code ?? null).toBe(code);
      expect(error.type).toBe('invalid_request_error');
      expect(error.requestID).toMatch(/^req_/);
      if (code === 'routesim_not_modelled') expect(error.message).toContain('routesim does not model');
      if (name === 'an unknown field')
        expect(error.message).toBe('400 Unrecognized request argument supplied: frobnicate');
      expect(world.inputs).toHaveLength(0);
    });
  }

  it('an unknown route under the base URL is OpenAI’s 404 "Invalid URL", with a request id', async () => {
    start();
    const response = await fetch('https://api.openai.com/v1/chat/complete', { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.json()).toEqual({
      error: {
        message: 'Invalid URL (POST /v1/chat/complete)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
    const wrongMethod = await fetch('https://api.openai.com/v1/chat/completions');
    expect(wrongMethod.status).toBe(404);
  });

  it('answers carry chatcmpl- ids and an x-request-id', async () => {
    start();
    const { data, response } = await openai()
      .chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(data.id).toBe('chatcmpl-resp-u-0');
    expect(response.headers.get('x-request-id')).toBe('req_resp-u-0');
  });
});

describe('Anthropic Messages rejections', () => {
  const cases: [string, Record<string, unknown>, number, string, string][] = [
    [
      'temperature 7',
      { temperature: 7 },
      400,
      'invalid_request_error',
      'temperature: Input should be less than or equal to 1',
    ],
    [
      'max_tokens 0',
      { max_tokens: 0 },
      400,
      'invalid_request_error',
      'max_tokens: Input should be a valid integer greater than or equal to 1',
    ],
    [
      'a system role in messages',
      { messages: [{ role: 'system', content: 'x' }] },
      400,
      'invalid_request_error',
      "messages.0.role: Input should be 'user' or 'assistant'",
    ],
    [
      'empty messages',
      { messages: [] },
      400,
      'invalid_request_error',
      'messages: List should have at least 1 item after validation, not 0',
    ],
    [
      'an unknown field',
      { frobnicate: true },
      400,
      'invalid_request_error',
      'frobnicate: Extra inputs are not permitted',
    ],
    [
      'an image block (not modelled)',
      {
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] },
        ],
      },
      400,
      'invalid_request_error',
      'messages.0.content.0: routesim does not model image inputs',
    ],
    ['an unknown model', { model: 'claude-nope' }, 404, 'not_found_error', 'model: claude-nope'],
  ];
  for (const [name, patch, status, type, message] of cases) {
    it(`${name} → ${status} ${type}, with a request id, and no world call`, async () => {
      const world = start();
      const body = { model: 'claude-test', max_tokens: 100, messages: [user], ...patch };
      const failure = await anthropic()
        .messages.create(body as unknown as Anthropic.MessageCreateParamsNonStreaming)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Anthropic.APIError);
      const error = failure as InstanceType<typeof Anthropic.APIError>;
      expect(error.status).toBe(status);
      expect(error.error).toMatchObject({ type: 'error', error: { type } });
      expect((error.error as { error: { message: string } }).error.message).toContain(message);
      expect(error.requestID).toMatch(/^req_/);
      expect(world.inputs).toHaveLength(0);
    });
  }

  it('an unknown route is Anthropic’s not_found_error', async () => {
    start();
    const response = await fetch('https://api.anthropic.com/v1/complete', { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error', message: 'Not Found' },
    });
  });

  it('answers carry msg_ ids; a stream sends ping right after message_start', async () => {
    start();
    const message = await anthropic().messages.create({
      model: 'claude-test',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(message.id).toBe('msg_resp-u-0');
    const response = await fetch('https://api.anthropic.com/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'claude-test',
        max_tokens: 100,
        stream: true,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    });
    expect(response.headers.get('request-id')).toBe('req_resp-u-1');
    const events = [...(await response.text()).matchAll(/^event: (\S+)$/gm)].map((match) => match[1]);
    expect(events.slice(0, 3)).toEqual(['message_start', 'ping', 'content_block_start']);
  });
});
