/**
 * Replay of a team's own traffic from an OpenAI-format log: arrivals relative to the first
 * line, real token counts, classified domains (and said so), logged outcome labels kept.
 */
import { encode, encodeChat } from 'gpt-tokenizer/model/gpt-4o';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../src/contracts/index.ts';
import { parseScenarioText } from '../src/scenario/load.ts';
import type { ReplayConfig } from '../src/scenario/types.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { parseOpenAiLog } from '../src/traffic/replay/openai-log.ts';
import { createReplayStream } from '../src/traffic/replay/stream.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { createWorld } from '../src/world/world.ts';

const line = (fields: Record<string, unknown>) => JSON.stringify(fields);
const ask = (content: string) => [{ role: 'user', content }];

function streamOf(text: string, durationMs = 3_600_000) {
  const config: ReplayConfig = { format: 'openai-log', path: 'log.jsonl', models: {}, times: 'log' };
  const classified: string[] = [];
  const stream = createReplayStream({
    source: parseOpenAiLog(text, 'log.jsonl'),
    config,
    seed: 1,
    durationMs,
    arrival: { process: 'uniform', startRate: 0, stages: [], diurnal: undefined, bursts: [] },
    tiers: [
      { name: 'free', weight: 1 },
      { name: 'pro', weight: 1 },
    ],
    domains: loadDomainParams(),
    candidates: ['gpt-4o-mini', 'gpt-4o'],
    classify: (text) => {
      classified.push(text);
      return { domain: 'code' };
    },
  });
  return { stream, classified };
}

