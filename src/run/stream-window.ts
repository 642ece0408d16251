/**
 * A request stream read from shared chunks (stream-share.ts), decoded on demand — kept whole up
 * to the memo budget (MEMO_MAX_REQUESTS), in a window above it — so a thread never regenerates a
 * request (≈ 30 µs each, the tokenizer most of it) and its memory is bounded whatever the traffic.
 *
 * Decoding a request is cheap once its repeated texts are decoded: documents and system prompts
 * make up most of a day's message bytes (260 MB of text, 17 MB distinct), so every string that
 * occurs more than once in a chunk is decoded once and kept (how many there are depends on the
 * template library, not on traffic); a string used by one request only (its id, its question) is
 * decoded with that request. Requests are decoded into objects of exactly the generator's shape
 * and key order, so outputs are byte-identical to a generated stream.
 */
import type { ChatMessage, Domain, GeneratedRequest } from '../contracts/index.ts';
import { MEMO_MAX_REQUESTS, MEMO_WINDOW_REQUESTS, type MemoizedStream } from './stream-cache.ts';
import { chunkOf, type StreamPiece } from './stream-pack.ts';
import type { StreamChunk } from './stream-share.ts';

const NUMBER_FIELDS = 8;
const STRING_FIELDS = 4;
/** Chunk readers kept: the chunk being read and the one before (requests still in flight). */
const READERS_KEPT = 2;

export interface SharedStreamOptions {
  /**
   * Requests kept decoded (rounded up to a power of two). @default every request up to
   * MEMO_MAX_REQUESTS, else MEMO_WINDOW_REQUESTS
   */
  windowRequests?: number;
}

/** The stream made of `chunks` (in order, covering [0, arrivals.length)), decoded on demand. */
export function sharedStream(
  chunks: readonly StreamPiece[],
  arrivals: Float64Array,
  options: SharedStreamOptions = {},
): MemoizedStream {
  const count = arrivals.length;
  // A chunk's reader keeps the chunk's repeated strings decoded (its documents and system prompts:
  // megabytes): made when a unit first reads the chunk, and of a long stream's many chunks only the
  // last READERS_KEPT read are kept, since units read in arrival order.
  const readers: (((row: number) => GeneratedRequest) | undefined)[] = new Array(chunks.length);
  const recent: number[] = [];
  const readerOf = (at: number) => {
    const existing = readers[at];
    if (existing !== undefined) return existing;
    const made = chunkReader(chunkOf(chunks[at]!));
    readers[at] = made;
    recent.push(at);
    if (recent.length > READERS_KEPT) readers[recent.shift()!] = undefined;
    return made;
  };
  const covered = chunks.reduce((sum, chunk) => sum + (chunk.to - chunk.from), 0);
  if (covered !== count || chunks.some((chunk, index) => chunk.from !== (chunks[index - 1]?.to ?? 0))) {
    throw new RangeError(`shared chunks cover ${covered} requests in pieces, the stream has ${count}`);
  }
  // Within the budget every request stays decoded once read (a window as large as the stream):
  // decoding the day again in every unit cost the default day 25 % more CPU than keeping it
  // (≈ 89 MB per thread): 130.1 vs 103.9 CPU-s side by side, bench/README "Linear cost". Above it, a window: memory bounded, a request decoded again
  // per unit costs ≈ 1 µs where generating it again cost ≈ 30 µs.
  const window = options.windowRequests ?? (count <= MEMO_MAX_REQUESTS ? count : MEMO_WINDOW_REQUESTS);
  const size = 2 ** Math.ceil(Math.log2(Math.max(2, window)));
  const mask = size - 1;
  const slots: (GeneratedRequest | undefined)[] = new Array(size);
  const tags = new Float64Array(size).fill(-1);
  let last = 0;
  const get = (index: number): GeneratedRequest => {
    const slot = index & mask;
    if (tags[slot] === index) return slots[slot]!;
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`request index ${index} is outside [0, ${count})`);
    }
    // Units read in arrival order: the chunk of the last read almost always holds the next one.
    let chunk = chunks[last]!;
    if (index < chunk.from || index >= chunk.to) {
      last = chunks.findIndex((candidate) => index >= candidate.from && index < candidate.to);
      chunk = chunks[last]!;
    }
    const entry = readerOf(last)(index - chunk.from);
    slots[slot] = entry;
    tags[slot] = index;
    return entry;
  };
  return {
    count,
    arrivals,
    get,
    complete: true,
    hidden: (index) =>
      Number.isInteger(index) && index >= 0 && index < count ? get(index).hidden : undefined,
    *[Symbol.iterator]() {
      for (let index = 0; index < count; index++) yield get(index);
    },
  };
}

/** Decodes row `row` of `chunk`; strings used more than once in the chunk are decoded once. */
export function chunkReader(chunk: StreamChunk): (row: number) => GeneratedRequest {
  const { numbers, strings, messageStarts, messages, poolOffsets } = chunk;
  const pool = Buffer.from(chunk.pool.buffer, chunk.pool.byteOffset, chunk.pool.byteLength);
  const distinct = poolOffsets.length - 1;
  // Uses of each string id, saturating at 2: one pass over the ids (4 B each), no text decoded.
  const uses = new Uint8Array(distinct);
  const count = (id: number) => {
    if (uses[id]! < 2) uses[id]!++;
  };
  for (const id of strings) count(id);
  for (const id of messages) count(id);
  const kept: (string | undefined)[] = new Array(distinct);
  const text = (id: number): string => {
    const cached = kept[id];
    if (cached !== undefined) return cached;
    const decoded = pool.toString('utf8', poolOffsets[id]!, poolOffsets[id + 1]!);
    if (uses[id] === 2) kept[id] = decoded;
    return decoded;
  };
  return (row) => {
    const n = row * NUMBER_FIELDS;
    const s = row * STRING_FIELDS;
    const list: ChatMessage[] = [];
    for (let message = messageStarts[row]!; message < messageStarts[row + 1]!; message++) {
      list.push({
        role: text(messages[2 * message]!) as ChatMessage['role'],
        content: text(messages[2 * message + 1]!),
      });
    }
    return {
      request: {
        id: text(strings[s]!),
        index: numbers[n]!,
        arrivalMs: numbers[n + 1]!,
        messages: list,
        tier: text(strings[s + 1]!),
        promptTokens: numbers[n + 2]!,
        maxTokens: numbers[n + 3]!,
      },
      hidden: {
        domain: text(strings[s + 2]!) as Domain,
        difficulty: numbers[n + 4]!,
        template: text(strings[s + 3]!),
        expectedOutputTokens: numbers[n + 5]!,
        cacheablePrefixTokens: numbers[n + 6]!,
        prefixId: numbers[n + 7]!,
      },
    };
  };
}
