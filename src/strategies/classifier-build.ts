/**
 * Builds the domain classifier's fixture (fixtures/classifier/keywords.json) from the task
 * templates' own wording — the literal text of the user message of every EVEN-numbered template
 * of each domain file (0, 2, 4, …) and the word lists the file fills in — never from generated
 * requests or their hidden labels. The odd-numbered templates are held out: a production
 * classifier is built from the prompt types someone collected, not from every prompt it will see. The weights are a
 * multinomial naive Bayes with Laplace smoothing: weight(w, d) = log P(w | d), so a message
 * scores Σ weight over its distinct known words.
 *
 * Regenerate with `node src/strategies/write-classifier-fixture.ts` after editing templates.
 */
import { DOMAINS, type Domain } from '../contracts/index.ts';
import { messageWords } from './words.ts';

/** The fixture's shape (see fixtures/classifier/README.md). */
export interface ClassifierFixture {
  notes: string;
  /** Accuracy band on generated traffic of the default scenario's mix, measured by a test. */
  expectedAccuracy: { min: number; max: number; measured: number; requests: number };
  /** Laplace smoothing α. */
  smoothing: number;
  domains: Domain[];
  /** Per word, log P(word | domain) in DOMAINS order (4 decimals). */
  weights: Record<string, number[]>;
}

/** Smoothing α: one pseudo-count per word and domain. */
export const CLASSIFIER_SMOOTHING = 1;

/** Raw template files as JSON (fixtures/tasks/<domain>.json). */
export type DomainFiles = Record<Domain, unknown>;

/** Literal words of every string under `value` (placeholders like {name} dropped, {a|b} kept). */
export function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') {
    into.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, into);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      if (key !== 'p' && key !== 'max') collectStrings(item, into);
  }
}

/** Template text with fill placeholders removed; inline alternatives {a|b|c} are literal words. */
export function literalText(text: string): string {
  return text.replace(/\{([^{}]*)\}/g, (_match, inner: string) =>
    inner.includes('|') ? inner.replace(/\|/g, ' ') : ' ',
  );
}

/** Word counts per domain from the templates' user segments and vocab lists. */
export function countTemplateWords(files: DomainFiles): Record<Domain, Map<string, number>> {
  const counts = {} as Record<Domain, Map<string, number>>;
  for (const domain of DOMAINS) {
    const strings: string[] = [];
    const file = files[domain] as { templates?: { user?: unknown }[]; vocab?: unknown };
    // Even-numbered templates only: the odd ones are held out, so traffic from prompt types the
    // classifier never saw keeps its accuracy honest (≈ 0.98 in-sample, ≈ 0.8 with the hold-out).
    (file.templates ?? []).forEach((template, index) => {
      if (index % 2 === 0) collectStrings(template.user, strings);
    });
    collectStrings(file.vocab, strings);
    const map = new Map<string, number>();
    for (const text of strings) {
      for (const word of messageWords(literalText(text))) map.set(word, (map.get(word) ?? 0) + 1);
    }
    counts[domain] = map;
  }
  return counts;
}

/** Naive-Bayes weights over the union vocabulary, rounded to 4 decimals (stable JSON). */
export function buildClassifierWeights(files: DomainFiles): Record<string, number[]> {
  const counts = countTemplateWords(files);
  const vocabulary = new Set<string>();
  for (const domain of DOMAINS) for (const word of counts[domain].keys()) vocabulary.add(word);
  const size = vocabulary.size;
  const totals = DOMAINS.map((domain) => {
    let total = 0;
    for (const count of counts[domain].values()) total += count;
    return total;
  });
  const weights: Record<string, number[]> = {};
  for (const word of [...vocabulary].sort()) {
    weights[word] = DOMAINS.map((domain, index) => {
      const count = counts[domain].get(word) ?? 0;
      const probability =
        (count + CLASSIFIER_SMOOTHING) / ((totals[index] ?? 0) + CLASSIFIER_SMOOTHING * size);
      return Math.round(Math.log(probability) * 1e4) / 1e4;
    });
  }
  return weights;
}
