/**
 * An encoded stream chunk kept deflated. A long in-process stream (a month at 1 M requests a day:
 * 30 M requests) is replayed from encoded chunks by every unit; held as they are, the chunks cost
 * ≈ 260 B a request (7.8 GB for that month) in every process that runs it — each shard and the
 * merge. Deflated at level 1 they cost ≈ 92 B a request (`node bench/stream-pack.bench.ts`: 261 →
 * 92 B, packing 2.6 µs and inflating 1.0 µs a request, medians); a unit inflates a chunk when it
 * first reads it (stream-window.ts keeps two inflated), against the ≈ 30 µs the engine spends on it.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import type { StreamChunk } from './stream-share.ts';

const ARRAYS = ['numbers', 'strings', 'messageStarts', 'messages', 'pool', 'poolOffsets'] as const;
type ChunkArray = (typeof ARRAYS)[number];

/** A chunk's arrays, each deflated; `from`/`to` as the chunk's. */
export interface PackedChunk {
  from: number;
  to: number;
  packed: Record<ChunkArray, Buffer>;
}

/** A chunk as a stream holds it: as encoded (shared between threads) or deflated (one thread). */
export type StreamPiece = StreamChunk | PackedChunk;

const bytesOf = (array: StreamChunk[ChunkArray]) =>
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

export function packChunk(chunk: StreamChunk): PackedChunk {
  const packed = {} as Record<ChunkArray, Buffer>;
  for (const name of ARRAYS) packed[name] = deflateSync(bytesOf(chunk[name]), { level: 1 });
  return { from: chunk.from, to: chunk.to, packed };
}

/** Inflate `bytes` into a fresh, aligned ArrayBuffer viewed as `make`. */
function inflated<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(
  make: { new (length: number): T; BYTES_PER_ELEMENT: number },
  bytes: Buffer,
): T {
  const raw = inflateSync(bytes);
  const view = new make(raw.byteLength / make.BYTES_PER_ELEMENT);
  new Uint8Array(view.buffer).set(raw);
  return view;
}

/** The encoded chunk of `piece` (inflated when it is packed). */
export function chunkOf(piece: StreamPiece): StreamChunk {
  if (!('packed' in piece)) return piece;
  const { packed } = piece;
  return {
    from: piece.from,
    to: piece.to,
    numbers: inflated(Float64Array, packed.numbers),
    strings: inflated(Int32Array, packed.strings),
    messageStarts: inflated(Int32Array, packed.messageStarts),
    messages: inflated(Int32Array, packed.messages),
    pool: inflated(Uint8Array, packed.pool),
    poolOffsets: inflated(Uint32Array, packed.poolOffsets),
  };
}
