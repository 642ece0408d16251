/**
 * A world's verdict on one call, as the client sees it and when: an answer at its last token,
 * an error when the provider reports it, and a hang (or an answer slower than the client is
 * willing to wait) as a client timeout at start + timeout.
 */

import type { CallErrorKind, CallResult } from '../contracts/index.ts';
import type { CallOutcome } from '../strategies/types.ts';

export interface ObservedCall {
  outcome: CallOutcome;
  /** Virtual time the client observes the outcome, ms. */
  atMs: number;
  /** Billed USD (an answer is billed even when the client gave up on it). */
  costUsd: number;
  /** 'ok' or the error kind the client sees. */
  kind: 'ok' | CallErrorKind;
  /** HTTP status the client sees (200; 0 for a client timeout). */
  status: number;
  responseId: string | undefined;
}

/**
 * The client's view of `result` for a call started at `startMs` with a client timeout of
 * `timeoutMs`. An answer that would end after the timeout is a timeout for the client: the
 * provider still served (and billed) it, but its response id never reaches the strategy.
 */
export function observeCall(
  result: CallResult,
  model: string,
  startMs: number,
  timeoutMs: number,
): ObservedCall {
  const deadline = startMs + timeoutMs;
  if (result.ok) {
    const call = result.call;
    const timing = call.timing;
    if (timing.endMs > deadline) return clientTimeout(model, startMs, timeoutMs, call.costUsd);
    return {
      outcome: {
        ok: true,
        responseId: call.id,
        model: call.model,
        text: call.text,
        usage: call.usage,
        costUsd: call.costUsd,
        latencyMs: timing.endMs - startMs,
        ttftMs: timing.queueMs + timing.ttftMs,
        logprobConfidence: call.outcome.logprobConfidence,
        selfRatedCertainty: call.outcome.selfRatedCertainty,
        finishReason: call.finishReason,
      },
      atMs: timing.endMs,
      costUsd: call.costUsd,
      kind: 'ok',
      status: 200,
      responseId: call.id,
    };
  }
  const error = result.error;
  if (error.atMs > deadline) return clientTimeout(model, startMs, timeoutMs, 0);
  return {
    outcome: {
      ok: false,
      model,
      kind: error.kind,
      status: error.status,
      message: error.message,
      retryAfterMs: error.retryAfterMs,
      latencyMs: error.atMs - startMs,
    },
    atMs: error.atMs,
    costUsd: 0,
    kind: error.kind,
    status: error.status,
    responseId: undefined,
  };
}

/** What a client sees when it gives up waiting: the same words on the direct and wire engines. */
export function clientTimeoutOutcome(model: string, timeoutMs: number, latencyMs: number): CallOutcome {
  return {
    ok: false,
    model,
    kind: 'timeout',
    status: 0,
    message: `no answer from ${model} within the client timeout of ${timeoutMs} ms`,
    retryAfterMs: undefined,
    latencyMs,
  };
}

function clientTimeout(model: string, startMs: number, timeoutMs: number, costUsd: number): ObservedCall {
  return {
    outcome: clientTimeoutOutcome(model, timeoutMs, timeoutMs),
    atMs: startMs + timeoutMs,
    costUsd,
    kind: 'timeout',
    status: 0,
    responseId: undefined,
  };
}
