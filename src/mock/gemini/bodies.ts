/**
 * Gemini answer bodies (GenerateContentResponse). Usage follows Google's accounting:
 * `promptTokenCount` includes the cached tokens (`cachedContentTokenCount` is the cached part),
 * `candidatesTokenCount` is the visible answer only and `thoughtsTokenCount` the thinking, so
 * `totalTokenCount` = prompt + candidates + thoughts. Zero counts are left out, as the API's
 * JSON leaves out zero fields.
 */
import type { AnsweredCall } from '../../contracts/index.ts';
import { type AnswerRequest, shapeAnswer, TEXT_ONLY } from '../answer-shape.ts';
import { thoughtPart } from './thinking.ts';

export interface GeminiUsage {
  promptTokenCount: number;
  candidatesTokenCount: number;
  totalTokenCount: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  promptTokensDetails: { modality: 'TEXT'; tokenCount: number }[];
}

export function geminiUsage(call: AnsweredCall): GeminiUsage {
  const { promptTokens, completionTokens, cachedTokens, reasoningTokens } = call.usage;
  return {
    promptTokenCount: promptTokens,
    candidatesTokenCount: completionTokens - reasoningTokens,
    totalTokenCount: promptTokens + completionTokens,
    ...(cachedTokens > 0 ? { cachedContentTokenCount: cachedTokens } : {}),
    ...(reasoningTokens > 0 ? { thoughtsTokenCount: reasoningTokens } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
  };
}

export function finishReason(call: AnsweredCall): 'STOP' | 'MAX_TOKENS' {
  return call.finishReason === 'length' ? 'MAX_TOKENS' : 'STOP';
}

/** One response or stream chunk: the parts given, the model version and the response id. */
export function responseChunk(call: AnsweredCall, parts: object[], last: boolean) {
  return {
    candidates: [
      {
        content: { parts, role: 'model' as const },
        ...(last ? { finishReason: finishReason(call) } : {}),
        index: 0,
      },
    ],
    ...(last ? { usageMetadata: geminiUsage(call) } : {}),
    modelVersion: call.model,
    // The world's response id: what a router hands back to be graded.
    responseId: call.id,
  };
}

/** The answer's part: its text (or JSON-mode text), or a functionCall with schema-valid args. */
export function answerPart(
  call: AnsweredCall,
  answer: AnswerRequest,
): { text: string } | { functionCall: object } {
  const shape = shapeAnswer(answer, call.id, call.text);
  return shape.kind === 'tool'
    ? { functionCall: { name: shape.call.name, args: shape.call.input } }
    : { text: shape.text };
}

export function generateContentBody(
  call: AnsweredCall,
  includeThoughts: boolean,
  answer: AnswerRequest = TEXT_ONLY,
) {
  const thought = thoughtPart(call, includeThoughts);
  return responseChunk(call, [...(thought === undefined ? [] : [thought]), answerPart(call, answer)], true);
}
