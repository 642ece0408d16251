/**
 * Google's native Gemini API over msw, driven by the official @google/genai client: answers
 * and streams with usageMetadata (thoughts and cached tokens), Google's error bodies (429
 * RESOURCE_EXHAUSTED with RetryInfo surfaced as the SDK's ApiError), the request checks
 * (thinkingBudget, contents, the API key), and the client half the wire engine uses.
 */
import { ApiError, GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallInput, CallResult, Catalog, World } from '../src/contracts/index.ts';
import { instantClock } from '../src/mock/clock.ts';
import { geminiClient } from '../src/mock/gemini/client.ts';
import { type InProcessMocks, startInProcessMocks } from '../src/mock/in-process.ts';
import { emptyDirectory } from '../src/mock/request-directory.ts';
import { answered, createFakeWorld, fakeCatalog, fakeModel } from './mock-support-fake-world.ts';

const BASE = 'https://generativelanguage.googleapis.com';
const thinker = {
  ...fakeModel('gemini-test-pro', 'google'),
  reasoning: {
    control: 'dynamic' as const,
    setting: {},
    medianTokens: 100,
    sigma: 0.2,
    effortScale: {},
    effortCap: { low: 1024, medium: 8192, high: 24576, dynamic: 32768 },
    accuracyShift: {},
    headroomTokens: 1000,
    source: 'test',
  },
};
const catalog: Catalog = {
  ...fakeCatalog,
  providers: {
    ...fakeCatalog.providers,
    google: { ...fakeCatalog.providers['openai']!, wire: 'gemini', baseUrl: BASE },
  },
  models: [...fakeCatalog.models, fakeModel('gemini-test', 'google'), thinker],
};

/** A fake world with a Gemini-format provider, answering with thoughts and cached tokens. */
function start(script?: (input: CallInput, n: number) => CallResult) {
  const fake = createFakeWorld(
    script ??
      ((input) => ({
        ok: true,
        call: answered(input, {
          provider: 'google',
          usage: {
            promptTokens: 1500,
            completionTokens: 40,
            cachedTokens: 1100,
            cacheCreationTokens: 0,
            reasoningTokens: 31,
          },
        }),
      })),
  );
  const world: World & { inputs: CallInput[] } = Object.assign(fake, {
    catalog,
    model: (id: string) => catalog.models.find((model) => model.id === id),
  });
  mocks = startInProcessMocks({
    world,
    clock: instantClock(),
    directory: emptyDirectory,
    countMessageTokens: () => 1500,
  });
  return world;
}

