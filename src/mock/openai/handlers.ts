/** msw handlers for one OpenAI-compatible provider: POST /chat/completions and GET /models. */
import { type HttpHandler, http } from 'msw';
import { callSignal, callWorld, deliverError, dropped, waitUntil } from '../call.ts';
import type { MockContext } from '../context.ts';
import { pacedStream } from '../sse.ts';
import { chatCompletionBody, createdSeconds, modelListBody } from './bodies.ts';
import { modelNotFound, openAICallError } from './errors.ts';
import { openAIRateLimitHeaders } from './headers.ts';
import { parseOpenAIChat } from './parse.ts';
import { readReasoningEffort } from './reasoning-effort.ts';
import { openAIStreamFrames } from './stream.ts';

export function openAIHandlers(context: MockContext, provider: string, baseUrl: string): HttpHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  return [
    http.get(`${base}/models`, () =>
      Response.json(modelListBody(context.world.catalog.models, provider, createdSeconds(context.clock, 0))),
    ),
    http.post(`${base}/chat/completions`, async ({ request }) => {
      const parsed = await parseOpenAIChat(request);
      if (!parsed.ok) return parsed.response;
      const body = parsed.value;
      const model = context.world.model(body.model);
      if (model === undefined || model.provider !== provider) return modelNotFound(body.model);
      const effort = readReasoningEffort(model, body.reasoningEffort);
      if (!effort.ok) return effort.response;
      if (effort.setting !== undefined) body.reasoning = effort.setting;

      const signal = callSignal(context, request);
      const { result, promptTokens, maxTokens } = callWorld(context, provider, model, body);
      if (!result.ok) {
        const { error } = result;
        const ended = await deliverError(context, error, signal, request);
        if (ended !== undefined) return ended;
        return openAICallError({
          error,
          model,
          clock: context.clock,
          promptTokens,
          maxTokens,
          judgeCall: body.judge !== undefined,
        });
      }

      const { call } = result;
      const headers = {
        ...openAIRateLimitHeaders(call.rateLimit, context.clock),
        'x-request-id': `req_${call.id}`,
        'openai-processing-ms': String(Math.round(call.timing.endMs - call.timing.startMs)),
      };
      const options = {
        model: body.model,
        logprobs: body.logprobs,
        topLogprobs: body.topLogprobs,
        includeUsage: body.includeUsage,
      };
      if (body.stream) {
        // Headers go out once the call holds a slot (after queueing); tokens follow at TTFT.
        if (!(await waitUntil(context, call.timing.startMs + call.timing.queueMs, signal)))
          return dropped(context, request);
        const frames = openAIStreamFrames(call, context.clock, options);
        return new Response(pacedStream(frames, context.clock, signal), {
          headers: {
            ...headers,
            'content-type': 'text/event-stream; charset=utf-8',
            'cache-control': 'no-cache',
          },
        });
      }
      if (!(await waitUntil(context, call.timing.endMs, signal))) return dropped(context, request);
      return Response.json(chatCompletionBody(call, context.clock, options), { headers });
    }),
  ];
}
