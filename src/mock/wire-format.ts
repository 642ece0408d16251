/**
 * A wire format as an adapter: what one provider API (OpenAI Chat Completions, Anthropic
 * Messages, Google's native Gemini API) looks like on the wire, in two halves.
 *
 * - The **server half** answers the format's endpoints from the world. It supplies only the
 *   format-specific functions — read a request, the reasoning parameter, the answer body and
 *   stream, the error body, the headers — and the shared lifecycle (lifecycle.ts) runs them
 *   in the same order for every format.
 * - The **client half** is the official SDK set up the way the wire engine uses it: build the
 *   client for a base URL, send one call, read the answer's usage back, read the SDK's error.
 *
 * Every format is one entry of the registry (formats.ts). Outside src/mock/ only the names and
 * the few facts the world and the scenario need (WIRE_FORMAT_FACTS in contracts) are known.
 */
import type { HttpHandler } from 'msw';
import type {
  AnsweredCall,
  CallError,
  CallErrorKind,
  ModelSpec,
  ReasoningSetting,
  RouteRequest,
  Usage,
} from '../contracts/index.ts';
import type { ParsedCall } from './call.ts';
import type { Clock } from './clock.ts';
import type { MockContext } from './context.ts';
import type { Parsed } from './parse.ts';
import type { TimedFrame } from './sse.ts';

/** The reasoning parameter a request carries, checked against the model, or the 400 it gets. */
export type ReasoningRead =
  | { ok: true; setting: ReasoningSetting | undefined }
  | { ok: false; response: Response };

/** What the error body of a world error may need to say. */
export interface CallErrorInput {
  error: CallError;
  model: ModelSpec;
  clock: Clock;
  promptTokens: number;
  /** max_tokens counted against TPM (as sent, or the default). */
  maxTokens: number;
  /** The world's seed, request and attempt: deterministic request ids in error bodies. */
  seed: number;
  requestIndex: number | undefined;
  attempt: number;
  /** The call was a judge call (judge.ts): a 404 names the judged id, not the model. */
  judgeCall: boolean;
}

/**
 * The format-specific steps of answering one call (the lifecycle in lifecycle.ts runs them).
 * `Call` is the format's parsed request: the world's view (ParsedCall) plus what the format
 * echoes back (e.g. logprobs options, the model name as sent).
 */
export interface CallFormat<Call extends ParsedCall> {
  /** Read the request; a malformed one gets the format's own 400. */
  parse(request: Request): Promise<Parsed<Call>>;
  /** A model this provider does not serve. */
  modelNotFound(model: string): Response;
  /** The reasoning parameter (reasoning_effort, thinking, thinkingConfig) against the model. */
  readReasoning(model: ModelSpec, call: Call): ReasoningRead;
  /** The error response for a world error other than 'timeout' and 'network' (those never answer). */
  callError(input: CallErrorInput): Response;
  /** Headers of an answer (rate-limit state, request id). */
  answerHeaders(call: AnsweredCall, clock: Clock): Record<string, string>;
  /**
   * The non-streaming answer body. `choices` holds every sample the request asked for
   * (ParsedCall.choices), `call` first.
   */
  body(call: AnsweredCall, clock: Clock, request: Call, choices: readonly AnsweredCall[]): unknown;
  /** The streamed answer as SSE frames, each at its virtual time (`choices` as for body). */
  streamFrames(
    call: AnsweredCall,
    clock: Clock,
    request: Call,
    choices: readonly AnsweredCall[],
  ): TimedFrame[];
}

/**
 * What the server edge (`routesim serve`) answers for a provider of this format before any
 * handler runs, in the provider's own shape: a body over the size limit, a route it does not have.
 */
export interface EdgeAnswers {
  /** The provider's request-size limit, bytes (the edge stops reading past it). */
  maxBodyBytes: number;
  /** A body over the limit: OpenAI 413, Anthropic 413 request_too_large, Gemini 400. */
  bodyTooLarge(limitBytes: number): Response;
  /** A method and path under the provider's base URL that no endpoint serves. */
  routeNotFound(method: string, path: string): Response;
  /**
   * A browser's request (it carries `Origin`) the provider refuses before reading it: Anthropic
   * without `anthropic-dangerous-direct-browser-access: true`. Absent or undefined = allowed.
   */
  browserRequestRefused?(headers: Headers): Response | undefined;
}

/** The server half: the msw handlers of one provider in this format. */
export interface WireServer {
  /**
   * Path of a provider's base URL under `routesim serve`, after `/<provider>`: what the
   * format's SDK expects its base URL to end with ('/v1' for OpenAI, '' when the SDK adds
   * the version itself).
   */
  servePath: string;
  /** Handlers for one provider at `baseUrl` (its catalog base URL, or the serve path). */
  handlers(context: MockContext, provider: string, baseUrl: string): HttpHandler[];
  /** The edge's answers in this format (edge.ts of the format's folder). */
  edge: EdgeAnswers;
}

/** One call the wire engine sends. */
export interface WireClientCall {
  model: string;
  /** The catalog's model, undefined for a model the catalog does not know (answered 404). */
  spec: ModelSpec | undefined;
  request: RouteRequest;
  maxTokens: number;
  /** Client timeout, ms (virtual inside a wire run). */
  timeoutMs: number;
  /** Extra request headers (a judge call's x-routesim-judge-*). */
  headers?: Record<string, string>;
}

/** An answer as the client read it off the wire. */
export interface WireAnswer {
  id: string;
  model: string;
  text: string;
  usage: Usage;
  finishReason: 'stop' | 'length';
  /**
   * The wire does not split out the thinking tokens (Anthropic bills them inside
   * output_tokens): the engine takes the count from the provider's record of the response.
   */
  thinkingFromRecord: boolean;
}

/** An SDK error read as the engine counts it. */
export type WireFailure =
  | { kind: 'timeout' }
  | { kind: CallErrorKind; status: number; message: string; retryAfterMs: number | undefined };

/** One provider's official client. */
export interface WireClient {
  /** Send one call; resolves with the answer or rejects with the SDK's error. */
  send(call: WireClientCall): Promise<WireAnswer>;
}

/** The client half: the official SDK of the format. */
export interface WireClientFormat {
  /** A client for `baseUrl` that never retries (retrying is the strategy's job). */
  create(baseUrl: string, apiKey: string): WireClient;
  /** An error the client threw; undefined when it is not this SDK's error (then: network). */
  readError(error: unknown): WireFailure | undefined;
}

export interface WireFormatAdapter {
  server: WireServer;
  client: WireClientFormat;
}

/**
 * The kind a bare HTTP status says, for formats and callers that know no more (a router's own
 * call is seen only as a status): 429 rate limit, 404 not found, 529 overloaded, else a
 * server error.
 */
export function errorKindOfStatus(status: number): CallErrorKind {
  if (status === 0) return 'network';
  if (status === 429) return 'rate_limit';
  if (status === 404) return 'not_found';
  if (status === 529) return 'overloaded';
  return 'server_error';
}

/** A failure with the rate-limit wait the official clients read first: `retry-after-ms`. */
export function httpFailure(
  status: number,
  kind: CallErrorKind,
  message: string,
  headers: Headers | undefined,
): WireFailure {
  const retryAfter = headers?.get('retry-after-ms');
  return {
    kind,
    status,
    message,
    retryAfterMs: kind === 'rate_limit' && retryAfter != null ? Number(retryAfter) : undefined,
  };
}
