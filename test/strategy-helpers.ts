/**
 * Shared setup for the strategy tests: candidate ModelInfos from the bundled catalog, a FAKE
 * RouteContext that records calls and answers from a script, and a tiny sequential driver that
 * routes requests against a real world (the engine is tested on its own).
 */

import type { CallErrorKind, RouteRequest, World } from '../src/contracts/index.ts';
import { modelInfo as engineModelInfo } from '../src/engine/model-info.ts';
import type {
  CallOptions,
  CallOutcome,
  CallPurpose,
  ModelInfo,
  RouteContext,
  Strategy,
} from '../src/strategies/types.ts';
import { loadCatalog } from '../src/world/catalog.ts';

/** The 13 candidates of scenarios/assistant-day.yaml. */
export const DEFAULT_CANDIDATES = [
  'gpt-4o-mini',
  'gpt-4o',
  'o3-mini',
  'claude-haiku-4-5-20251001',
  'claude-sonnet-4-20250514',
  'gemini-2.0-flash-lite',
  'gemini-2.0-flash',
  'gemini-2.5-pro',
  'mistral-small-latest',
  'mistral-large-2407',
  'deepseek-chat',
  'llama-3.1-8b-instant',
  'llama-3.3-70b-versatile',
];

/** What strategies see of a model: the engine's own projection of the catalog. */
export const modelInfo = engineModelInfo;

/** ModelInfos of `ids` from the bundled catalog, in the given order. */
export function candidates(ids: readonly string[] = DEFAULT_CANDIDATES): ModelInfo[] {
  const catalog = loadCatalog();
  return ids.map((id) => {
    const spec = catalog.models.find((model) => model.id === id);
    if (spec === undefined) throw new Error(`no model ${id}`);
    return modelInfo(spec);
  });
}

export const buildContext = (models: ModelInfo[] = candidates()) => ({ models, seed: 1, baseDir: '.' });

export function request(text: string, overrides: Partial<RouteRequest> = {}): RouteRequest {
  return {
    id: 'r0000001',
    index: 0,
    arrivalMs: 0,
    messages: [{ role: 'user', content: text }],
    tier: 'free',
    promptTokens: 50,
    maxTokens: 300,
    ...overrides,
  };
}

/** A scripted answer: an answer with a confidence, or an error. */
export type Scripted =
  | { ok: true; confidence?: number; selfRated?: number; latencyMs?: number }
  | { ok: false; kind?: CallErrorKind; status?: number; retryAfterMs?: number; latencyMs?: number };

export interface RecordedCall {
  model: string;
  purpose: CallPurpose;
  atMs: number;
}

export interface FakeContext extends RouteContext {
  calls: RecordedCall[];
  sleeps: number[];
  /** Move the clock (between requests). */
  advance(ms: number): void;
  draws: number;
}

/**
 * A fake context: `script(model, callNumber)` answers each call (callNumber counts every call);
 * each call takes its latency (default 100 ms) of virtual time; sleep moves the clock; random()
 * returns `randoms` in turn (then 0.5).
 */
export function fakeContext(
  script: (model: string, callNumber: number) => Scripted,
  options: { models?: ModelInfo[]; randoms?: number[]; startMs?: number } = {},
): FakeContext {
  let clock = options.startMs ?? 0;
  const randoms = [...(options.randoms ?? [])];
  const context: FakeContext = {
    calls: [],
    sleeps: [],
    draws: 0,
    models: options.models ?? candidates(),
    now: () => clock,
    advance: (ms) => {
      clock += ms;
    },
    sleep: async (ms) => {
      context.sleeps.push(ms);
      clock += ms;
    },
    random: () => {
      context.draws++;
      return randoms.shift() ?? 0.5;
    },
    call: async (model: string, callOptions?: CallOptions): Promise<CallOutcome> => {
      const number = context.calls.length;
      context.calls.push({ model, purpose: callOptions?.purpose ?? 'primary', atMs: clock });
      const answer = script(model, number);
      const latencyMs = answer.latencyMs ?? 100;
      clock += latencyMs;
      if (answer.ok) {
        return {
          ok: true,
          responseId: `${model}#${number}`,
          model,
          text: 'answer',
          usage: {
            promptTokens: 10,
            completionTokens: 10,
            cachedTokens: 0,
            cacheCreationTokens: 0,
            reasoningTokens: 0,
          },
          costUsd: 0.001,
          latencyMs,
          ttftMs: latencyMs / 2,
          logprobConfidence: answer.confidence ?? 0.9,
          selfRatedCertainty: answer.selfRated ?? 0.95,
          finishReason: 'stop',
        };
      }
      return {
        ok: false,
        model,
        kind: answer.kind ?? 'server_error',
        status: answer.status ?? 500,
        message: 'scripted',
        retryAfterMs: answer.retryAfterMs,
        latencyMs,
      };
    },
  };
  return context;
}

