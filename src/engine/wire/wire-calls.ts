/**
 * Bookkeeping of the calls of a wire run: the decision-log row of each call, written when the
 * call is admitted (so rows come in admission order, as in runUnit) and completed when its
 * answer or error arrives; and the calls a router makes with its own client, which the engine
 * sees only as intercepted requests.
 */

import type { CallErrorKind, World } from '../../contracts/index.ts';
import type { WireCallEvent } from '../../mock/context.ts';
import { errorKindOfStatus } from '../../mock/wire-format.ts';
import type { RequestState } from '../request-state.ts';
import type { AttemptRecord } from '../types.ts';
import { Flag } from '../types.ts';
import type { EngineCall, WireStore } from './scope.ts';
import type { HeldRequest, WireRuntime } from './wire-runtime.ts';

/** RequestState plus what only the wire engine tracks. */
export interface WireRequestState extends RequestState {
  store: WireStore;
  /** The call admitted last (shadow calls aside): its kind is the request's last kind, as in runUnit. */
  lastAdmitted: { kind: RequestState['lastKind'] } | undefined;
}

interface OwnCall {
  state: WireRequestState;
  record: AttemptRecord;
  kind: 'ok' | CallErrorKind | undefined;
}

export interface WireCallTracker {
  /** An engine call is admitted now: its row, in admission order. */
  admitEngineCall(state: WireRequestState, call: EngineCall): AttemptRecord;
  /** A request the router's own client sent is admitted now. */
  admitOwnCall(state: WireRequestState, held: HeldRequest): void;
  /** The request being admitted reached the world. */
  reachedWorld(admitting: HeldRequest | undefined, event: WireCallEvent): void;
  /** msw finished answering a request. */
  ended(mswRequestId: string): void;
  /** What the provider billed for a response (answered even if the client gave up on it), USD. */
  billedCost(responseId: string | undefined): number;
}

export interface WireCallTrackerOptions {
  world: World;
  runtime: WireRuntime;
  strongModel: string | undefined;
  finishIfDone(state: WireRequestState): void;
}

function newRecord(model: string, purpose: AttemptRecord['purpose'], startMs: number): AttemptRecord {
  return {
    model,
    purpose,
    startMs,
    endMs: Number.NaN,
    result: 'ok',
    status: 0,
    costUsd: 0,
    responseId: undefined,
  };
}

export function createWireCallTracker(options: WireCallTrackerOptions): WireCallTracker {
  const { world, runtime, strongModel } = options;
  const own = new Map<string, OwnCall>();
  const billedCost = (responseId: string | undefined) =>
    responseId === undefined ? 0 : (world.ledger.get(responseId)?.costUsd ?? 0);
  const tracker: WireCallTracker = {
    billedCost,
    admitEngineCall(state, call) {
      call.startMs = runtime.now();
      const record = newRecord(call.model, call.purpose, call.startMs);
      call.record = record;
      state.attempts?.push(record);
      if (call.purpose !== 'shadow') state.lastAdmitted = call;
      return record;
    },
    admitOwnCall(state, held) {
      const mswRequestId = held.mswRequestId;
      const call: OwnCall = { state, record: newRecord('', 'primary', runtime.now()), kind: undefined };
      state.attempts?.push(call.record);
      state.queued++;
      state.lastAdmitted = call;
      own.set(mswRequestId, call);
      // An aborted request (client timeout) may end without msw's request:end.
      held.signal.addEventListener('abort', () => tracker.ended(mswRequestId), { once: true });
    },
    reachedWorld(admitting, event) {
      if (admitting === undefined) return;
      if (admitting.call !== undefined) {
        admitting.call.reachedWorld = true;
        admitting.call.responseId = event.responseId;
        return;
      }
      const call = own.get(admitting.mswRequestId);
      if (call === undefined) return;
      const { record, state } = call;
      const cost = billedCost(event.responseId);
      record.model = event.model;
      record.status = event.status;
      record.responseId = event.responseId;
      record.costUsd = cost;
      // The wire tells a router's own call only its status: 0 is a dropped or hung connection.
      call.kind = event.status === 200 ? 'ok' : errorKindOfStatus(event.status);
      record.result = call.kind;
      state.costUsd += cost;
      if (event.model === strongModel) state.flags |= Flag.strongCalled;
    },
    ended(mswRequestId) {
      const call = own.get(mswRequestId);
      if (call === undefined) return;
      own.delete(mswRequestId);
      call.record.endMs = runtime.now();
      call.state.queued--;
      options.finishIfDone(call.state);
    },
  };
  return tracker;
}
