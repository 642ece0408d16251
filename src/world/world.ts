/**
 * The provider world: answers one call at a time, purely from the seed and the sequence
 * of calls. Checks on a call, in order (each documented where it lives):
 *
 * 1. unknown model → 404 not_found;
 * 2. promptTokens > max_input_tokens → 400 context_length;
 * 3. fault windows in force for (provider, model) at startMs (admission.ts);
 * 4. RPM / TPM over a rolling minute of admitted calls → 429 (rate-limit.ts);
 * 5. capacity: FIFO queue for one of the provider's slots (capacity.ts);
 *
 * then the answer (serve.ts): latency (latency.ts), prompt cache (prompt-cache.ts), cost
 * (pricing.ts), outcome from the quality model, text (response-text.ts), ledger entry.
 * Errors are observed at startMs (a hang at Infinity) and take no slot and no budget.
 */

import type {
  AnsweredCall,
  CallError,
  CallInput,
  CallResult,
  Catalog,
  Domain,
  DomainParams,
  FaultWindow,
  HiddenLabels,
  JudgeResult,
  OutcomeSource,
  RateLimitSnapshot,
  World,
} from '../contracts/index.ts';
import { admit, type ProviderRuntime } from './admission.ts';
import { describeAnswer, visibleTokensOf } from './answer-content.ts';
import { contextLengthError, notFoundError } from './call-errors.ts';
import { createSlotPool } from './capacity.ts';
import { judgeVerdict } from './confidence.ts';
import { createFaultIndex, type FaultIndex } from './faults.ts';
import type { DrawKey } from './latency.ts';
import { createLedger } from './ledger.ts';
import { createPromptCache } from './prompt-cache.ts';
import { createQualityModel } from './quality.ts';
import { keyedInt, Stream, stringKey } from './random.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { reasoningDraws, specsBySetting } from './reasoning-call.ts';
import { recordedOutcome } from './recorded-outcome.ts';
import { responseText } from './response-text.ts';
import { type ModelRuntime, serveCall } from './serve.ts';

export interface WorldOptions {
  /** Scenario seed: keys every draw. */
  seed: number;
  /** The effective catalog (scenario overrides already applied). */
  catalog: Catalog;
  /** Quality-model parameters per domain, e.g. loadDomainParams(). */
  domains: Record<Domain, DomainParams>;
  /** Resolved fault windows, e.g. resolveFaults(...). */
  faults: FaultWindow[];
  /** Hidden labels of simulated request i; undefined = the call matches no request (ungraded). */
  hidden: (requestIndex: number) => HiddenLabels | undefined;
  /**
   * Recorded outcomes (replay): when set, a graded answer's outcome is looked up here and only
   * drawn by the quality model where nothing is recorded (see recorded-outcome.ts for how the
   * confidence signals follow the recorded score). Prices and latency still come from the world.
   * @default undefined (every outcome drawn)
   */
  outcomes?: OutcomeSource | undefined;
  /**
   * Where admission looks faults up, built from the resolved windows: `routesim serve` passes a
   * schedule it can loop and inject into (fault-schedule.ts). @default createFaultIndex(faults)
   */
  faultIndex?: ((windows: readonly FaultWindow[]) => FaultIndex) | undefined;
  /**
   * Most answers of calls that match no request (ungraded) the ledger keeps; the oldest go
   * first. A server answering unmatched traffic for hours must not remember every answer;
   * the latest stay so a judge call can still name one. @default unbounded (a run keeps all)
   */
  maxUngradedAnswers?: number | undefined;
}

/** Output tokens of a judge's answer at verbosity 1: a verdict and a one-line reason. */
export const JUDGE_OUTPUT_TOKENS = 16;

/**
 * Hidden labels assumed for a call that matches no simulated request: an average
 * chit-chat request (difficulty μ of that domain), 256 expected output tokens, no
 * cacheable prefix. Such a call is answered, billed and timed like any other and marked
 * `ungraded: true`; its draws live in their own seed space (keyedInt(seed, Stream.ungraded))
 * keyed by a counter of ungraded calls, so they never collide with a real request's.
 */