describe('OpenAI-format log replay', () => {
  it('arrivals are ms after the earliest line, in time order; ISO and epoch ms both read', () => {
    const text = [
      line({ time: '2025-03-01T10:00:02.250Z', model: 'gpt-4o', messages: ask('second') }),
      line({ time: Date.UTC(2025, 2, 1, 10, 0, 0), model: 'gpt-4o', messages: ask('first') }),
      line({ time: '2025-03-01T10:01:00+00:00', model: 'gpt-4o', messages: ask('third') }),
      // No offset: read as UTC, so the replay is the same in every time zone.
      line({ time: '2025-03-01T10:01:00', model: 'gpt-4o', messages: ask('fourth') }),
    ].join('\n');
    const { stream } = streamOf(text);
    expect(Array.from(stream.arrivals)).toEqual([0, 2250, 60_000, 60_000]);
    expect(Array.from(stream, ({ request }) => request.messages[0]!.content)).toEqual([
      'first',
      'second',
      'third',
      'fourth',
    ]);
    expect(stream.replay.times).toBe('log');
  });

  it('counts prompt tokens with the real tokenizer (o200k chat framing), the logged answer not sent', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are the support assistant of Acme Cloud. Answer briefly.' },
      { role: 'user', content: 'What regions do you run in? Ünïcödé — and emoji 🚀 too.' },
    ];
    const answer = 'We run in Frankfurt, Virginia and Singapore.';
    const text = line({
      time: 0,
      model: 'gpt-4o-mini',
      messages: [...messages, { role: 'assistant', content: answer }],
      max_tokens: 300,
      tier: 'pro',
    });
    const [generated] = Array.from(streamOf(text).stream);
    const { request, hidden } = generated!;
    expect(request.messages).toEqual(messages);
    // gpt-tokenizer's encodeChat is the reference for OpenAI's chat token count.
    expect(request.promptTokens).toBe(encodeChat(messages, 'gpt-4o').length);
    expect(hidden.expectedOutputTokens).toBe(encode(answer).length);
    expect(request.maxTokens).toBe(300);
    expect(request.tier).toBe('pro');
    // The system prompt is the cacheable prefix: its framed tokens, without the 3 reply-priming ones.
    expect(hidden.cacheablePrefixTokens).toBe(encodeChat(messages.slice(0, 1), 'gpt-4o').length - 3);
  });

  it('classifies the last user message and records that the domain was classified, not labelled', () => {
    const text = line({
      time: 0,
      model: 'gpt-4o',
      messages: [...ask('earlier'), ...ask('sort a list in Go')],
    });
    const { stream, classified } = streamOf(text);
    expect(classified).toEqual(['sort a list in Go']);
    expect(stream.get(0).hidden.domain).toBe('code');
    expect(stream.replay.domains).toEqual({ labelled: 0, classified: 1, fixed: 0 });
  });

  it('keeps a line’s outcome label for the logged model; other models are drawn by the quality model', () => {
    const text = [
      line({ time: 0, model: 'gpt-4o-mini', messages: ask('a'), correct: false }),
      line({ time: 1000, model: 'gpt-4o', messages: ask('b'), score: 0.75 }),
      line({ time: 2000, model: 'gpt-4o', messages: ask('c') }),
      line({ time: 3000, model: 'some-other-model', messages: ask('d'), correct: true }),
    ].join('\n');
    const { stream } = streamOf(text);
    expect(stream.outcomes.score(0, 'gpt-4o-mini', 0)).toBe(0);
    expect(stream.outcomes.score(0, 'gpt-4o', 0)).toBeUndefined();
    expect(stream.outcomes.score(1, 'gpt-4o', 0)).toBe(0.75);
    expect(stream.outcomes.score(2, 'gpt-4o', 0)).toBeUndefined();
    expect(stream.replay).toMatchObject({ outcomes: 'labels', labelledRequests: 2, unusedLabels: 1 });

    const world = (outcomes?: typeof stream.outcomes) =>
      createWorld({
        seed: 1,
        catalog: loadCatalog(),
        domains: loadDomainParams(),
        faults: [],
        hidden: (index) => stream.get(index).hidden,
        ...(outcomes === undefined ? {} : { outcomes }),
      });
    const call = (target: ReturnType<typeof world>, index: number, model: string) => {
      const { request } = stream.get(index);
      const result = target.call({
        requestIndex: index,
        model,
        startMs: request.arrivalMs,
        attempt: 0,
        promptTokens: request.promptTokens,
        maxTokens: request.maxTokens,
      });
      if (!result.ok) throw new Error(result.error.message);
      return result.call.outcome;
    };
    const withLabels = world(stream.outcomes);
    const drawnOnly = world();
    expect(call(withLabels, 0, 'gpt-4o-mini').correct).toBe(false);
    expect(call(withLabels, 1, 'gpt-4o').score).toBe(0.75);
    expect(call(withLabels, 2, 'gpt-4o')).toEqual(call(drawnOnly, 2, 'gpt-4o'));
  });

  it('lines at or after the scenario duration are left out and counted', () => {
    const text = [0, 30_000, 59_999, 60_000, 90_000]
      .map((time) => line({ time, model: 'gpt-4o', messages: ask(`at ${time}`) }))
      .join('\n');
    const { stream } = streamOf(text, 60_000);
    expect(stream.count).toBe(3);
    expect(stream.replay).toMatchObject({ itemsInSource: 5, replayed: 3, leftOut: 2 });
  });

  it('the shipped example scenario replays its synthetic log at the logged times', () => {
    const scenario = parseScenarioText(
      [
        'version: 1',
        'name: log',
        'duration: 10m',
        'traffic:',
        '  replay: { format: openai-log, path: ../../fixtures/replay/openai-log-sample.jsonl }',
        'providers:',
        '  openai: { models: [gpt-4o-mini, gpt-4o] }',
        'strategies: [always-cheapest]',
      ].join('\n'),
      'scenarios/examples/inline.yaml',
    );
    const stream = requestStreamFromScenario(scenario);
    expect(stream.count).toBe(12);
    // 09:00:00, 09:00:04.5, 09:00:31, 09:01:02 in the log.
    expect(Array.from(stream.arrivals.slice(0, 4))).toEqual([0, 4500, 31_000, 62_000]);
    expect(stream.replay?.domains.classified).toBe(12);
  });
});
