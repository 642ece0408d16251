/** msw handlers for one Anthropic provider: POST /v1/messages (and GET /v1/models). */
import { type HttpHandler, http } from 'msw';
import { hashKey, stringKey } from '../../world/random.ts';
import { callSignal, callWorld, deliverError, dropped, waitUntil } from '../call.ts';
import { toDate } from '../clock.ts';
import type { MockContext } from '../context.ts';
import { pacedStream } from '../sse.ts';
import { messageBody } from './bodies.ts';
import { anthropicCallError, anthropicInvalidRequest, anthropicModelNotFound } from './errors.ts';
import { anthropicRateLimitHeaders } from './headers.ts';
import { parseAnthropicMessages } from './parse.ts';
import { anthropicStreamFrames } from './stream.ts';
import { readThinking } from './thinking.ts';

/** Anthropic's base URL has no /v1 (the SDK appends it), so paths are /v1/… under it. */
export function anthropicHandlers(context: MockContext, provider: string, baseUrl: string): HttpHandler[] {
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
      return Response.json({
        data,
        has_more: false,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
      });
    }),
    http.post(`${base}/v1/messages`, async ({ request }) => {
      const parsed = await parseAnthropicMessages(request);
      if (!parsed.ok) return parsed.response;
      const body = parsed.value;
      const model = context.world.model(body.model);
      if (model === undefined || model.provider !== provider) return anthropicModelNotFound(body.model);
      const thinking = readThinking(model, body.thinking, body.maxTokens ?? 0);
      if (!thinking.ok) return anthropicInvalidRequest(thinking.message);
      if (thinking.setting !== undefined) body.reasoning = thinking.setting;

      const signal = callSignal(context, request);
      const { result, promptTokens, requestIndex, attempt } = callWorld(context, provider, model, body);
      if (!result.ok) {
        const { error } = result;
        const ended = await deliverError(context, error, signal, request);
        if (ended !== undefined) return ended;
        // Deterministic per (seed, request, model, attempt), like everything else the world hands out.
        const key = hashKey(context.world.seed, 0, requestIndex ?? -1, stringKey(model.id), attempt);
        const requestId = `req_${key.toString(16).padStart(8, '0')}`;
        return anthropicCallError({
          error,
          model,
          clock: context.clock,
          promptTokens,
          requestId,
          judgeCall: body.judge !== undefined,
        });
      }

      const { call } = result;
      const headers = {
        ...anthropicRateLimitHeaders(call.rateLimit, context.clock, call.timing.startMs),
        'request-id': `req_${call.id}`,
      };
      if (body.stream) {
        if (!(await waitUntil(context, call.timing.startMs + call.timing.queueMs, signal)))
          return dropped(context, request);
        return new Response(pacedStream(anthropicStreamFrames(call, body.model), context.clock, signal), {
          headers: {
            ...headers,
            'content-type': 'text/event-stream; charset=utf-8',
            'cache-control': 'no-cache',
          },
        });
      }
      if (!(await waitUntil(context, call.timing.endMs, signal))) return dropped(context, request);
      return Response.json(messageBody(call, body.model), { headers });
    }),
  ];
}
