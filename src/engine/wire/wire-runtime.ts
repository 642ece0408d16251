/**
 * The wire run's clock and its admission gate.
 *
 * Clock: transport timers — the mocks' waits (Clock.sleep), the SDKs' timeouts and retry
 * backoff (virtual setTimeout) — sit on a heap keyed (time, request index, seq). Virtual time
 * moves only when the process is idle: a real setImmediate turn has passed (so every
 * microtask chain has run to its next wait) and no immediate the run's code scheduled is
 * pending. A call being processed is never overtaken by time. (Real I/O inside a route is
 * not seen: a route must not wait on files or sockets.)
 *
 * Gate: the first msw handler holds every intercepted request. When the process is idle the
 * engine releases the held requests one at a time in (request index, attempt, arrival) order,
 * each only after the previous one has reached the world (or ended without reaching it), so
 * calls at the same virtual time reach the world in a fixed order — the direct engine's.
 */
import { type HttpHandler, http } from 'msw';
import type { Clock } from '../../mock/clock.ts';
import { keyedUniform, Stream, stringKey } from '../../world/random.ts';
import { createEventQueue } from '../event-queue.ts';
import {
  type EngineCall,
  type ScheduledTimer,
  type VirtualRuntime,
  type WireStore,
  wireStore,
} from './scope.ts';
import { realSetImmediate } from './virtual-globals.ts';

/** Epoch of virtual time 0 (the mocks' `created` fields, Date inside the run). 2025-01-01T00:00:00Z. */
export const WIRE_EPOCH_MS = Date.UTC(2025, 0, 1);

interface TimerEntry {
  timer: ScheduledTimer;
  fire: () => void;
}

/** An intercepted request held at the gate. */
export interface HeldRequest {
  requestIndex: number;
  attempt: number;
  seq: number;
  /** msw's id of the request (its request:end event names it). */
  mswRequestId: string;
  /** The client's signal: a request it aborts may end without request:end. */
  signal: AbortSignal;
  call: EngineCall | undefined;
  release: () => void;
}

export interface WireRuntime extends VirtualRuntime {
  /** Set virtual time (the engine advances it). */
  setNow(ms: number): void;
  /** The mocks' clock. */
  readonly clock: Clock;
  /** The gate handler: put it first in msw's handler list. */
  readonly gateHandler: HttpHandler;
  /** Held requests, in arrival order. */
  readonly held: HeldRequest[];
  /** Resolves once the process is idle (see the file comment). */
  idle(): Promise<void>;
  /** Release every held request in admission order, each after the previous reached the world. */
  admitHeld(onAdmit: (held: HeldRequest) => void): Promise<void>;
  /** The request being admitted reached the world, or ended. */
  reached(mswRequestId: string | undefined): void;
  /** Earliest pending timer's time, or undefined. */
  nextTimerMs(): number | undefined;
  /** Fire every timer due at or before now; true when any fired. */
  fireDueTimers(): boolean;
  /** The request id the admitted call carries, while it is being admitted. */
  readonly admitting: HeldRequest | undefined;
}

export function createWireRuntime(seed: number, strategyName: string): WireRuntime {
  const timers = createEventQueue<TimerEntry>();
  const held: HeldRequest[] = [];
  const strategyKey = stringKey(`${strategyName}#sdk`);
  let now = 0;
  let heldSeq = 0;
  let admitting: HeldRequest | undefined;
  let admitted: (() => void) | undefined;

  function scheduleAt(atMs: number, requestIndex: number, fire: () => void): ScheduledTimer {
    const timer: ScheduledTimer = { cancelled: false, atMs };
    timers.push(atMs, requestIndex, { timer, fire });
    return timer;
  }

  /** The mocks' waits: at an absolute virtual time, keyed by the calling request. */
  function sleepAt(atMs: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const requestIndex = wireStore()?.requestIndex ?? -1;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        timer.cancelled = true;
        reject(signal?.reason);
      };
      const timer = scheduleAt(atMs, requestIndex, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  const runtime: WireRuntime = {
    epochMs: WIRE_EPOCH_MS,
    pendingImmediates: 0,
    now: () => now,
    setNow(ms) {
      now = ms;
    },
    schedule: (delayMs, requestIndex, fire) => scheduleAt(now + delayMs, requestIndex, fire),
    random: (store: WireStore) =>
      keyedUniform(seed, Stream.jitter, strategyKey, store.requestIndex, store.draws.count++),
    clock: {
      timeScale: 1,
      epochMs: WIRE_EPOCH_MS,
      now: () => now,
      sleep: (ms, signal) => sleepAt(now + Math.max(0, ms), signal),
      sleepUntil: (atMs, signal) => sleepAt(Math.max(now, atMs), signal),
    },
    gateHandler: http.all('*', ({ request, requestId }) => {
      const wire = wireStore();
      return new Promise<undefined>((resolve) => {
        held.push({
          requestIndex: wire?.requestIndex ?? -1,
          attempt: wire?.call?.attempt ?? 0,
          seq: heldSeq++,
          mswRequestId: requestId,
          signal: request.signal,
          call: wire?.call,
          release: () => resolve(undefined), // undefined: msw goes on to the provider's handler
        });
      });
    }),
    held,
    get admitting() {
      return admitting;
    },
    async idle() {
      // One real turn drains every microtask chain; counted immediates are the only real
      // macrotasks a run's code can still have queued (its timers are virtual).
      do await new Promise<void>((resolve) => realSetImmediate(resolve));
      while (runtime.pendingImmediates > 0);
    },
    async admitHeld(onAdmit) {
      const batch = held.splice(0, held.length);
      batch.sort((a, b) => a.requestIndex - b.requestIndex || a.attempt - b.attempt || a.seq - b.seq);
      for (const request of batch) {
        const { promise, resolve } = Promise.withResolvers<void>();
        admitting = request;
        admitted = resolve;
        onAdmit(request);
        request.release();
        await promise;
      }
      admitting = undefined;
      admitted = undefined;
    },
    reached(mswRequestId) {
      if (admitting === undefined) return;
      if (mswRequestId !== undefined && mswRequestId !== admitting.mswRequestId) return;
      const done = admitted;
      admitting = undefined;
      admitted = undefined;
      done?.();
    },
    nextTimerMs() {
      for (;;) {
        const top = timers.peek();
        if (top === undefined) return undefined;
        if (!top.payload.timer.cancelled) return top.timeMs;
        timers.pop();
      }
    },
    fireDueTimers() {
      let fired = false;
      for (;;) {
        const top = timers.peek();
        if (top === undefined || top.timeMs > now) return fired;
        timers.pop();
        if (top.payload.timer.cancelled) continue;
        top.payload.timer.cancelled = true;
        fired = true;
        top.payload.fire();
      }
    },
  };
  return runtime;
}
