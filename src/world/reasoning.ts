/**
 * Hidden reasoning tokens of one answer (simulation-model.md, "Reasoning models"). The count is
 * drawn log-normally, keyed by (seed, Stream.reasoningTokens, request, model, sample): it belongs
 * to the answer, like its visible length, so a transport retry re-delivers the same thinking.
 *
 *   median = medianTokens · DOMAIN_FACTOR[domain] · exp(DIFFICULTY_SLOPE · (b − μ_d)/σ_d) · effortScale
 *   tokens = min(cap, round(median · exp(sigma · N)))
 *
 * The world decodes them before the first visible token (serve.ts), bills them as output and
 * counts them against max_tokens.
 */

import type { Domain, ReasoningEffort, ReasoningSetting, ReasoningSpec } from '../contracts/index.ts';
import { keyedNormal, Stream } from './random.ts';

/** Smallest Anthropic `budget_tokens` that enables thinking (Anthropic extended-thinking docs; anchors §2d). */
export const MIN_THINKING_BUDGET = 1024;

/**
 * Median hidden tokens per domain relative to the anchor domain, code (the latency anchors are
 * Artificial Analysis's medium_coding workload, realism-anchors.md §2b).
 * - math 1.0: GSM8K-level (the math domain's benchmark); DeepSeek-R1 thinks 1,056 tokens on GSM8K
 *   (Chen et al. 2412.21187, Table 1), close to o3-mini's ≈ 1,090 on the coding workload.
 * - reasoning 2.5: GPQA-level questions taken to think like MATH500 (R1 2,704 vs 1,056 on GSM8K,
 *   ratio 2.56, same table) — assumption: no per-request counts on GPQA were found.
 * - chit-chat 0.3, summarization 0.4, factual-qa 0.5, legal 0.8, medical 0.8: **assumption**, no
 *   published per-domain counts. Easy prompts still burn hundreds of tokens (R1 845 on ASDIV, 20× a
 *   non-reasoning model on "2 + 3", Chen et al. §1), so even chit-chat is far above zero.
 */
export const DOMAIN_FACTOR: Readonly<Record<Domain, number>> = {
  'chit-chat': 0.3,
  'factual-qa': 0.5,
  summarization: 0.4,
  code: 1,
  math: 1,
  reasoning: 2.5,
  legal: 0.8,
  medical: 0.8,
};

/**
 * Growth of the median per standard deviation of difficulty: exp(0.47) ≈ 1.6×. **Assumption**
 * derived from Chen et al. 2412.21187 (Table 1, Fig. 4: tokens grow with MATH500 level): taking a
 * MATH500 item as 2 σ harder than a GSM8K item, R1's 2,704 / 1,056 = 2.56 = exp(2 · 0.47).
 */
export const DIFFICULTY_SLOPE = 0.47;

/** The effort key a setting resolves to: a level, or 'dynamic' (Gemini with no effort sent). */
export type EffortKey = ReasoningEffort | 'dynamic';

/** The effort in force for a setting: the one sent, else the provider's default, else dynamic. */
export function effortKey(spec: ReasoningSpec, setting: ReasoningSetting): EffortKey {
  return setting.effort ?? spec.defaultEffort ?? 'dynamic';
}

/** True when the setting produces hidden reasoning at all (budget models need ≥ 1,024). */
export function reasons(spec: ReasoningSpec, setting: ReasoningSetting): boolean {
  if (spec.control !== 'budget') return true;
  return (setting.budgetTokens ?? 0) >= MIN_THINKING_BUDGET;
}

/** Most hidden tokens under a setting: the thinking budget (Anthropic), the effort's cap, or none. */
export function reasoningCap(spec: ReasoningSpec, setting: ReasoningSetting): number {
  if (spec.control === 'budget') return setting.budgetTokens ?? 0;
  return spec.effortCap[effortKey(spec, setting)] ?? Number.POSITIVE_INFINITY;
}

