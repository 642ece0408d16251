import { describe, expect, it } from 'vitest';
import { fixed, stableJson } from '../src/report/precision.ts';

describe('fixed precision of written numbers', () => {
  it('keeps integers exact and rounds others to 6 significant digits', () => {
    expect(fixed(113_362)).toBe(113_362);
    expect(fixed(2 ** 40)).toBe(1_099_511_627_776);
    expect(fixed(0.1 + 0.2)).toBe(0.3);
    expect(fixed(1 / 3)).toBe(0.333333);
    expect(fixed(12_345.678_9)).toBe(12_345.7);
    expect(fixed(0.000_012_345_678)).toBe(0.000_012_345_7);
    expect(fixed(-2 / 3)).toBe(-0.666667);
  });

  it('writes NaN and infinities as null and -0 as 0', () => {
    expect(fixed(Number.NaN)).toBeNull();
    expect(fixed(Number.POSITIVE_INFINITY)).toBeNull();
    expect(Object.is(fixed(-1e-30 * 1e-300), 0)).toBe(true);
  });

  it('hides last-bit differences from summation order', () => {
    const values = [0.1, 0.2, 0.3];
    const forward = values.reduce((sum, value) => sum + value, 0);
    const backward = [...values].reverse().reduce((sum, value) => sum + value, 0);
    expect(forward).not.toBe(backward);
    expect(stableJson({ total: forward })).toBe(stableJson({ total: backward }));
  });

  it('serialises typed arrays as rounded number arrays', () => {
    expect(stableJson({ series: new Float32Array([0.1, Number.NaN]) })).toBe(
      '{\n  "series": [\n    0.1,\n    null\n  ]\n}\n',
    );
  });
});
