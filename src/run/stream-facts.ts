/**
 * What the main thread of a pooled run needs from the request stream — the request columns
 * (arrival, domain, tier), the provenance hash and the request ids — read straight from the
 * shared chunks the workers generated, without building a single request object. On a pool the
 * main thread runs no unit, so decoding the whole day into objects there (≈ 113,000 requests,
 * their messages and labels) only cost a second of CPU and a third copy of the stream in memory.
 *
 * The hash is provenance.ts's format byte for byte: the chunks hold every string as its UTF-8
 * bytes, which is exactly what hashing the string writes, so message bytes go to the hash
 * without being decoded.
 */
import { createHash } from 'node:crypto';
import { DOMAINS } from '../contracts/index.ts';
import type { RequestColumns } from '../engine/types.ts';
import { chunkOf, type StreamPiece } from './stream-pack.ts';

export interface StreamFacts {
  requests: RequestColumns;
  /** provenance.ts's request-stream hash. */
  sha256: string;
  requestIds: string[];
}

const NUMBER_FIELDS = 8;
const STRING_FIELDS = 4;
/** Bytes staged before each hash update (one native call per block, not per message). */
const STAGE_BYTES = 1 << 20;

/** Facts of the stream made of `chunks` (in order, covering [0, arrivals.length)). */
export function streamFactsFromChunks(
  chunks: readonly StreamPiece[],
  arrivals: Float64Array,
  tiers: readonly string[],
): StreamFacts {
  const count = arrivals.length;
  const domain = new Uint8Array(count);
  const tier = new Uint8Array(count);
  const requestIds: string[] = new Array(count);
  const domainIndex = new Map<string, number>(DOMAINS.map((name, index) => [name, index]));
  const tierIndex = new Map(tiers.map((name, index) => [name, index]));
  const hash = createHash('sha256');
  let stage = Buffer.allocUnsafe(STAGE_BYTES);
  let staged = 0;
  const flush = () => {
    if (staged > 0) hash.update(stage.subarray(0, staged));
    staged = 0;
  };
  const stageBytes = (source: Buffer, from: number, to: number) => {
    const length = to - from;
    if (staged + length > stage.length) {
      flush();
      if (length > stage.length) stage = Buffer.allocUnsafe(length);
    }
    source.copy(stage, staged, from, to);
    staged += length;
  };
  const stageText = (text: string) => {
    const length = Buffer.byteLength(text, 'utf8');
    if (staged + length > stage.length) flush();
    if (length > stage.length) hash.update(text);
    else staged += stage.write(text, staged, 'utf8');
  };
  const TAB = Buffer.from('\t');
  const NEWLINE = Buffer.from('\n');
  for (const piece of chunks) {
    const chunk = chunkOf(piece);
    const { numbers, strings, messageStarts, messages, poolOffsets } = chunk;
    const pool = Buffer.from(chunk.pool.buffer, chunk.pool.byteOffset, chunk.pool.byteLength);
    const text = (id: number) => pool.toString('utf8', poolOffsets[id]!, poolOffsets[id + 1]!);
    // Domain and tier per string id of this chunk (a handful of distinct values).
    const labels = new Map<number, number | undefined>();
    const label = (id: number, index: ReadonlyMap<string, number>) => {
      if (!labels.has(id)) labels.set(id, index.get(text(id)));
      return labels.get(id);
    };
    for (let row = 0; row < chunk.to - chunk.from; row++) {
      const requestIndex = chunk.from + row;
      const s = row * STRING_FIELDS;
      const id = text(strings[s]!);
      requestIds[requestIndex] = id;
      const d = label(strings[s + 2]!, domainIndex);
      const t = label(strings[s + 1]!, tierIndex);
      if (d === undefined) throw new Error(`request ${id} has unknown domain ${text(strings[s + 2]!)}`);
      if (t === undefined) {
        throw new Error(`request ${id} has tier ${text(strings[s + 1]!)}, not one of ${tiers.join(', ')}`);
      }
      domain[requestIndex] = d;
      tier[requestIndex] = t;
      stageText(`${id}\t${numbers[row * NUMBER_FIELDS + 1]!}\n`);
      for (let message = messageStarts[row]!; message < messageStarts[row + 1]!; message++) {
        const role = messages[2 * message]!;
        const content = messages[2 * message + 1]!;
        stageBytes(pool, poolOffsets[role]!, poolOffsets[role + 1]!);
        stageBytes(TAB, 0, 1);
        stageBytes(pool, poolOffsets[content]!, poolOffsets[content + 1]!);
        stageBytes(NEWLINE, 0, 1);
      }
      stageBytes(NEWLINE, 0, 1);
    }
  }
  flush();
  return {
    requests: { arrival: Float64Array.from(arrivals), domain, tier },
    sha256: hash.digest('hex'),
    requestIds,
  };
}
