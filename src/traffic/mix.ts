/**
 * Resolves a scenario's traffic mix to weighted choices: an entry naming a domain spreads over
 * that domain's templates by their weights; an entry naming a template is that template.
 */
import { InputError, type InputIssue } from '../errors.ts';
import type { MixEntry, TierEntry } from '../scenario/types.ts';
import type { CompiledTemplate } from './compiled-template.ts';
import type { TemplateLibrary } from './templates.ts';

/** Items with cumulative weights normalised to end at 1. */
export interface WeightedChoice<T> {
  items: T[];
  cumulative: Float64Array;
}

export function weightedChoice<T>(items: T[], weights: number[]): WeightedChoice<T> {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const cumulative = new Float64Array(items.length);
  let running = 0;
  weights.forEach((weight, index) => {
    running += weight;
    cumulative[index] = running / total;
  });
  return { items, cumulative };
}

/** The item whose cumulative band contains `uniform` ∈ (0, 1). */
export function choose<T>(choice: WeightedChoice<T>, uniform: number): T {
  const { cumulative, items } = choice;
  for (let index = 0; index < items.length - 1; index++) {
    if (uniform < cumulative[index]!) return items[index]!;
  }
  return items[items.length - 1]!;
}

export interface ResolvedMix {
  /** First draw (Stream.mix): which mix entry. */
  entries: WeightedChoice<WeightedChoice<CompiledTemplate>>;
}

export function resolveMix(mix: MixEntry[], library: TemplateLibrary): ResolvedMix {
  const issues: InputIssue[] = [];
  const entries: WeightedChoice<CompiledTemplate>[] = [];
  const weights: number[] = [];
  mix.forEach((entry, index) => {
    const path = ['traffic', 'mix', index];
    if (!(entry.weight >= 0) || !Number.isFinite(entry.weight)) {
      issues.push({ path: [...path, 'weight'], message: 'expected a weight ≥ 0' });
      return;
    }
    let templates: CompiledTemplate[] | undefined;
    if (entry.template !== undefined) {
      const template = library.byId.get(entry.template);
      if (template === undefined) {
        issues.push({
          path: [...path, 'template'],
          message: `unknown template "${entry.template}"; known: ${[...library.byId.keys()].join(', ')}`,
        });
      } else templates = [template];
    } else if (entry.domain !== undefined) {
      templates = library.byDomain[entry.domain];
      if (templates === undefined)
        issues.push({ path: [...path, 'domain'], message: `unknown domain "${entry.domain}"` });
    } else issues.push({ path, message: 'expected a domain or a template' });
    if (templates !== undefined && entry.weight > 0) {
      entries.push(
        weightedChoice(
          templates,
          templates.map((template) => template.weight),
        ),
      );
      weights.push(entry.weight);
    }
  });
  if (issues.length === 0 && entries.length === 0) {
    issues.push({ path: ['traffic', 'mix'], message: 'expected at least one entry with a weight > 0' });
  }
  if (issues.length > 0) throw new InputError('traffic', issues);
  return { entries: weightedChoice(entries, weights) };
}

/** User tiers; none → one tier "default". */
export function resolveTiers(tiers: TierEntry[]): WeightedChoice<string> {
  const usable = tiers.filter((tier) => tier.weight > 0);
  if (usable.length === 0) return weightedChoice(['default'], [1]);
  return weightedChoice(
    usable.map((tier) => tier.name),
    usable.map((tier) => tier.weight),
  );
}
