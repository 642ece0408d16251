/**
 * Specialist word lists for the rules strategy (fixtures/classifier/vocabulary.json:
 * legal, medical, code, math — hand-curated, not derived from templates or traffic).
 */
import fixture from '../../fixtures/classifier/vocabulary.json' with { type: 'json' };

/** Names of the word lists, e.g. "legal". */
export const VOCABULARY_LISTS: readonly string[] = Object.keys(fixture.lists);

/** word → bit mask of the lists it belongs to (bit i = VOCABULARY_LISTS[i]). */
const listsOfWord = new Map<string, number>();
Object.values(fixture.lists as Record<string, string[]>).forEach((words, index) => {
  for (const word of words) listsOfWord.set(word, (listsOfWord.get(word) ?? 0) | (1 << index));
});

/** Bit mask of a set of list names (unknown names are the caller's validation problem). */
export function vocabularyMask(names: readonly string[]): number {
  let mask = 0;
  for (const name of names) {
    const index = VOCABULARY_LISTS.indexOf(name);
    if (index >= 0) mask |= 1 << index;
  }
  return mask;
}

/** Bit mask of every list with at least one word in `words`. */
export function vocabularyHits(words: Iterable<string>): number {
  let mask = 0;
  for (const word of words) mask |= listsOfWord.get(word) ?? 0;
  return mask;
}
