/**
 * Every answered call by response id: the harness grades a strategy's chosen response by
 * its id, out of band. Entries of a finished request can be dropped so long runs keep
 * memory proportional to in-flight requests, not to run length.
 *
 * Answers are kept per request: a world id names its request (`rs-<request>-…`, a judge's
 * `rj-rs-<request>-…`: response-id.ts), so a lookup reads the request index off the id and scans
 * that request's few answers. A Map keyed by the id string cost hashing every id (a concatenated
 * string, flattened first) on each add, lookup and delete — millions of times a simulated day.
 * Only an answer whose id does not name its request (an unmatched call's `rs-u-<n>`) is kept in a
 * Map by id as well.
 */
import type { AnsweredCall, Ledger } from '../contracts/index.ts';
import { worldResponseId } from '../contracts/index.ts';

export interface WritableLedger extends Ledger {
  add(call: AnsweredCall): void;
}

export interface LedgerOptions {
  /** Most ungraded answers kept, oldest dropped first. @default unbounded */
  maxUngraded?: number | undefined;
}

const CODE_DASH = 45; // '-'
const CODE_ZERO = 48; // '0'

/**
 * The request index a world response id names: the digits after `rs-` (or `rj-rs-`, a judge's
 * id, which starts with the judged answer's), up to the next '-'; undefined for any other id.
 */
export function requestOfResponseId(id: string): number | undefined {
  let at = id.startsWith('rj-') ? 3 : 0;
  if (!id.startsWith('rs-', at)) return undefined;
  at += 3;
  let value = 0;
  let digits = 0;
  for (; at < id.length; at++, digits++) {
    const digit = id.charCodeAt(at) - CODE_ZERO;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  // No digits (rs-u-…), more than a double holds exactly, or no '-' after: no request named. Adding
  // and finding read ids alike, so an odd id (rs-007-…) is still found, in the request it names.
  if (digits === 0 || digits > 15) return undefined;
  return id.charCodeAt(at) === CODE_DASH ? value : undefined;
}

export function createLedger(options: LedgerOptions = {}): WritableLedger {
  const maxUngraded = options.maxUngraded ?? Number.POSITIVE_INFINITY;
  /** Answers per request index, in arrival order. */
  const byRequest = new Map<number, AnsweredCall[]>();
  /** Answers whose id does not name their request, by id. */
  const byId = new Map<string, AnsweredCall>();
  /** Ids of ungraded answers in arrival order (a Set iterates in insertion order). */
  const ungraded = new Set<string>();
  let size = 0;

  /** Whether `call` is found through its request's list (its id names its request). */
  function indexedByRequest(call: AnsweredCall): boolean {
    return call.requestIndex !== undefined && requestOfResponseId(call.id) === call.requestIndex;
  }

  function inList(calls: AnsweredCall[] | undefined, id: string): AnsweredCall | undefined {
    if (calls !== undefined) for (const call of calls) if (call.id === id) return call;
    return undefined;
  }

  function find(id: string): AnsweredCall | undefined {
    const request = requestOfResponseId(id);
    return (request === undefined ? undefined : inList(byRequest.get(request), id)) ?? byId.get(id);
  }

  return {
    add(call) {
      const request = call.requestIndex;
      const named = requestOfResponseId(call.id);
      const duplicate =
        named === undefined
          ? byId.has(call.id)
          : (byId.size > 0 && byId.has(call.id)) || inList(byRequest.get(named), call.id) !== undefined;
      if (duplicate) throw new Error(`duplicate response id ${call.id} in the ledger`);
      size++;
      if (request === undefined || named !== request) byId.set(call.id, call);
      if (call.ungraded && request === undefined && maxUngraded !== Number.POSITIVE_INFINITY) {
        ungraded.add(call.id);
        if (ungraded.size > maxUngraded) {
          const oldest = ungraded.values().next().value as string;
          ungraded.delete(oldest);
          byId.delete(oldest);
          size--;
        }
      }
      if (request === undefined) return;
      const calls = byRequest.get(request);
      if (calls === undefined) byRequest.set(request, [call]);
      else calls.push(call);
    },
    get(responseId) {
      // A provider-style id off the wire (chatcmpl-…, msg_…) names the same answer (response-id.ts).
      return find(responseId) ?? find(worldResponseId(responseId));
    },
    get size() {
      return size;
    },
    *entries() {
      // Answers of requests (by request, then arrival), then those of no request.
      for (const calls of byRequest.values()) yield* calls;
      for (const call of byId.values()) if (call.requestIndex === undefined) yield call;
    },
    forgetRequest(requestIndex) {
      const calls = byRequest.get(requestIndex);
      if (calls === undefined) return;
      // Only answers whose id names no request are in byId too (none, in a simulation of its stream).
      if (byId.size > 0) for (const call of calls) if (!indexedByRequest(call)) byId.delete(call.id);
      size -= calls.length;
      byRequest.delete(requestIndex);
    },
  };
}
