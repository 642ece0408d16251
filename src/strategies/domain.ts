/**
 * `domain`: classify the last user message's domain (domain-classifier.ts) and call the model the
 * table names for it. One call, no retries (compose with `availability` for those).
 *
 * Default table, per domain: the cheapest candidate whose published benchmark for the domain is
 * within `margin` of the best candidate's (factual-qa → mmlu, math → gsm8k/math, code →
 * humaneval/mbpp, reasoning → gpqa, other domains → the mean of the model's published
 * benchmarks; model-order.ts domainChoice). `table` overrides single domains.
 */
import { z } from 'zod';
import { DOMAINS, type Domain, type RouteRequest } from '../contracts/index.ts';
import { fitContext, withFitNote } from './context-fit.ts';
import { classifyDomain } from './domain-classifier.ts';
import { domainChoice } from './model-order.ts';
import { modelId, parseOptions } from './options.ts';
import { memoPerRequest } from './request-memo.ts';
import type { ModelInfo, StrategyFactory } from './types.ts';
import { lastUserMessage } from './words.ts';

/** Default margin below the best published score that still counts as good enough. */
export const DEFAULT_DOMAIN_MARGIN = 0.05;

/** The default table for `models` (see the file comment). */
export function defaultDomainTable(
  models: readonly ModelInfo[],
  margin = DEFAULT_DOMAIN_MARGIN,
): Record<Domain, string> {
  const table = {} as Record<Domain, string>;
  for (const domain of DOMAINS) table[domain] = domainChoice(models, domain, margin).id;
  return table;
}

/** The classifier's guess for a request (the same in every unit that replays it). */
const guessedDomain = memoPerRequest(
  (request: RouteRequest) => classifyDomain(lastUserMessage(request.messages)).domain,
);

export const domain: StrategyFactory = (options, context) => {
  const model = modelId(context.models);
  const schema = z.strictObject({
    /** Model per domain, e.g. { code: gpt-4o-mini }; unnamed domains use the default table. @default {} */
    table: z.partialRecord(z.enum(DOMAINS), model).default({}),
    /** Margin (benchmark points, 0–1) of the default table. @default 0.05 */
    margin: z.number().min(0).max(1).default(DEFAULT_DOMAIN_MARGIN),
  });
  const parsed = parseOptions(schema, options, context);
  const table = { ...defaultDomainTable(context.models, parsed.margin), ...parsed.table } as Record<
    Domain,
    string
  >;
  const reasons = Object.fromEntries(
    DOMAINS.map((name) => [name, `domain ${name} → ${table[name]}`]),
  ) as Record<Domain, string>;
  return {
    name: 'domain',
    family: 'domain',
    async route(request, routeContext) {
      const guess = guessedDomain(request);
      const fit = fitContext(request, table[guess], routeContext.models);
      const reason = withFitNote(reasons[guess], fit);
      const outcome = await routeContext.call(fit.model, { purpose: 'primary' });
      if (outcome.ok) return { responseId: outcome.responseId, reason };
      return { responseId: undefined, reason: `${reason}: failed (${outcome.kind} ${outcome.status})` };
    },
  };
};
