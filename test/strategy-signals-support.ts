/**
 * Support for the cascade-signal, hedge, shadow and context-fit tests (not a test file):
 * - a CONCURRENT fake RouteContext: calls and sleeps resolve in virtual-time order, so races
 *   (hedges, parallel samples) can be checked at exact times;
 * - the default scenario's stream and a world that records every answered call (AnsweredCall,
 *   incl. hidden outcomes and judge verdicts) before the engine releases the request.
 */

import type { AnsweredCall, World } from '../src/contracts/index.ts';
import { modelInfos } from '../src/engine/model-info.ts';
import { runUnit } from '../src/engine/run-unit.ts';
import type { DecisionRecord, RunResult } from '../src/engine/types.ts';
import { headOfStream } from '../src/run/judge-epsilon.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import type {
  CallOptions,
  CallOutcome,
  CallPurpose,
  ModelInfo,
  RouteContext,
  Strategy,
} from '../src/strategies/types.ts';
import { type RequestStream, requestStreamFromScenario } from '../src/traffic/index.ts';
import { loadCatalog } from '../src/world/catalog.ts';

export const scenario = loadScenarioFile(
  new URL('../scenarios/assistant-day.yaml', import.meta.url).pathname,
);
export const catalog = loadCatalog();
export const fullStream = requestStreamFromScenario(scenario);
export const scenarioModels = modelInfos(catalog, scenario.models);
export const buildContext = { models: scenarioModels, seed: scenario.seed, baseDir: '.' };

/** A fresh world of the default scenario whose answered calls are also kept in `answers`. */
export function recordingWorld(
  stream: RequestStream = fullStream,
): World & { answers: Map<string, AnsweredCall> } {
  const world = worldFromScenario(scenario, catalog, (index) => stream.get(index).hidden);
  const answers = new Map<string, AnsweredCall>();
  return {
    ...world,
    answers,
    call(input) {
      const result = world.call(input);
      if (result.ok) answers.set(result.call.id, result.call);
      return result;
    },
    judge(input, answer, epsilon) {
      const result = world.judge(input, answer, epsilon);
      if (result.ok) answers.set(result.call.id, result.call);
      return result;
    },
  };
}

/** Run `strategy` through the engine over the first `count` requests; decisions kept. */
export async function runHead(
  strategy: Strategy,
  count: number,
  stream: RequestStream = fullStream,
): Promise<{ result: RunResult; decisions: DecisionRecord[]; world: ReturnType<typeof recordingWorld> }> {
  const head = headOfStream(stream, count);
  const world = recordingWorld(stream);
  const decisions: DecisionRecord[] = [];
  const result = await runUnit({
    stream: head,
    world,
    strategy,
    models: scenarioModels,
    onDecision: (record) => decisions.push(record),
  });
  return { result, decisions, world };
}

/** What a concurrent fake call answers: after `latencyMs`, an answer (text, confidences) or an error. */
export interface FakeAnswer {
  latencyMs: number;
  ok?: boolean;
  text?: string;
  confidence?: number;
  costUsd?: number;
}

export interface ConcurrentCall {
  model: string;
  purpose: CallPurpose;
  startMs: number;
  endMs: number;
}

/**
 * A fake context with a virtual clock and an event list: each call resolves `latencyMs` after it
 * was made, each sleep after its wait; `run(route)` drives them in time order (ties: issue order).
 */
export function concurrentContext(script: (model: string, n: number) => FakeAnswer, models: ModelInfo[]) {
  let clock = 0;
  let seq = 0;
  const events: { atMs: number; seq: number; fire: () => void }[] = [];
  const calls: ConcurrentCall[] = [];
  const schedule = (atMs: number, fire: () => void) => events.push({ atMs, seq: seq++, fire });
  const context: RouteContext = {
    models,
    now: () => clock,
    random: () => 0.5,
    sleep: (ms) => new Promise<void>((resolve) => schedule(clock + ms, resolve)),
    call: (model: string, options?: CallOptions) => {
      const n = calls.length;
      const answer = script(model, n);
      const startMs = clock;
      calls.push({
        model,
        purpose: options?.purpose ?? 'primary',
        startMs,
        endMs: startMs + answer.latencyMs,
      });
      return new Promise<CallOutcome>((resolve) =>
        schedule(startMs + answer.latencyMs, () =>
          resolve(
            answer.ok === false
              ? {
                  ok: false,
                  model,
                  kind: 'server_error',
                  status: 500,
                  message: 'fake',
                  retryAfterMs: undefined,
                  latencyMs: answer.latencyMs,
                }
              : {
                  ok: true,
                  responseId: `${model}#${n}`,
                  model,
                  text: answer.text ?? 'Final answer: aaaa.',
                  usage: {
                    promptTokens: 10,
                    completionTokens: 10,
                    cachedTokens: 0,
                    cacheCreationTokens: 0,
                    reasoningTokens: 0,
                  },
                  costUsd: answer.costUsd ?? 0.001,
                  latencyMs: answer.latencyMs,
                  ttftMs: answer.latencyMs / 2,
                  logprobConfidence: answer.confidence ?? 0.9,
                  selfRatedCertainty: 0.9,
                  finishReason: 'stop',
                },
          ),
        ),
      );
    },
  };
  /** Route to completion; returns the result and the virtual time it settled. */
  async function run<T>(route: (context: RouteContext) => Promise<T>): Promise<{ value: T; atMs: number }> {
    let done = false;
    let value: T | undefined;
    let atMs = 0;
    let failure: unknown;
    let failed = false;
    route(context).then(
      (result) => {
        done = true;
        value = result;
        atMs = clock;
      },
      (error: unknown) => {
        failed = true;
        failure = error;
      },
    );
    for (;;) {
      for (let turn = 0; turn < 50; turn++) await undefined;
      if (done) break;
      if (failed) throw failure;
      events.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
      const next = events.shift();
      if (next === undefined) throw new Error('stalled: nothing scheduled and the route has not settled');
      clock = next.atMs;
      next.fire();
    }
    return { value: value as T, atMs };
  }
  return { context, calls, run, pending: () => events.length };
}
