/**
 * The control API of `routesim serve` (issue 11, item 2) over real HTTP, with the official
 * SDKs as clients: a fault injected now reaches the next call and clearing it ends it; the
 * virtual clock read and advanced into the scenario's scheduled outage; the call log as JSONL
 * naming each call's fault; `x-routesim-fault` forcing one call's outcome; the bearer token.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { worldResponseId } from '../src/contracts/response-id.ts';
import type { CallLogEntry } from '../src/mock/control/call-log.ts';
import { isLoopback } from '../src/mock/control/control-api.ts';
import { type ScenarioServer, startScenarioServer } from '../src/mock/serve-scenario.ts';
import { repoPath } from './wire-support.ts';

const SCENARIO = repoPath('test/fixtures/serve/three-wires.yaml');
let server: ScenarioServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Schedule in real time (the outage sits 10 s in), latency 1000× faster: calls answer at once. */
async function start(options: { controlToken?: string } = {}): Promise<ScenarioServer> {
  server = await startScenarioServer(SCENARIO, { port: 0, latencyScale: 1000, ...options });
  return server;
}

// biome-ignore lint/suspicious/noExplicitAny: the test reads loose JSON bodies field by field
async function control(path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server!.controlUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, body: type.includes('ndjson') ? text : JSON.parse(text) };
}

async function calls(since = 0): Promise<CallLogEntry[]> {
  const { body } = await control(`/calls?since=${since}`);
  return (body as string)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as CallLogEntry);
}

const openai = (headers: Record<string, string> = {}, timeout?: number) =>
  new OpenAI({
    apiKey: 'k',
    baseURL: server!.baseUrls['openai']!,
    maxRetries: 0,
    defaultHeaders: headers,
    ...(timeout === undefined ? {} : { timeout }),
  });
const ask = (client: OpenAI) =>
  client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Say hi.' }],
    max_tokens: 20,
  });

