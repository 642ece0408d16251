/**
 * Reasoning on both wires, read by the official SDKs unchanged: OpenAI's usage carries
 * completion_tokens_details.reasoning_tokens (body and streamed usage chunk) and the API takes
 * reasoning_effort only on reasoning models; Anthropic takes thinking { enabled, budget_tokens }
 * (≥ 1,024, < max_tokens) and answers with a thinking block (with a signature) before the text,
 * thinking billed inside output_tokens; the stream carries thinking_delta and signature_delta.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { instantClock } from '../src/mock/clock.ts';
import type { WireCallEvent } from '../src/mock/context.ts';
import { startInProcessMocks } from '../src/mock/in-process.ts';
import { emptyDirectory } from '../src/mock/request-directory.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createWorld } from '../src/world/world.ts';

let stop: (() => Promise<void> | void) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

function setup() {
  const world = createWorld({
    seed: 8,
    catalog: loadCatalog(),
    domains: loadDomainParams(),
    faults: [],
    hidden: () => undefined,
  });
  const events: WireCallEvent[] = [];
  const mocks = startInProcessMocks({
    world,
    clock: instantClock(),
    directory: emptyDirectory,
    observer: (event) => events.push(event),
  });
  stop = () => mocks.close();
  const base = (key: string) => world.catalog.providers[key]!.baseUrl;
  return {
    world,
    events,
    openai: new OpenAI({ apiKey: 'k', baseURL: base('openai'), maxRetries: 0 }),
    google: new OpenAI({ apiKey: 'k', baseURL: base('google'), maxRetries: 0 }),
    anthropic: new Anthropic({ apiKey: 'k', baseURL: base('anthropic'), maxRetries: 0 }),
  };
}

const messages = [{ role: 'user' as const, content: 'Prove that the square root of two is irrational.' }];

describe('reasoning over the official clients', () => {
  it('openai: o3-mini reports reasoning_tokens inside completion_tokens, in the body and in the streamed usage chunk', async () => {
    const { world, openai } = setup();
    const completion = await openai.chat.completions.create({
      model: 'o3-mini',
      messages,
      max_completion_tokens: 20_000,
    });
    const entry = world.ledger.get(completion.id)!;
    const reasoning = completion.usage?.completion_tokens_details?.reasoning_tokens ?? 0;
    expect(reasoning).toBeGreaterThan(100);
    expect(reasoning).toBe(entry.usage.reasoningTokens);
    expect(completion.usage?.completion_tokens).toBe(entry.usage.completionTokens);
    expect(completion.usage!.completion_tokens).toBeGreaterThan(reasoning);

    const stream = await openai.chat.completions.create({
      model: 'o3-mini',
      messages,
      max_completion_tokens: 20_000,
      reasoning_effort: 'high',
      stream: true,
      stream_options: { include_usage: true },
    });
    let last: OpenAI.ChatCompletionChunk | undefined;
    for await (const chunk of stream) last = chunk;
    const streamed = world.ledger.get(last!.id)!;
    expect(last?.usage?.completion_tokens_details?.reasoning_tokens).toBe(streamed.usage.reasoningTokens);
    expect(streamed.usage.reasoningTokens).toBeGreaterThan(0);
  });

  it('openai: a reasoning model that fills max_completion_tokens returns an empty answer with finish_reason length', async () => {
    const { openai } = setup();
    const completion = await openai.chat.completions.create({
      model: 'o3-mini',
      messages,
      max_completion_tokens: 50,
    });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.choices[0]?.message.content).toBe('');
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(50);
  });

  it('openai: reasoning_effort is refused on a model that does not reason, and "none" where reasoning cannot stop', async () => {
    const { openai, google, events } = setup();
    await expect(
      openai.chat.completions.create({ model: 'gpt-4o', messages, reasoning_effort: 'low' }),
    ).rejects.toMatchObject({ status: 400, code: 'unsupported_parameter', param: 'reasoning_effort' });
    await expect(
      google.chat.completions.create({
        model: 'gemini-2.5-pro',
        messages,
        reasoning_effort: 'none' as 'low',
      }),
    ).rejects.toMatchObject({ status: 400, param: 'reasoning_effort' });
    // Refused before the world: no call reached it.
    expect(events).toHaveLength(0);
    const low = await google.chat.completions.create({
      model: 'gemini-2.5-pro',
      messages,
      max_tokens: 30_000,
      reasoning_effort: 'low',
    });
    expect(low.usage?.completion_tokens_details?.reasoning_tokens).toBeLessThanOrEqual(1024);
  });

  it('anthropic: a thinking block with a signature precedes the text; thinking is billed inside output_tokens', async () => {
    const { world, anthropic } = setup();
    const plain = await anthropic.messages.create({
      model: 'claude-sonnet-4-20250514',
      max_tokens: 3000,
      messages,
    });
    expect(plain.content.map((block) => block.type)).toEqual(['text']);
    expect(world.ledger.get(plain.id)!.usage.reasoningTokens).toBe(0);

    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-20250514',
      max_tokens: 3000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages,
    });
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    const thinking = message.content[0] as Anthropic.ThinkingBlock;
    expect(thinking.signature.length).toBeGreaterThan(10);
    const entry = world.ledger.get(message.id)!;
    expect(entry.usage.reasoningTokens).toBeGreaterThan(0);
    expect(entry.usage.reasoningTokens).toBeLessThanOrEqual(2048);
    expect(message.usage.output_tokens).toBe(entry.usage.completionTokens);

    const stream = anthropic.messages.stream({
      model: 'claude-sonnet-4-20250514',
      max_tokens: 3000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages,
    });
    const deltas: string[] = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta') deltas.push(event.delta.type);
    });
    const final = await stream.finalMessage();
    expect(final.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(deltas).toContain('thinking_delta');
    expect(deltas).toContain('signature_delta');
    expect(deltas.indexOf('text_delta')).toBeGreaterThan(deltas.indexOf('signature_delta'));
    // The streamed signature_delta assembles into the block's signature.
    expect((final.content[0] as Anthropic.ThinkingBlock).signature.length).toBeGreaterThan(10);
  });

  it('anthropic: budget_tokens below 1,024 or not below max_tokens is a 400, before the world', async () => {
    const { anthropic, events } = setup();
    await expect(
      anthropic.messages.create({
        model: 'claude-sonnet-4-20250514',
        max_tokens: 3000,
        thinking: { type: 'enabled', budget_tokens: 512 },
        messages,
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      anthropic.messages.create({
        model: 'claude-sonnet-4-20250514',
        max_tokens: 2048,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages,
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('max_tokens') });
    expect(events).toHaveLength(0);
  });
});
