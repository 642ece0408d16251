/**
 * Context-window fit, decided before any call: the request's prompt length is public
 * (request.promptTokens, what the client's tokenizer counted) and so is each model's
 * max_input_tokens, so a strategy never needs a failed call to learn that a prompt is too long.
 *
 * fitContext(request, model, models): `model` when the prompt fits it; otherwise the cheapest
 * candidate (blended price) with room whose leaderboard standing is at least `model`'s; when no
 * model that strong has room, the strongest candidate with room; when no candidate has room,
 * `model` unchanged (the call then fails with context_length, which is the truth). The move is
 * a first choice, not a fault, so the call keeps purpose 'primary'; the decision reason says
 * "context: <model> too small → <other>".
 */
import { blendedPrice, standing } from './model-order.ts';
import type { ModelInfo } from './types.ts';

export interface ContextFit {
  /** The model to call. */
  model: string;
  /** "" when `model` was kept; else "context: <model> too small → <other>". */
  note: string;
}

/** Models by id, per candidate list (built once per list, not per request). */
const indexes = new WeakMap<readonly ModelInfo[], Map<string, ModelInfo>>();

function indexOf(models: readonly ModelInfo[]): Map<string, ModelInfo> {
  let index = indexes.get(models);
  if (index === undefined) {
    index = new Map(models.map((model) => [model.id, model]));
    indexes.set(models, index);
  }
  return index;
}

/** Does a prompt of `promptTokens` fit `model`'s input window? */
export function hasRoom(model: ModelInfo, promptTokens: number): boolean {
  return promptTokens <= model.maxInputTokens;
}

/** The model to call for `request` instead of `modelId` (see the file comment). */
export function fitContext(
  request: { promptTokens: number },
  modelId: string,
  models: readonly ModelInfo[],
): ContextFit {
  const chosen = indexOf(models).get(modelId);
  // Unknown ids are the caller's business (the call reports not_found).
  if (chosen === undefined || hasRoom(chosen, request.promptTokens)) return { model: modelId, note: '' };
  let cheapestStrong: ModelInfo | undefined;
  let strongestRoomy: ModelInfo | undefined;
  const needed = standing(chosen);
  for (const model of models) {
    if (!hasRoom(model, request.promptTokens)) continue;
    const score = standing(model);
    if (
      score >= needed &&
      (cheapestStrong === undefined || blendedPrice(model) < blendedPrice(cheapestStrong))
    )
      cheapestStrong = model;
    if (strongestRoomy === undefined || score > standing(strongestRoomy)) strongestRoomy = model;
  }
  const other = cheapestStrong ?? strongestRoomy;
  if (other === undefined) return { model: modelId, note: '' };
  return { model: other.id, note: contextNote(modelId, other.id) };
}

export function contextNote(from: string, to: string): string {
  return `context: ${from} too small → ${to}`;
}

/** Append a fit's note to a decision reason. */
export function withFitNote(reason: string, fit: ContextFit): string {
  return fit.note === '' ? reason : `${reason} (${fit.note})`;
}
