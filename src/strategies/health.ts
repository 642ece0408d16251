/**
 * A live view of each model's health, as the availability strategy keeps it: EWMA error rate and
 * latency, and a circuit breaker per model.
 *
 * Breaker: closed → open after `failureThreshold` consecutive failures, or once the EWMA error
 * rate reaches `errorRateThreshold` with at least `minCalls` calls seen; open → half-open when
 * `cooldownMs` of virtual time has passed since it opened; half-open lets exactly one probe
 * through: success closes it (counters reset), failure opens it again from that moment. Every
 * error counts as a failure except context_length, which is the request's fault, not the model's.
 */
import type { CallOutcome, ModelInfo } from './types.ts';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** EWMA error rate that opens the circuit, (0, 1]. */
  errorRateThreshold: number;
  /** Calls needed before the error rate may open the circuit. */
  minCalls: number;
  /** Virtual ms an open circuit waits before a probe. */
  cooldownMs: number;
  /** EWMA weight of the newest observation, (0, 1]. */
  ewmaAlpha: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface ModelHealth {
  state: BreakerState;
  consecutiveFailures: number;
  /** EWMA of failure (1) / success (0). */
  errorRate: number;
  /** EWMA of answered calls' latency, ms (starts from published figures). */
  latencyMs: number;
  calls: number;
  /** Virtual ms the circuit last opened. */
  openedAtMs: number;
  probeInFlight: boolean;
}

export interface HealthBook {
  get(model: string): ModelHealth;
  /** Could `model` be called at `nowMs` (no side effect)? */
  available(model: string, nowMs: number): boolean;
  /** Take permission to call `model` at `nowMs` (reserves the half-open probe). */
  acquire(model: string, nowMs: number): boolean;
  /** Record a call's outcome, observed at `nowMs`. */
  record(outcome: CallOutcome, nowMs: number): void;
}

/** Initial latency guess before any call: TTFT + 256 tokens at the published decode speed. */
export function publishedLatencyMs(model: ModelInfo): number {
  return model.ttftMedianMs + (256 * 1000) / Math.max(1, model.decodeTokensPerSecond);
}

export function createHealthBook(models: readonly ModelInfo[], options: BreakerOptions): HealthBook {
  const book = new Map<string, ModelHealth>();
  for (const model of models) {
    book.set(model.id, {
      state: 'closed',
      consecutiveFailures: 0,
      errorRate: 0,
      latencyMs: publishedLatencyMs(model),
      calls: 0,
      openedAtMs: 0,
      probeInFlight: false,
    });
  }
  const get = (model: string): ModelHealth => {
    const health = book.get(model);
    if (health === undefined) throw new RangeError(`health: unknown model ${model}`);
    return health;
  };
  const open = (health: ModelHealth, nowMs: number) => {
    health.state = 'open';
    health.openedAtMs = nowMs;
    health.probeInFlight = false;
  };
  const available = (model: string, nowMs: number): boolean => {
    const health = get(model);
    if (health.state === 'closed') return true;
    if (health.state === 'open') return nowMs >= health.openedAtMs + options.cooldownMs;
    return !health.probeInFlight;
  };
  return {
    get,
    available,
    acquire(model, nowMs) {
      if (!available(model, nowMs)) return false;
      const health = get(model);
      if (health.state !== 'closed') {
        health.state = 'half-open';
        health.probeInFlight = true;
      }
      return true;
    },
    record(outcome, nowMs) {
      const health = get(outcome.model);
      const alpha = options.ewmaAlpha;
      if (outcome.ok) {
        health.calls++;
        health.errorRate *= 1 - alpha;
        health.latencyMs += alpha * (outcome.latencyMs - health.latencyMs);
        health.consecutiveFailures = 0;
        if (health.state === 'half-open') {
          health.state = 'closed';
          health.probeInFlight = false;
          health.errorRate = 0;
          health.calls = 0;
        }
        return;
      }
      if (outcome.kind === 'context_length') {
        // Not the model's fault; a probe that hit it leaves the circuit half-open for the next one.
        if (health.state === 'half-open') health.probeInFlight = false;
        return;
      }
      health.calls++;
      health.errorRate += alpha * (1 - health.errorRate);
      health.consecutiveFailures++;
      if (health.state === 'half-open') open(health, nowMs);
      else if (
        health.state === 'closed' &&
        (health.consecutiveFailures >= options.failureThreshold ||
          (health.calls >= options.minCalls && health.errorRate >= options.errorRateThreshold))
      ) {
        open(health, nowMs);
      }
    },
  };
}
