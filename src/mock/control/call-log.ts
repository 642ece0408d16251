/**
 * The call log of `routesim serve`: every call that reached a provider endpoint, newest last,
 * as JSON lines for `GET /_routesim/calls`. A ring of the last `capacity` calls, so a server
 * under sustained load keeps a bounded log; `seq` numbers calls from 1 so a reader can page
 * with `?since=` and notice what it missed.
 */
import type { Clock } from '../clock.ts';
import { toDate } from '../clock.ts';
import type { CallRecord } from '../context.ts';

/** One line of the log (`GET /_routesim/calls`). */
export interface CallLogEntry {
  /** 1, 2, …: position in the log since the server started. */
  seq: number;
  /** Wall-clock time the call arrived, as the client's clock shows it (ISO 8601). */
  time: string;
  /** Virtual time the call reached the world, ms since the schedule's start. */
  virtualMs: number;
  provider: string;
  model: string;
  /** HTTP status the world decided; 0 for a hang ('timeout') or a dropped connection ('reset'). */
  status: number;
  /** 0-based attempt of this (request, model) pair, as routesim counts retries. */
  attempt: number;
  /** Latency of an answered call, virtual ms (queue + TTFT + decode); null for an error. */
  latencyMs: number | null;
  /** Prompt and completion tokens of an answer; null for an error. */
  tokens: { prompt: number; completion: number } | null;
  /** Cost of an answer, USD; null for an error. */
  costUsd: number | null;
  /** The simulated request the call was matched to (its index in the stream); null = ungraded. */
  requestIndex: number | null;
  /** That request's id (e.g. "r0000042", what x-routesim-request-id names); null = ungraded. */
  requestId: string | null;
  /** Response id of an answer (the ledger's key); null for an error. */
  responseId: string | null;
  /** Error kind of a failed call (rate_limit, server_error, timeout, network, …); null for an answer. */
  error: string | null;
  /**
   * The fault behind the outcome: "forced:<x-routesim-fault>", "injected#<id>:<kind>",
   * "scheduled:<kind>", or null (none: an answer, or the world's own rate limit).
   */
  fault: string | null;
  stream: boolean;
}

export interface CallLog {
  add(record: CallRecord, fault: string | null): void;
  /** Entries with seq > since, oldest first. */
  since(since: number): CallLogEntry[];
  /** Calls logged since start (also those the ring has dropped). */
  readonly total: number;
  clear(): void;
}

export function createCallLog(clock: Clock, capacity: number): CallLog {
  if (!(capacity >= 1)) throw new RangeError(`call log capacity must be at least 1, got ${capacity}`);
  const ring: (CallLogEntry | undefined)[] = new Array(capacity);
  let total = 0;
  let cleared = 0;
  return {
    add(record, fault) {
      total += 1;
      ring[(total - 1) % capacity] = {
        seq: total,
        time: toDate(clock, record.startMs).toISOString(),
        virtualMs: Math.round(record.startMs),
        provider: record.provider,
        model: record.model,
        status: record.status,
        attempt: record.attempt,
        latencyMs: record.latencyMs === undefined ? null : Math.round(record.latencyMs),
        tokens:
          record.usage === undefined
            ? null
            : { prompt: record.usage.promptTokens, completion: record.usage.completionTokens },
        costUsd: record.costUsd ?? null,
        requestIndex: record.requestIndex ?? null,
        requestId: record.requestId ?? null,
        responseId: record.responseId ?? null,
        error: record.errorKind ?? null,
        fault,
        stream: record.stream,
      };
    },
    since(since) {
      const first = Math.max(since + 1, total - capacity + 1, cleared + 1, 1);
      const entries: CallLogEntry[] = [];
      for (let seq = first; seq <= total; seq++) entries.push(ring[(seq - 1) % capacity]!);
      return entries;
    },
    get total() {
      return total;
    },
    clear() {
      cleared = total;
      ring.fill(undefined);
    },
  };
}
