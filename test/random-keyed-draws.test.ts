import { describe, expect, it } from 'vitest';
import {
  hashKey,
  hex8,
  inverseNormalCdf,
  keyedInt,
  keyedNormal,
  keyedUniform,
  normalCdf,
  Stream,
  stringKey,
} from '../src/world/random.ts';

describe('keyed draws', () => {
  it('are a pure function of the key, whatever was drawn before', () => {
    const first = keyedUniform(7, Stream.ttft, 12, 3, 1);
    for (let index = 0; index < 1000; index++) keyedUniform(7, Stream.ttft, index, 0, 0);
    expect(keyedUniform(7, Stream.ttft, 12, 3, 1)).toBe(first);
  });

  it('change when any part of the key changes', () => {
    const base = hashKey(1, 2, 3, 4, 5);
    expect(hashKey(2, 2, 3, 4, 5)).not.toBe(base);
    expect(hashKey(1, 3, 3, 4, 5)).not.toBe(base);
    expect(hashKey(1, 2, 4, 4, 5)).not.toBe(base);
    expect(hashKey(1, 2, 3, 5, 5)).not.toBe(base);
    expect(hashKey(1, 2, 3, 4, 6)).not.toBe(base);
    // Large integers (millisecond timestamps) keep their high bits.
    expect(hashKey(1, 2, 2 ** 33, 0, 0)).not.toBe(hashKey(1, 2, 2 ** 34, 0, 0));
  });

  it('are uniform on (0, 1): decile counts pass a chi-square test', () => {
    const n = 200_000;
    const counts = new Array<number>(10).fill(0);
    for (let index = 0; index < n; index++) {
      const u = keyedUniform(42, Stream.sample, index, 7, 0);
      expect(u > 0 && u < 1).toBe(true);
      counts[Math.floor(u * 10)]! += 1;
    }
    const expected = n / 10;
    const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: the 99.9% quantile is 27.9.
    expect(chiSquare).toBeLessThan(27.9);
  });

  it('give standard normals: mean 0, variance 1, P(x < 1.96) = 0.975', () => {
    const n = 200_000;
    let sum = 0;
    let sumSquares = 0;
    let below = 0;
    for (let index = 0; index < n; index++) {
      const x = keyedNormal(3, Stream.hardness, index);
      sum += x;
      sumSquares += x * x;
      if (x < 1.959964) below++;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(sumSquares / n - mean * mean - 1)).toBeLessThan(0.015);
    expect(Math.abs(below / n - 0.975)).toBeLessThan(0.0015);
  });

  it('adjacent keys are uncorrelated', () => {
    const n = 100_000;
    let product = 0;
    for (let index = 0; index < n; index++) {
      product += keyedNormal(9, Stream.knowledge, index, 1) * keyedNormal(9, Stream.knowledge, index, 2);
    }
    expect(Math.abs(product / n)).toBeLessThan(0.015);
  });
});

describe('normal distribution functions', () => {
  it('match published values of Φ', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 6);
    expect(normalCdf(-1.644854)).toBeCloseTo(0.05, 6);
    expect(normalCdf(3)).toBeCloseTo(0.998650102, 6);
  });

  it('Φ⁻¹ inverts Φ and matches published quantiles', () => {
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959963985, 7);
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 9);
    expect(inverseNormalCdf(0.001)).toBeCloseTo(-3.090232306, 6);
    for (const p of [0.01, 0.2, 0.637, 0.858, 0.99]) expect(normalCdf(inverseNormalCdf(p))).toBeCloseTo(p, 6);
  });
});

describe('stringKey', () => {
  it('is stable and distinguishes model ids', () => {
    expect(stringKey('gpt-4o')).toBe(stringKey('gpt-4o'));
    expect(stringKey('gpt-4o')).not.toBe(stringKey('gpt-4o-mini'));
  });
});

describe('hex8', () => {
  it('writes a 32-bit unsigned integer as toString(16).padStart(8, "0") does', () => {
    const samples = [0, 1, 15, 16, 255, 256, 0xabcdef, 0x7fffffff, 0x80000000, 0xffffffff];
    for (let index = 0; index < 10_000; index++) samples.push(keyedInt(7, 1, index));
    for (const value of samples) expect(hex8(value)).toBe(value.toString(16).padStart(8, '0'));
  });
});
