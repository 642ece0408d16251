/**
 * Every answered call by response id: the harness grades a strategy's chosen response by
 * its id, out of band. Entries of a finished request can be dropped so long runs keep
 * memory proportional to in-flight requests, not to run length.
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

export function createLedger(options: LedgerOptions = {}): WritableLedger {
  const maxUngraded = options.maxUngraded ?? Number.POSITIVE_INFINITY;
  const byId = new Map<string, AnsweredCall>();
  /** Ids of ungraded answers in arrival order (a Set iterates in insertion order). */
  const ungraded = new Set<string>();
  /** Response ids per request, so forgetRequest does not scan the whole ledger. */
  const idsByRequest = new Map<number, string[]>();

  return {
    add(call) {
      if (byId.has(call.id)) throw new Error(`duplicate response id ${call.id} in the ledger`);
      byId.set(call.id, call);
      if (call.ungraded && call.requestIndex === undefined && maxUngraded !== Number.POSITIVE_INFINITY) {
        ungraded.add(call.id);
        if (ungraded.size > maxUngraded) {
          const oldest = ungraded.values().next().value as string;
          ungraded.delete(oldest);
          byId.delete(oldest);
        }
      }
      if (call.requestIndex === undefined) return;
      const ids = idsByRequest.get(call.requestIndex);
      if (ids === undefined) idsByRequest.set(call.requestIndex, [call.id]);
      else ids.push(call.id);
    },
    get(responseId) {
      // A provider-style id off the wire (chatcmpl-…, msg_…) names the same answer (response-id.ts).
      return byId.get(responseId) ?? byId.get(worldResponseId(responseId));
    },
    get size() {
      return byId.size;
    },
    entries() {
      return byId.values();
    },
    forgetRequest(requestIndex) {
      const ids = idsByRequest.get(requestIndex);
      if (ids === undefined) return;
      for (const id of ids) byId.delete(id);
      idsByRequest.delete(requestIndex);
    },
  };
}