export const okAnswer = (confidence = 0.9): Scripted => ({ ok: true, confidence });
export const serverError = (status = 500): Scripted => ({ ok: false, kind: 'server_error', status });

/** Per-request record of the tiny sequential driver. */
export interface DrivenRequest {
  index: number;
  calls: { model: string; purpose: CallPurpose; ok: boolean; kind: string }[];
  responseId: string | undefined;
  reason: string;
}

/**
 * Route `requests` one after another against `world`: a request starts at max(arrival, when
 * the previous one finished), so world calls stay in non-decreasing time. Client timeout 60 s.
 */
export async function driveSequentially(
  strategy: Strategy,
  world: World,
  models: ModelInfo[],
  requests: RouteRequest[],
  seed = 7,
): Promise<DrivenRequest[]> {
  const results: DrivenRequest[] = [];
  let clock = 0;
  for (const routed of requests) {
    clock = Math.max(clock, routed.arrivalMs);
    const attempts = new Map<string, number>();
    const calls: DrivenRequest['calls'] = [];
    let draw = 0;
    const context: RouteContext = {
      models,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
      // A deterministic stand-in for the engine's keyed draws.
      random: () => {
        draw++;
        const x = Math.sin(seed * 12.9898 + routed.index * 78.233 + draw * 37.719) * 43758.5453;
        return Math.min(1 - 1e-12, Math.max(1e-12, x - Math.floor(x)));
      },
      call: async (model, options) => {
        const attempt = attempts.get(model) ?? 0;
        attempts.set(model, attempt + 1);
        const startMs = clock;
        const result = world.call({
          requestIndex: routed.index,
          model,
          startMs,
          attempt,
          promptTokens: routed.promptTokens,
          maxTokens: options?.maxTokens ?? routed.maxTokens,
        });
        const purpose = options?.purpose ?? 'primary';
        if (result.ok && result.call.timing.endMs - startMs <= 60_000) {
          const call = result.call;
          clock = call.timing.endMs;
          calls.push({ model, purpose, ok: true, kind: 'ok' });
          return {
            ok: true,
            responseId: call.id,
            model,
            text: call.text,
            usage: call.usage,
            costUsd: call.costUsd,
            latencyMs: call.timing.endMs - startMs,
            ttftMs: call.timing.queueMs + call.timing.ttftMs,
            logprobConfidence: call.outcome.logprobConfidence,
            selfRatedCertainty: call.outcome.selfRatedCertainty,
            finishReason: call.finishReason,
          };
        }
        const error = result.ok ? undefined : result.error;
        const timedOut = error === undefined || error.atMs - startMs > 60_000;
        clock = timedOut ? startMs + 60_000 : error.atMs;
        const kind = timedOut ? 'timeout' : error.kind;
        calls.push({ model, purpose, ok: false, kind });
        return {
          ok: false,
          model,
          kind,
          status: timedOut ? 0 : error.status,
          message: timedOut ? 'client timeout' : error.message,
          retryAfterMs: timedOut ? undefined : error.retryAfterMs,
          latencyMs: clock - startMs,
        };
      },
    };
    const result = await strategy.route(routed, context);
    results.push({ index: routed.index, calls, responseId: result.responseId, reason: result.reason });
    world.release(routed.index);
  }
  return results;
}
