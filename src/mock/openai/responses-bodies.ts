/**
 * Responses API bodies: the `response` object (`resp_…`, its output items — a reasoning item
 * when the model thought, then the message with its `output_text`, or a `function_call`) and
 * its stream of typed events (`response.created` … `response.completed`, each with a
 * `sequence_number`), timed like Chat Completions' chunks.
 */
import type { AnsweredCall } from '../../contracts/index.ts';
import { wireResponseId } from '../../contracts/index.ts';
import { type AnswerShape, shapeAnswer } from '../answer-shape.ts';
import type { Clock } from '../clock.ts';
import { encodeSseEvent, pieceTimes, splitCharacters, splitText, type TimedFrame } from '../sse.ts';
import { createdSeconds } from './bodies.ts';
import type { OpenAIResponsesRequest } from './responses-parse.ts';

/** Most text or argument deltas per answer. */
const MAX_STREAM_PIECES = 16;

function responsesUsage(call: AnsweredCall) {
  const { promptTokens, completionTokens, cachedTokens, reasoningTokens } = call.usage;
  return {
    input_tokens: promptTokens,
    input_tokens_details: { cached_tokens: cachedTokens },
    output_tokens: completionTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: promptTokens + completionTokens,
  };
}

/** The output items of an answer, complete. */
function outputItems(call: AnsweredCall, shape: AnswerShape): object[] {
  const reasoning =
    call.usage.reasoningTokens > 0 ? [{ type: 'reasoning', id: `rs_${call.id}`, summary: [] }] : [];
  if (shape.kind === 'tool') {
    return [
      ...reasoning,
      {
        type: 'function_call',
        id: `fc_${shape.call.idSuffix}`,
        call_id: `call_${shape.call.idSuffix}`,
        name: shape.call.name,
        arguments: shape.call.arguments,
        status: 'completed',
      },
    ];
  }
  return [
    ...reasoning,
    {
      type: 'message',
      id: wireResponseId('message', call.id),
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: shape.text, annotations: [], logprobs: [] }],
    },
  ];
}

/** The response object; `final` false gives the in-progress one a stream starts with. */
export function responseObject(
  call: AnsweredCall,
  clock: Clock,
  request: OpenAIResponsesRequest,
  final = true,
) {
  const shape = shapeAnswer(request.answer, call.id, call.text);
  const truncated = call.finishReason === 'length' && shape.kind === 'text';
  const format = request.answer.json;
  return {
    id: wireResponseId('response', call.id),
    object: 'response' as const,
    created_at: createdSeconds(clock, call.timing.startMs),
    status: final ? (truncated ? 'incomplete' : 'completed') : 'in_progress',
    error: null,
    incomplete_details: final && truncated ? { reason: 'max_output_tokens' } : null,
    instructions: request.instructions,
    max_output_tokens: request.maxOutputTokens,
    model: request.model,
    output: final ? outputItems(call, shape) : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: request.reasoning?.effort ?? null, summary: null },
    store: true,
    temperature: request.temperature,
    text: {
      format:
        format === undefined
          ? { type: 'text' }
          : format.kind === 'object'
            ? { type: 'json_object' }
            : { type: 'json_schema', schema: format.schema },
    },
    tool_choice:
      request.answer.toolChoice.kind === 'named'
        ? { type: 'function', name: request.answer.toolChoice.name }
        : request.answer.toolChoice.kind,
    tools: request.answer.tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      parameters: tool.parameters,
      strict: true,
    })),
    top_p: request.topP,
    truncation: 'disabled',
    usage: final ? responsesUsage(call) : null,
    user: null,
    metadata: {},
  };
}

/** The event stream: created and in_progress once the call holds a slot, deltas from TTFT, completed at the end. */
export function responsesStreamFrames(
  call: AnsweredCall,
  clock: Clock,
  request: OpenAIResponsesRequest,
): TimedFrame[] {
  const { timing } = call;
  const headersMs = timing.startMs + timing.queueMs;
  const firstTokenMs = timing.endMs - timing.decodeMs;
  const final = responseObject(call, clock, request);
  const pending = responseObject(call, clock, request, false);
  let sequence = 0;
  const frames: TimedFrame[] = [];
  const event = (atMs: number, type: string, data: object) => {
    frames.push({
      atMs,
      frame: encodeSseEvent(JSON.stringify({ type, ...data, sequence_number: sequence++ }), type),
    });
  };
  event(headersMs, 'response.created', { response: pending });
  event(headersMs, 'response.in_progress', { response: pending });
  const items = final.output as Record<string, unknown>[];
  items.forEach((item, outputIndex) => {
    const atMs = item['type'] === 'reasoning' ? headersMs : firstTokenMs;
    const itemId = String(item['id']);
    if (item['type'] === 'function_call') {
      event(atMs, 'response.output_item.added', {
        output_index: outputIndex,
        item: { ...item, arguments: '', status: 'in_progress' },
      });
      const pieces = splitCharacters(String(item['arguments']), MAX_STREAM_PIECES);
      const times = pieceTimes(firstTokenMs, timing.decodeMs, pieces.length);
      pieces.forEach((delta, index) => {
        event(times[index]!, 'response.function_call_arguments.delta', {
          item_id: itemId,
          output_index: outputIndex,
          delta,
        });
      });
      event(timing.endMs, 'response.function_call_arguments.done', {
        item_id: itemId,
        output_index: outputIndex,
        name: item['name'],
        arguments: item['arguments'],
      });
    } else if (item['type'] === 'message') {
      const part = (item['content'] as { text: string }[])[0]!;
      event(atMs, 'response.output_item.added', {
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', content: [] },
      });
      const where = { item_id: itemId, output_index: outputIndex, content_index: 0 };
      event(atMs, 'response.content_part.added', { ...where, part: { ...part, text: '' } });
      const pieces = splitText(part.text, MAX_STREAM_PIECES);
      const times = pieceTimes(firstTokenMs, timing.decodeMs, pieces.length);
      pieces.forEach((delta, index) => {
        event(times[index]!, 'response.output_text.delta', { ...where, delta, logprobs: [] });
      });
      event(timing.endMs, 'response.output_text.done', { ...where, text: part.text, logprobs: [] });
      event(timing.endMs, 'response.content_part.done', { ...where, part });
    } else {
      event(atMs, 'response.output_item.added', { output_index: outputIndex, item });
    }
    event(item['type'] === 'reasoning' ? firstTokenMs : timing.endMs, 'response.output_item.done', {
      output_index: outputIndex,
      item,
    });
  });
  event(timing.endMs, final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', {
    response: final,
  });
  return frames;
}
