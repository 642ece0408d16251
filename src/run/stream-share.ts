/**
 * Sharing a generated request stream between threads. Generating a request costs ~30 µs; a
 * run plan needs the whole stream in every worker, so each worker generates a slice and the
 * slices are shared instead of every thread generating the whole day.
 *
 * A chunk is a few SharedArrayBuffers (posted to every thread without copying): numbers as
 * float64 (exact), strings deduplicated into one UTF-8 pool (a day's message texts are 260 MB
 * but only 17 MB distinct: documents and system prompts repeat), message (role, content)
 * string ids. Decoding (stream-window.ts) rebuilds objects of exactly the generator's shape and
 * key order.
 *
 * Only requests of the known shape with well-formed strings are encodable (UTF-8 would turn a
 * lone surrogate into U+FFFD); `encodeRequests` returns undefined otherwise and the caller
 * generates locally instead.
 */

import type { RequestStream } from '../traffic/index.ts';

/** One encoded slice [from, to) of a stream. Every array is backed by a SharedArrayBuffer. */
export interface StreamChunk {
  from: number;
  to: number;
  /** NUMBER_FIELDS float64 per request. */
  numbers: Float64Array;
  /** STRING_FIELDS string ids per request. */
  strings: Int32Array;
  /** Per request: index of its first message in `messages` / 2, plus a final end entry. */
  messageStarts: Int32Array;
  /** (role string id, content string id) per message. */
  messages: Int32Array;
  /** UTF-8 bytes of the distinct strings. */
  pool: Uint8Array;
  /** Byte offset of string k in `pool` (and one past the end). */
  poolOffsets: Uint32Array;
}

const NUMBER_FIELDS = 8; // index, arrivalMs, promptTokens, maxTokens, difficulty, expected, cacheable, prefixId
const STRING_FIELDS = 4; // id, tier, domain, template
const REQUEST_KEYS = 'id,index,arrivalMs,messages,tier,promptTokens,maxTokens';
const HIDDEN_KEYS = 'domain,difficulty,template,expectedOutputTokens,cacheablePrefixTokens,prefixId';

function shared<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(
  make: new (buffer: SharedArrayBuffer) => T,
  bytesPer: number,
  length: number,
): T {
  return new make(new SharedArrayBuffer(Math.max(1, length) * bytesPer));
}

/** Encode requests [from, to) of `stream`; undefined when one does not fit the format. */
export function encodeRequests(stream: RequestStream, from: number, to: number): StreamChunk | undefined {
  const count = to - from;
  const numbers = shared(Float64Array, 8, count * NUMBER_FIELDS);
  const strings = shared(Int32Array, 4, count * STRING_FIELDS);
  const messageStarts = shared(Int32Array, 4, count + 1);
  const messageIds: number[] = [];
  const ids = new Map<string, number>();
  const texts: string[] = [];
  let textBytes = 0;
  let wellFormed = true;
  const intern = (text: string): number => {
    let id = ids.get(text);
    if (id === undefined) {
      id = texts.length;
      ids.set(text, id);
      texts.push(text);
      textBytes += Buffer.byteLength(text, 'utf8');
      if (!text.isWellFormed()) wellFormed = false;
    }
    return id;
  };
  for (let index = from; index < to; index++) {
    const { request, hidden } = stream.get(index);
    if (Object.keys(request).join(',') !== REQUEST_KEYS || Object.keys(hidden).join(',') !== HIDDEN_KEYS) {
      return undefined;
    }
    const row = index - from;
    numbers.set(
      [
        request.index,
        request.arrivalMs,
        request.promptTokens,
        request.maxTokens,
        hidden.difficulty,
        hidden.expectedOutputTokens,
        hidden.cacheablePrefixTokens,
        hidden.prefixId,
      ],
      row * NUMBER_FIELDS,
    );
    strings.set(
      [intern(request.id), intern(request.tier), intern(hidden.domain), intern(hidden.template)],
      row * STRING_FIELDS,
    );
    messageStarts[row] = messageIds.length / 2;
    for (const message of request.messages) {
      if (Object.keys(message).length !== 2) return undefined;
      messageIds.push(intern(message.role), intern(message.content));
    }
  }
  if (!wellFormed) return undefined;
  messageStarts[count] = messageIds.length / 2;
  const messages = shared(Int32Array, 4, messageIds.length);
  messages.set(messageIds);
  const pool = shared(Uint8Array, 1, textBytes);
  const poolOffsets = shared(Uint32Array, 4, texts.length + 1);
  const poolBuffer = Buffer.from(pool.buffer, pool.byteOffset, pool.byteLength);
  let offset = 0;
  texts.forEach((text, id) => {
    poolOffsets[id] = offset;
    offset += poolBuffer.write(text, offset, 'utf8');
  });
  poolOffsets[texts.length] = offset;
  return { from, to, numbers, strings, messageStarts, messages, pool, poolOffsets };
}

/**
 * Most requests one chunk encodes. A chunk interns every distinct string in one Map, and V8 caps a
 * Map at 2^24 entries: a request brings about two strings of its own (its id, its question), so a
 * month at 1 M requests a day encoded whole failed; 2^20 requests stay far below the cap and bound
 * the encoder's transient memory. The chunking never shows in the output (strings are values).
 */
export const CHUNK_MAX_REQUESTS = 2 ** 20;

/** Ranges of [0, count) to encode: `parts` slices, split further so none exceeds `maxRequests`. */
export function chunkRanges(
  count: number,
  parts: number,
  maxRequests = CHUNK_MAX_REQUESTS,
): { from: number; to: number }[] {
  return sliceRanges(count, Math.max(parts, Math.ceil(count / maxRequests)));
}

/** Split [0, count) into `parts` contiguous slices of near-equal size (empty ones dropped). */
export function sliceRanges(count: number, parts: number): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  for (let part = 0; part < parts; part++) {
    const from = Math.floor((count * part) / parts);
    const to = Math.floor((count * (part + 1)) / parts);
    if (to > from) ranges.push({ from, to });
  }
  return ranges;
}
