/**
 * What `routesim serve`'s edge answers before any handler runs, in each provider's own shape
 * (issue 11, item 1): a body over the provider's limit (OpenAI 413, Anthropic 413
 * request_too_large, Gemini 400 INVALID_ARGUMENT), a route the provider does not have (404),
 * and no framework headers (X-Powered-By, ETag) on any answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScenarioServer, startScenarioServer } from '../src/mock/serve-scenario.ts';
import { repoPath } from './wire-support.ts';

let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer(repoPath('test/fixtures/serve/three-wires.yaml'), {
    port: 0,
    latencyScale: 1000,
  });
});
afterAll(() => server.close());

async function post(
  path: string,
  body: string,
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, json: await response.json(), headers: response.headers };
}

describe('serve edge answers in the provider’s shape', () => {
  it('a body over the limit: 413 (OpenAI), 413 request_too_large (Anthropic), 400 (Gemini)', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(33 * 1024 * 1024) });
    const openai = await post('/openai/v1/chat/completions', big);
    expect(openai.status).toBe(413);
    expect(openai.json).toMatchObject({
      error: { type: 'invalid_request_error', code: 'request_too_large' },
    });
    const anthropic = await post('/anthropic/v1/messages', big);
    expect(anthropic.status).toBe(413);
    expect(anthropic.json).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
    const gemini = await post('/google/v1beta/models/gemini-2.0-flash:generateContent', big);
    expect(gemini.status).toBe(400);
    expect(gemini.json).toEqual({
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        message: 'Request payload size exceeds the limit: 20971520 bytes.',
      },
    });
  }, 30_000);

  it('an unknown route: each provider’s 404, routesim’s own outside any provider', async () => {
    const openai = await post('/openai/v1/responses-not-here', '{}');
    expect(openai).toMatchObject({
      status: 404,
      json: {
        error: { message: 'Invalid URL (POST /v1/responses-not-here)', type: 'invalid_request_error' },
      },
    });
    const anthropic = await post('/anthropic/v1/complete-not-here', '{}');
    expect(anthropic).toMatchObject({
      status: 404,
      json: { type: 'error', error: { type: 'not_found_error' } },
    });
    const gemini = await post('/google/v1beta/tunedModels', '{}');
    expect(gemini).toMatchObject({ status: 404, json: { error: { code: 404, status: 'NOT_FOUND' } } });
    const none = await post('/nowhere', '{}');
    expect(none.status).toBe(404);
    expect(JSON.stringify(none.json)).not.toContain('Mock not found');
  });

  it('no X-Powered-By or ETag on an answer, a model list, an error or a HEAD', async () => {
    const answers = [
      await fetch(`${server.baseUrls['openai']}/models`),
      await fetch(`${server.baseUrls['openai']}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'hi' }],
          max_tokens: 5,
        }),
      }),
      await fetch(`${server.url}/anthropic/v1/nope`),
      await fetch(`${server.baseUrls['openai']}/models`, { method: 'HEAD' }),
    ];
    for (const response of answers) {
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('etag')).toBeNull();
      await response.arrayBuffer();
    }
    expect(answers.map((response) => response.status)).toEqual([200, 200, 404, 200]);
  });
});
