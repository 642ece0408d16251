/**
 * CORS on `routesim serve` over real HTTP (issue 11: agent code in a browser against serve).
 * Provider paths answer a preflight as the real APIs do (any origin, the requested headers —
 * the SDKs' `x-stainless-*` included), their answers to a request with `Origin` are readable by
 * the page, and Anthropic refuses a browser request without
 * `anthropic-dangerous-direct-browser-access: true` with its own 401. Requests without `Origin`
 * (SDKs on Node, gateways, curl) get no CORS headers. The control API answers no browser: a
 * preflight or a "simple" cross-site POST (text/plain, no preflight) gets 403 and changes nothing.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type ScenarioServer, startScenarioServer } from '../src/mock/serve-scenario.ts';
import { repoPath } from './wire-support.ts';

const SCENARIO = repoPath('test/fixtures/serve/three-wires.yaml');
const PAGE_ORIGIN = 'http://localhost:5173';

let server: ScenarioServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function start(): Promise<ScenarioServer> {
  server = await startScenarioServer(SCENARIO, { port: 0, latencyScale: 1000 });
  return server;
}

/** A browser's preflight for a POST with these request headers. */
function preflight(url: string, requestHeaders: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin: PAGE_ORIGIN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': requestHeaders,
    },
  });
}

/** fetch as a page at PAGE_ORIGIN would send it: the browser adds `Origin` to every CORS request. */
const browserFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('origin', PAGE_ORIGIN);
  return fetch(input, { ...init, headers });
};

describe('routesim serve: CORS preflight and browser requests', () => {
  it('a preflight on each provider path: 204, any origin, POST allowed, the requested headers reflected', async () => {
    const { baseUrls } = await start();
    const cases = [
      [
        `${baseUrls['openai']}/chat/completions`,
        'authorization, content-type, x-stainless-os, x-stainless-timeout',
      ],
      [
        `${baseUrls['anthropic']}/v1/messages`,
        'anthropic-dangerous-direct-browser-access,anthropic-version,content-type,x-api-key',
      ],
      [`${baseUrls['google']}/v1beta/models/gemini-2.0-flash:generateContent`, 'content-type,x-goog-api-key'],
    ] as const;
    for (const [url, requested] of cases) {
      const response = await preflight(url, requested);
      expect(response.status, url).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      // Not "*": a wildcard would not cover Authorization.
      expect(response.headers.get('access-control-allow-headers')).toBe(requested);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(await response.text()).toBe('');
    }
    // Preflights are not calls: the world saw none.
    expect(server!.callLog.total).toBe(0);
  });

  it('the OpenAI SDK as a browser sends it: the answer and its headers are readable by the page', async () => {
    const { baseUrls } = await start();
    const client = new OpenAI({
      apiKey: 'k',
      baseURL: baseUrls['openai']!,
      maxRetries: 0,
      dangerouslyAllowBrowser: true,
      fetch: browserFetch,
    });
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi.' }], max_tokens: 20 })
      .withResponse();
    expect(data.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe('*');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('without Origin (the SDKs on Node, gateways, curl) no CORS header is added', async () => {
    const { baseUrls } = await start();
    const client = new OpenAI({ apiKey: 'k', baseURL: baseUrls['openai']!, maxRetries: 0 });
    const { response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi.' }], max_tokens: 20 })
      .withResponse();
    expect(response.status).toBe(200);
    expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('Anthropic: a browser request needs anthropic-dangerous-direct-browser-access, as the real API', async () => {
    const { baseUrls } = await start();
    // The SDK sends the opt-in header itself when the browser use is declared.
    const client = new Anthropic({
      apiKey: 'k',
      baseURL: baseUrls['anthropic']!,
      maxRetries: 0,
      dangerouslyAllowBrowser: true,
      fetch: browserFetch,
    });
    const { data, response } = await client.messages
      .create({
        model: 'claude-haiku-4-5-20251001',
        max_tokens: 20,
        messages: [{ role: 'user', content: 'Say hi.' }],
      })
      .withResponse();
    expect(data.content[0]?.type).toBe('text');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');

    const refused = await browserFetch(`${baseUrls['anthropic']}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: 'claude-haiku-4-5-20251001',
        max_tokens: 20,
        messages: [{ role: 'user', content: 'Say hi.' }],
      }),
    });
    expect(refused.status).toBe(401);
    // Readable by the page, so its code can show why.
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(await refused.json()).toMatchObject({
      type: 'error',
      error: {
        type: 'authentication_error',
        message: "CORS requests must set 'anthropic-dangerous-direct-browser-access' header",
      },
    });
    // Refused at the edge: only the SDK's call reached the world.
    expect(server!.callLog.total).toBe(1);
  });

  it('the control API answers no browser: preflight and a simple cross-site POST get 403 and inject nothing', async () => {
    const { controlUrl } = await start();
    const flight = await preflight(`${controlUrl}/faults`, 'content-type');
    expect(flight.status).toBe(403);
    expect(flight.headers.get('access-control-allow-origin')).toBeNull();

    // What a web page can send without a preflight: a form-like POST with a text/plain body.
    const attack = await fetch(`${controlUrl}/faults`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ provider: 'openai', kind: 'error', status: 503 }),
    });
    expect(attack.status).toBe(403);
    expect(attack.headers.get('access-control-allow-origin')).toBeNull();
    const faults = (await (await fetch(`${controlUrl}/faults`)).json()) as { injected: unknown[] };
    expect(faults.injected).toEqual([]);

    // A script on the same machine (no Origin) still drives it.
    const injected = await fetch(`${controlUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'openai', kind: 'error', status: 503 }),
    });
    expect(injected.status).toBe(201);
  });
});
