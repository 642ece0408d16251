import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../src/mock/anthropic/headers.ts';
import { instantClock, realClock, toClientMs } from '../src/mock/clock.ts';
import { tokenPieces } from '../src/mock/openai/logprobs.ts';
import { formatOpenAIDuration, retryAfterSeconds } from '../src/mock/rate-limit-format.ts';
import { encodeSseEvent, pacedStream, pieceTimes, splitText } from '../src/mock/sse.ts';

describe('rate-limit formats', () => {
  it('formats durations the way OpenAI headers and messages do', () => {
    expect(formatOpenAIDuration(12)).toBe('12ms');
    expect(formatOpenAIDuration(1500)).toBe('1.5s');
    expect(formatOpenAIDuration(1574)).toBe('1.574s');
    expect(formatOpenAIDuration(360_000)).toBe('6m0s');
    expect(formatOpenAIDuration(61_500)).toBe('1m1.5s');
    expect(retryAfterSeconds(1)).toBe('1');
    expect(retryAfterSeconds(2000)).toBe('2');
  });

  it('writes RFC 3339 instants rounded up to the second', () => {
    const clock = instantClock();
    expect(rfc3339(clock, 0)).toBe('2025-01-01T00:00:00Z');
    expect(rfc3339(clock, 1)).toBe('2025-01-01T00:00:01Z');
    expect(rfc3339(clock, 61_000)).toBe('2025-01-01T00:01:01Z');
  });
});

describe('clocks', () => {
  it('instant clock jumps ahead by each sleep and never goes back', async () => {
    const clock = instantClock({ startMs: 100 });
    await clock.sleep(250);
    expect(clock.now()).toBe(350);
    await Promise.all([clock.sleep(1000), clock.sleep(10)]);
    expect(clock.now()).toBe(1350);
  });

  it('scaled real clock expresses virtual waits in client milliseconds', () => {
    expect(toClientMs(realClock({ timeScale: 4 }), 1200)).toBe(300);
    expect(toClientMs(instantClock(), 1574.4)).toBe(1574);
    expect(() => realClock({ timeScale: 0 })).toThrow(RangeError);
  });

  it('a sleep rejects when its signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = realClock().sleep(60_000, controller.signal);
    controller.abort(new Error('gone'));
    await expect(sleeping).rejects.toThrow('gone');
  });
});

describe('SSE', () => {
  it('frames events and splits text without losing characters', () => {
    expect(encodeSseEvent('{"a":1}')).toBe('data: {"a":1}\n\n');
    expect(encodeSseEvent('{}', 'message_stop')).toBe('event: message_stop\ndata: {}\n\n');
    const text = '  One two  three four five six seven. ';
    expect(splitText(text, 3).join('')).toBe(text);
    expect(splitText(text, 3)).toHaveLength(3);
    expect(tokenPieces(text).join('')).toBe(text);
    expect(pieceTimes(100, 300, 4)).toEqual([100, 200, 300, 400]);
  });

  it('releases frames in order at their virtual times', async () => {
    const clock = instantClock();
    const seen: [number, string][] = [];
    const stream = pacedStream(
      [
        { atMs: 50, frame: 'a' },
        { atMs: 50, frame: 'b' },
        { atMs: 400, frame: 'c' },
      ],
      clock,
    );
    const decoder = new TextDecoder();
    for await (const chunk of stream) seen.push([clock.now(), decoder.decode(chunk)]);
    expect(seen).toEqual([
      [50, 'ab'],
      [400, 'c'],
    ]);
  });
});
