/**
 * The official SDKs, unchanged, against the real world — in-process (msw setupServer) and
 * over a real HTTP server (routesim's node:http edge on an ephemeral port). Faults are windows at the
 * start of a real-time clock, so a client's retry lands after the window and succeeds.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultWindow } from '../src/contracts/index.ts';
import { realClock } from '../src/mock/clock.ts';
import type { WireCallEvent } from '../src/mock/context.ts';
import { startInProcessMocks } from '../src/mock/in-process.ts';
import { emptyDirectory } from '../src/mock/request-directory.ts';
import { startMockServer } from '../src/mock/serve.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createWorld } from '../src/world/world.ts';

const RETRY_AFTER_MS = 1200;
const faults: FaultWindow[] = [
  {
    kind: 'rate_limit',
    provider: 'openai',
    model: 'gpt-4o',
    startMs: 0,
    endMs: 1000,
    retryAfterMs: RETRY_AFTER_MS,
  },
  // 1,200 virtual ms = 300 real ms at time scale 4: room for the first call on a loaded machine,
  // while the client's first retry (≥ 375 ms of backoff in both SDKs) lands after the window.
  { kind: 'error', provider: 'openai', model: 'o3-mini', startMs: 0, endMs: 1200, status: 500 },
  {
    kind: 'error',
    provider: 'anthropic',
    model: 'claude-haiku-4-5-20251001',
    startMs: 0,
    endMs: 1200,
    status: 529,
  },
];

function buildWorld() {
  const catalog = loadCatalog();
  // A tiny context window for one model, so a short prompt overflows it.
  const models = catalog.models.map((model) =>
    model.id === 'gpt-4o-mini' ? { ...model, max_input_tokens: 5 } : model,
  );
  return createWorld({
    seed: 11,
    catalog: { ...catalog, models },
    domains: loadDomainParams(),
    faults,
    hidden: () => undefined,
  });
}

let stop: (() => Promise<void> | void) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function setup(mode: 'in-process' | 'server') {
  const world = buildWorld();
  const events: WireCallEvent[] = [];
  const observer = (event: WireCallEvent) => events.push(event);
  // Four times faster than real time: waits shrink, virtual-time assertions are unchanged.
  const clock = realClock({ timeScale: 4 });
  if (mode === 'in-process') {
    const mocks = startInProcessMocks({ world, clock, directory: emptyDirectory, observer });
    stop = () => mocks.close();
    return {
      world,
      events,
      openaiBase: world.catalog.providers['openai']!.baseUrl,
      anthropicBase: world.catalog.providers['anthropic']!.baseUrl,
      deepseekBase: world.catalog.providers['deepseek']!.baseUrl,
    };
  }
  const server = await startMockServer({ world, clock, directory: emptyDirectory, port: 0, observer });
  stop = () => server.close();
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  return {
    world,
    events,
    openaiBase: server.baseUrls['openai']!,
    anthropicBase: server.baseUrls['anthropic']!,
    deepseekBase: server.baseUrls['deepseek']!,
  };
}

const messages = [{ role: 'user' as const, content: 'Name the capital of France in one word.' }];

describe.each(['in-process', 'server'] as const)('official clients, %s', (mode) => {
  it('openai wire (DeepSeek): lists models, completes, and streams with usage', async () => {
    const { world, deepseekBase } = await setup(mode);
    const openai = new OpenAI({ apiKey: 'test-key', baseURL: deepseekBase, maxRetries: 0 });
    const ids = (await openai.models.list()).data.map((model) => model.id);
    expect(ids).toEqual(['deepseek-chat']);

    const completion = await openai.chat.completions.create({
      model: 'deepseek-chat',
      messages,
      max_tokens: 50,
    });
    const entry = world.ledger.get(completion.id);
    expect(entry?.model).toBe('deepseek-chat');
    expect(completion.choices[0]?.message.content).toBe(entry?.text);
    expect(completion.usage?.completion_tokens).toBe(entry?.usage.completionTokens);

    const stream = await openai.chat.completions.create({
      model: 'deepseek-chat',
      messages,
      max_tokens: 30,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let last: OpenAI.ChatCompletionChunk | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      last = chunk;
    }
    const streamed = world.ledger.get(last!.id);
    expect(text).toBe(streamed?.text);
    expect(last?.usage?.completion_tokens).toBe(streamed?.usage.completionTokens);
  });

  it('openai: retries a 429 after the retry-after it was given, and a 500; not a context-length 400', async () => {
    const { world, events, openaiBase } = await setup(mode);
    const openai = new OpenAI({ apiKey: 'test-key', baseURL: openaiBase, maxRetries: 3 });
    const [limited, failed] = await Promise.all([
      openai.chat.completions.create({ model: 'gpt-4o', messages, max_tokens: 20 }),
      openai.chat.completions.create({ model: 'o3-mini', messages, max_tokens: 20 }),
    ]);
    const gpt4o = events.filter((event) => event.model === 'gpt-4o');
    expect(gpt4o.map((event) => [event.attempt, event.status])).toEqual([
      [0, 429],
      [1, 200],
    ]);
    expect(gpt4o[1]!.startMs - gpt4o[0]!.startMs).toBeGreaterThanOrEqual(RETRY_AFTER_MS);
    expect(world.ledger.get(limited.id)?.model).toBe('gpt-4o');
    const o3 = events.filter((event) => event.model === 'o3-mini');
    expect(o3[0]!.status).toBe(500);
    expect(o3.at(-1)!.status).toBe(200);
    expect(o3.map((event) => event.attempt)).toEqual(o3.map((_, index) => index));
    expect(failed.id).toBe(`chatcmpl-${o3.at(-1)!.responseId}`);

    await expect(
      openai.chat.completions.create({ model: 'gpt-4o-mini', messages, max_tokens: 20 }),
    ).rejects.toMatchObject({ status: 400, code: 'context_length_exceeded' });
    expect(events.filter((event) => event.model === 'gpt-4o-mini')).toHaveLength(1);
  });

  it('anthropic: a message, a stream, and a 529 it retries', async () => {
    const { world, events, anthropicBase } = await setup(mode);
    const anthropic = new Anthropic({ apiKey: 'test-key', baseURL: anthropicBase, maxRetries: 4 });
    const overloaded = await anthropic.messages.create({
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 40,
      messages,
    });
    const haiku = events.filter((event) => event.model === 'claude-haiku-4-5-20251001');
    expect(haiku[0]!.status).toBe(529);
    expect(haiku.at(-1)!.status).toBe(200);
    expect(overloaded.id).toBe(`msg_${haiku.at(-1)!.responseId}`);

    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-20250514',
      max_tokens: 40,
      messages,
    });
    const entry = world.ledger.get(message.id);
    expect(message.content).toEqual([{ type: 'text', text: entry?.text }]);
    expect(message.usage.output_tokens).toBe(entry?.usage.completionTokens);

    const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-20250514', max_tokens: 40, messages });
    const final = await stream.finalMessage();
    const streamed = world.ledger.get(final.id);
    expect(final.content).toEqual([{ type: 'text', text: streamed?.text }]);
    expect(final.usage.output_tokens).toBe(streamed?.usage.completionTokens);
  });
});
