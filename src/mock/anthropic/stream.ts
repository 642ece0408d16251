/**
 * Messages streaming: message_start once the call holds a slot, content_block_start and
 * the first text_delta at TTFT, the rest paced over the decode time, then
 * content_block_stop, message_delta (stop reason and usage) and message_stop.
 */
import type { AnsweredCall } from '../../contracts/index.ts';
import { type AnswerRequest, shapeAnswer, TEXT_ONLY } from '../answer-shape.ts';
import { encodeSseEvent, pieceTimes, splitCharacters, splitText, type TimedFrame } from '../sse.ts';
import { anthropicUsage, messageBody, stopReason, toolUseBlock } from './bodies.ts';
import { thinkingBlock } from './thinking.ts';

/** Most text deltas per answer. */
export const MAX_STREAM_PIECES = 16;

export function anthropicStreamFrames(
  call: AnsweredCall,
  model: string,
  answer: AnswerRequest = TEXT_ONLY,
): TimedFrame[] {
  const { timing } = call;
  const headersMs = timing.startMs + timing.queueMs;
  const firstTokenMs = timing.endMs - timing.decodeMs;
  const event = (atMs: number, type: string, data: object): TimedFrame => ({
    atMs,
    frame: encodeSseEvent(JSON.stringify({ type, ...data }), type),
  });
  const usage = anthropicUsage(call);
  const shape = shapeAnswer(answer, call.id, call.text);
  // message_start reports the input side and a placeholder output count, as the API does.
  const start = {
    ...messageBody(call, model, answer),
    content: [],
    stop_reason: null,
    usage: { ...usage, output_tokens: 1 },
  };
  // Anthropic sends a ping right after message_start (and keeps the connection alive with more).
  const frames: TimedFrame[] = [
    event(headersMs, 'message_start', { message: start }),
    event(headersMs, 'ping', {}),
  ];
  const thinking = thinkingBlock(call);
  // A thinking block streams while the model thinks (between the headers and the first text token).
  const textIndex = thinking === undefined ? 0 : 1;
  if (thinking !== undefined) frames.push(...thinkingFrames(thinking, headersMs, firstTokenMs, event));
  if (shape.kind === 'tool') {
    // A tool_use block streams its input as input_json_delta pieces of the JSON text.
    const { input: _input, ...block } = toolUseBlock(shape.call);
    const pieces = splitCharacters(shape.call.arguments, MAX_STREAM_PIECES);
    const times = pieceTimes(firstTokenMs, timing.decodeMs, pieces.length);
    frames.push(
      event(firstTokenMs, 'content_block_start', {
        index: textIndex,
        content_block: { ...block, input: {} },
      }),
      ...pieces.map((partial_json, index) =>
        event(times[index]!, 'content_block_delta', {
          index: textIndex,
          delta: { type: 'input_json_delta', partial_json },
        }),
      ),
    );
  } else {
    const pieces = splitText(shape.text, MAX_STREAM_PIECES);
    const times = pieceTimes(firstTokenMs, timing.decodeMs, pieces.length);
    frames.push(
      event(firstTokenMs, 'content_block_start', {
        index: textIndex,
        content_block: { type: 'text', text: '' },
      }),
    );
    pieces.forEach((text, index) => {
      frames.push(
        event(times[index]!, 'content_block_delta', {
          index: textIndex,
          delta: { type: 'text_delta', text },
        }),
      );
    });
  }
  frames.push(
    event(timing.endMs, 'content_block_stop', { index: textIndex }),
    event(timing.endMs, 'message_delta', {
      delta: { stop_reason: stopReason(call, shape), stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    }),
    event(timing.endMs, 'message_stop', {}),
  );
  return frames;
}

type Event = (atMs: number, type: string, data: object) => TimedFrame;

/** content_block_start, thinking_deltas paced over the thinking time, the signature_delta, content_block_stop. */
function thinkingFrames(
  block: NonNullable<ReturnType<typeof thinkingBlock>>,
  startMs: number,
  endMs: number,
  event: Event,
): TimedFrame[] {
  const pieces = splitText(block.thinking, MAX_STREAM_PIECES);
  const times = pieceTimes(startMs, endMs - startMs, pieces.length);
  return [
    event(startMs, 'content_block_start', {
      index: 0,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    }),
    ...pieces.map((thinking, index) =>
      event(times[index]!, 'content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking } }),
    ),
    event(endMs, 'content_block_delta', {
      index: 0,
      delta: { type: 'signature_delta', signature: block.signature },
    }),
    event(endMs, 'content_block_stop', { index: 0 }),
  ];
}
