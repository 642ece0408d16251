/**
 * Attempt numbers per (request, model). The world keys latency and fault draws by the
 * attempt, so a client's retry of the same call must arrive as attempt + 1 — the mock
 * layer counts, because the wire carries no attempt number.
 */

export interface AttemptCounter {
  /** The 0-based attempt of this call, and count it. */
  next(requestIndex: number | undefined, model: string): number;
  /** Forget a finished request's counters. */
  release(requestIndex: number): void;
  /** Requests with counters. */
  readonly size: number;
}

export interface AttemptCounterOptions {
  /**
   * Most requests remembered; the oldest are dropped beyond it, which bounds memory
   * under sustained `serve` load. @default 100000
   */
  maxRequests?: number;
}

const UNGRADED = -1;

export function createAttemptCounter(options: AttemptCounterOptions = {}): AttemptCounter {
  const maxRequests = options.maxRequests ?? 100_000;
  const byRequest = new Map<number, Map<string, number>>();
  return {
    next(requestIndex, model) {
      // Ungraded calls share one counter per model, so their draws still differ call to call.
      const key = requestIndex ?? UNGRADED;
      let models = byRequest.get(key);
      if (models === undefined) {
        if (byRequest.size >= maxRequests) {
          const oldest = byRequest.keys().next();
          if (oldest.done !== true) byRequest.delete(oldest.value);
        }
        models = new Map();
        byRequest.set(key, models);
      }
      const attempt = models.get(model) ?? 0;
      models.set(model, attempt + 1);
      return attempt;
    },
    release(requestIndex) {
      byRequest.delete(requestIndex);
    },
    get size() {
      return byRequest.size;
    },
  };
}
