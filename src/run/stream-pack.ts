/**
 * An encoded stream chunk kept deflated. A long in-process stream (a month at 1 M requests a day:
 * 30 M requests) is replayed from encoded chunks by every unit; held as they are, the chunks cost
 * ≈ 260 B a request (7.8 GB for that month) in every process that runs it — each shard and the
 * merge. Deflated at level 1 they cost ≈ 92 B a request (`node bench/stream-pack.bench.ts`: 261 →
 * 92 B, packing 2.6 µs and inflating 1.0 µs a request, medians); a unit inflates a chunk when it
 * first reads it (stream-window.ts keeps two inflated), against the ≈ 30 µs the engine spends on it.
 * Packed, a long stream's chunks are spilled to a file (StreamSpill) and read back as units reach them.
 */
import { closeSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { RoutesimError } from '../errors.ts';
import type { StreamChunk } from './stream-share.ts';

const ARRAYS = ['numbers', 'strings', 'messageStarts', 'messages', 'pool', 'poolOffsets'] as const;
type ChunkArray = (typeof ARRAYS)[number];

/** A chunk's arrays, each deflated; `from`/`to` as the chunk's. */
export interface PackedChunk {
  from: number;
  to: number;
  packed: Record<ChunkArray, Buffer>;
}

/**
 * A packed chunk whose bytes wait in a spill file: its arrays' deflated bytes one after another
 * from `offset`, `lengths` long each.
 */
export interface SpilledChunk {
  from: number;
  to: number;
  spill: StreamSpill;
  offset: number;
  lengths: Record<ChunkArray, number>;
}

/**
 * A chunk as a stream holds it: as encoded (shared between threads), deflated (one thread), or
 * deflated into a spill file (one thread's long stream).
 */
export type StreamPiece = StreamChunk | PackedChunk | SpilledChunk;

/**
 * A file the packed chunks of one long stream are written to, off the heap: a month's stream
 * packed is ≈ 2.7 GB (92 B a request), held by every process that runs it — a shard that runs
 * one unit, or none, included — where units read it a chunk at a time, in order. The file is
 * removed from its directory as soon as it is opened, so nothing is left behind however the
 * process ends (where the platform cannot remove an open file, it is removed at exit); its
 * descriptor is closed once no chunk refers to it.
 */
export interface StreamSpill {
  readonly fd: number;
  /** Where the file was made (for messages). */
  readonly directory: string;
  /** Bytes written so far. */
  size: number;
}

/** A failure to make or write a spill file, as the user can act on it (no stack trace). */
function spillError(directory: string, error: unknown): RoutesimError {
  const code = (error as { code?: unknown }).code;
  const why = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  return new RoutesimError(
    'runtime',
    `routesim: cannot write the request stream's temporary file in ${directory} (${why}); a long stream run on one thread is kept there, ≈ 92 B a request — set TMPDIR to a directory with room`,
    { cause: error },
  );
}

const closeWhenUnreachable = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed (at exit).
  }
});

/**
 * Most requests in one spilled chunk: 2^16. Memory on the thread follows the chunk, not the stream
 * (encoding one interns its strings in a Map; a unit keeps two inflated, at ≈ 260 B a request), and
 * disk barely does: packed, a chunk of 65,536 requests of the month scenario takes 93.3 B a
 * request against 88.9 for one of 1,001,527 (`node bench/stream-pack.bench.ts --requests n`).
 */
export const SPILL_CHUNK_REQUESTS = 2 ** 16;

let spills = 0;

/** A new spill file in `directory` (@default the OS's temp directory: `TMPDIR` moves it). */
export function openStreamSpill(directory = tmpdir()): StreamSpill {
  const path = join(directory, `routesim-stream-${process.pid}-${Date.now().toString(36)}-${spills++}.bin`);
  let fd: number;
  try {
    fd = openSync(path, 'wx+', 0o600);
  } catch (error) {
    throw spillError(directory, error);
  }
  try {
    unlinkSync(path);
  } catch {
    process.once('exit', () => {
      try {
        closeSync(fd);
      } catch {
        // Closed already.
      }
      rmSync(path, { force: true });
    });
  }
  const spill = { fd, directory, size: 0 };
  closeWhenUnreachable.register(spill, fd);
  return spill;
}

/** `packed`'s bytes appended to `spill`: the chunk as a stream then holds it. */
export function spillChunk(spill: StreamSpill, packed: PackedChunk): SpilledChunk {
  const offset = spill.size;
  const lengths = {} as Record<ChunkArray, number>;
  for (const name of ARRAYS) {
    const bytes = packed.packed[name];
    try {
      for (let written = 0; written < bytes.byteLength; ) {
        written += writeSync(spill.fd, bytes, written, bytes.byteLength - written, spill.size + written);
      }
    } catch (error) {
      throw spillError(spill.directory, error);
    }
    spill.size += bytes.byteLength;
    lengths[name] = bytes.byteLength;
  }
  return { from: packed.from, to: packed.to, spill, offset, lengths };
}

/** The packed chunk of a spilled one, read back from its file. */
function readSpilled(piece: SpilledChunk): PackedChunk {
  const total = ARRAYS.reduce((sum, name) => sum + piece.lengths[name], 0);
  const bytes = Buffer.allocUnsafe(total);
  for (let read = 0; read < total; ) {
    const got = readSync(piece.spill.fd, bytes, read, total - read, piece.offset + read);
    if (got === 0) throw new Error(`stream spill file ended ${total - read} bytes early`);
    read += got;
  }
  const packed = {} as Record<ChunkArray, Buffer>;
  let at = 0;
  for (const name of ARRAYS) {
    packed[name] = bytes.subarray(at, at + piece.lengths[name]);
    at += piece.lengths[name];
  }
  return { from: piece.from, to: piece.to, packed };
}

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
  if ('spill' in piece) return chunkOf(readSpilled(piece));
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
