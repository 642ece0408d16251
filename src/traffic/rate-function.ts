/**
 * The arrival rate over virtual time as exact pieces: within a piece the rate is
 * (a + b·u)·(1 + A·cos(ω(u + t0 − peak))) with u = t − t0 — a k6 `ramping-arrival-rate` stage,
 * times the diurnal multiplier, times the bursts in force. Integrals are closed-form, so
 * time-rescaling and uniform spacing are exact rather than integrated on a grid.
 */
import { InputError, type InputIssue } from '../errors.ts';
import type { Arrival } from '../scenario/types.ts';

const DAY_MS = 86_400_000;
const OMEGA = (2 * Math.PI) / DAY_MS;

/** One piece of the rate function; rates in requests per millisecond. */
export interface RatePiece {
  startMs: number;
  endMs: number;
  /** Base rate (stage × bursts) at startMs, requests/ms. */
  base: number;
  /** Slope of the base rate, requests/ms². */
  slope: number;
  /** Expected arrivals before startMs (∫ rate from 0). */
  cumulativeBefore: number;
  /** Expected arrivals inside the piece. */
  expected: number;
}

export interface RateFunction {
  pieces: RatePiece[];
  /** Diurnal amplitude (0 = flat). */
  amplitude: number;
  peakMs: number;
  /** ∫ rate over [0, durationMs): the expected number of arrivals. */
  expectedTotal: number;
  /** Instantaneous rate at t, requests per second. */
  rateAt(timeMs: number): number;
}

/** Build the rate function of `arrival` over [0, durationMs). Throws InputError on an impossible rate. */
export function buildRateFunction(arrival: Arrival, durationMs: number): RateFunction {
  checkArrival(arrival, durationMs);
  const amplitude = arrival.diurnal?.amplitude ?? 0;
  const peakMs = arrival.diurnal?.peakMs ?? 0;
  const stageEnds: { endMs: number; from: number; to: number }[] = [];
  let previousTarget = arrival.startRate;
  let stageStart = 0;
  for (const stage of arrival.stages) {
    stageEnds.push({ endMs: stageStart + stage.durationMs, from: previousTarget, to: stage.target });
    stageStart += stage.durationMs;
    previousTarget = stage.target;
  }
  const breaks = new Set<number>([0, durationMs]);
  for (const stage of stageEnds) if (stage.endMs < durationMs) breaks.add(stage.endMs);
  for (const burst of arrival.bursts) {
    for (const edge of [burst.startMs, burst.startMs + burst.durationMs]) {
      if (edge > 0 && edge < durationMs) breaks.add(edge);
    }
  }
  const edges = [...breaks].sort((left, right) => left - right);

  // Base rate (requests/s) at t: linear inside a stage, the last target held after the last stage.
  const stageRate = (timeMs: number): number => {
    let start = 0;
    for (const stage of stageEnds) {
      if (timeMs <= stage.endMs) {
        const length = stage.endMs - start;
        return length === 0 ? stage.to : stage.from + ((stage.to - stage.from) * (timeMs - start)) / length;
      }
      start = stage.endMs;
    }
    return previousTarget;
  };
  const burstMultiplier = (timeMs: number): number => {
    let multiplier = 1;
    for (const burst of arrival.bursts) {
      if (timeMs >= burst.startMs && timeMs < burst.startMs + burst.durationMs)
        multiplier *= burst.multiplier;
    }
    return multiplier;
  };

  const pieces: RatePiece[] = [];
  let cumulative = 0;
  for (let index = 0; index + 1 < edges.length; index++) {
    const startMs = edges[index]!;
    const endMs = edges[index + 1]!;
    const length = endMs - startMs;
    const middle = startMs + length / 2;
    const multiplier = burstMultiplier(middle) / 1000;
    // Both ends of the piece lie in one stage, so the base rate is linear between them.
    const rateStart = stageRate(startMs + length * 1e-12) * multiplier;
    const rateEnd = stageRate(endMs - length * 1e-12) * multiplier;
    const piece: RatePiece = {
      startMs,
      endMs,
      base: rateStart,
      slope: length > 0 ? (rateEnd - rateStart) / length : 0,
      cumulativeBefore: cumulative,
      expected: 0,
    };
    piece.expected = integrate(piece, length, amplitude, peakMs);
    cumulative += piece.expected;
    pieces.push(piece);
  }
  return {
    pieces,
    amplitude,
    peakMs,
    expectedTotal: cumulative,
    rateAt(timeMs) {
      const diurnal = 1 + amplitude * Math.cos(OMEGA * (timeMs - peakMs));
      return stageRate(timeMs) * burstMultiplier(timeMs) * diurnal;
    },
  };
}

