/**
 * Counter-based random draws: every number the world uses is a pure function of
 * (seed, stream, a, b, c), never of call order. That is what makes common random
 * numbers work: two strategies that send request i to model m get the same draws.
 *
 * A string-seeded PRNG per key costs microseconds; hashing a few integers costs
 * nanoseconds, so keyed draws are hashed, not seeded.
 */

import { hashKey, mix32 } from '../contracts/index.ts';

/** Named streams keep draws for different purposes independent. Never renumber. */
export const Stream = {
  difficulty: 1,
  hardness: 2,
  knowledge: 3,
  sample: 4,
  ttft: 5,
  decode: 6,
  outputTokens: 7,
  wrongAnswer: 8,
  logprobNoise: 9,
  judge: 10,
  selfRated: 11,
  partialFault: 12,
  resetFault: 13,
  outageProcess: 14,
  arrival: 15,
  mix: 16,
  tier: 17,
  template: 18,
  text: 19,
  jitter: 20,
  ungraded: 21,
  /** Hidden reasoning tokens of one answer (reasoning.ts). */
  reasoningTokens: 22,
} as const;
export type StreamId = (typeof Stream)[keyof typeof Stream];

// The integer hashing under every draw is pure math that strategies need too (a keyed sample):
// it lives in contracts (keyed-hash.ts); the world's streams and draws are built on it here, and
// its callers that read it from here keep doing so.
export { hashKey, mix32, stringKey } from '../contracts/index.ts';

const TWO_POW_53 = 9007199254740992;

/** Two lower-case hex digits per byte value. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A 32-bit unsigned integer as 8 lower-case hex digits: `value.toString(16).padStart(8, '0')`,
 * ten times faster (≈ 30 ns instead of ≈ 300); every answer's text carries one.
 */
export function hex8(value: number): string {
  return (
    HEX_BYTES[value >>> 24]! +
    HEX_BYTES[(value >>> 16) & 255]! +
    HEX_BYTES[(value >>> 8) & 255]! +
    HEX_BYTES[value & 255]!
  );
}

/** A uniform draw in the open interval (0, 1) with 53 bits of resolution. */
export function keyedUniform(seed: number, stream: number, a = 0, b = 0, c = 0): number {
  const high = hashKey(seed, stream, a, b, c);
  const low = mix32(high ^ 0x5bd1e995) >>> 11;
  return (high * 2097152 + low + 0.5) / TWO_POW_53;
}

/** A standard normal draw, by inversion of a keyed uniform (one hash, no rejection). */
export function keyedNormal(seed: number, stream: number, a = 0, b = 0, c = 0): number {
  return inverseNormalCdf(keyedUniform(seed, stream, a, b, c));
}

/** A 32-bit unsigned integer draw, e.g. to seed faker for one request. */
export function keyedInt(seed: number, stream: number, a = 0, b = 0, c = 0): number {
  return hashKey(seed, stream, a, b, c);
}

/**
 * Sequential stream for places that draw many numbers in order (arrival times).
 * Still counter-based: draw k is keyedUniform(seed, stream, a, k).
 */
export function keyedSequence(seed: number, stream: number, a = 0): () => number {
  let counter = 0;
  return () => keyedUniform(seed, stream, a, counter++);
}

/** Standard normal CDF Φ (absolute error below 1e-7, ample for calibration to 0.1 point). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, |error| < 1.2e-7 relative). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

// Acklam's coefficients, hoisted: Φ⁻¹ runs several times per simulated call.
const ACKLAM_A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
] as const;
const ACKLAM_B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
] as const;
const ACKLAM_C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
] as const;
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const;

/**
 * Inverse standard normal CDF Φ⁻¹ (P. J. Acklam's rational approximation, relative
 * error < 1.15e-9).
 */
export function inverseNormalCdf(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const a = ACKLAM_A;
  const b = ACKLAM_B;
  const c = ACKLAM_C;
  const d = ACKLAM_D;
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  return x;
}
