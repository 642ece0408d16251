/**
 * The confidence signals a cascade rung can use (simulation-model.md "Confidence signals"):
 *
 * - logprob: the confidence returned with the answer (one call).
 * - self-rated: the model's own stated certainty (one call, no extra cost; overconfident).
 * - self-consistency: n samples of the same model sent together (the first with the rung's
 *   purpose, the other n − 1 with purpose 'sample'); confidence = agreement = share of the n
 *   samples whose final-answer label ("Final answer: <label>." at the end of the text) equals
 *   the majority label. A failed sample counts as disagreeing, so agreement is over all n. The
 *   chosen answer is the first sample with the majority label (ties: the label reached first).
 * - judge: one answer, then a judge model is asked whether it is right (RouteContext.judge,
 *   purpose 'judge'); confidence = 1 on a positive verdict, 0 otherwise (a failed judge call
 *   gives no verdict: 0, so the cascade escalates rather than trust an unjudged answer).
 */
import { standing } from './model-order.ts';
import type { CallOutcome, CallPurpose, ModelInfo, RouteContext } from './types.ts';

export type ConfidenceSignal = 'logprob' | 'self-rated' | 'self-consistency' | 'judge';

export type AnsweredOutcome = Extract<CallOutcome, { ok: true }>;
export type FailedOutcome = Extract<CallOutcome, { ok: false }>;

/** What one rung produced: the answer to keep (if any), its confidence, and why. */
export interface RungResult {
  answer: AnsweredOutcome | undefined;
  /** In [0, 1]; -1 when nothing was answered. */
  confidence: number;
  /** The last failure, when nothing was answered. */
  error: FailedOutcome | undefined;
  /** Short note for the decision log, e.g. "agreement 4/5" or "judge: incorrect". */
  note: string;
}

/** How to measure a rung's confidence. */
export interface SignalSettings {
  signal: ConfidenceSignal;
  /** Samples per rung for self-consistency (≥ 2). */
  samples: number;
  /** Judge model id (judge signal). */
  judgeModel: string;
  /** Judge flip probability ε, [0, 1]. */
  epsilon: number;
}

/** The label at the end of an answer text ("… Final answer: 1a2b3c4d."); '' when there is none. */
export function finalAnswerLabel(text: string): string {
  const at = text.lastIndexOf('Final answer: ');
  if (at < 0) return '';
  const start = at + 'Final answer: '.length;
  const end = text.endsWith('.') ? text.length - 1 : text.length;
  return end > start ? text.slice(start, end) : '';
}

/**
 * Majority of the answered samples by final-answer label, out of `total` samples sent.
 * agreement = majority count / total; `answer` = the first sample with the majority label.
 */
export function agreementOf(
  answers: readonly AnsweredOutcome[],
  total: number,
): { answer: AnsweredOutcome | undefined; agreeing: number; agreement: number } {
  const counts = new Map<string, number>();
  const first = new Map<string, AnsweredOutcome>();
  let majority = '';
  let bestCount = 0;
  for (const answer of answers) {
    const label = finalAnswerLabel(answer.text);
    const count = (counts.get(label) ?? 0) + 1;
    counts.set(label, count);
    if (count === 1) first.set(label, answer);
    // Strictly greater: on a tie the label that reached the count first stays the majority.
    if (count > bestCount) {
      bestCount = count;
      majority = label;
    }
  }
  const best = bestCount === 0 ? undefined : first.get(majority);
  return { answer: best, agreeing: bestCount, agreement: total > 0 ? bestCount / total : 0 };
}

/**
 * Default judge: the cheapest candidate (blended price) whose leaderboard standing is within
 * 0.05 of the best standing — a strong model that is not needlessly dear.
 */
export function defaultJudgeModel(models: readonly ModelInfo[], blendedPrice: (m: ModelInfo) => number) {
  const best = Math.max(...models.map(standing));
  const strong = models.filter((model) => standing(model) >= best - 0.05 - 1e-9);
  let choice = strong[0];
  for (const model of strong)
    if (choice === undefined || blendedPrice(model) < blendedPrice(choice)) choice = model;
  if (choice === undefined) throw new RangeError('no candidate models');
  return choice.id;
}

/** Call `model` and measure its confidence with `settings.signal`. */
export async function runRung(
  context: RouteContext,
  model: string,
  purpose: CallPurpose,
  settings: SignalSettings,
): Promise<RungResult> {
  if (settings.signal === 'self-consistency') return sampleRung(context, model, purpose, settings.samples);
  const outcome = await context.call(model, { purpose });
  if (!outcome.ok) return { answer: undefined, confidence: -1, error: outcome, note: outcome.kind };
  if (settings.signal === 'logprob') return answered(outcome, outcome.logprobConfidence, '');
  if (settings.signal === 'self-rated') return answered(outcome, outcome.selfRatedCertainty, '');
  if (context.judge === undefined) throw new Error('cascade (judge): this engine offers no judge calls');
  const verdict = await context.judge(outcome.responseId, settings.judgeModel, { epsilon: settings.epsilon });
  if (!verdict.ok) return answered(outcome, 0, `judge ${verdict.model} failed (${verdict.kind})`);
  return answered(outcome, verdict.verdict ? 1 : 0, `judge: ${verdict.verdict ? 'correct' : 'incorrect'}`);
}

function answered(answer: AnsweredOutcome, confidence: number, note: string): RungResult {
  return { answer, confidence, error: undefined, note };
}

/** n samples sent together; agreement over all n. */
async function sampleRung(
  context: RouteContext,
  model: string,
  purpose: CallPurpose,
  samples: number,
): Promise<RungResult> {
  const calls: Promise<CallOutcome>[] = [context.call(model, { purpose })];
  for (let sample = 1; sample < samples; sample++) calls.push(context.call(model, { purpose: 'sample' }));
  const outcomes = await Promise.all(calls);
  const answers: AnsweredOutcome[] = [];
  let error: FailedOutcome | undefined;
  for (const outcome of outcomes) {
    if (outcome.ok) answers.push(outcome);
    else error = outcome;
  }
  if (answers.length === 0) return { answer: undefined, confidence: -1, error, note: error?.kind ?? '' };
  const { answer, agreeing, agreement } = agreementOf(answers, samples);
  return { answer, confidence: agreement, error: undefined, note: `agreement ${agreeing}/${samples}` };
}