/**
 * Tokens an application adds to max_tokens so the hidden reasoning does not eat the visible
 * answer: the thinking budget (Anthropic requires max_tokens > budget_tokens); otherwise the
 * spec's headroomTokens scaled like the effort's median, never above the effort's cap. 0 for a
 * model that does not reason under the setting.
 */
export function reasoningHeadroom(spec: ReasoningSpec | undefined, setting?: ReasoningSetting): number {
  if (spec === undefined) return 0;
  const applied = setting ?? spec.setting;
  if (!reasons(spec, applied)) return 0;
  if (spec.control === 'budget') return applied.budgetTokens ?? 0;
  const key = effortKey(spec, applied);
  const scale = key === 'dynamic' ? 1 : (spec.effortScale[key] ?? 1);
  return Math.min(reasoningCap(spec, applied), Math.round(spec.headroomTokens * scale));
}

/** max_tokens to send for a visible-answer limit: the limit plus the reasoning headroom, within the model's output limit. */
export function maxTokensWithReasoning(
  model: { reasoning?: ReasoningSpec | undefined; max_output_tokens: number },
  visibleMaxTokens: number,
  setting?: ReasoningSetting,
): number {
  const headroom = reasoningHeadroom(model.reasoning, setting);
  if (headroom === 0) return visibleMaxTokens;
  return Math.min(model.max_output_tokens, visibleMaxTokens + headroom);
}

/** Median hidden tokens of a request of `domain` at standardised difficulty `difficultyZ` = (b − μ_d)/σ_d. */
export function medianReasoningTokens(
  spec: ReasoningSpec,
  setting: ReasoningSetting,
  domain: Domain,
  difficultyZ: number,
): number {
  const key = effortKey(spec, setting);
  const scale = key === 'dynamic' ? 1 : (spec.effortScale[key] ?? 1);
  return spec.medianTokens * DOMAIN_FACTOR[domain] * Math.exp(DIFFICULTY_SLOPE * difficultyZ) * scale;
}

/** Keys of one answer's draw. */
export interface ReasoningDrawKey {
  seed: number;
  request: number;
  model: number;
  sample: number;
}

/** Hidden reasoning tokens of one answer; 0 when the setting turns reasoning off. */
export function drawReasoningTokens(
  key: ReasoningDrawKey,
  spec: ReasoningSpec,
  setting: ReasoningSetting,
  domain: Domain,
  difficultyZ: number,
): number {
  if (!reasons(spec, setting)) return 0;
  const normal = keyedNormal(key.seed, Stream.reasoningTokens, key.request, key.model, key.sample);
  const drawn = Math.max(
    1,
    Math.round(medianReasoningTokens(spec, setting, domain, difficultyZ) * Math.exp(spec.sigma * normal)),
  );
  return Math.min(drawn, reasoningCap(spec, setting));
}

/**
 * Probit shift of the accuracy on `domain` when a call runs at `setting` instead of the
 * model's configured setting (whose accuracy the effective catalog already holds).
 */
export function accuracyShiftBetween(
  spec: ReasoningSpec,
  domain: Domain,
  from: ReasoningSetting,
  to: ReasoningSetting,
): number {
  return shiftAt(spec, domain, to) - shiftAt(spec, domain, from);
}

/** Probit shift of a setting relative to the provider default (0 where nothing is published). */
export function shiftAt(spec: ReasoningSpec, domain: Domain, setting: ReasoningSetting): number {
  const key = effortKey(spec, setting);
  if (key === 'dynamic' || key === spec.defaultEffort) return 0;
  return spec.accuracyShift[key]?.[domain] ?? 0;
}

/** Two settings are the same for the world: same effort key and, for budget models, the same budget. */
export function sameSetting(spec: ReasoningSpec, a: ReasoningSetting, b: ReasoningSetting): boolean {
  if (spec.control === 'budget') return (a.budgetTokens ?? 0) === (b.budgetTokens ?? 0);
  return effortKey(spec, a) === effortKey(spec, b);
}
