/**
 * The main thread of a pooled run loads no tokenizer (≈ 70 MB resident): the workers generate the
 * requests, the main thread reads arrival times and the stream's facts off the shared chunks.
 * Loading the template library no longer counts system-prompt tokens up front either (counted on
 * first read by the generator), and the in-process run still loads it when it generates.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../src/run/simulate.ts';
import { tokenizerLoaded } from '../src/traffic/tokenizer.ts';

const SMALL = new URL('./fixtures/simulate/small.yaml', import.meta.url).pathname;
const options = {
  scenario: SMALL,
  strategies: ['cascade'],
  robustness: false,
  wallClock: () => performance.now(),
} as const;

describe('the main thread of a pooled run', () => {
  it('never loads the o200k tokenizer; an in-process run does', async () => {
    const pooled = await simulate({ ...options, workers: 2 });
    expect(pooled.requests.arrival.length).toBeGreaterThan(1000);
    expect(tokenizerLoaded()).toBe(false);
    await simulate({ ...options, workers: 1 });
    expect(tokenizerLoaded()).toBe(true);
  });
});
