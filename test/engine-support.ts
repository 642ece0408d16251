/**
 * Fakes for the engine tests: a request stream from hand-picked arrival times and a scripted
 * world whose answers take hand-picked times, with a real ledger so grading is exercised.
 * Not a test file itself (no .test.ts).
 */

import type {
  AnsweredCall,
  CallErrorKind,
  CallInput,
  CallResult,
  GeneratedRequest,
  World,
} from '../src/contracts/index.ts';
import type { ModelInfo, Strategy } from '../src/strategies/types.ts';
import type { RequestStream } from '../src/traffic/index.ts';
import { createLedger } from '../src/world/ledger.ts';
import { fakeCatalog } from './mock-support-fake-world.ts';

export function fakeStream(arrivals: readonly number[], promptTokens = 10): RequestStream {
  const times = Float64Array.from(arrivals);
  const get = (index: number): GeneratedRequest => {
    if (index < 0 || index >= times.length) throw new RangeError(`no request ${index}`);
    return {
      request: {
        id: `r${index}`,
        index,
        arrivalMs: times[index]!,
        messages: [{ role: 'user', content: `question ${index}` }],
        tier: index % 2 === 0 ? 'free' : 'pro',
        promptTokens,
        maxTokens: 100,
      },
      hidden: {
        domain: 'math',
        difficulty: 0,
        template: 't',
        expectedOutputTokens: 50,
        cacheablePrefixTokens: 0,
        prefixId: 0,
      },
    };
  };
  return {
    count: times.length,
    arrivals: times,
    get,
    *[Symbol.iterator]() {
      for (let index = 0; index < times.length; index++) yield get(index);
    },
  };
}

/** What the scripted world does with one call. */
export type Scripted =
  | { ok: true; latencyMs: number; ttftMs?: number; score?: number; costUsd?: number; judgeOf?: string }
  | { ok: false; kind: CallErrorKind; afterMs?: number; status?: number; retryAfterMs?: number }
  | { hang: true };

export interface ScriptedWorld extends World {
  inputs: CallInput[];
  released: number[];
}

/** Answer ids are `<model>/<request>/<attempt>`; cost defaults to 0.001 USD per answer. */
export function scriptedWorld(script: (input: CallInput, n: number) => Scripted, seed = 7): ScriptedWorld {
  const inputs: CallInput[] = [];
  const released: number[] = [];
  const ledger = createLedger();
  return {
    seed,
    catalog: fakeCatalog,
    ledger,
    inputs,
    released,
    faults: [],
    model: () => undefined,
    call(input): CallResult {
      inputs.push(input);
      const step = script(input, inputs.length - 1);
      if ('hang' in step) {
        return {
          ok: false,
          error: { kind: 'timeout', status: 0, message: 'hang', atMs: Number.POSITIVE_INFINITY },
        };
      }
      if (!step.ok) {
        return {
          ok: false,
          error: {
            kind: step.kind,
            status: step.status ?? (step.kind === 'rate_limit' ? 429 : 500),
            message: step.kind,
            atMs: input.startMs + (step.afterMs ?? 0),
            ...(step.retryAfterMs === undefined ? {} : { retryAfterMs: step.retryAfterMs }),
          },
        };
      }
      const ttft = step.ttftMs ?? Math.min(step.latencyMs, 100);
      const call: AnsweredCall = {
        id: `${input.model}/${input.requestIndex}/${input.attempt}`,
        requestIndex: input.requestIndex,
        model: input.model,
        provider: 'openai',
        sample: input.attempt,
        outcome: {
          margin: 1,
          correct: (step.score ?? 1) > 0.5,
          score: step.score ?? 1,
          answerId: 0,
          logprobConfidence: 0.8,
          selfRatedCertainty: 0.9,
        },
        text: 'answer',
        usage: {
          promptTokens: input.promptTokens,
          completionTokens: 5,
          cachedTokens: 0,
          cacheCreationTokens: 0,
          reasoningTokens: 0,
        },
        costUsd: step.costUsd ?? 0.001,
        timing: {
          startMs: input.startMs,
          queueMs: 0,
          ttftMs: ttft,
          decodeMs: step.latencyMs - ttft,
          endMs: input.startMs + step.latencyMs,
        },
        finishReason: 'stop',
        rateLimit: {
          limitRequests: 1,
          remainingRequests: 1,
          resetRequestsMs: 0,
          limitTokens: 1,
          remainingTokens: 1,
          resetTokensMs: 0,
        },
        ungraded: false,
        ...(step.judgeOf === undefined ? {} : { judgeOf: step.judgeOf }),
      };
      ledger.add(call);
      return { ok: true, call };
    },
    judge: () => {
      throw new Error('not used');
    },
    release(requestIndex) {
      released.push(requestIndex);
      ledger.forgetRequest(requestIndex);
    },
  };
}

export function modelInfo(id: string, inputCostPerToken = 1e-6): ModelInfo {
  return {
    id,
    provider: 'openai',
    inputCostPerToken,
    outputCostPerToken: 2 * inputCostPerToken,
    cacheReadCostPerToken: undefined,
    maxInputTokens: 1000,
    maxOutputTokens: 500,
    ttftMedianMs: 100,
    decodeTokensPerSecond: 50,
    typicalReasoningTokens: 0,
    benchmarks: {},
  };
}

export const TEST_MODELS: ModelInfo[] = [
  modelInfo('cheap', 1e-7),
  modelInfo('mid', 1e-6),
  modelInfo('strong', 1e-5),
];

/** A strategy that sends every request to one model and returns its answer. */
export function always(model: string): Strategy {
  return {
    name: `always-${model}`,
    family: 'baseline',
    async route(_request, context) {
      const outcome = await context.call(model);
      return { responseId: outcome.ok ? outcome.responseId : undefined, reason: `always ${model}` };
    },
  };
}
