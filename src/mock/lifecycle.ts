/**
 * The one lifecycle of a call, for every wire format: parse → look up the model → check the
 * reasoning parameter → ask the world → on an error, hang, drop or answer with the format's
 * error body at its virtual time → on an answer, the format's body at the last token, or its
 * stream with the headers once the call holds a slot; `n` choices are n world calls answered
 * together. The format supplies only its own
 * functions (CallFormat, wire-format.ts).
 */
import type { AnsweredCall } from '../contracts/index.ts';
import type { ParsedCall } from './call.ts';
import { callSignal, callWorld, deliverError, dropped, waitUntil } from './call.ts';
import type { MockContext } from './context.ts';
import { FORCED_FAULT_HEADER, readForcedFault } from './forced-fault.ts';
import { pacedStream } from './sse.ts';
import type { CallFormat } from './wire-format.ts';

export async function answerCall<Call extends ParsedCall>(
  context: MockContext,
  provider: string,
  format: CallFormat<Call>,
  request: Request,
): Promise<Response> {
  const parsed = await format.parse(request);
  if (!parsed.ok) return parsed.response;
  const body = parsed.value;
  const model = context.world.model(body.model);
  if (model === undefined || model.provider !== provider) return format.modelNotFound(body.model);
  const reasoning = format.readReasoning(model, body);
  if (!reasoning.ok) return reasoning.response;
  if (reasoning.setting !== undefined) body.reasoning = reasoning.setting;

  const forced = readForcedFault(request.headers, context.clock.now());
  if (!forced.ok) return Response.json(forcedFaultError(forced.message), { status: 400 });
  const signal = callSignal(context, request);
  const forcedFault =
    forced.error === undefined
      ? undefined
      : { value: request.headers.get(FORCED_FAULT_HEADER) ?? '', error: forced.error };
  // Each choice (OpenAI's `n`) is a sample of its own: one world call each, in order.
  const calls: AnsweredCall[] = [];
  let clock = context.clock;
  for (let choice = 0; choice < (body.choices ?? 1); choice++) {
    const { result, promptTokens, maxTokens, requestIndex, attempt, startMs } = callWorld(
      context,
      provider,
      model,
      body,
      forcedFault,
    );
    // The call's waits (queue, TTFT, tokens) run on its own clock: --latency-scale paces them.
    if (choice === 0) clock = context.clock.forCall?.(startMs) ?? context.clock;
    if (!result.ok) {
      const { error } = result;
      const ended = await deliverError(context, clock, error, signal, request);
      if (ended !== undefined) return ended;
      return format.callError({
        error,
        model,
        clock: context.clock,
        promptTokens,
        maxTokens,
        seed: context.world.seed,
        requestIndex,
        attempt,
        judgeCall: body.judge !== undefined,
      });
    }
    calls.push(result.call);
  }

  const call = calls[0]!;
  const headers = format.answerHeaders(call, context.clock);
  if (body.stream) {
    // Headers go out once the call holds a slot (after queueing); tokens follow at TTFT.
    if (!(await waitUntil(clock, call.timing.startMs + call.timing.queueMs, signal)))
      return dropped(context, request);
    const frames = format.streamFrames(call, context.clock, body, calls);
    return new Response(pacedStream(frames, clock, signal), {
      headers: {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
      },
    });
  }
  const endMs = Math.max(...calls.map((answered) => answered.timing.endMs));
  if (!(await waitUntil(clock, endMs, signal))) return dropped(context, request);
  return Response.json(format.body(call, context.clock, body, calls), { headers });
}

/** A routesim header the client got wrong: routesim's own words, not a provider's. */
function forcedFaultError(message: string) {
  return { error: { message, type: 'invalid_request_error', param: FORCED_FAULT_HEADER, code: null } };
}
