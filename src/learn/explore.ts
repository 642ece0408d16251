/**
 * The exploration log: for a keyed sample of requests, call EVERY candidate once at arrival and
 * record every outcome. A normal decision log shows only the chosen model's outcome, and a
 * router trained on it learns only what the old router already chose; fitting P(good | request)
 * for each model needs each model's outcome on the same requests.
 *
 * What a row holds is what a production team could log: the request as sent, and per model the
 * graded score (in production: a judge's or user's verdict), cost, latency and whether the call
 * succeeded. The one generator label kept is `template`, the provenance of the request (which
 * task template the generator used). It is never a feature: train.ts uses it only to hold whole
 * templates out of training, so the router is measured on kinds of request it never saw — the
 * same role a "collected in a different month / product" split plays with real logs.
 */

import type { ChatMessage, GeneratedRequest, World } from '../contracts/index.ts';
import { DEFAULT_CLIENT_TIMEOUT_MS } from '../engine/run-unit.ts';
import { sentMaxTokens } from '../engine/sent-max-tokens.ts';
import { keyedUniform, stringKey } from '../world/random.ts';

export interface ExploreOutcome {
  /** Score of the answer in [0, 1]; null when the call failed. */
  score: number | null;
  costUsd: number;
  /** Call start (= arrival) to last token, or to the error, ms. */
  latencyMs: number;
  ok: boolean;
  /** Error kind of a failed call. */
  error?: string;
}

export interface ExploreRow {
  requestId: string;
  arrivalMs: number;
  tier: string;
  messages: ChatMessage[];
  promptTokens: number;
  /** Generator template id: for held-out splits only, never a feature. */
  template: string;
  outcomes: Record<string, ExploreOutcome>;
}

/** The request stream as exploreRows needs it (a RequestStream fits). */
export interface ExploreStream {
  count: number;
  get(index: number): GeneratedRequest;
}

export interface ExploreOptions {
  stream: ExploreStream;
  /** A fresh world for this pass (faults as in the scenario); it is called in arrival order. */
  world: World;
  /** Candidate model ids (or ModelInfo-like objects), each called once per sampled request. */
  models: readonly (string | { readonly id: string })[];
  /** Share of requests sampled, in [0, 1]. */
  share: number;
  /** Keys the sample. @default the world's seed */
  seed?: number;
  /** Only requests this accepts are sampled (e.g. held-out templates for an evaluation). */
  include?: (generated: GeneratedRequest) => boolean;
  /** Latency recorded for a call that hangs, ms. @default 600000 (the official clients' default) */
  clientTimeoutMs?: number;
}

const EXPLORE_STREAM = stringKey('learn-explore');

/** Is request `index` in the exploration sample of `share` under `seed`? */
export function isExplored(seed: number, index: number, share: number): boolean {
  return keyedUniform(seed, EXPLORE_STREAM, index) < share;
}

/** Rows of the exploration log, generated lazily in arrival order (bounded memory). */
export function* exploreRows(options: ExploreOptions): Generator<ExploreRow> {
  const { stream, world, share } = options;
  if (!(share >= 0 && share <= 1)) throw new RangeError(`share must be in [0, 1], got ${share}`);
  const seed = options.seed ?? world.seed;
  const timeout = options.clientTimeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS;
  const models = options.models.map((model) => (typeof model === 'string' ? model : model.id));
  for (let index = 0; index < stream.count; index++) {
    if (!isExplored(seed, index, share)) continue;
    const generated = stream.get(index);
    if (options.include !== undefined && !options.include(generated)) continue;
    const { request, hidden } = generated;
    const outcomes: Record<string, ExploreOutcome> = {};
    for (const model of models) {
      const result = world.call({
        requestIndex: index,
        model,
        startMs: request.arrivalMs,
        attempt: 0,
        promptTokens: request.promptTokens,
        // As both engines send it: the answer's limit plus a reasoning model's headroom.
        maxTokens: sentMaxTokens(world, model, request.maxTokens),
      });
      outcomes[model] = result.ok
        ? {
            score: result.call.outcome.score,
            costUsd: result.call.costUsd,
            latencyMs: result.call.timing.endMs - request.arrivalMs,
            ok: true,
          }
        : {
            score: null,
            costUsd: 0,
            latencyMs: Number.isFinite(result.error.atMs)
              ? Math.min(timeout, result.error.atMs - request.arrivalMs)
              : timeout,
            ok: false,
            error: result.error.kind,
          };
    }
    world.release(index);
    yield {
      requestId: request.id,
      arrivalMs: request.arrivalMs,
      tier: request.tier,
      messages: request.messages,
      promptTokens: request.promptTokens,
      template: hidden.template,
      outcomes,
    };
  }
}
