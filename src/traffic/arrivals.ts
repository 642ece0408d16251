/**
 * Open-loop arrival times over [0, durationMs): requests arrive on schedule whatever the
 * backlog. 8 bytes per request, computed up front so every shard sees the same schedule.
 */
import { InputError } from '../errors.ts';
import type { Arrival } from '../scenario/types.ts';
import { keyedSequence, Stream } from '../world/random.ts';
import { buildRateFunction, invertInPiece, type RateFunction } from './rate-function.ts';

/** Refuse schedules that would not fit in memory (a typo such as a rate of 1e9/s). */
export const MAX_ARRIVALS = 50_000_000;

export interface ArrivalOptions {
  seed: number;
  /** Virtual duration, ms. */
  durationMs: number;
  arrival: Arrival;
}

/**
 * Sorted arrival times, ms.
 * - poisson: a non-homogeneous Poisson process by time-rescaling: unit-rate exponential gaps
 *   (keyed draws of Stream.arrival, so one seed gives one schedule) mapped through Λ⁻¹, where
 *   Λ(t) = ∫₀ᵗ rate is exact per piece.
 * - uniform: deterministic spacing at the instantaneous rate: arrival k (1-based) is where Λ
 *   reaches k − ½, so each arrival sits in the middle of its unit of integrated rate and the
 *   count is ∫rate dt rounded (a constant 10/s for 60 s gives 600 arrivals, 100 ms apart).
 */
export function arrivalTimes(options: ArrivalOptions): Float64Array {
  const rate = buildRateFunction(options.arrival, options.durationMs);
  if (rate.expectedTotal > MAX_ARRIVALS) {
    throw new InputError('traffic', [
      {
        path: ['traffic', 'arrival'],
        message: `expected at most ${MAX_ARRIVALS} requests, but the rates give ${Math.round(rate.expectedTotal)}; lower the rates or the duration`,
      },
    ]);
  }
  const targets =
    options.arrival.process === 'uniform'
      ? uniformTargets(rate.expectedTotal)
      : poissonTargets(options.seed, rate.expectedTotal);
  return invertAll(rate, targets, options.durationMs);
}

/** Cumulative-rate levels k − ½ below the total. */
function* uniformTargets(total: number): Generator<number> {
  for (let k = 1; k - 0.5 < total; k++) yield k - 0.5;
}

/** Partial sums of unit exponentials below the total. */
function* poissonTargets(seed: number, total: number): Generator<number> {
  const uniform = keyedSequence(seed, Stream.arrival);
  let level = 0;
  for (;;) {
    level -= Math.log(uniform());
    if (level >= total) return;
    yield level;
  }
}

function invertAll(rate: RateFunction, targets: Iterable<number>, durationMs: number): Float64Array {
  let times = new Float64Array(Math.ceil(rate.expectedTotal + 6 * Math.sqrt(rate.expectedTotal) + 16));
  let count = 0;
  let pieceIndex = 0;
  let previous = 0;
  for (const target of targets) {
    // Targets increase, so the piece index only moves forward.
    let piece = rate.pieces[pieceIndex]!;
    while (target > piece.cumulativeBefore + piece.expected && pieceIndex + 1 < rate.pieces.length) {
      piece = rate.pieces[++pieceIndex]!;
    }
    let time = invertInPiece(piece, target, rate.amplitude, rate.peakMs);
    // Rounding must neither reorder arrivals nor push one past the end.
    if (time < previous) time = previous;
    if (time >= durationMs) break;
    if (count === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[count++] = time;
    previous = time;
  }
  return times.slice(0, count);
}
