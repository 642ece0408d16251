/**
 * The Anthropic Messages server half: POST /v1/messages (run by the shared lifecycle,
 * lifecycle.ts) and GET /v1/models. Anthropic's base URL has no /v1 (the SDK appends it).
 */
import { http } from 'msw';
import { toDate } from '../clock.ts';
import { answerCall } from '../lifecycle.ts';
import { errorRequestId, localRequestId } from '../request-ids.ts';
import type { CallFormat, WireServer } from '../wire-format.ts';
import { messageBody } from './bodies.ts';
import { anthropicEdge } from './edge.ts';
import { anthropicCallError, anthropicInvalidRequest, anthropicModelNotFound } from './errors.ts';
import { anthropicRateLimitHeaders } from './headers.ts';
import { type AnthropicMessagesRequest, parseAnthropicMessages } from './parse.ts';
import { anthropicStreamFrames } from './stream.ts';
import { readThinking } from './thinking.ts';

export const anthropicCallFormat: CallFormat<AnthropicMessagesRequest> = {
  parse: parseAnthropicMessages,
  modelNotFound: anthropicModelNotFound,
  readReasoning(model, call) {
    const thinking = readThinking(model, call.thinking, call.maxTokens ?? 0);
    return thinking.ok ? thinking : { ok: false, response: anthropicInvalidRequest(thinking.message) };
  },
  callError(input) {
    const { seed, requestIndex, model, attempt } = input;
    return anthropicCallError({ ...input, requestId: errorRequestId(seed, requestIndex, model.id, attempt) });
  },
  answerHeaders: (call, clock) => ({
    ...anthropicRateLimitHeaders(call.rateLimit, clock, call.timing.startMs),
    'request-id': `req_${call.id}`,
  }),
  body: (call, _clock, request) => messageBody(call, request.model, request.answer),
  streamFrames: (call, _clock, request) => anthropicStreamFrames(call, request.model, request.answer),
};

export const anthropicServer: WireServer = {
  edge: anthropicEdge,
  servePath: '',
  handlers(context, provider, baseUrl) {
    const base = baseUrl.replace(/\/+$/, '');
    return [
      http.get(`${base}/v1/models`, () => {
        const createdAt = toDate(context.clock, 0).toISOString();
        const data = context.world.catalog.models
          .filter((model) => model.provider === provider)
          .map((model) => ({
            type: 'model',
            id: model.id,
            display_name: model.displayName,
            created_at: createdAt,
          }));
        return Response.json(
          { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null },
          { headers: { 'request-id': localRequestId() } },
        );
      }),
      http.post(`${base}/v1/messages`, ({ request }) =>
        answerCall(context, provider, anthropicCallFormat, request),
      ),
    ];
  },
};
