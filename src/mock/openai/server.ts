/**
 * The OpenAI Chat Completions server half: POST /chat/completions (run by the shared
 * lifecycle, lifecycle.ts) and GET /models, under a base URL that ends in /v1 (or the
 * provider's equivalent, e.g. Gemini's /v1beta/openai).
 */
import { http } from 'msw';
import { answerCall } from '../lifecycle.ts';
import { errorRequestId, localRequestId } from '../request-ids.ts';
import type { CallFormat, WireServer } from '../wire-format.ts';
import { chatCompletionBody, createdSeconds, modelListBody } from './bodies.ts';
import { openAIEdge } from './edge.ts';
import { modelNotFound, openAICallError } from './errors.ts';
import { openAIRateLimitHeaders } from './headers.ts';
import { type OpenAIChatRequest, parseOpenAIChat } from './parse.ts';
import { readReasoningEffort } from './reasoning-effort.ts';
import { responseObject, responsesStreamFrames } from './responses-bodies.ts';
import { type OpenAIResponsesRequest, parseOpenAIResponses } from './responses-parse.ts';
import { openAIStreamFrames } from './stream.ts';

export const openAICallFormat: CallFormat<OpenAIChatRequest> = {
  parse: parseOpenAIChat,
  modelNotFound,
  readReasoning: (model, call) => readReasoningEffort(model, call.reasoningEffort),
  callError(input) {
    const response = openAICallError(input);
    const { seed, requestIndex, model, attempt } = input;
    response.headers.set('x-request-id', errorRequestId(seed, requestIndex, model.id, attempt));
    return response;
  },
  answerHeaders: (call, clock) => ({
    ...openAIRateLimitHeaders(call.rateLimit, clock),
    'x-request-id': `req_${call.id}`,
    'openai-processing-ms': String(Math.round(call.timing.endMs - call.timing.startMs)),
  }),
  body: (_call, clock, request, choices) => chatCompletionBody(choices, clock, chunkOptions(request)),
  streamFrames: (_call, clock, request, choices) => openAIStreamFrames(choices, clock, chunkOptions(request)),
};

/** The Responses API on the same world, errors and headers as Chat Completions. */
export const openAIResponsesFormat: CallFormat<OpenAIResponsesRequest> = {
  parse: parseOpenAIResponses,
  modelNotFound,
  callError: openAICallFormat.callError,
  answerHeaders: openAICallFormat.answerHeaders,
  readReasoning: (model, call) => readReasoningEffort(model, call.reasoningEffort, 'reasoning.effort'),
  body: (call, clock, request) => responseObject(call, clock, request),
  streamFrames: (call, clock, request) => responsesStreamFrames(call, clock, request),
};

function chunkOptions(request: OpenAIChatRequest) {
  return {
    model: request.model,
    logprobs: request.logprobs,
    topLogprobs: request.topLogprobs,
    includeUsage: request.includeUsage,
    answer: request.answer,
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
          { headers: { 'x-request-id': localRequestId() } },
        ),
      ),
      http.post(`${base}/chat/completions`, ({ request }) =>
        answerCall(context, provider, openAICallFormat, request),
      ),
      http.post(`${base}/responses`, ({ request }) =>
        answerCall(context, provider, openAIResponsesFormat, request),
      ),
    ];
  },
};
