/**
 * The arrival rate a normalised scenario describes, and the expected number of requests —
 * the integral of that rate over the run, in closed form (no sampling), so `validate` can say
 * "≈ 112,320 requests expected" and tests can check it by hand.
 *
 * rate(t) = ramp(t) · diurnal(t) · bursts(t), t in ms:
 * - ramp: piecewise linear from startRate through the stages' targets; after the last stage its
 *   target holds (k6 keeps the last rate);
 * - diurnal: 1 + amplitude·cos(2π(t − peak)/24h), or 1;
 * - bursts: the product of the multipliers of every burst covering t (overlaps multiply).
 */
import type { Arrival } from './types.ts';

const DAY_MS = 86_400_000;

/** Requests per second at virtual time `timeMs`. */
export function arrivalRateAt(arrival: Arrival, timeMs: number): number {
  return rampAt(arrival, timeMs) * diurnalAt(arrival, timeMs) * burstMultiplierAt(arrival, timeMs);
}

function rampAt(arrival: Arrival, timeMs: number): number {
  let stageStart = 0;
  let from = arrival.startRate;
  for (const stage of arrival.stages) {
    const stageEnd = stageStart + stage.durationMs;
    if (timeMs < stageEnd) {
      return from + ((stage.target - from) * (timeMs - stageStart)) / stage.durationMs;
    }
    stageStart = stageEnd;
    from = stage.target;
  }
  return from;
}

function diurnalAt(arrival: Arrival, timeMs: number): number {
  if (arrival.diurnal === undefined) return 1;
  return 1 + arrival.diurnal.amplitude * Math.cos((2 * Math.PI * (timeMs - arrival.diurnal.peakMs)) / DAY_MS);
}

function burstMultiplierAt(arrival: Arrival, timeMs: number): number {
  let multiplier = 1;
  for (const burst of arrival.bursts) {
    if (timeMs >= burst.startMs && timeMs < burst.startMs + burst.durationMs) multiplier *= burst.multiplier;
  }
  return multiplier;
}

/** Expected requests in [0, durationMs): ∫ rate(t) dt, exact up to floating point. */
export function expectedRequestCount(arrival: Arrival, durationMs: number): number {
  const cuts = new Set<number>([0, durationMs]);
  let stageStart = 0;
  for (const stage of arrival.stages) {
    stageStart += stage.durationMs;
    cuts.add(stageStart);
  }
  for (const burst of arrival.bursts) {
    cuts.add(burst.startMs);
    cuts.add(burst.startMs + burst.durationMs);
  }
  const points = [...cuts].filter((point) => point >= 0 && point <= durationMs).sort((a, b) => a - b);
  let total = 0;
  for (let index = 0; index + 1 < points.length; index++) {
    const start = points[index] ?? 0;
    const end = points[index + 1] ?? 0;
    if (end <= start) continue;
    // Inside a segment the ramp is linear and the burst multiplier constant.
    const middle = (start + end) / 2;
    const rampStart = rampAt(arrival, start);
    const slope = (rampAt(arrival, middle) - rampStart) / (middle - start);
    total +=
      burstMultiplierAt(arrival, middle) * integrateLinearTimesDiurnal(arrival, rampStart, slope, start, end);
  }
  return total / 1000;
}

/** ∫_start^end (a + b·(t − start))·diurnal(t) dt, with t in ms and the result in (rate · ms). */
function integrateLinearTimesDiurnal(
  arrival: Arrival,
  a: number,
  b: number,
  start: number,
  end: number,
): number {
  const length = end - start;
  const flat = a * length + (b * length * length) / 2;
  if (arrival.diurnal === undefined || arrival.diurnal.amplitude === 0) return flat;
  const omega = (2 * Math.PI) / DAY_MS;
  const phase = omega * (start - arrival.diurnal.peakMs);
  const sinAt = (s: number) => Math.sin(omega * s + phase);
  const cosAt = (s: number) => Math.cos(omega * s + phase);
  // ∫ cos(ωs+φ) ds = sin/ω;  ∫ s·cos(ωs+φ) ds = s·sin/ω + cos/ω².
  const constantPart = (a * (sinAt(length) - sinAt(0))) / omega;
  const linearPart =
    b * ((length * sinAt(length)) / omega + cosAt(length) / (omega * omega) - cosAt(0) / (omega * omega));
  return flat + arrival.diurnal.amplitude * (constantPart + linearPart);
}
