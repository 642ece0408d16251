/**
 * A reproducible train/test split of a per-prompt table, keyed by prompt id — so `routesim train
 * --split` and a replay's `traffic.replay.split` pick the same prompts from (share, seed) alone.
 * Ids are the prompt's identity, never its row: MT-Bench's question ids, a hash of the prompt text
 * for RouteLLM CSVs (prompt-key.ts). A repeated id is one prompt: every copy lands on one side.
 *
 * Stratified by the source's category when it has one (MT-Bench: 8 categories × 10 questions):
 * with 80 prompts, an unstratified half can miss most of the coding questions — where the strong
 * model earns nearly all its gap — and the evaluation would then measure the split, not the router.
 * Within each stratum, prompts are ordered by a keyed uniform of (seed, id) (ties by id) and the
 * first round(share × stratum size) are the test part: exact quotas per category.
 *
 * Without categories each prompt is decided alone: held out when its keyed uniform is below
 * `share`. Adding, removing or reordering rows then moves no other prompt across (a rank cut would
 * move the prompt at the boundary when the count changes). Pure: no I/O, no Math.random.
 */
import { keyedUniform, stringKey } from '../world/random.ts';

const SPLIT_STREAM = stringKey('learn-prompt-split');

/** How prompts are split. */
export interface PromptSplitOptions {
  /** Share of each stratum held out as the test part, in (0, 1). */
  share: number;
  /** Seed of the keyed order. */
  seed: number;
}

/** A prompt as the split sees it. */
export interface SplitPrompt {
  id: string;
  /** Stratum; undefined = one stratum for every prompt without a category. */
  category: string | undefined;
}

export type SplitPart = 'train' | 'test';

export interface PromptSplit {
  /** Training ids, in input order. */
  train: string[];
  /** Held-out (test) ids, in input order. */
  test: string[];
  /** What the split was stratified by: 'category' when any prompt has one. */
  strata: 'category' | 'none';
}

/** Split prompts into train and test parts (a repeated id is the same prompt, kept on one side). */
export function splitPrompts(prompts: readonly SplitPrompt[], options: PromptSplitOptions): PromptSplit {
  const { share, seed } = options;
  if (!(share > 0 && share < 1)) throw new RangeError(`split share must be in (0, 1), got ${share}`);
  if (!Number.isInteger(seed)) throw new RangeError(`split seed must be an integer, got ${seed}`);
  const strata = new Map<string, SplitPrompt[]>();
  const seen = new Set<string>();
  for (const prompt of prompts) {
    if (seen.has(prompt.id)) continue;
    seen.add(prompt.id);
    const key = prompt.category ?? '';
    const members = strata.get(key);
    if (members === undefined) strata.set(key, [prompt]);
    else members.push(prompt);
  }
  const test = new Set<string>();
  const stratified = prompts.some((prompt) => prompt.category !== undefined);
  const draw = (id: string) => keyedUniform(seed, SPLIT_STREAM, stringKey(id));
  for (const members of strata.values()) {
    if (!stratified) {
      for (const prompt of members) if (draw(prompt.id) < share) test.add(prompt.id);
      continue;
    }
    const ordered = members
      .map((prompt) => ({ id: prompt.id, draw: draw(prompt.id) }))
      .sort((a, b) => a.draw - b.draw || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const held = Math.round(share * members.length);
    for (const entry of ordered.slice(0, held)) test.add(entry.id);
  }
  return {
    train: prompts.filter((prompt) => !test.has(prompt.id)).map((prompt) => prompt.id),
    test: prompts.filter((prompt) => test.has(prompt.id)).map((prompt) => prompt.id),
    strata: stratified ? 'category' : 'none',
  };
}

/** The ids of one part of the split. */
export function splitPart(
  prompts: readonly SplitPrompt[],
  options: PromptSplitOptions,
  part: SplitPart,
): string[] {
  const split = splitPrompts(prompts, options);
  return part === 'test' ? split.test : split.train;
}
