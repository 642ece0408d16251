/**
 * `cascade`: call the models in order (cheapest first); accept an answer whose confidence is at
 * least `threshold`, else escalate to the next model (purpose 'escalation'). A failed call moves
 * on as a 'fallback' (metrics.md: a cascade that moves on after a 500 counts a fallback, not an
 * escalation). The last model's answer is accepted whatever its confidence (and is not sampled
 * or judged: nothing would change); if the last model fails, the most confident earlier answer
 * is kept; if every call failed, the request fails.
 *
 * Confidence (`confidence`, confidence-signals.ts): "logprob" (default), "self-rated",
 * "self-consistency" (`samples` answers per rung, agreement ≥ threshold; the extra samples are
 * billed with purpose 'sample') or "judge" (a `judgeModel` is asked whether the answer is right,
 * its verdict flipped with probability `epsilon`; accepted on a positive verdict; judge calls
 * are billed with purpose 'judge'). A judge cascade has no threshold and no knob: its
 * cost–quality trade-off is set by the judge's ε (see src/run/judge-epsilon.ts).
 *
 * Context window: rungs whose input window is too small for the prompt are skipped before any
 * call (context-fit.ts); when no rung has room, the strongest candidate with room is called.
 *
 * Default `models`: the cheapest candidate, the capable mid-price model and the STRONGEST
 * candidate (model-order.ts: leaderboard standing, the model always-strongest picks), deduplicated
 * — three rungs, because each rung adds a whole call's latency. The chain ends at the strongest
 * because a cascade escalates to buy quality: ending at the most expensive model instead (as it
 * once did: claude-sonnet-4, weaker than the capable o3-mini before it) made quality FALL as the
 * threshold rose. The capable rung is dropped when it costs at least as much as the strongest
 * (escalating from it would buy quality for less). Knob "threshold" (weak = first model, strong =
 * last: with the default chain, the cheapest and the strongest, as metrics.md asks).
 */
import { z } from 'zod';
import { DEFAULT_JUDGE_EPSILON, type RouteRequest } from '../contracts/index.ts';
import { InputError, type InputIssue } from '../errors.ts';
import {
  type AnsweredOutcome,
  defaultJudgeModel,
  type FailedOutcome,
  runRung,
  type SignalSettings,
} from './confidence-signals.ts';
import { contextNote, fitContext, hasRoom } from './context-fit.ts';
import { blendedPrice, capable, cheapest, knobStrong } from './model-order.ts';
import { DEFAULT_FILE, knobLabel, modelId, parseOptions, sweepValues, unitInterval } from './options.ts';
import type {
  CallPurpose,
  ModelInfo,
  RouteContext,
  RouteResult,
  Strategy,
  StrategyFactory,
} from './types.ts';