export function ungradedHidden(domains: Record<Domain, DomainParams>): HiddenLabels {
  return {
    domain: 'chit-chat',
    difficulty: domains['chit-chat'].mu,
    template: 'ungraded',
    expectedOutputTokens: 256,
    cacheablePrefixTokens: 0,
    prefixId: 0,
  };
}

/**
 * Build a world. Per-request state (sample counters, ledger entries) lives until
 * `release(requestIndex)`; provider state (slots, rate windows, caches) is bounded by
 * what is in flight or within one cache lifetime.
 */
export function createWorld(options: WorldOptions): World {
  const { seed, catalog, domains, hidden, outcomes } = options;
  const faults = [...options.faults];
  const faultIndex = (options.faultIndex ?? createFaultIndex)(faults);
  const quality = createQualityModel({ seed, domains });
  const ungradedSeed = keyedInt(seed, Stream.ungraded);
  const ungradedQuality = createQualityModel({ seed: ungradedSeed, domains });
  const defaultHidden = ungradedHidden(domains);
  const ledger = createLedger({ maxUngraded: options.maxUngradedAnswers });

  const providers = new Map<string, ProviderRuntime>();
  for (const [key, spec] of Object.entries(catalog.providers)) {
    providers.set(key, {
      key,
      spec,
      slots: createSlotPool(spec.capacity),
      cache: createPromptCache({ ttlMs: spec.cacheTtlMs, minTokens: spec.cacheMinTokens }),
    });
  }
  const models = new Map<string, ModelRuntime>();
  const keysSeen = new Map<number, string>();
  for (const spec of catalog.models) {
    const provider = providers.get(spec.provider);
    if (provider === undefined) throw new Error(`model ${spec.id} names unknown provider ${spec.provider}`);
    const key = stringKey(spec.id);
    const clash = keysSeen.get(key);
    if (clash !== undefined && clash !== spec.id) {
      throw new Error(`model ids ${clash} and ${spec.id} hash to the same key; rename one`);
    }
    keysSeen.set(key, spec.id);
    if (!models.has(spec.id)) {
      models.set(spec.id, { spec, key, keyHex: key.toString(16).padStart(8, '0'), provider });
    }
  }
  /** Rate limiters per billing key (CallInput.provider, default the model's provider). */
  const limiters = new Map<string, RateLimiter>();
  function limiterFor(billingKey: string, fallback: ProviderRuntime): RateLimiter {
    let limiter = limiters.get(billingKey);
    if (limiter === undefined) {
      const spec = providers.get(billingKey)?.spec ?? fallback.spec;
      limiter = createRateLimiter({ rpm: spec.rpm, tpm: spec.tpm });
      limiters.set(billingKey, limiter);
    }
    return limiter;
  }

  /** Answered calls per request and model: the next answer's sample number. */
  const samples = new Map<number, number[]>();
  /** Answered judgings per request, keyed "<judged response id>|<judge model>". */
  const judgings = new Map<number, Map<string, number>>();
  let ungradedCalls = 0;
  let lastStartMs = Number.NEGATIVE_INFINITY;

  /**
   * Answered calls of one request to one model: the request's [model key, count, …] pairs (a
   * request calls a few models; a Map per request cost an allocation and hashing on every call).
   */
  function sampleOf(request: number, modelKey: number): number {
    const pairs = samples.get(request);
    if (pairs === undefined) return 0;
    for (let at = 0; at < pairs.length; at += 2) if (pairs[at] === modelKey) return pairs[at + 1]!;
    return 0;
  }
  function countSample(request: number, modelKey: number): void {
    const pairs = samples.get(request);
    if (pairs === undefined) {
      samples.set(request, [modelKey, 1]);
      return;
    }
    for (let at = 0; at < pairs.length; at += 2) {
      if (pairs[at] === modelKey) {
        pairs[at + 1]!++;
        return;
      }
    }
    pairs.push(modelKey, 1);
  }

  function counter(table: Map<number, Map<string, number>>, request: number, key: string): number {
    return table.get(request)?.get(key) ?? 0;
  }
  function increment(table: Map<number, Map<string, number>>, request: number, key: string): void {
    let inner = table.get(request);
    if (inner === undefined) {
      inner = new Map();
      table.set(request, inner);
    }
    inner.set(key, (inner.get(key) ?? 0) + 1);
  }

  /** Checks 2–4 (context length, faults, rate limits): an error, or the admission. */
  function check(
    input: CallInput,
    key: DrawKey,
    model: ModelRuntime,
  ): { error: CallError } | { slowFactor: number; snapshot: RateLimitSnapshot } {
    if (input.promptTokens > model.spec.max_input_tokens) {
      return { error: contextLengthError(model.spec.max_input_tokens, input.promptTokens, input.startMs) };
    }
    const limiter = limiterFor(input.provider ?? model.spec.provider, model.provider);
    return admit(input, key, model.spec, model.provider, faultIndex, limiter);
  }

  function enter(input: CallInput): ModelRuntime | CallError {
    if (!(input.startMs >= lastStartMs)) {
      throw new Error(
        `world calls must arrive in non-decreasing startMs: got ${input.startMs} after ${lastStartMs}`,
      );
    }
    lastStartMs = input.startMs;
    return models.get(input.model) ?? notFoundError(input.model, input.startMs);
  }

  const reasoningFor = reasoningDraws(domains);
  const specAt = specsBySetting();

  function call(input: CallInput): CallResult {
    const model = enter(input);
    if (!('spec' in model)) return { ok: false, error: model };
    const requestIndex = input.requestIndex;
    const labels = requestIndex === undefined ? undefined : hidden(requestIndex);
    const graded = requestIndex !== undefined && labels !== undefined;
    const number = graded ? 0 : ungradedCalls++;
    const key: DrawKey = graded
      ? { seed, request: requestIndex, model: model.key }
      : { seed: ungradedSeed, request: number, model: model.key };
    const admission = check(input, key, model);
    if ('error' in admission) return { ok: false, error: admission.error };
    const sample = graded ? sampleOf(requestIndex, model.key) : 0;
    const answerLabels = labels ?? defaultHidden;
    const answering = specAt(model.spec, input.reasoning);
    const answered = serveCall(
      input,
      key,
      model,
      answerLabels,
      sample,
      admission,
      reasoningFor(model.spec, input.reasoning, answerLabels, key, sample),
    );
    let outcome = graded
      ? quality.outcome(requestIndex, labels, answering, sample)
      : ungradedQuality.outcome(number, defaultHidden, answering, 0);
    const recorded = graded ? outcomes?.score(requestIndex, model.spec.id, sample) : undefined;
    if (graded && recorded !== undefined) {
      outcome = recordedOutcome(outcome, recorded, {
        seed,
        requestIndex,
        modelKey: model.key,
        sample,
        model: model.spec,
        params: domains[labels.domain],
      });
    }
    const visibleTokens = visibleTokensOf(answered);
    describeAnswer(
      answered,
      graded ? `rs-${requestIndex}-${model.keyHex}-${sample}` : `rs-u-${number}`,
      outcome,
      visibleTokens === 0
        ? undefined
        : responseText({
            seed: key.seed,
            request: key.request,
            answerId: outcome.answerId,
            completionTokens: visibleTokens,
          }),
      !graded,
    );
    if (graded) countSample(requestIndex, model.key);
    ledger.add(answered);
    return { ok: true, call: answered };
  }

  /**
   * A judge call: `input.model` reads the request prompt plus the judged answer
   * (promptTokens = input.promptTokens + answer's completion tokens) and answers briefly
   * (JUDGE_OUTPUT_TOKENS at verbosity 1). It passes the same checks and is queued, timed and
   * billed like any call. Its draws are keyed by (request, judge model, attempt) in a seed
   * space of its own per judged answer (keyedInt(seed, Stream.judge, answer model key,
   * answer sample)), so judging never shares latency draws with answering. The verdict is
   * judgeVerdict(...) with attempt = the number of earlier answered judgings of this answer
   * by this judge (a transport retry is not a new judgement). The judge's AnsweredCall has
   * `judgeOf` = the judged id, an outcome that grades the verdict (correct ⇔ the verdict
   * matches the truth; answerId 0 right verdict, 1 wrong) and text "Verdict: correct." or
   * "Verdict: incorrect.". Judging an ungraded answer is itself an ungraded call.
   */
  function judge(input: CallInput, answer: AnsweredCall, epsilon: number): JudgeResult {
    if (input.requestIndex !== answer.requestIndex) {
      throw new Error(
        `judge call for request ${input.requestIndex} cannot judge ${answer.id} of request ${answer.requestIndex}`,
      );
    }
    const model = enter(input);
    if (!('spec' in model)) return { ok: false, error: model };
    const judgeInput: CallInput = {
      ...input,
      promptTokens: input.promptTokens + answer.usage.completionTokens,
    };
    const requestIndex = answer.requestIndex;
    const labels = requestIndex === undefined || answer.ungraded ? undefined : hidden(requestIndex);
    const graded = requestIndex !== undefined && labels !== undefined;
    const number = graded ? 0 : ungradedCalls++;
    const judgingKey = `${answer.id}|${model.spec.id}`;
    const judging = graded ? counter(judgings, requestIndex, judgingKey) : 0;
    const key: DrawKey = graded
      ? {
          seed: keyedInt(seed, Stream.judge, stringKey(answer.model), answer.sample),
          request: requestIndex,
          model: model.key,
        }
      : { seed: ungradedSeed, request: number, model: model.key };
    const admission = check(judgeInput, key, model);
    if ('error' in admission) return { ok: false, error: admission.error };

    const verdict = judgeVerdict({
      seed,
      requestIndex: graded ? requestIndex : -1 - number,
      judgeModel: model.spec.id,
      answerModel: answer.model,
      sample: answer.sample,
      correct: answer.outcome.correct,
      epsilon,
      attempt: judging,
    });
    const right = verdict === answer.outcome.correct;
    const judgeLabels: HiddenLabels = {
      ...(labels ?? defaultHidden),
      expectedOutputTokens: JUDGE_OUTPUT_TOKENS,
    };
    const answered = serveCall(
      judgeInput,
      key,
      model,
      judgeLabels,
      judging,
      admission,
      // A reasoning judge thinks about the request as it would to answer it (same domain and
      // difficulty), drawn in the judge's own seed space, keyed by the judging number.
      reasoningFor(model.spec, input.reasoning, judgeLabels, key, judging),
    );
    describeAnswer(
      answered,
      graded ? `rj-${answer.id}-${model.keyHex}-${judging}` : `rj-u-${number}`,
      {
        margin: right ? 1 : -1,
        correct: right,
        score: right ? 1 : 0,
        answerId: right ? 0 : 1,
        logprobConfidence: 1 - epsilon,
        selfRatedCertainty: 1 - epsilon,
      },
      verdict ? 'Verdict: correct.' : 'Verdict: incorrect.',
      !graded,
    );
    answered.judgeOf = answer.id;
    if (graded) increment(judgings, requestIndex, judgingKey);
    ledger.add(answered);
    return { ok: true, call: answered, verdict };
  }

  return {
    seed,
    catalog,
    ledger,
    faults,
    model: (id) => models.get(id)?.spec,
    call,
    judge,
    release(requestIndex) {
      samples.delete(requestIndex);
      judgings.delete(requestIndex);
      ledger.forgetRequest(requestIndex);
    },
  };
}