/**
 * ∫₀ᵘ (a + b·s)(1 + A·cos(ω s + φ)) ds with φ = ω(t0 − peak). Differences of sines and cosines
 * are written as products so that short pieces do not lose digits to cancellation.
 */
export function integrate(piece: RatePiece, u: number, amplitude: number, peakMs: number): number {
  const a = piece.base;
  const b = piece.slope;
  const flat = a * u + (b * u * u) / 2;
  if (amplitude === 0) return flat;
  const phase = OMEGA * (piece.startMs - peakMs);
  const half = (OMEGA * u) / 2;
  const sinHalf = Math.sin(half);
  const sinDifference = 2 * Math.cos(phase + half) * sinHalf; // sin(ωu+φ) − sin φ
  const cosDifference = -2 * Math.sin(phase + half) * sinHalf; // cos(ωu+φ) − cos φ
  const wave =
    (a * sinDifference + b * u * Math.sin(OMEGA * u + phase)) / OMEGA + (b * cosDifference) / (OMEGA * OMEGA);
  return flat + amplitude * wave;
}

/** Rate inside a piece at offset u, requests/ms. */
function rateInPiece(piece: RatePiece, u: number, amplitude: number, peakMs: number): number {
  return (piece.base + piece.slope * u) * (1 + amplitude * Math.cos(OMEGA * (piece.startMs + u - peakMs)));
}

/**
 * The time (ms) inside `piece` where the integrated rate reaches `target` (an absolute
 * cumulative count). Newton's method inside a shrinking bracket: the integral is monotone, and
 * the bracket keeps Newton safe where the rate touches zero.
 */
export function invertInPiece(piece: RatePiece, target: number, amplitude: number, peakMs: number): number {
  const goal = target - piece.cumulativeBefore;
  const length = piece.endMs - piece.startMs;
  let low = 0;
  let high = length;
  let u = piece.expected > 0 ? Math.min(length, Math.max(0, (goal / piece.expected) * length)) : 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    const error = integrate(piece, u, amplitude, peakMs) - goal;
    if (error > 0) high = u;
    else low = u;
    if (Math.abs(error) <= 1e-9 * Math.max(1, Math.abs(goal)) || high - low <= 1e-9 * Math.max(1, length))
      break;
    const rate = rateInPiece(piece, u, amplitude, peakMs);
    let next = rate > 0 ? u - error / rate : Number.NaN;
    if (!(next > low && next < high)) next = (low + high) / 2;
    u = next;
  }
  return piece.startMs + u;
}

function checkArrival(arrival: Arrival, durationMs: number): void {
  const issues: InputIssue[] = [];
  const rate = (value: number, path: (string | number)[]) => {
    if (!Number.isFinite(value) || value < 0) {
      issues.push({ path, message: `expected a rate ≥ 0 requests/second, got ${value}` });
    }
  };
  if (!Number.isFinite(durationMs) || durationMs <= 0) {
    issues.push({ path: ['duration'], message: `expected a positive duration, got ${durationMs} ms` });
  }
  rate(arrival.startRate, ['traffic', 'arrival', 'startRate']);
  arrival.stages.forEach((stage, index) => {
    rate(stage.target, ['traffic', 'arrival', 'stages', index, 'target']);
    if (!Number.isFinite(stage.durationMs) || stage.durationMs < 0) {
      issues.push({
        path: ['traffic', 'arrival', 'stages', index, 'duration'],
        message: 'expected a duration ≥ 0',
      });
    }
  });
  const amplitude = arrival.diurnal?.amplitude ?? 0;
  if (!(amplitude >= 0 && amplitude <= 1)) {
    issues.push({
      path: ['traffic', 'arrival', 'diurnal', 'amplitude'],
      message: `expected an amplitude in [0, 1] (the rate must stay ≥ 0), got ${amplitude}`,
    });
  }
  arrival.bursts.forEach((burst, index) => {
    if (!Number.isFinite(burst.multiplier) || burst.multiplier < 0) {
      issues.push({
        path: ['traffic', 'arrival', 'bursts', index, 'multiplier'],
        message: 'expected a multiplier ≥ 0',
      });
    }
    if (!Number.isFinite(burst.startMs) || !Number.isFinite(burst.durationMs) || burst.durationMs < 0) {
      issues.push({
        path: ['traffic', 'arrival', 'bursts', index],
        message: 'expected a start and a duration ≥ 0',
      });
    }
  });
  if (issues.length > 0) throw new InputError('traffic', issues);
}