/** Default knob sweep values of the threshold. */
export const CASCADE_SWEEP: readonly number[] = [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
/** Samples per rung of a self-consistency cascade. */
export const DEFAULT_SAMPLES = 5;

/** Options that apply to one signal only: given with another signal, they are input errors. */
const SIGNAL_ONLY: Record<string, readonly string[]> = {
  samples: ['self-consistency'],
  judgeModel: ['judge'],
  epsilon: ['judge'],
  threshold: ['logprob', 'self-rated', 'self-consistency'],
  values: ['logprob', 'self-rated', 'self-consistency'],
};

export const cascade: StrategyFactory = (options, context) => {
  const schema = z.strictObject({
    /** Accept an answer whose confidence (agreement, for self-consistency) is ≥ this, in [0, 1]. @default 0.7 */
    threshold: unitInterval.default(0.7),
    /** Models in call order (kept as given). @default cheapest, capable, strongest (see the file comment) */
    models: z
      .array(modelId(context.models))
      .min(1)
      .refine((ids) => new Set(ids).size === ids.length, { error: 'expected distinct models' })
      .optional(),
    /** Confidence signal. @default "logprob" */
    confidence: z.enum(['logprob', 'self-rated', 'self-consistency', 'judge']).default('logprob'),
    /** Knob sweep values. @default [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95] */
    values: sweepValues.optional(),
    /** Answers per rung for self-consistency, 2–20. @default 5 */
    samples: z.number().int().min(2).max(20).default(DEFAULT_SAMPLES),
    /** Judge model. @default the cheapest candidate within 0.05 of the best leaderboard standing */
    judgeModel: modelId(context.models).optional(),
    /** Judge flip probability ε, [0, 1]. @default 0.15 (MT-Bench non-tie agreement 85%, DEFAULT_JUDGE_EPSILON in contracts/world.ts) */
    epsilon: unitInterval.default(DEFAULT_JUDGE_EPSILON),
  });
  const parsed = parseOptions(schema, options, context);
  const issues: InputIssue[] = [];
  for (const [key, signals] of Object.entries(SIGNAL_ONLY)) {
    if (options[key] !== undefined && !signals.includes(parsed.confidence)) {
      issues.push({
        path: [key],
        message: `"${key}" applies only to confidence ${signals.join(' or ')}, not "${parsed.confidence}"`,
      });
    }
  }
  if (issues.length > 0) throw new InputError(context.file ?? DEFAULT_FILE, issues);
  const models = parsed.models ?? defaultCascadeModels(context.models, context.referenceModel);
  const values = parsed.values ?? CASCADE_SWEEP;
  const settings: SignalSettings = {
    signal: parsed.confidence,
    samples: parsed.samples,
    judgeModel: parsed.judgeModel ?? defaultJudgeModel(context.models, blendedPrice),
    epsilon: parsed.epsilon,
  };
  const weak = models[0] ?? '';
  const strong = models[models.length - 1] ?? '';
  const rungs = createRungs(models, context.models);
  const make = (threshold: number, name: string): Strategy => {
    const strategy: Strategy = {
      name,
      family: 'cascade',
      route: (request, routeContext) => runCascade(request, routeContext, rungs, threshold, settings),
    };
    if (settings.signal === 'judge') return strategy;
    return {
      ...strategy,
      knob: {
        name: 'threshold',
        values,
        weak,
        strong,
        at: (value) => make(value, knobLabel('cascade', value)),
      },
    };
  };
  // A judge's verdict is 0 or 1: accept on a positive verdict (threshold 1 ≡ any threshold in (0, 1]).
  return make(settings.signal === 'judge' ? 1 : parsed.threshold, 'cascade');
};

/**
 * Cheapest → capable → strongest (the reference model when it is a candidate), deduplicated. The capable rung stays only when it is cheaper
 * than the strongest (a pricier, weaker middle rung would cost more than the last one and answer
 * worse); the cheapest rung stays first even when it is also the strongest (then it is the only one).
 */
export function defaultCascadeModels(models: readonly ModelInfo[], referenceModel?: string): string[] {
  const first = cheapest(models);
  const middle = capable(models);
  const last = knobStrong(models, referenceModel);
  const rungs = [first];
  if (middle !== first && middle !== last && blendedPrice(middle) < blendedPrice(last)) rungs.push(middle);
  if (last !== first) rungs.push(last);
  return rungs.map((model) => model.id);
}

/** The rung list and, per prompt length, the rungs with room (the full list on the fast path). */
interface Rungs {
  models: readonly string[];
  /** Smallest input window among the rungs: prompts up to it fit every rung. */
  smallestWindow: number;
  infos: readonly (ModelInfo | undefined)[];
  candidates: readonly ModelInfo[];
}

function createRungs(models: readonly string[], candidates: readonly ModelInfo[]): Rungs {
  const infos = models.map((id) => candidates.find((model) => model.id === id));
  const smallestWindow = Math.min(...infos.map((info) => info?.maxInputTokens ?? Infinity));
  return { models, smallestWindow, infos, candidates };
}

/** Rungs to call for `request`, and a note when some were skipped for want of room. */
function rungsFor(request: RouteRequest, rungs: Rungs): { models: readonly string[]; note: string } {
  if (request.promptTokens <= rungs.smallestWindow) return { models: rungs.models, note: '' };
  const roomy = rungs.models.filter((_, index) => {
    const info = rungs.infos[index];
    return info === undefined || hasRoom(info, request.promptTokens);
  });
  const skipped = rungs.models.filter((model) => !roomy.includes(model));
  if (roomy.length > 0) return { models: roomy, note: `context: ${skipped.join(', ')} too small; skipped` };
  const last = rungs.models[rungs.models.length - 1] ?? '';
  const fit = fitContext(request, last, rungs.candidates);
  return { models: [fit.model], note: fit.note === '' ? '' : contextNote(skipped.join(', '), fit.model) };
}

async function runCascade(
  request: RouteRequest,
  context: RouteContext,
  rungs: Rungs,
  threshold: number,
  settings: SignalSettings,
): Promise<RouteResult> {
  const { models, note } = rungsFor(request, rungs);
  const tail = note === '' ? '' : ` (${note})`;
  let purpose: CallPurpose = 'primary';
  let best: AnsweredOutcome | undefined;
  let bestConfidence = -1;
  let lastError: FailedOutcome | undefined;
  const last = models.length - 1;
  for (let index = 0; index <= last; index++) {
    const model = models[index] ?? '';
    // The last rung's answer is kept whatever its confidence: one plain call.
    const rung =
      index === last
        ? await runRung(context, model, purpose, { ...settings, signal: 'logprob' })
        : await runRung(context, model, purpose, settings);
    const answer = rung.answer;
    if (answer === undefined) {
      lastError = rung.error;
      purpose = 'fallback';
      continue;
    }
    if (index === last)
      return { responseId: answer.responseId, reason: `rung ${index + 1}: ${model} (last rung)${tail}` };
    if (rung.confidence >= threshold) {
      const why = rung.note === '' ? `≥ ${threshold}` : `${rung.note}, ≥ ${threshold}`;
      return {
        responseId: answer.responseId,
        reason: `rung ${index + 1}: ${model} confident (${why})${tail}`,
      };
    }
    if (rung.confidence > bestConfidence) {
      best = answer;
      bestConfidence = rung.confidence;
    }
    purpose = 'escalation';
  }
  if (best !== undefined) {
    return {
      responseId: best.responseId,
      reason: `last rung failed; kept ${best.model} (most confident answer)${tail}`,
    };
  }
  const why =
    lastError === undefined ? 'no call made' : `${lastError.model} ${lastError.kind} ${lastError.status}`;
  return { responseId: undefined, reason: `every rung failed (last: ${why})${tail}` };
}
