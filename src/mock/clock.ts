/**
 * Time for the mocks. The world is pure and speaks virtual milliseconds; the mocks turn
 * its timings into waits through a Clock, so the same handlers run in real time (`serve`),
 * in scaled time, or with no waiting at all (tests, benchmarks).
 */

export interface Clock {
  /** Current virtual time, ms since the clock's origin. Never decreases. */
  now(): number;
  /** Resolve once `ms` virtual milliseconds have passed; reject with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * (Optional, added for the wire engine.) Resolve at virtual time `atMs` exactly. A virtual
   * clock needs it: `now + (atMs − now)` can miss `atMs` by one ulp, and the wire engine must
   * land on the world's times bit for bit. Absent = sleep(atMs − now()).
   */
  sleepUntil?(atMs: number, signal?: AbortSignal): Promise<void>;
  /**
   * Virtual milliseconds per real millisecond, used to express waits in client time
   * (`retry-after`). Absent = 1.
   */
  readonly timeScale?: number;
  /** Wall-clock epoch of virtual time 0, ms since 1970 (for `created` and RFC 3339 resets). Absent = 0. */
  readonly epochMs?: number;
  /**
   * (Optional, added for `serve`.) The wall-clock instant, ms since 1970, at which the client
   * sees virtual time `virtualMs`; absent = epochMs + virtualMs. A scaled clock needs it: under
   * --schedule-scale 120 a reset 60 virtual s away is half a real second away.
   */
  wallMs?(virtualMs: number): number;
  /**
   * (Optional, added for `serve`.) The clock a call's own waits run on, from its start
   * `startMs`: latency, queueing and token pacing, which --latency-scale may pace differently
   * from the schedule. Absent = this clock.
   */
  forCall?(startMs: number): Clock;
  /** (Optional, added for `serve`.) Move virtual time forward by `ms` at once (the control API). */
  advance?(ms: number): void;
}

export interface RealClockOptions {
  /**
   * Virtual ms per real ms of the schedule (faults, traffic time, rate-limit windows): 10 runs
   * the world ten times faster than real time. @default 1
   */
  timeScale?: number;
  /**
   * Virtual ms per real ms of a call's own latency (queueing, TTFT, decoding): 1 keeps a 3 s
   * call 3 s long whatever the schedule scale. @default timeScale (both at once, as before)
   */
  latencyScale?: number;
}

/**
 * Real time, optionally scaled. Virtual time 0 is the moment the clock is created; `advance`
 * jumps it forward. With a latencyScale, each call's waits run on a clock of their own
 * (`forCall`), anchored at the call's start and paced at latencyScale.
 */
export function realClock(options: RealClockOptions = {}): Clock {
  const timeScale = checkScale('timeScale', options.timeScale ?? 1);
  const latencyScale =
    options.latencyScale === undefined ? undefined : checkScale('latencyScale', options.latencyScale);
  const origin = performance.now();
  const epochMs = Date.now();
  /** Virtual ms added by advance(). */
  let offset = 0;
  const now = () => (performance.now() - origin) * timeScale + offset;
  const clock: Clock = {
    timeScale,
    epochMs,
    now,
    sleep: (ms, signal) => realSleep(ms / timeScale, signal),
    wallMs: (virtualMs) => epochMs + (virtualMs - offset) / timeScale,
    advance(ms) {
      if (ms > 0) offset += ms;
    },
  };
  if (latencyScale !== undefined) clock.forCall = (startMs) => callClock(clock, startMs, latencyScale);
  return clock;
}

/** A call's own time: `startMs` at creation, then latencyScale virtual ms per real ms. */
function callClock(schedule: Clock, startMs: number, latencyScale: number): Clock {
  const origin = performance.now();
  const clock: Clock = {
    timeScale: latencyScale,
    now: () => startMs + (performance.now() - origin) * latencyScale,
    sleep: (ms, signal) => realSleep(ms / latencyScale, signal),
  };
  if (schedule.epochMs !== undefined) Object.assign(clock, { epochMs: schedule.epochMs });
  if (schedule.wallMs !== undefined) clock.wallMs = schedule.wallMs;
  return clock;
}

function checkScale(name: string, scale: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new RangeError(`${name} must be a positive finite number, got ${scale}`);
  }
  return scale;
}

export interface InstantClockOptions {
  /** Virtual time the clock starts at, ms. @default 0 */
  startMs?: number;
  /** Epoch of virtual time 0, ms since 1970. @default 1735689600000 (2025-01-01T00:00:00Z) */
  epochMs?: number;
}

/**
 * A clock that never waits: `sleep(ms)` moves virtual time forward to at least
 * (time of the call + ms) and resolves on the next macrotask. Time therefore advances
 * with the latencies the world hands out, so rate limits and caches see a plausible
 * timeline, while a thousand calls take no wall time at all.
 */
export function instantClock(options: InstantClockOptions = {}): Clock {
  let current = options.startMs ?? 0;
  return {
    timeScale: 1,
    epochMs: options.epochMs ?? Date.UTC(2025, 0, 1),
    now: () => current,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const target = current + Math.max(0, ms);
      return new Promise((resolve) => {
        // setImmediate, not a microtask: lets concurrent callers interleave as they would on a network.
        setImmediate(() => {
          if (target > current) current = target;
          resolve();
        });
      });
    },
  };
}

/** setTimeout as a promise that rejects when `signal` aborts; a non-positive wait still yields once. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A virtual duration expressed in the client's (real) milliseconds, rounded to whole ms. */
export function toClientMs(clock: Clock, virtualMs: number): number {
  return Math.max(0, Math.round(virtualMs / (clock.timeScale ?? 1)));
}

/** Wall-clock date of a virtual time, as the client's wall clock shows it. */
export function toDate(clock: Clock, virtualMs: number): Date {
  return new Date(clock.wallMs === undefined ? (clock.epochMs ?? 0) + virtualMs : clock.wallMs(virtualMs));
}
