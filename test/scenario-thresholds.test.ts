import { describe, expect, it } from 'vitest';
import { compareThreshold, parseThreshold, parseThresholds } from '../src/scenario/thresholds.ts';

describe('parseThreshold', () => {
  it('parses a k6-style key with tags and a percentile expression', () => {
    expect(parseThreshold('latency{strategy:cascade, tier:free}', 'p(95) < 4000')).toEqual({
      ok: true,
      value: {
        metric: 'latency',
        tags: { strategy: 'cascade', tier: 'free' },
        aggregation: { kind: 'percentile', percentile: 95 },
        operator: '<',
        value: 4000,
        source: 'latency{strategy:cascade, tier:free}: p(95) < 4000',
      },
    });
  });

  it.each([
    ['quality', 'mean > 0.9', { kind: 'mean' }, '>', 0.9],
    ['quality', 'avg>=0.85', { kind: 'mean' }, '>=', 0.85],
    ['cost', 'per1k < 2.5', { kind: 'per1k' }, '<', 2.5],
    ['cost', 'total <= 100', { kind: 'total' }, '<=', 100],
    ['errors', 'rate < 0.01', { kind: 'rate' }, '<', 0.01],
    ['failures', 'total == 0', { kind: 'total' }, '==', 0],
    ['ttft', 'p(99.9) < 2e3', { kind: 'percentile', percentile: 99.9 }, '<', 2000],
    ['latency', 'max < 60000', { kind: 'max' }, '<', 60000],
  ])('%s: %s', (metric, expression, aggregation, operator, value) => {
    const parsed = parseThreshold(metric, expression);
    expect(parsed.ok && [parsed.value.aggregation, parsed.value.operator, parsed.value.value]).toEqual([
      aggregation,
      operator,
      value,
    ]);
  });

  it.each([
    [
      'latency',
      'p95 < 4000',
      'unknown aggregation "p95" in "p95 < 4000"; expected p(N), med, mean, avg, min, max, total, count, rate or per1k',
    ],
    ['latency', 'p(0) < 4000', 'expected a percentile p(N) with 0 < N < 100, got "p(0)"'],
    ['latency', 'p(95) 4000', 'expected an operator <, <=, >, >=, == or != in "p(95) 4000"'],
    ['latency', 'p(95) < 4s', 'expected a number after "<" in "p(95) < 4s", got "4s"'],
    ['latency', 'per1k < 3', '"per1k" does not apply to latency; use p(N), med, mean, avg, min, max'],
    ['errors', 'mean < 3', '"mean" does not apply to errors; use rate, total, count'],
    [
      'latncy',
      'mean < 3',
      'unknown threshold metric "latncy"; expected one of latency, ttft, quality, cost, answered, errors, failures, goodput',
    ],
    ['latency{strategy}', 'mean < 3', 'expected tags like {strategy:cascade,tier:free}, got "{strategy}"'],
    ['latency{strategy:a,strategy:b}', 'mean < 3', 'tag "strategy" given twice'],
    [
      'latency{status:200}',
      'mean < 3',
      'unknown threshold tag "status"; expected one of strategy, domain, tier',
    ],
    ['latency{a', 'mean < 3', 'expected a threshold key like "latency{strategy:cascade}", got "latency{a"'],
  ])('%s: %s is rejected', (key, expression, message) => {
    expect(parseThreshold(key, expression)).toEqual({ ok: false, message });
  });

  it('parseThresholds flattens every key and expression in order', () => {
    const parsed = parseThresholds({
      'latency{strategy:x}': ['p(50) < 1', 'p(99) < 5'],
      errors: ['rate < 0.1'],
    });
    expect(parsed.map((entry) => entry.source)).toEqual([
      'latency{strategy:x}: p(50) < 1',
      'latency{strategy:x}: p(99) < 5',
      'errors: rate < 0.1',
    ]);
    expect(() => parseThresholds({ latency: ['nonsense'] })).toThrow(/threshold "latency"/);
  });

  it('compareThreshold applies each operator', () => {
    expect([1, 2, 3].map((value) => compareThreshold(value, '<', 2))).toEqual([true, false, false]);
    expect([1, 2, 3].map((value) => compareThreshold(value, '<=', 2))).toEqual([true, true, false]);
    expect([1, 2, 3].map((value) => compareThreshold(value, '>', 2))).toEqual([false, false, true]);
    expect([1, 2, 3].map((value) => compareThreshold(value, '>=', 2))).toEqual([false, true, true]);
    expect([1, 2, 3].map((value) => compareThreshold(value, '==', 2))).toEqual([false, true, false]);
  });
});
