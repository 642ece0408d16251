/**
 * The provider-neutral middle of every handler: identify the simulated request, count
 * the attempt, ask the world, and wait until the world says the answer is due.
 */
import type { CallError, CallResult, ChatMessage, ModelSpec, ReasoningSetting } from '../contracts/index.ts';
import type { Clock } from './clock.ts';
import type { MockContext } from './context.ts';
import { type JudgeRequest, judgeWorld } from './judge.ts';

/** A request body reduced to what the world needs, whatever the wire format. */
export interface ParsedCall {
  model: string;
  messages: ChatMessage[];
  /** max_tokens as sent; undefined when the client left it out. */
  maxTokens: number | undefined;
  stream: boolean;
  /**
   * Choices asked for (OpenAI's `n`): each is a sample of its own, one world call each (billed,
   * timed and rate-limited as a call). @default 1
   */
  choices?: number;
  /** x-routesim-request-id header, or null. */
  requestId: string | null;
  /** Set by the x-routesim-judge-* headers: a judge call (judge.ts). @default an ordinary call */
  judge?: JudgeRequest;
  /**
   * The reasoning setting the request carries (`reasoning_effort`, Anthropic `thinking`),
   * already checked against the model. @default the model's configured setting
   */
  reasoning?: ReasoningSetting;
}

export interface WorldCall {
  requestIndex: number | undefined;
  attempt: number;
  /** Virtual time the call reached the world, ms. */
  startMs: number;
  promptTokens: number;
  /** max_tokens counted against TPM (as sent, or the default). */
  maxTokens: number;
  result: CallResult;
}

/**
 * Tokens counted against TPM when the client sends no max_tokens: the model's output
 * limit, capped so one omission does not eat a whole minute's budget.
 */
export const DEFAULT_MAX_TOKENS_CAP = 4096;

export function callWorld(
  context: MockContext,
  provider: string,
  model: ModelSpec,
  call: ParsedCall,
  forced?: { value: string; error: CallError },
): WorldCall {
  const requestIndex = context.directory.resolve({ requestId: call.requestId, messages: call.messages });
  const attempt = context.attempts.next(requestIndex, model.id);
  const promptTokens = context.countMessageTokens(call.messages);
  const maxTokens = call.maxTokens ?? Math.min(model.max_output_tokens, DEFAULT_MAX_TOKENS_CAP);
  // Read the clock right before the world: calls then reach it in non-decreasing time.
  const startMs = context.clock.now();
  const input = {
    requestIndex,
    model: model.id,
    startMs,
    attempt,
    promptTokens,
    maxTokens,
    provider,
    ...(call.reasoning === undefined ? {} : { reasoning: call.reasoning }),
  };
  // A forced outcome (x-routesim-fault) never reaches the world: its sequence stays as without it.
  const result: CallResult =
    forced !== undefined
      ? { ok: false, error: forced.error }
      : call.judge === undefined
        ? context.world.call(input)
        : judgeWorld(context.world, input, call.judge);
  if (context.leakBytesPerCall !== undefined && context.leakBytesPerCall > 0) {
    context.leaked?.push(new Uint8Array(context.leakBytesPerCall).fill(1));
  }
  const event = {
    provider,
    model: model.id,
    requestIndex,
    attempt,
    startMs,
    status: result.ok ? 200 : result.error.status,
    ...(result.ok ? { responseId: result.call.id } : {}),
    stream: call.stream,
  };
  if (forced === undefined) context.observer?.(event);
  const requestId = requestIndex === undefined ? undefined : context.directory.idOf?.(requestIndex);
  context.record?.({
    ...event,
    ...(requestId === undefined ? {} : { requestId }),
    ...(result.ok
      ? {
          latencyMs: result.call.timing.endMs - result.call.timing.startMs,
          usage: result.call.usage,
          costUsd: result.call.costUsd,
        }
      : { errorKind: result.error.kind }),
    ...(forced === undefined ? {} : { forced: forced.value }),
  });
  return { requestIndex, attempt, startMs, promptTokens, maxTokens, result };
}

/** Wait until virtual time `atMs` of `clock` (the call's own, clock.ts forCall); false when the client went away first. */
export async function waitUntil(clock: Clock, atMs: number, signal: AbortSignal): Promise<boolean> {
  const wait = atMs - clock.now();
  if (wait <= 0) return !signal.aborted;
  try {
    await (clock.sleepUntil === undefined ? clock.sleep(wait, signal) : clock.sleepUntil(atMs, signal));
    return true;
  } catch {
    return false;
  }
}

/**
 * A 'timeout' fault: hold the call until the client gives up (its AbortSignal fires),
 * at most hangLimitMs of real time so a client without a timeout cannot pin a server forever.
 */
export function hang(context: MockContext, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, context.hangLimitMs);
    timer.unref?.();
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * A dropped connection: the client sees a network error. That is msw's Response.error()
 * (in-process, fetch rejects with a TypeError; over `serve`, the edge destroys the socket,
 * node-response.ts). A server edge with its own connection handle drops it itself.
 */
export function dropped(context: MockContext, request: Request): Response {
  const connection = context.connection?.(request);
  if (connection === undefined) return Response.error();
  connection.drop();
  return new Response(null, { status: 502 });
}

/** The signal that ends a call: the client's abort or, over `serve`, the socket closing. */
export function callSignal(context: MockContext, request: Request): AbortSignal {
  const connection = context.connection?.(request);
  return connection === undefined ? request.signal : AbortSignal.any([request.signal, connection.signal]);
}

/**
 * Deliver a failed world call the way the wire shows it: a hang until the client gives up, or
 * the error at its virtual time. Returns a dropped-connection response when the connection ends
 * without a body (a hang, a reset, an aborted wait), else undefined: the caller writes the
 * provider's own error body.
 */
export async function deliverError(
  context: MockContext,
  clock: Clock,
  error: CallError,
  signal: AbortSignal,
  request: Request,
): Promise<Response | undefined> {
  if (error.kind === 'timeout') {
    await hang(context, signal);
    return dropped(context, request);
  }
  if (!(await waitUntil(clock, error.atMs, signal))) return dropped(context, request);
  if (error.kind === 'network') return dropped(context, request);
  return undefined;
}
