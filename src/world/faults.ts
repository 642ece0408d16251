/**
 * Fault windows: resolving a scenario's fault configs into concrete windows in virtual
 * time, and finding the windows in force for a (provider, model) at time t.
 */

import { type Catalog, type FaultConfig, type FaultWindow, WIRE_FORMAT_FACTS } from '../contracts/index.ts';
import { keyedUniform, Stream, stringKey } from './random.ts';

/** Default HTTP status of 'error' and 'partial' faults on an OpenAI-style provider. */
export const DEFAULT_ERROR_STATUS = 503;

/**
 * Turn every provider's fault configs into windows over [0, durationMs]:
 *
 * - fixed: [startMs, startMs + durationMs); startMs defaults to 0 and a missing duration
 *   lasts to the end of the run.
 * - random (mtbfMs and mttrMs set): an alternating renewal process that starts up, with
 *   exponential up-times of mean mtbfMs and down-times of mean mttrMs. Draw k of fault f
 *   of provider p is keyedUniform(seed, Stream.outageProcess, stringKey(p), f, k), with
 *   even k for up-times and odd k for down-times, so adding a fault to one provider never
 *   moves another's outages. Down windows are clipped at durationMs.
 *
 * 'error' and 'partial' windows get a status: the configured one, else the overload status of
 * the provider's wire format (WIRE_FORMAT_FACTS: 529 for Anthropic's overloaded_error, else 503). Windows come out sorted
 * by (startMs, provider order, fault order).
 */
export function resolveFaults(
  providers: Record<string, { faults: readonly FaultConfig[] }>,
  catalog: Catalog,
  seed: number,
  durationMs: number,
): FaultWindow[] {
  const windows: FaultWindow[] = [];
  for (const [provider, config] of Object.entries(providers)) {
    const wire = catalog.providers[provider]?.wire;
    const defaultStatus = wire === undefined ? DEFAULT_ERROR_STATUS : WIRE_FORMAT_FACTS[wire].overloadStatus;
    const providerKey = stringKey(provider);
    config.faults.forEach((fault, faultIndex) => {
      const template = windowTemplate(fault, provider, defaultStatus);
      if (fault.mtbfMs !== undefined && fault.mttrMs !== undefined) {
        for (const [startMs, endMs] of outageProcess({
          seed,
          providerKey,
          faultIndex,
          mtbfMs: fault.mtbfMs,
          mttrMs: fault.mttrMs,
          durationMs,
        })) {
          windows.push({ ...template, startMs, endMs });
        }
      } else {
        const startMs = fault.startMs ?? 0;
        const endMs = fault.durationMs === undefined ? durationMs : startMs + fault.durationMs;
        if (endMs > startMs) windows.push({ ...template, startMs, endMs });
      }
    });
  }
  // Stable sort: ties keep provider and fault order.
  return windows.sort((left, right) => left.startMs - right.startMs);
}

function windowTemplate(fault: FaultConfig, provider: string, defaultStatus: number): FaultWindow {
  const window: FaultWindow = { kind: fault.kind, provider, startMs: 0, endMs: 0 };
  if (fault.model !== undefined) window.model = fault.model;
  if (fault.kind === 'error' || fault.kind === 'partial') window.status = fault.status ?? defaultStatus;
  if (fault.probability !== undefined) window.probability = fault.probability;
  if (fault.factor !== undefined) window.factor = fault.factor;
  if (fault.retryAfterMs !== undefined) window.retryAfterMs = fault.retryAfterMs;
  return window;
}

/** Down intervals [start, end) of an alternating exponential up/down process over [0, durationMs]. */
export function outageProcess(options: {
  seed: number;
  providerKey: number;
  faultIndex: number;
  /** Mean up-time, ms. */
  mtbfMs: number;
  /** Mean down-time, ms. */
  mttrMs: number;
  durationMs: number;
}): [number, number][] {
  const { seed, providerKey, faultIndex, mtbfMs, mttrMs, durationMs } = options;
  const intervals: [number, number][] = [];
  let time = 0;
  for (let k = 0; ; k += 2) {
    const up = -mtbfMs * Math.log(keyedUniform(seed, Stream.outageProcess, providerKey, faultIndex, k));
    const down = -mttrMs * Math.log(keyedUniform(seed, Stream.outageProcess, providerKey, faultIndex, k + 1));
    const start = time + up;
    if (start >= durationMs) break;
    const end = start + down;
    intervals.push([start, Math.min(end, durationMs)]);
    time = end;
    if (time >= durationMs) break;
  }
  return intervals;
}

/** Windows in force for a (provider, model) at a time. */
export interface FaultIndex {
  /** Windows with startMs ≤ atMs < endMs for this provider that cover `model`, in start order. */
  active(provider: string, model: string, atMs: number): FaultWindow[];
}

const NO_WINDOWS: FaultWindow[] = [];

/**
 * Per provider: windows sorted by start plus a running maximum of their ends, so a lookup is
 * a binary search for the last window that started by t and a backward walk that stops
 * as soon as no earlier window can still be open: O(log n + windows overlapping t).
 */
export function createFaultIndex(windows: readonly FaultWindow[]): FaultIndex {
  const byProvider = new Map<string, { windows: FaultWindow[]; maxEnd: Float64Array }>();
  const grouped = new Map<string, FaultWindow[]>();
  for (const window of windows) {
    const list = grouped.get(window.provider);
    if (list === undefined) grouped.set(window.provider, [window]);
    else list.push(window);
  }
  for (const [provider, list] of grouped) {
    const sorted = [...list].sort((left, right) => left.startMs - right.startMs);
    const maxEnd = new Float64Array(sorted.length);
    let running = Number.NEGATIVE_INFINITY;
    sorted.forEach((window, index) => {
      running = Math.max(running, window.endMs);
      maxEnd[index] = running;
    });
    byProvider.set(provider, { windows: sorted, maxEnd });
  }

  return {
    active(provider, model, atMs) {
      const entry = byProvider.get(provider);
      if (entry === undefined) return NO_WINDOWS;
      const { windows: sorted, maxEnd } = entry;
      // Last index with startMs ≤ atMs.
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (sorted[middle]!.startMs <= atMs) low = middle + 1;
        else high = middle;
      }
      let found: FaultWindow[] | undefined;
      for (let index = low - 1; index >= 0 && maxEnd[index]! > atMs; index--) {
        const window = sorted[index]!;
        if (window.endMs > atMs && (window.model === undefined || window.model === model)) {
          found ??= [];
          found.push(window);
        }
      }
      return found === undefined ? NO_WINDOWS : found.reverse();
    },
  };
}
