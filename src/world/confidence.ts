/**
 * Confidence signals that need a separate call. Logprob confidence and self-rated certainty
 * come with every answer (quality.ts); a judge / reward model is a priced, timed call of its own.
 */

import { keyedUniform, mix32, Stream, stringKey } from './random.ts';

export interface JudgeVerdictOptions {
  /** Scenario seed. */
  seed: number;
  /** The simulated request the judged answer belongs to. */
  requestIndex: number;
  /** Model id of the judge. */
  judgeModel: string;
  /** Model id of the model whose answer is judged. */
  answerModel: string;
  /** Sample number of the judged answer (0-based). */
  sample: number;
  /** Whether the judged answer is in fact correct. */
  correct: boolean;
  /** Probability the judge flips the truth, in [0, 1]. */
  epsilon: number;
  /**
   * 0-based count of answered judgings of this answer by this judge: asking again gives a fresh
   * verdict, so pass a counter of answered judge calls, not the transport retry number.
   */
  attempt: number;
}

/**
 * The judge's verdict ("is this answer correct?"): the truth, flipped with probability ε.
 * Keyed by (request, judge, answer model, sample, attempt), so it never depends on call order.
 */
export function judgeVerdict(options: JudgeVerdictOptions): boolean {
  const { seed, requestIndex, judgeModel, answerModel, sample, correct, epsilon, attempt } = options;
  // Five identifiers into hashKey's three slots: fold pairs through the mixer (order matters).
  const models = mix32(stringKey(judgeModel) ^ mix32(stringKey(answerModel) + 0x2545f491));
  const counters = mix32(sample ^ mix32(attempt + 0x68e31da4));
  const flipped = keyedUniform(seed, Stream.judge, requestIndex, models, counters) < epsilon;
  return flipped ? !correct : correct;
}
