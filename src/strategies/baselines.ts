/**
 * Baselines: one model for everything (`always-cheapest`, `always-strongest`, `always-<model>`),
 * the `random` router (the APGR ≈ 0.5 reference) and the oracle marker. A baseline makes one
 * call and never retries: faults show as failures, which is what a baseline is for.
 */
import { z } from 'zod';
import type { RouteRequest } from '../contracts/index.ts';
import { RoutesimError } from '../errors.ts';
import { fitContext, withFitNote } from './context-fit.ts';
import { cheapest, knobStrong, strongest } from './model-order.ts';
import { knobLabel, modelId, parseOptions, sweepValues, tenthSteps, unitInterval } from './options.ts';
import type { RouteContext, RouteResult, Strategy, StrategyBuildContext, StrategyFactory } from './types.ts';

/**
 * Call `model` once (or, when the prompt is too long for it, the cheapest model with room that
 * is at least as strong: context-fit.ts); the answer or the failure is the result.
 */
async function callOnce(
  request: RouteRequest,
  model: string,
  givenReason: string,
  context: RouteContext,
): Promise<RouteResult> {
  const fit = fitContext(request, model, context.models);
  const reason = withFitNote(givenReason, fit);
  const outcome = await context.call(fit.model, { purpose: 'primary' });
  if (outcome.ok) return { responseId: outcome.responseId, reason };
  return { responseId: undefined, reason: `${reason}: failed (${outcome.kind} ${outcome.status})` };
}

/** Send every request to `modelId` (named `always-<modelId>` unless `name` is given). */
export function alwaysModel(modelId: string, name = `always-${modelId}`): Strategy {
  const reason = `always → ${modelId}`;
  return {
    name,
    family: 'baseline',
    route: (request: RouteRequest, context: RouteContext) => callOnce(request, modelId, reason, context),
  };
}

/** `always-cheapest`: the candidate with the lowest blended price (3:1 input:output). No options. */
export const alwaysCheapest: StrategyFactory = (options, context) => {
  parseOptions(z.strictObject({}), options, context);
  return alwaysModel(cheapest(context.models).id, 'always-cheapest');
};

function strongestSchema(context: StrategyBuildContext) {
  return z.strictObject({
    /** Model to treat as the strongest. @default the highest mean published benchmark */
    model: modelId(context.models).optional(),
  });
}

/** `always-strongest`: option `model` (@default the candidate with the highest mean published benchmark). */
export const alwaysStrongest: StrategyFactory = (options, context) => {
  const parsed = parseOptions(strongestSchema(context), options, context);
  return alwaysModel(parsed.model ?? strongest(context.models).id, 'always-strongest');
};

function randomSchema(context: StrategyBuildContext) {
  return z.strictObject({
    /** Share of requests sent to `strong`, [0, 1]. @default 0.5 */
    p: unitInterval.default(0.5),
    /** @default the cheapest candidate (blended price) */
    weak: modelId(context.models).optional(),
    /**
     * @default the strongest candidate (leaderboard standing: the model always-strongest picks, the
     * reference) — metrics.md: the knob's strong model is the best, never merely the most expensive
     */
    strong: modelId(context.models).optional(),
    /** Knob sweep values. @default [0, 0.1, …, 1] */
    values: sweepValues.optional(),
  });
}

/**
 * `random`: each request goes to `strong` with probability p, else to `weak`, from the
 * strategy's keyed draw (context.random()). Knob "p" — the zero-skill router of APGR, over the
 * same pair the other knobs use by default: the cheapest and the strongest candidate.
 */
export const random: StrategyFactory = (options, context) => {
  const parsed = parseOptions(randomSchema(context), options, context);
  const weak = parsed.weak ?? cheapest(context.models).id;
  const strong = parsed.strong ?? knobStrong(context.models, context.referenceModel).id;
  const values = parsed.values ?? tenthSteps();
  const make = (p: number, name: string): Strategy => {
    const weakReason = `random (p=${p}) → ${weak}`;
    const strongReason = `random (p=${p}) → ${strong}`;
    const strategy: Strategy = {
      name,
      family: 'baseline',
      knob: { name: 'p', values, weak, strong, at: (value) => make(value, knobLabel('random', value)) },
      route: (request, routeContext) =>
        routeContext.random() < p
          ? callOnce(request, strong, strongReason, routeContext)
          : callOnce(request, weak, weakReason, routeContext),
    };
    return strategy;
  };
  return make(parsed.p, 'random');
};

/**
 * `oracle`: a marker, not a router. The engine computes the oracle from the world's outcomes
 * with faults off (src/engine/oracle.ts: per request the cheapest model with the best
 * first-sample score); this strategy only carries the name and family 'oracle' so the engine
 * knows to do that. Its route() throws if anything ever calls it. No options.
 */
export const oracle: StrategyFactory = (options, context) => {
  parseOptions(z.strictObject({}), options, context);
  return {
    name: 'oracle',
    family: 'oracle',
    route: () => {
      throw new RoutesimError(
        'runtime',
        'the oracle is computed by the engine (runOracle), not routed: route() must not be called',
      );
    },
  };
};
