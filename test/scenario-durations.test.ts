import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../src/scenario/durations.ts';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['20m', 1_200_000],
    ['24h', 86_400_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1.5s', 1_500],
    ['1.1s', 1_100],
    ['0.3s', 300],
    ['1m30s250ms', 90_250],
    ['0s', 0],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('reads a number as milliseconds', () => {
    expect(parseDuration(1500)).toBe(1500);
    expect(parseDuration(0)).toBe(0);
  });

  it.each(['30 parsecs', '', '250', '-5s', '5 s', '30m1h', 'h', '1.s', '.5s', '1hh', '1s1s'])(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('rejects negative and non-finite numbers', () => {
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
    expect(parseDuration(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [250, '250ms'],
    [5_400_000, '1h30m'],
    [86_400_000, '24h'],
    [90_061_001, '25h1m1s1ms'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips every whole number of milliseconds (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 400 * 86_400_000 }), (ms) => parseDuration(formatDuration(ms)) === ms),
      { numRuns: 2000 },
    );
  });

  it('round-trips hand-built unit sums in descending order (property)', () => {
    const part = fc.nat({ max: 999 });
    fc.assert(
      fc.property(part, part, part, part, part, (d, h, m, s, ms) => {
        const text = `${d}d${h}h${m}m${s}s${ms}ms`;
        return parseDuration(text) === d * 86_400_000 + h * 3_600_000 + m * 60_000 + s * 1000 + ms;
      }),
    );
  });
});

describe('parseDuration rejects garbage (property)', () => {
  it('rejects any string with a character outside digits, ".", and the unit letters', () => {
    const bad = fc.string({ minLength: 1, maxLength: 12 }).filter((text) => /[^0-9.dhms]/.test(text));
    fc.assert(fc.property(bad, (text) => parseDuration(text) === undefined));
  });

  it('rejects bare numbers (no unit) and units written out of order', () => {
    fc.assert(fc.property(fc.nat(), (n) => parseDuration(String(n)) === undefined));
    const smaller = fc.constantFrom('h', 'm', 's', 'ms');
    fc.assert(
      fc.property(fc.nat({ max: 99 }), fc.nat({ max: 99 }), smaller, (a, b, unit) => {
        const larger = { h: 'd', m: 'h', s: 'm', ms: 's' }[unit];
        return parseDuration(`${a}${unit}${b}${larger}`) === undefined;
      }),
    );
  });
});
