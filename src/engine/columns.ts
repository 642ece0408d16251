/** Allocation of a run's per-request columns and the mapping from call errors to statuses. */
import type { CallErrorKind } from '../contracts/index.ts';
import { type RunColumns, Status, type StatusCode } from './types.ts';

/** Model column value of a failed request. */
export const NO_MODEL = 255;

/** Columns for `count` requests: failed, unanswered, no model until the engine fills them. */
export function createRunColumns(count: number): RunColumns {
  return {
    cost: new Float64Array(count),
    score: new Float32Array(count),
    latency: new Float32Array(count).fill(Number.NaN),
    ttft: new Float32Array(count).fill(Number.NaN),
    status: new Uint8Array(count).fill(Status.other),
    model: new Uint8Array(count).fill(NO_MODEL),
    flags: new Uint8Array(count),
  };
}

/**
 * A copy of `column` in a SharedArrayBuffer: it reads the same, and a thread it is posted to
 * receives it without a copy (the merge's bootstrap threads).
 */
export function sharedCopy<Column extends Float64Array | Float32Array | Uint8Array>(
  column: Column,
  Kind: new (buffer: SharedArrayBuffer) => Column,
): Column {
  const copy = new Kind(new SharedArrayBuffer(column.byteLength));
  copy.set(column);
  return copy;
}

/** The failure status of a request whose last attempt failed with `kind` (metrics.md "failures"). */
export function statusOfErrorKind(kind: CallErrorKind): StatusCode {
  switch (kind) {
    case 'rate_limit':
    case 'insufficient_quota':
      return Status.rateLimited;
    case 'server_error':
    case 'overloaded':
      return Status.serverError;
    case 'timeout':
      return Status.timeout;
    case 'network':
      return Status.network;
    case 'context_length':
      return Status.contextLength;
    case 'not_found':
      return Status.other;
  }
}
