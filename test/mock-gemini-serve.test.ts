/**
 * The native Gemini format over `routesim serve`'s real HTTP server (an ephemeral port): the
 * official @google/genai client, pointed at the server's google base URL, lists models,
 * generates, streams, and gets a 429 RESOURCE_EXHAUSTED as ApiError — against the real world
 * with google switched to `wire: gemini`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { ApiError, GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { realClock } from '../src/mock/clock.ts';
import { emptyDirectory } from '../src/mock/request-directory.ts';
import { type MockServer, startMockServer } from '../src/mock/serve.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createWorld } from '../src/world/world.ts';
import { repoPath } from './wire-support.ts';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function geminiWorld() {
  const catalog = loadCatalog();
  const google = { ...catalog.providers['google']!, wire: 'gemini' as const };
  return createWorld({
    seed: 5,
    catalog: { ...catalog, providers: { ...catalog.providers, google } },
    domains: loadDomainParams(),
    faults: [
      {
        kind: 'rate_limit',
        provider: 'google',
        model: 'gemini-2.0-flash',
        startMs: 0,
        endMs: 1e9,
        retryAfterMs: 2500,
      },
    ],
    hidden: () => undefined,
  });
}

describe('native Gemini over routesim serve (real HTTP), official @google/genai client', () => {
  it('lists, generates, streams and surfaces a 429 as ApiError RESOURCE_EXHAUSTED', async () => {
    const world = geminiWorld();
    // Fast virtual time: waits shrink, nothing here depends on wall-clock durations.
    server = await startMockServer({
      world,
      clock: realClock({ timeScale: 200 }),
      directory: emptyDirectory,
      port: 0,
    });
    const baseUrl = server.baseUrls['google']!;
    expect(baseUrl).toBe(`${server.url}/google`);
    const client = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl } });

    const listed = await client.models.list();
    const names: string[] = [];
    for await (const model of listed) names.push(model.name ?? '');
    expect(names).toEqual([
      'models/gemini-2.0-flash-lite',
      'models/gemini-2.0-flash',
      'models/gemini-2.5-pro',
    ]);

    const contents = 'Name the capital of France in one word.';
    const response = await client.models.generateContent({
      model: 'gemini-2.0-flash-lite',
      contents,
      config: { maxOutputTokens: 50 },
    });
    const entry = world.ledger.get(response.responseId!);
    expect(entry?.model).toBe('gemini-2.0-flash-lite');
    expect(response.text).toBe(entry?.text);
    expect(response.usageMetadata?.candidatesTokenCount).toBe(entry?.usage.completionTokens);

    const stream = await client.models.generateContentStream({
      model: 'gemini-2.0-flash-lite',
      contents,
      config: { maxOutputTokens: 30 },
    });
    let text = '';
    let responseId = '';
    for await (const chunk of stream) {
      text += chunk.text ?? '';
      responseId = chunk.responseId ?? responseId;
    }
    expect(text).toBe(world.ledger.get(responseId)?.text);

    const error = await client.models
      .generateContent({ model: 'gemini-2.0-flash', contents })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect(JSON.parse((error as ApiError).message).error.status).toBe('RESOURCE_EXHAUSTED');
  });
});

describe('`routesim serve` of a scenario with google on wire: gemini', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGTERM');
    child = undefined;
  });

  it('prints the google base URL, where @google/genai is answered', async () => {
    const args = [
      repoPath('src/cli/bin.ts'),
      'serve',
      repoPath('test/fixtures/wire/gemini.yaml'),
      '--port',
      '0',
    ];
    child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let printed = '';
    child.stdout!.setEncoding('utf8');
    while (!/google: (\S+)/.test(printed)) {
      const [chunk] = (await once(child.stdout!, 'data')) as [string];
      printed += chunk;
    }
    const baseUrl = /google: (\S+)/.exec(printed)![1]!;
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/google$/);
    const client = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl } });
    const response = await client.models.generateContent({
      model: 'gemini-2.0-flash',
      contents: 'Name the capital of France in one word.',
      config: { maxOutputTokens: 20 },
    });
    expect(response.modelVersion).toBe('gemini-2.0-flash');
    expect(response.responseId).toMatch(/\S/);
    expect(response.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
  });
});
