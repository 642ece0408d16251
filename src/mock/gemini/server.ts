/**
 * The native Gemini API server half (generativelanguage.googleapis.com):
 * `POST /{version}/models/{model}:generateContent` and `:streamGenerateContent?alt=sse` (run
 * by the shared lifecycle, lifecycle.ts) and `GET /{version}/models`, for v1beta and v1. The
 * base URL has no version (the SDK adds it).
 */
import { http } from 'msw';
import { answerCall } from '../lifecycle.ts';
import type { CallFormat, WireServer } from '../wire-format.ts';
import { generateContentBody } from './bodies.ts';
import { geminiEdge } from './edge.ts';
import { geminiCallError, geminiModelNotFound } from './errors.ts';
import { type GeminiRequest, parseGeminiRequest } from './parse.ts';
import { geminiStreamFrames } from './stream.ts';
import { readThinkingConfig } from './thinking.ts';

export const geminiCallFormat: CallFormat<GeminiRequest> = {
  parse: parseGeminiRequest,
  modelNotFound: geminiModelNotFound,
  readReasoning: (model, call) => readThinkingConfig(model, call.thinkingConfig),
  callError: geminiCallError,
  // Google sends no rate-limit headers; server-timing carries the processing time.
  answerHeaders: (call) => ({
    'server-timing': `gfet4t7; dur=${Math.round(call.timing.endMs - call.timing.startMs)}`,
  }),
  body: (call, _clock, request) => generateContentBody(call, request.includeThoughts, request.answer),
  streamFrames: (call, _clock, request) => geminiStreamFrames(call, request.includeThoughts, request.answer),
};

/** The API versions served: the SDK's default (v1, @google/genai 3.x) and v1beta (Google's docs, older SDKs). */
export const GEMINI_API_VERSIONS = ['v1', 'v1beta'] as const;

export const geminiServer: WireServer = {
  edge: geminiEdge,
  servePath: '',
  handlers(context, provider, baseUrl) {
    const base = baseUrl.replace(/\/+$/, '');
    const list = () =>
      Response.json({
        models: context.world.catalog.models
          .filter((model) => model.provider === provider)
          .map((model) => ({
            name: `models/${model.id}`,
            displayName: model.displayName,
            inputTokenLimit: model.max_input_tokens,
            outputTokenLimit: model.max_output_tokens,
            supportedGenerationMethods: ['generateContent', 'countTokens'],
            thinking: model.reasoning !== undefined,
          })),
      });
    return GEMINI_API_VERSIONS.flatMap((version) => [
      http.get(`${base}/${version}/models`, list),
      http.post(`${base}/${version}/models/*`, ({ request }) =>
        answerCall(context, provider, geminiCallFormat, request),
      ),
    ]);
  },
};
