/**
 * The OpenAI Chat Completions server half: POST /chat/completions (run by the shared
 * lifecycle, lifecycle.ts) and GET /models, under a base URL that ends in /v1 (or the
 * provider's equivalent, e.g. Gemini's /v1beta/openai).
 */
import { http } from 'msw';
import { answerCall } from '../lifecycle.ts';
import type { CallFormat, WireServer } from '../wire-format.ts';
import { chatCompletionBody, createdSeconds, modelListBody } from './bodies.ts';
import { openAIEdge } from './edge.ts';
import { modelNotFound, openAICallError } from './errors.ts';
import { openAIRateLimitHeaders } from './headers.ts';
import { type OpenAIChatRequest, parseOpenAIChat } from './parse.ts';
import { readReasoningEffort } from './reasoning-effort.ts';
import { openAIStreamFrames } from './stream.ts';

export const openAICallFormat: CallFormat<OpenAIChatRequest> = {
  parse: parseOpenAIChat,
  modelNotFound,
  readReasoning: (model, call) => readReasoningEffort(model, call.reasoningEffort),
  callError: (input) => openAICallError(input),
  answerHeaders: (call, clock) => ({
    ...openAIRateLimitHeaders(call.rateLimit, clock),
    'x-request-id': `req_${call.id}`,
    'openai-processing-ms': String(Math.round(call.timing.endMs - call.timing.startMs)),
  }),
  body: (call, clock, request) => chatCompletionBody(call, clock, chunkOptions(request)),
  streamFrames: (call, clock, request) => openAIStreamFrames(call, clock, chunkOptions(request)),
};

function chunkOptions(request: OpenAIChatRequest) {
  return {
    model: request.model,
    logprobs: request.logprobs,
    topLogprobs: request.topLogprobs,
    includeUsage: request.includeUsage,
  };
}

export const openAIServer: WireServer = {
  edge: openAIEdge,
  servePath: '/v1',
  handlers(context, provider, baseUrl) {
    const base = baseUrl.replace(/\/+$/, '');
    return [
      http.get(`${base}/models`, () =>
        Response.json(
          modelListBody(context.world.catalog.models, provider, createdSeconds(context.clock, 0)),
        ),
      ),
      http.post(`${base}/chat/completions`, ({ request }) =>
        answerCall(context, provider, openAICallFormat, request),
      ),
    ];
  },
};
