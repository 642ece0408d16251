/**
 * requests.bin of a shard folder: the request stream's facts as shard 1 computed them — arrival,
 * domain and tier per request and the request ids — so that `routesim merge` need not generate
 * the stream again (which was ≈ 40 % of a 1-day merge's time and most of its fixed memory:
 * bench/README "Round 6"). Only shard 1 writes it: every shard regenerates the same stream (the
 * manifests' stream sha256 agree, merge-check.ts), so one copy is enough.
 *
 * Layout: "RSFACTS1" (8 bytes), request count and id bytes (two float64), the sha256 of what
 * follows (32 bytes), then arrival (float64 × n), domain (uint8 × n), tier (uint8 × n) and the ids
 * as UTF-8 joined by "\n" (as columns.bin holds them). Numbers in the machine's byte order: read
 * only by the same routesim and Node (the merge checks the manifests), as results.bin is.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import type { ShardRequestFacts } from '../run/shard-types.ts';
import { readExactly, writeAll } from './large-file.ts';

export const REQUEST_FACTS_FILE = 'requests.bin';
const MAGIC = 'RSFACTS1';
const HEADER_BYTES = 8 + 8 + 8 + 32;
/** Ids encoded per write. */
const IDS_PER_BATCH = 1 << 16;

/** What the file holds (the run layer's name for it: a shard's results sink hands it over). */
export type RequestFacts = ShardRequestFacts;

function bytesOf(array: ArrayBufferView): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Write `facts` to `file` (replacing it). */
export function writeRequestFacts(file: string, facts: RequestFacts): void {
  const { arrival, domain, tier } = facts.requests;
  const count = arrival.length;
  if (domain.length !== count || tier.length !== count || facts.requestIds.length !== count) {
    throw new RangeError(
      `request facts of ${count} arrivals have ${domain.length} domains, ${tier.length} tiers and ${facts.requestIds.length} ids`,
    );
  }
  const encoder = new TextEncoder();
  // One pass: the header is written last, once the id bytes are counted and everything hashed.
  const hash = createHash('sha256');
  let idBytes = 0;
  const fd = openSync(file, 'w');
  try {
    const write = (bytes: Uint8Array) => {
      hash.update(bytes);
      writeAll(fd, bytes);
    };
    writeAll(fd, Buffer.alloc(HEADER_BYTES));
    for (const part of [bytesOf(arrival), domain, tier]) write(part);
    // Ids a batch at a time: bounded staging whatever the count.
    for (let from = 0; from < count; from += IDS_PER_BATCH) {
      const batch = facts.requestIds.slice(from, Math.min(count, from + IDS_PER_BATCH));
      const broken = batch.find((id) => id.includes('\n'));
      if (broken !== undefined)
        throw new RangeError(`request id ${JSON.stringify(broken)} holds a line break`);
      const bytes = encoder.encode(from === 0 ? batch.join('\n') : `\n${batch.join('\n')}`);
      write(bytes);
      idBytes += bytes.byteLength;
    }
    const header = Buffer.alloc(HEADER_BYTES);
    header.write(MAGIC, 0, 'latin1');
    header.writeDoubleLE(count, 8);
    header.writeDoubleLE(idBytes, 16);
    hash.digest().copy(header, 24);
    writeSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
}

/** The facts in `file`, or a sentence saying why it holds none (missing, cut short, altered). */
export function readRequestFacts(file: string): (RequestFacts & { requestIds: string[] }) | string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return `${file}: missing (shard 1 of a run writes it; run that shard again)`;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < HEADER_BYTES) return `${file}: cut short (${size} bytes)`;
    const header = Buffer.alloc(HEADER_BYTES);
    readExactly(fd, 0, HEADER_BYTES, file, header);
    if (header.toString('latin1', 0, 8) !== MAGIC) return `${file}: not a routesim request facts file`;
    const count = header.readDoubleLE(8);
    const idBytes = header.readDoubleLE(16);
    const expected = HEADER_BYTES + count * 10 + idBytes;
    if (size !== expected) return `${file}: ${size} bytes where its header promises ${expected}`;
    const arrival = new Float64Array(count);
    const domain = new Uint8Array(count);
    const tier = new Uint8Array(count);
    const ids = Buffer.alloc(idBytes);
    let at = HEADER_BYTES;
    const hash = createHash('sha256');
    for (const part of [bytesOf(arrival), bytesOf(domain), bytesOf(tier), ids]) {
      readExactly(fd, at, part.byteLength, file, part);
      hash.update(part);
      at += part.byteLength;
    }
    if (!hash.digest().equals(header.subarray(24, 56))) {
      return `${file}: its contents do not match the checksum in its header (altered or damaged)`;
    }
    const requestIds: string[] = new Array(count);
    let start = 0;
    for (let index = 0; index < count; index++) {
      const end = index === count - 1 ? idBytes : ids.indexOf(10, start);
      if (end < 0) return `${file}: ${index} ids where it holds ${count} requests`;
      requestIds[index] = ids.toString('utf8', start, end);
      start = end + 1;
    }
    return { requests: { arrival, domain, tier }, requestIds };
  } finally {
    closeSync(fd);
  }
}
