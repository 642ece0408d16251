/**
 * `rules`: an ordered first-match table. Each rule's conditions (all must hold) look at the
 * prompt's token count, specialist vocabulary and keywords/regex of the last user message, and
 * the user tier; the first rule that matches names the model, and `default` takes the rest.
 *
 * Presets (used when `rules` is not given):
 * - "classic" (@default): under 200 prompt tokens AND no specialist vocabulary (legal, medical,
 *   code, math word lists) → `cheap`; everything else → `capable`.
 * - "length-only": under 200 prompt tokens → `cheap`; else `capable` (the length-only control of
 *   the honesty test).
 * `cheap` defaults to the cheapest candidate; `capable` to the strongest model of the middle price
 * third (model-order.ts, prices per typical request with hidden reasoning included) — on the
 * bundled catalog and the default scenario, llama-3.1-8b-instant and claude-haiku-4-5.
 */
import { z } from 'zod';
import type { RouteRequest } from '../contracts/index.ts';
import { fitContext, withFitNote } from './context-fit.ts';
import { capable, cheapest } from './model-order.ts';
import { modelId, parseOptions } from './options.ts';
import { memoPerRequest } from './request-memo.ts';
import type { RouteContext, RouteResult, Strategy, StrategyBuildContext, StrategyFactory } from './types.ts';
import { VOCABULARY_LISTS, vocabularyHits, vocabularyMask } from './vocabulary.ts';
import { distinctWords, lastUserMessage } from './words.ts';

function validRegex(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}

function rulesSchema(context: StrategyBuildContext) {
  const model = modelId(context.models);
  const listName = z.enum(VOCABULARY_LISTS as [string, ...string[]]);
  const condition = z.strictObject({
    /** Prompt tokens: min inclusive, max exclusive ("under 200" = { max: 200 }). */
    promptTokens: z
      .strictObject({
        min: z.number().int().nonnegative().optional(),
        max: z.number().int().positive().optional(),
      })
      .optional(),
    /** true: some specialist word list matches; false: none does. */
    specialist: z.boolean().optional(),
    /** Matches when a word of any of these lists appears. */
    vocabulary: z.array(listName).min(1).optional(),
    /** Matches when any of these phrases appears (case-insensitive substring). */
    keywords: z.array(z.string().min(1)).min(1).optional(),
    /** Matches when this regular expression (flag i) finds a match. */
    regex: z.string().refine(validRegex, { error: 'expected a valid regular expression' }).optional(),
    /** Matches these user tiers. */
    tier: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  });
  return z.strictObject({
    /** Ordered rules; the first match wins. @default the preset's table */
    rules: z
      .array(z.strictObject({ name: z.string().optional(), when: condition.default({}), model }))
      .optional(),
    /** Model when no rule matches. @default `capable` */
    default: model.optional(),
    /** Table used when `rules` is not given. @default "classic" */
    preset: z.enum(['classic', 'length-only']).default('classic'),
    /** Prompt-token bound of the presets (exclusive). @default 200 */
    maxTokens: z.number().int().positive().default(200),
    /** The presets' cheap model. @default the cheapest candidate */
    cheap: model.optional(),
    /** The presets' capable model. @default the strongest of the middle price third */
    capable: model.optional(),
  });
}

export type RulesOptions = z.infer<ReturnType<typeof rulesSchema>>;
type Rule = NonNullable<RulesOptions['rules']>[number];

/** A compiled rule: a predicate over the request and a precomputed decision reason. */
interface CompiledRule {
  model: string;
  reason: string;
  matches(request: RouteRequest, text: Lazy): boolean;
}

/** The last user message and its words, computed at most once per request. */
interface Lazy {
  text(): string;
  vocabulary(): number;
}

function compileRule(rule: Rule, index: number): CompiledRule {
  const when = rule.when;
  const checks: ((request: RouteRequest, lazy: Lazy) => boolean)[] = [];
  const min = when.promptTokens?.min;
  const max = when.promptTokens?.max;
  if (min !== undefined) checks.push((request) => request.promptTokens >= min);
  if (max !== undefined) checks.push((request) => request.promptTokens < max);
  if (when.specialist !== undefined) {
    const wanted = when.specialist;
    checks.push((_request, lazy) => (lazy.vocabulary() !== 0) === wanted);
  }
  if (when.vocabulary !== undefined) {
    const mask = vocabularyMask(when.vocabulary);
    checks.push((_request, lazy) => (lazy.vocabulary() & mask) !== 0);
  }
  if (when.keywords !== undefined) {
    const phrases = when.keywords.map((phrase) => phrase.toLowerCase());
    checks.push((_request, lazy) => phrases.some((phrase) => lazy.text().includes(phrase)));
  }
  if (when.regex !== undefined) {
    const pattern = new RegExp(when.regex, 'i');
    checks.push((_request, lazy) => pattern.test(lazy.text()));
  }
  if (when.tier !== undefined) {
    const tiers = typeof when.tier === 'string' ? [when.tier] : when.tier;
    checks.push((request) => tiers.includes(request.tier));
  }
  const label = rule.name === undefined ? '' : ` (${rule.name})`;
  return {
    model: rule.model,
    reason: `rule ${index + 1}${label} → ${rule.model}`,
    matches: (request, lazy) => checks.every((check) => check(request, lazy)),
  };
}

/** The preset tables (see the file comment). */
export function presetRules(preset: 'classic' | 'length-only', cheap: string, maxTokens: number): Rule[] {
  if (preset === 'length-only') {
    return [{ name: `under ${maxTokens} tokens`, when: { promptTokens: { max: maxTokens } }, model: cheap }];
  }
  return [
    {
      name: `under ${maxTokens} tokens, no specialist vocabulary`,
      when: { promptTokens: { max: maxTokens }, specialist: false },
      model: cheap,
    },
  ];
}

/** Specialist-vocabulary words in a request's last user message (fixed lists: a function of the request). */
const requestVocabulary = memoPerRequest((request: RouteRequest) =>
  vocabularyHits(distinctWords(lastUserMessage(request.messages).toLowerCase())),
);

export const rules: StrategyFactory = (options, context) => {
  const parsed = parseOptions(rulesSchema(context), options, context);
  const capableModel = parsed.capable ?? capable(context.models).id;
  const table =
    parsed.rules ?? presetRules(parsed.preset, parsed.cheap ?? cheapest(context.models).id, parsed.maxTokens);
  const compiled = table.map(compileRule);
  const fallbackModel = parsed.default ?? capableModel;
  const fallbackReason = `no rule matched → ${fallbackModel}`;
  const strategy: Strategy = {
    name: 'rules',
    family: 'rules',
    async route(request: RouteRequest, routeContext: RouteContext): Promise<RouteResult> {
      let text: string | undefined;
      let vocabulary: number | undefined;
      const lazy: Lazy = {
        text: () => {
          text ??= lastUserMessage(request.messages).toLowerCase();
          return text;
        },
        vocabulary: () => {
          vocabulary ??= requestVocabulary(request);
          return vocabulary;
        },
      };
      const rule = compiled.find((candidate) => candidate.matches(request, lazy));
      const fit = fitContext(request, rule?.model ?? fallbackModel, routeContext.models);
      const reason = withFitNote(rule?.reason ?? fallbackReason, fit);
      const outcome = await routeContext.call(fit.model, { purpose: 'primary' });
      if (outcome.ok) return { responseId: outcome.responseId, reason };
      return { responseId: undefined, reason: `${reason}: failed (${outcome.kind} ${outcome.status})` };
    },
  };
  return strategy;
};
