/**
 * End to end through the engine: availability around a judge cascade answers like the cascade
 * alone. It used to copy the route context member by member and leave out `judge`, so the
 * wrapped cascade answered none of its requests (the same cascade alone answered all).
 */
import { describe, expect, it } from 'vitest';
import { buildStrategy } from '../src/strategies/registry.ts';
import { buildContext, runHead } from './strategy-signals-support.ts';

const COUNT = 300;
const JUDGE_CASCADE = { name: 'cascade', options: { confidence: 'judge', epsilon: 0.15 } };

describe('availability around a judge cascade', () => {
  it('answers like the cascade alone, its judge calls billed', async () => {
    const alone = await runHead(buildStrategy(JUDGE_CASCADE, buildContext), COUNT);
    const wrapped = await runHead(
      buildStrategy({ name: 'availability', options: { inner: JUDGE_CASCADE } }, buildContext),
      COUNT,
    );
    const answered = (run: typeof alone) => run.decisions.filter((record) => record.model !== '').length;
    const judgeCalls = (run: typeof alone) =>
      run.decisions.flatMap((record) => record.attempts).filter((attempt) => attempt.purpose === 'judge')
        .length;
    // No fault in these requests, so the breaker never opens: the same run, call for call.
    expect(answered(alone)).toBe(COUNT);
    expect(answered(wrapped)).toBe(COUNT);
    expect(judgeCalls(alone)).toBeGreaterThan(COUNT / 2);
    expect(judgeCalls(wrapped)).toBe(judgeCalls(alone));
    expect(wrapped.decisions.map((record) => record.model)).toEqual(
      alone.decisions.map((record) => record.model),
    );
    expect(Array.from(wrapped.result.columns.score)).toEqual(Array.from(alone.result.columns.score));
    expect(Array.from(wrapped.result.columns.cost)).toEqual(Array.from(alone.result.columns.cost));
  });
});
