/**
 * Deterministic answer text. Self-consistency strategies compare answers by their text, so
 * the text encodes the answer: two samples that give the same answer (same answerId) to
 * the same request carry the same final-answer label; different answers carry different
 * labels. The label is a keyed hash of (request, answerId), so it does not reveal which
 * answer is the right one (answerId 0 is not recognisable from the text).
 *
 * Length: about 0.75 words per completion token (English BPE averages ~1.33 tokens per
 * word), capped at MAX_RESPONSE_WORDS so long answers do not cost memory or time in a
 * simulation; usage.completionTokens, not the text, is what is billed and timed.
 */
import { hex8, keyedInt, Stream } from './random.ts';

/** Most words of filler text in one answer (the label sentence comes on top). */
export const MAX_RESPONSE_WORDS = 200;

const PASSAGE = (
  'the answer follows from the details given in the question so we first restate what is known ' +
  'then check each step against the constraints and keep only the parts that hold after that we ' +
  'compare the remaining options weigh the evidence for each one and note where an assumption ' +
  'was needed finally we combine the results into a single conclusion and state it plainly below'
).split(' ');

// The passage repeated so that any window of up to MAX_RESPONSE_WORDS words starting at any
// offset is one substring of a precomputed string: no per-call joins.
const REPEATED_WORDS: string[] = [];
while (REPEATED_WORDS.length < MAX_RESPONSE_WORDS + PASSAGE.length) REPEATED_WORDS.push(...PASSAGE);
const REPEATED = REPEATED_WORDS.join(' ');
/** Character offset where word k starts in REPEATED (and one past the end). */
const WORD_STARTS: number[] = [];
{
  let position = 0;
  for (const word of REPEATED_WORDS) {
    WORD_STARTS.push(position);
    position += word.length + 1;
  }
  WORD_STARTS.push(position);
}

/** The label of answer `answerId` to request `request` (8 hex digits). */
export function answerLabel(seed: number, request: number, answerId: number): string {
  return hex8(keyedInt(seed, Stream.text, request, answerId));
}

/**
 * Answer text for `completionTokens` tokens: filler words (≈ 0.75 per token, ≤ 200) then
 * "Final answer: <label>."
 */
export function responseText(options: {
  seed: number;
  /** Request index (or ungraded-call number in its own seed space). */
  request: number;
  answerId: number;
  completionTokens: number;
}): string {
  const { seed, request, answerId, completionTokens } = options;
  const label = answerLabel(seed, request, answerId);
  const words = Math.min(MAX_RESPONSE_WORDS, Math.max(0, Math.round(completionTokens * 0.75) - 3));
  if (words === 0) return `Final answer: ${label}.`;
  const offset = keyedInt(seed, Stream.text, request, answerId, 1) % PASSAGE.length;
  const body = REPEATED.slice(WORD_STARTS[offset]!, WORD_STARTS[offset + words]! - 1);
  return `${body}. Final answer: ${label}.`;
}
