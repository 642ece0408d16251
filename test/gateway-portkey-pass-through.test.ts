/**
 * Issue 11, item 6: Portkey's gateway (npm @portkey-ai/gateway) in front of `routesim serve`,
 * both over real HTTP, pass-through on both wires with the official SDKs: the OpenAI client →
 * Portkey (provider openai, custom host) → serve's OpenAI endpoint, and the Anthropic client →
 * Portkey (provider anthropic, custom host) → serve's Anthropic endpoint. The answer and its
 * usage arrive as serve sent them, and serve's call log shows the call.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { ANTHROPIC_MODEL, callLog, OPENAI_MODEL, useDrill } from './gateway-portkey-helpers.ts';

const drill = useDrill();

describe('Portkey in front of routesim serve: pass-through', () => {
  it('OpenAI SDK → Portkey → serve’s OpenAI endpoint: the answer, its usage, one call in the log', async () => {
    const client = new OpenAI({
      apiKey: 'test-key',
      baseURL: `${drill.portkey.url}/v1`,
      maxRetries: 0,
      defaultHeaders: {
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': drill.serve.baseUrls['openai']!,
      },
    });
    const { data: reply, response } = await client.chat.completions
      .create({ model: OPENAI_MODEL, messages: [{ role: 'user', content: 'Say hi.' }], max_tokens: 20 })
      .withResponse();

    expect(response.headers.get('x-portkey-provider')).toBe('openai');
    expect(reply.id).toMatch(/^chatcmpl-/);
    expect(reply.model).toBe(OPENAI_MODEL);
    expect(reply.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(reply.usage?.completion_tokens).toBeGreaterThan(0);

    const calls = await callLog(drill.serve);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ provider: 'openai', model: OPENAI_MODEL, status: 200, fault: null });
    // The gateway handed serve's answer through unchanged: same id, same token counts.
    expect(reply.id).toBe(`chatcmpl-${calls[0]!.responseId}`);
    expect(calls[0]!.tokens).toEqual({
      prompt: reply.usage?.prompt_tokens,
      completion: reply.usage?.completion_tokens,
    });
  });

  it('Anthropic SDK → Portkey → serve’s Anthropic endpoint: the message, its usage, one call in the log', async () => {
    const client = new Anthropic({
      apiKey: 'test-key',
      baseURL: drill.portkey.url,
      maxRetries: 0,
      defaultHeaders: {
        'x-portkey-provider': 'anthropic',
        'x-portkey-custom-host': `${drill.serve.baseUrls['anthropic']!}/v1`,
      },
    });
    const message = await client.messages.create({
      model: ANTHROPIC_MODEL,
      max_tokens: 20,
      messages: [{ role: 'user', content: 'Say hi.' }],
    });

    expect(message.id).toMatch(/^msg_/);
    expect(message.model).toBe(ANTHROPIC_MODEL);
    expect(message.content[0]?.type).toBe('text');
    expect(message.usage.output_tokens).toBeGreaterThan(0);

    const calls = await callLog(drill.serve);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      provider: 'anthropic',
      model: ANTHROPIC_MODEL,
      status: 200,
      fault: null,
    });
    expect(message.id).toBe(`msg_${calls[0]!.responseId}`);
    expect(calls[0]!.tokens).toEqual({
      prompt: message.usage.input_tokens,
      completion: message.usage.output_tokens,
    });
  });
});
