/**
 * What every provider handler shares: the world, the clock, the directory, attempt
 * counting, and the hooks the server edge adds (connection control) or tests add
 * (observers, an injected leak).
 */
import type { CallErrorKind, ChatMessage, Usage, World } from '../contracts/index.ts';
import type { AttemptCounter } from './attempts.ts';
import type { Clock } from './clock.ts';
import type { RequestDirectory } from './request-directory.ts';

/** Control over the client's connection, available when a real socket exists (`serve`). */
export interface ConnectionControl {
  /** Fires when the client closes the connection. */
  signal: AbortSignal;
  /** Destroy the socket: the client sees a network error. */
  drop(): void;
}

/** One answered or failed wire call, for observers (tests, logs). */
export interface WireCallEvent {
  provider: string;
  model: string;
  requestIndex: number | undefined;
  attempt: number;
  /** Virtual time the call reached the world, ms. */
  startMs: number;
  /** HTTP status; 0 for a dropped connection or a hang. */
  status: number;
  /** Response id of an answered call. */
  responseId?: string;
  stream: boolean;
}

/** One call as the call log keeps it (`routesim serve`'s control API): what the world decided. */
export interface CallRecord extends WireCallEvent {
  /** The error's kind, for a failed call. */
  errorKind?: CallErrorKind;
  /** The id of the simulated request the call was matched to, e.g. "r0000042". */
  requestId?: string;
  /** The value of x-routesim-fault when the outcome was forced (the world never saw the call). */
  forced?: string;
  /** Latency the world gave an answered call (queue + TTFT + decode), virtual ms. */
  latencyMs?: number;
  usage?: Usage;
  costUsd?: number;
}

export interface MockContext {
  world: World;
  clock: Clock;
  directory: RequestDirectory;
  attempts: AttemptCounter;
  /** Prompt tokens of the messages as sent (E's o200k_base count). */
  countMessageTokens: (messages: ChatMessage[]) => number;
  /** Longest a 'timeout' fault holds a call when the client never gives up, real ms. */
  hangLimitMs: number;
  /** The server edge's handle on the client connection of a request, if any. */
  connection?: (request: Request) => ConnectionControl | undefined;
  /** Called once per call that reached the world. */
  observer?: (event: WireCallEvent) => void;
  /** Called once per call, forced ones included, with what the call log keeps. */
  record?: (record: CallRecord) => void;
  /** Test-only: bytes retained per call, to prove the memory guard can fail. */
  leakBytesPerCall?: number;
  /** Where leaked buffers live (test-only). */
  leaked?: Uint8Array[];
}
