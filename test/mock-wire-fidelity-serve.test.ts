/**
 * The wire-fidelity behaviours over a real port (`startMockServer`, what `routesim serve` runs):
 * the Responses API, a tool call, the format's 404 for an unknown route under a provider's
 * path, and request ids on lists, answers and errors — the same handlers as in-process.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { instantClock } from '../src/mock/clock.ts';
import { emptyDirectory } from '../src/mock/request-directory.ts';
import { type MockServer, startMockServer } from '../src/mock/serve.ts';
import { createFakeWorld } from './mock-support-fake-world.ts';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<MockServer> {
  server = await startMockServer({
    world: createFakeWorld(),
    clock: instantClock(),
    directory: emptyDirectory,
    port: 0,
  });
  return server;
}

describe('wire fidelity over routesim serve', () => {
  it('OpenAI: Responses API, a required tool call, a 404 route and request ids', async () => {
    const { baseUrls } = await start();
    const client = new OpenAI({ apiKey: 'test-key', baseURL: baseUrls['openai'], maxRetries: 0 });
    const response = await client.responses.create({ model: 'gpt-test', input: 'Hi' });
    expect(response.id).toMatch(/^resp_/);
    expect(response.output_text).toContain('forty two');

    const completion = await client.chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'noop',
            parameters: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
          },
        },
      ],
      tool_choice: 'required',
    });
    const call = completion.choices[0]!.message.tool_calls![0]!;
    if (call.type !== 'function') throw new Error('not a function call');
    expect(typeof (JSON.parse(call.function.arguments) as { ok: unknown }).ok).toBe('boolean');

    const models = await client.models.list().withResponse();
    expect(models.response.headers.get('x-request-id')).toMatch(/^req_local/);
    const missing = await fetch(`${baseUrls['openai']}/embeddingz`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toMatch(/^req_/);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe(
      // The path as OpenAI spells it, not serve's /openai mount.
      'Invalid URL (POST /v1/embeddingz)',
    );
  });

  it('Anthropic: a 400 with request-id, and the format’s 404 for an unknown route', async () => {
    const { baseUrls } = await start();
    const client = new Anthropic({ apiKey: 'test-key', baseURL: baseUrls['anthropic'], maxRetries: 0 });
    const failure = await client.messages
      .create({
        model: 'claude-test',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'Hi' }],
        ...{ temperature: 7 },
      } as Anthropic.MessageCreateParamsNonStreaming)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Anthropic.BadRequestError);
    expect((failure as InstanceType<typeof Anthropic.APIError>).requestID).toMatch(/^req_/);
    const missing = await fetch(`${baseUrls['anthropic']}/v1/complete`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});
