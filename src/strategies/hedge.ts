/**
 * Hedged requests (availability's `hedge` option): when the primary call has not answered
 * `delay` ms after it was sent, send a second request (purpose 'hedge') to another model and
 * take the FIRST answer. The loser is not cancelled — it was sent, so it is billed, and the
 * engine counts its cost. A hedge is sent when the primary has not answered before the delay
 * ends (an answer at the very instant the delay ends still sends one).
 *
 * The delay is a fixed number of ms or "p95": the running 95th percentile of the primary
 * model's answered latencies over its last WINDOW answers (nearest rank, metrics.md), kept by
 * the strategy from what its own calls observed. Until MIN_OBSERVATIONS answers are seen, the
 * p95 guess is twice the published latency (health.ts publishedLatencyMs).
 */
import { publishedLatencyMs } from './health.ts';
import type { CallOutcome, ModelInfo, RouteContext } from './types.ts';

/** Answered latencies per model kept for the running p95. */
export const WINDOW = 200;
/** Answers needed before the running p95 replaces the published guess. */
export const MIN_OBSERVATIONS = 20;

export interface LatencyWindows {
  /** Record an answered call's latency, ms. */
  record(model: string, latencyMs: number): void;
  /** Running p95 of `model`'s answered latency, ms (the published guess until enough answers). */
  p95(model: string): number;
}

interface Window {
  /** Latencies in arrival order (a ring of WINDOW). */
  ring: number[];
  next: number;
  /** The same latencies, sorted ascending. */
  sorted: number[];
  guess: number;
}

/** Index of the first element ≥ value in an ascending array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function createLatencyWindows(models: readonly ModelInfo[], size = WINDOW): LatencyWindows {
  const windows = new Map<string, Window>();
  for (const model of models) {
    windows.set(model.id, { ring: [], next: 0, sorted: [], guess: 2 * publishedLatencyMs(model) });
  }
  return {
    record(model, latencyMs) {
      const window = windows.get(model);
      if (window === undefined) return;
      if (window.ring.length < size) window.ring.push(latencyMs);
      else {
        const oldest = window.ring[window.next] ?? 0;
        window.sorted.splice(lowerBound(window.sorted, oldest), 1);
        window.ring[window.next] = latencyMs;
        window.next = (window.next + 1) % size;
      }
      window.sorted.splice(lowerBound(window.sorted, latencyMs), 0, latencyMs);
    },
    p95(model) {
      const window = windows.get(model);
      if (window === undefined) return Number.POSITIVE_INFINITY;
      const count = window.sorted.length;
      if (count < MIN_OBSERVATIONS) return window.guess;
      return window.sorted[Math.ceil(0.95 * count) - 1] ?? window.guess;
    },
  };
}

export interface HedgeResult {
  /** The first answer, or the last failure when neither answered (undefined: nothing was called). */
  outcome: CallOutcome | undefined;
  /** The model a hedge was sent to, if one was. */
  hedgeModel: string | undefined;
}

/**
 * Race `primary` against a timer of `delayMs`; if the timer ends first, `sendHedge()` (which may
 * decline with undefined: no healthy model) and take the first answer of the two.
 */
export async function raceWithHedge(
  primary: Promise<CallOutcome | undefined>,
  delayMs: number,
  context: RouteContext,
  sendHedge: () => { model: string; outcome: Promise<CallOutcome> } | undefined,
): Promise<HedgeResult> {
  let primaryDone = false;
  const watched = primary.then((outcome) => {
    primaryDone = true;
    return outcome;
  });
  const timer = context.sleep(delayMs).then(() => TIMER);
  const first = await Promise.race([watched, timer]);
  if (first !== TIMER || primaryDone) return { outcome: await watched, hedgeModel: undefined };
  const hedge = sendHedge();
  if (hedge === undefined) return { outcome: await watched, hedgeModel: undefined };
  return { outcome: await firstAnswer(watched, hedge.outcome), hedgeModel: hedge.model };
}

const TIMER = Symbol('hedge timer');

/** The first ok outcome of the two; when neither answers, the one that failed last. */
function firstAnswer(
  a: Promise<CallOutcome | undefined>,
  b: Promise<CallOutcome>,
): Promise<CallOutcome | undefined> {
  return new Promise((resolve) => {
    let pending = 2;
    let failure: CallOutcome | undefined;
    let done = false;
    const settle = (outcome: CallOutcome | undefined) => {
      if (done) return;
      if (outcome?.ok) {
        done = true;
        resolve(outcome);
        return;
      }
      failure = outcome ?? failure;
      pending--;
      if (pending === 0) {
        done = true;
        resolve(failure);
      }
    };
    a.then(settle);
    b.then(settle);
  });
}