describe('routesim serve control API', () => {
  it('health names the scenario and its providers', async () => {
    await start();
    const { status, body } = await control('/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', scenario: 'Serve three wires', calls: 0 });
    expect(body.providers).toEqual(['openai', 'anthropic', 'google']);
  });

  it('a fault injected now fails the next call; clearing it ends it; the call log names it', async () => {
    await start();
    const injected = await control('/faults', {
      method: 'POST',
      body: JSON.stringify({ provider: 'openai', kind: 'error', status: 503, durationMs: 600_000 }),
    });
    expect(injected.status).toBe(201);
    expect(injected.body).toMatchObject({
      id: 1,
      source: 'injected',
      kind: 'error',
      provider: 'openai',
      status: 503,
    });
    const failed = await ask(openai()).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(OpenAI.APIError);
    expect((failed as InstanceType<typeof OpenAI.APIError>).status).toBe(503);

    expect((await control('/faults')).body.injected).toHaveLength(1);
    expect((await control('/faults', { method: 'DELETE' })).body).toEqual({ cleared: 1 });
    const answered = await ask(openai({ 'x-routesim-request-id': 'r0000003' }));
    expect(answered.choices[0]?.message.content).toMatch(/\S/);

    const log = await calls();
    expect(log.map((entry) => [entry.seq, entry.status, entry.fault, entry.error])).toEqual([
      [1, 503, 'injected#1:error:503', 'server_error'],
      [2, 200, null, null],
    ]);
    // The answer was matched to simulated request 3 (by header): a graded call, its first attempt.
    expect(log[1]).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      attempt: 0,
      requestIndex: 3,
      requestId: 'r0000003',
      // The log keeps the world's id; the answer wears the wire's prefix (chatcmpl-…).
      responseId: worldResponseId(answered.id),
    });
    expect(log[1]!.tokens?.completion).toBe(answered.usage?.completion_tokens);
    expect(log[1]!.costUsd).toBeGreaterThan(0);
    expect(log[1]!.latencyMs).toBeGreaterThan(0);
    expect(await calls(1)).toHaveLength(1);
  });

  it('a rate-limit storm injected on one model: 429 with the retry-after it was given', async () => {
    await start();
    await control('/faults', {
      method: 'POST',
      body: JSON.stringify({ model: 'claude-haiku-4-5-20251001', kind: 'rate_limit', retryAfterMs: 2000 }),
    });
    const client = new Anthropic({ apiKey: 'k', baseURL: server!.baseUrls['anthropic']!, maxRetries: 0 });
    const failed = await client.messages
      .create({
        model: 'claude-haiku-4-5-20251001',
        max_tokens: 20,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Anthropic.RateLimitError);
    expect((failed as InstanceType<typeof Anthropic.RateLimitError>).headers?.get('retry-after-ms')).toBe(
      '2000',
    );
  });

  it('reads and advances the virtual clock, into the scenario’s scheduled outage', async () => {
    await start();
    const before = await control('/clock');
    expect(before.body).toMatchObject({
      scheduleScale: 1,
      latencyScale: 1000,
      scenarioDurationMs: 60_000,
      loop: false,
    });
    const advanced = await control('/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 12_000 }) });
    expect(advanced.body.virtualMs).toBeGreaterThanOrEqual(12_000);
    // three-wires.yaml: anthropic is down from 10 s to 20 s (the scenario's default status, 503).
    const client = new Anthropic({ apiKey: 'k', baseURL: server!.baseUrls['anthropic']!, maxRetries: 0 });
    const failed = await client.messages
      .create({
        model: 'claude-haiku-4-5-20251001',
        max_tokens: 20,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((error: unknown) => error);
    expect((failed as InstanceType<typeof Anthropic.APIError>).status).toBe(503);
    expect((await calls()).at(-1)?.fault).toBe('scheduled:error:503');
    const rejected = await control('/clock', { method: 'POST', body: JSON.stringify({ advanceMs: -5 }) });
    expect(rejected.status).toBe(400);
  });

  it('x-routesim-fault forces one call’s outcome without touching the world', async () => {
    await start();
    const limited = await ask(
      openai({ 'x-routesim-fault': '429', 'x-routesim-retry-after-ms': '1500' }),
    ).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after-ms')).toBe(
      '1500',
    );
    const hung = await ask(openai({ 'x-routesim-fault': 'timeout' }, 300)).catch((error: unknown) => error);
    expect(hung).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    const reset = await ask(openai({ 'x-routesim-fault': 'reset' })).catch((error: unknown) => error);
    expect(reset).toBeInstanceOf(OpenAI.APIConnectionError);
    const bad = await ask(openai({ 'x-routesim-fault': 'sometimes' })).catch((error: unknown) => error);
    expect((bad as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
    expect((await ask(openai())).choices).toHaveLength(1);
    expect((await calls()).map((entry) => entry.fault)).toEqual([
      'forced:429',
      'forced:timeout',
      'forced:reset',
      null,
    ]);
  });

  it('an invalid fault names every problem at once', async () => {
    await start();
    const { status, body } = await control('/faults', {
      method: 'POST',
      body: JSON.stringify({ provider: 'nope', kind: 'melt', durationMs: -1, colour: 'red' }),
    });
    expect(status).toBe(400);
    expect(body.error.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'kind',
      'provider',
      'durationMs',
      'colour',
    ]);
  });

  it('with --control-token every client needs the bearer token', async () => {
    await start({ controlToken: 's3cret' });
    expect((await control('/health')).status).toBe(401);
    expect((await control('/health', { headers: { authorization: 'Bearer wrong!' } })).status).toBe(401);
    expect((await control('/health', { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
  });

  it('without a token only loopback peers are let in', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true]);
    expect(['10.0.0.2', '::ffff:192.168.1.9', '2001:db8::1', undefined].map(isLoopback)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