let mocks: InProcessMocks | undefined;
afterEach(() => mocks?.close());
const client = () => new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: BASE } });
const post = (path: string, body: unknown, headers: Record<string, string> = { 'x-goog-api-key': 'k' }) =>
  fetch(`${BASE}/v1beta/models/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
interface GoogleErrorJson {
  error: { code: number; message: string; status: string };
}
const readError = async (response: Response) => ((await response.json()) as GoogleErrorJson).error;
const hello = { contents: [{ role: 'user', parts: [{ text: 'Say hello.' }] }] };

describe('native Gemini generateContent over msw, official @google/genai client', () => {
  it('answers with candidates, usageMetadata (thoughts, cached), modelVersion and responseId', async () => {
    const world = start();
    const response = await client().models.generateContent({
      model: 'gemini-test-pro',
      contents: [
        { role: 'user', parts: [{ text: 'Hi.' }] },
        { role: 'model', parts: [{ text: 'Hello!' }] },
        { role: 'user', parts: [{ text: 'Summarise the memo.' }] },
      ],
      config: {
        systemInstruction: 'You are terse.',
        maxOutputTokens: 256,
        temperature: 0.2,
        candidateCount: 1,
        thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
      },
    });
    expect(response.text).toBe('The answer is forty two, as computed above.');
    expect(response.responseId).toBe('resp-u-0');
    expect(response.modelVersion).toBe('gemini-test-pro');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    expect(parts[0]?.thought).toBe(true);
    expect(response.usageMetadata).toMatchObject({
      promptTokenCount: 1500,
      cachedContentTokenCount: 1100,
      candidatesTokenCount: 9,
      thoughtsTokenCount: 31,
      totalTokenCount: 1540,
    });
    const [input] = world.inputs;
    expect(input).toMatchObject({
      model: 'gemini-test-pro',
      provider: 'google',
      maxTokens: 256,
      promptTokens: 1500,
      // thinkingBudget 1,024 is the catalog's cap of effort low.
      reasoning: { effort: 'low' },
    });
  });

  it('streams with alt=sse: text in chunks, finishReason and usage on the last', async () => {
    start();
    const stream = await client().models.generateContentStream({ model: 'gemini-test-pro', contents: 'Hi.' });
    let text = '';
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.text ?? '';
    }
    expect(chunks.length).toBeGreaterThan(1);
    expect(text).toBe('The answer is forty two, as computed above.');
    const last = chunks.at(-1)!;
    expect(last.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last.usageMetadata).toMatchObject({ thoughtsTokenCount: 31, cachedContentTokenCount: 1100 });
    expect(chunks[0]!.usageMetadata).toBeUndefined();
  });

  it('surfaces a 429 as ApiError with status 429 and RESOURCE_EXHAUSTED, RetryInfo in whole ms', async () => {
    start((input) => ({
      ok: false,
      error: {
        kind: 'rate_limit',
        status: 429,
        message: 'rate limited',
        atMs: input.startMs,
        retryAfterMs: 1234,
        limitType: 'requests',
      },
    }));
    const error = await client()
      .models.generateContent({ model: 'gemini-test', contents: 'Hi.' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    const body = JSON.parse((error as ApiError).message);
    expect(body.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(body.error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '1.234s',
    });
    // The client half reads it the way the wire engine counts it.
    expect(geminiClient.readError(error)).toEqual({
      kind: 'rate_limit',
      status: 429,
      message: body.error.message,
      retryAfterMs: 1234,
    });
  });

  it('answers a final quota 429 without a retry hint, 503 UNAVAILABLE, 404 NOT_FOUND', async () => {
    start((input, n) => ({
      ok: false,
      error:
        n === 0
          ? { kind: 'insufficient_quota', status: 429, message: 'quota', atMs: input.startMs }
          : { kind: 'server_error', status: 503, message: 'down', atMs: input.startMs },
    }));
    const quota = await client()
      .models.generateContent({ model: 'gemini-test', contents: 'Hi.' })
      .catch((caught: unknown) => caught);
    expect(geminiClient.readError(quota)).toMatchObject({ kind: 'insufficient_quota', status: 429 });
    const down = await post('gemini-test:generateContent', hello);
    expect(down.status).toBe(503);
    expect(await readError(down)).toMatchObject({ code: 503, status: 'UNAVAILABLE' });
    const missing = await post('gpt-test:generateContent', hello);
    expect(missing.status).toBe(404);
    expect(await readError(missing)).toMatchObject({ code: 404, status: 'NOT_FOUND' });
  });

  it('checks the request as Google does: the key (header or ?key=), contents, thinkingBudget', async () => {
    const world = start();
    const noKey = await post('gemini-test:generateContent', hello, {});
    expect(noKey.status).toBe(403);
    expect((await readError(noKey)).status).toBe('PERMISSION_DENIED');
    const byQuery = await fetch(`${BASE}/v1beta/models/gemini-test:generateContent?key=k`, {
      method: 'POST',
      body: JSON.stringify(hello),
    });
    expect(byQuery.status).toBe(200);
    const empty = await post('gemini-test:generateContent', { contents: [] });
    expect(empty.status).toBe(400);
    expect(await readError(empty)).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    const off = await post('gemini-test-pro:generateContent', {
      ...hello,
      generationConfig: { thinkingConfig: { thinkingBudget: 0 } },
    });
    expect(off.status).toBe(400);
    expect((await readError(off)).message).toContain('only works in thinking mode');
    // Only the one valid call reached the world.
    expect(world.inputs).toHaveLength(1);
  });

  it("the wire engine's client half: the model's effort as thinkingBudget, usage read back", async () => {
    const world = start();
    const spec = { ...thinker, reasoning: { ...thinker.reasoning, setting: { effort: 'medium' as const } } };
    const answer = await geminiClient.create(BASE, 'k').send({
      model: 'gemini-test-pro',
      spec,
      request: {
        id: 'r1',
        index: 0,
        arrivalMs: 0,
        tier: 'free',
        promptTokens: 12,
        maxTokens: 300,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi.' },
        ],
      },
      maxTokens: 300,
      timeoutMs: 10_000,
    });
    // effortCap.medium = 8,192 went out as thinkingBudget and came back as effort medium.
    expect(world.inputs[0]).toMatchObject({ maxTokens: 300, reasoning: { effort: 'medium' } });
    expect(answer).toEqual({
      id: 'resp-u-0',
      model: 'gemini-test-pro',
      text: 'The answer is forty two, as computed above.',
      usage: {
        promptTokens: 1500,
        completionTokens: 40,
        cachedTokens: 1100,
        cacheCreationTokens: 0,
        reasoningTokens: 31,
      },
      finishReason: 'stop',
      thinkingFromRecord: false,
    });
  });
});
