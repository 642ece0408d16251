/**
 * `cascade`: call the models in order (cheapest first); accept an answer whose confidence is at
 * least `threshold`, else escalate to the next model (purpose 'escalation'). A failed call moves
 * on as a 'fallback' (metrics.md: a cascade that moves on after a 500 counts a fallback, not an
 * escalation). The last model's answer is accepted whatever its confidence; if the last model
 * fails, the most confident earlier answer is kept; if every call failed, the request fails.
 *
 * Default `models`: the cheapest candidate, the capable mid-price model and the most expensive
 * candidate (model-order.ts), deduplicated, cheapest first — three rungs, because each rung adds
 * a whole call's latency. Knob "threshold" (weak = first model, strong = last).
 */
import { z } from 'zod';
import type { RouteRequest } from '../world/types.ts';
import { blendedPrice, capable, cheapest, mostExpensive } from './model-order.ts';
import { knobLabel, modelId, parseOptions, sweepValues, unitInterval } from './options.ts';
import type {
  CallOutcome,
  CallPurpose,
  RouteContext,
  RouteResult,
  Strategy,
  StrategyFactory,
} from './types.ts';

/** Default knob sweep values of the threshold. */
export const CASCADE_SWEEP: readonly number[] = [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

export const cascade: StrategyFactory = (options, context) => {
  const schema = z.strictObject({
    /** Accept an answer whose confidence is ≥ this, in [0, 1]. @default 0.7 */
    threshold: unitInterval.default(0.7),
    /** Models in call order (kept as given). @default cheapest, capable, most expensive */
    models: z
      .array(modelId(context.models))
      .min(1)
      .refine((ids) => new Set(ids).size === ids.length, { error: 'expected distinct models' })
      .optional(),
    /** Confidence signal: logprob confidence or the model's self-rated certainty. @default "logprob" */
    confidence: z.enum(['logprob', 'self-rated']).default('logprob'),
    /** Knob sweep values. @default [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95] */
    values: sweepValues.optional(),
  });
  const parsed = parseOptions(schema, options, context);
  const models = parsed.models ?? defaultCascadeModels(context.models);
  const values = parsed.values ?? CASCADE_SWEEP;
  const selfRated = parsed.confidence === 'self-rated';
  const weak = models[0] ?? '';
  const strong = models[models.length - 1] ?? '';
  // Decision-log reasons, made once per threshold rather than per request.
  const reasons = (threshold: number): Reasons => ({
    confident: models.map((model, index) => `rung ${index + 1}: ${model} confident (≥ ${threshold})`),
    last: `rung ${models.length}: ${strong} (last rung)`,
  });
  const make = (threshold: number, name: string): Strategy => {
    const reason = reasons(threshold);
    return {
      name,
      family: 'cascade',
      knob: {
        name: 'threshold',
        values,
        weak,
        strong,
        at: (value) => make(value, knobLabel('cascade', value)),
      },
      route: (request, routeContext) =>
        runCascade(request, routeContext, models, threshold, selfRated, reason),
    };
  };
  return make(parsed.threshold, 'cascade');
};

/** Cheapest, capable, most expensive: deduplicated, ordered by blended price. */
export function defaultCascadeModels(models: Parameters<typeof cheapest>[0]): string[] {
  const rungs = [cheapest(models), capable(models), mostExpensive(models)];
  const unique = rungs.filter((model, index) => rungs.indexOf(model) === index);
  return unique.sort((a, b) => blendedPrice(a) - blendedPrice(b)).map((model) => model.id);
}

interface Reasons {
  confident: string[];
  last: string;
}

async function runCascade(
  _request: RouteRequest,
  context: RouteContext,
  models: readonly string[],
  threshold: number,
  selfRated: boolean,
  reason: Reasons,
): Promise<RouteResult> {
  let purpose: CallPurpose = 'primary';
  let best: Extract<CallOutcome, { ok: true }> | undefined;
  let bestConfidence = -1;
  let lastError: Extract<CallOutcome, { ok: false }> | undefined;
  const last = models.length - 1;
  for (let index = 0; index <= last; index++) {
    const model = models[index] ?? '';
    const outcome = await context.call(model, { purpose });
    if (!outcome.ok) {
      lastError = outcome;
      purpose = 'fallback';
      continue;
    }
    const confidence = selfRated ? outcome.selfRatedCertainty : outcome.logprobConfidence;
    if (confidence >= threshold) {
      return {
        responseId: outcome.responseId,
        reason: reason.confident[index] ?? '',
      };
    }
    if (index === last) return { responseId: outcome.responseId, reason: reason.last };
    if (confidence > bestConfidence) {
      best = outcome;
      bestConfidence = confidence;
    }
    purpose = 'escalation';
  }
  if (best !== undefined) {
    return {
      responseId: best.responseId,
      reason: `last rung failed; kept ${best.model} (most confident answer)`,
    };
  }
  const why =
    lastError === undefined ? 'no call made' : `${lastError.model} ${lastError.kind} ${lastError.status}`;
  return { responseId: undefined, reason: `every rung failed (last: ${why})` };
}
