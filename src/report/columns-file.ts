/**
 * columns.bin: the per-request columns `compare` and the bootstrap need, in one binary file.
 *
 * Layout (all integers little-endian):
 *   bytes 0–7    magic "RSCOLS01"
 *   bytes 8–11   uint32 H: byte length of the header
 *   bytes 12…    H bytes of UTF-8 JSON (ColumnsHeader), space-padded so the data starts at a
 *                multiple of 8
 *   data         the blocks the header lists, each at `offset` bytes from the data start (every
 *                offset a multiple of 8), `byteLength` bytes long
 *
 * Blocks: `requestId` (UTF-8, ids joined by "\n"), `arrivalMs` (float64), `domain` and `tier`
 * (uint8 indices into header.domains / header.tiers), then per strategy `cost` (float64, USD),
 * `score` (float32, [0, 1], 0 when failed), `latency` (float32, ms, NaN when failed) and
 * `status` (uint8 index into header.statusNames). Row i of every block is request index i.
 */
import { endianness } from 'node:os';
import { writeFileAtomic } from './atomic-write.ts';
import { readWholeFile } from './large-file.ts';

export const COLUMNS_MAGIC = 'RSCOLS01';
export const COLUMNS_FILE = 'columns.bin';

export type ColumnType = 'utf8-lines' | 'float64' | 'float32' | 'uint8';

export interface ColumnBlock {
  name: string;
  /** Strategy the block belongs to; absent for request columns. */
  strategy?: string;
  type: ColumnType;
  offset: number;
  byteLength: number;
}

export interface ColumnsHeader {
  format: 'routesim-columns';
  version: 1;
  requests: number;
  /** sha256 of the request stream (results.json provenance.requestStreamSha256). */
  requestStreamSha256: string;
  domains: string[];
  tiers: string[];
  statusNames: string[];
  strategies: string[];
  blocks: ColumnBlock[];
}

export interface StrategyColumns {
  cost: Float64Array;
  score: Float32Array;
  latency: Float32Array;
  status: Uint8Array;
}

export interface ColumnsData {
  requestIds: string[];
  arrivalMs: Float64Array;
  domain: Uint8Array;
  tier: Uint8Array;
  strategies: Map<string, StrategyColumns>;
}

export type ColumnsMeta = Omit<ColumnsHeader, 'format' | 'version' | 'requests' | 'strategies' | 'blocks'>;

export function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

const align8 = (value: number) => Math.ceil(value / 8) * 8;

/** A block before it is placed: its name, strategy, type and size. */
export type BlockShape = Omit<ColumnBlock, 'offset'>;

/** The request blocks' shapes: ids (UTF-8 bytes `requestIdBytes`), arrival, domain, tier. */
export function requestBlockShapes(requestIdBytes: number, requests: number): BlockShape[] {
  return [
    { name: 'requestId', type: 'utf8-lines', byteLength: requestIdBytes },
    { name: 'arrivalMs', type: 'float64', byteLength: 8 * requests },
    { name: 'domain', type: 'uint8', byteLength: requests },
    { name: 'tier', type: 'uint8', byteLength: requests },
  ];
}

/** One strategy's four blocks, in the order they are written. */
export function strategyBlockShapes(strategy: string, requests: number): BlockShape[] {
  return [
    { name: 'cost', strategy, type: 'float64', byteLength: 8 * requests },
    { name: 'score', strategy, type: 'float32', byteLength: 4 * requests },
    { name: 'latency', strategy, type: 'float32', byteLength: 4 * requests },
    { name: 'status', strategy, type: 'uint8', byteLength: requests },
  ];
}

/** One strategy's four columns as bytes, in strategyBlockShapes order. */
export function strategyBlockBytes(columns: StrategyColumns): Uint8Array[] {
  return [bytesOf(columns.cost), bytesOf(columns.score), bytesOf(columns.latency), bytesOf(columns.status)];
}

/** Bytes of zeros after a block of `byteLength` bytes, so the next one starts at a multiple of 8. */
export const paddingAfter = (byteLength: number) => align8(byteLength) - byteLength;

/**
 * Where every block goes, from the sizes alone (so the file can be written as the columns
 * arrive): the file's first bytes (magic, header length, header, padding) and the data length.
 */
export function columnsLayout(
  shapes: readonly BlockShape[],
  requests: number,
  strategies: readonly string[],
  meta: ColumnsMeta,
): { prefix: Uint8Array; blocks: ColumnBlock[]; dataLength: number } {
  let offset = 0;
  const blocks: ColumnBlock[] = shapes.map((shape) => {
    const placed = { ...shape, offset };
    offset = align8(offset + shape.byteLength);
    return placed;
  });
  const header: ColumnsHeader = {
    format: 'routesim-columns',
    version: 1,
    requests,
    ...meta,
    strategies: [...strategies],
    // Key order as the header has always been written: name, strategy, type, offset, byteLength.
    blocks: blocks.map(({ name, strategy, type, offset: at, byteLength }) =>
      strategy === undefined
        ? { name, type, offset: at, byteLength }
        : { name, strategy, type, offset: at, byteLength },
    ),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = align8(12 + headerBytes.byteLength) - 12;
  const prefix = new Uint8Array(12 + headerLength);
  prefix.set(new TextEncoder().encode(COLUMNS_MAGIC), 0);
  new DataView(prefix.buffer).setUint32(8, headerLength, true);
  prefix.fill(0x20, 12);
  prefix.set(headerBytes, 12);
  return { prefix, blocks: header.blocks, dataLength: offset };
}

/** Encode the columns (pure: no I/O). */
export function encodeColumns(data: ColumnsData, meta: ColumnsMeta): Uint8Array {
  // Typed arrays are written as their in-memory bytes; that is little-endian only on LE hosts.
  if (endianness() !== 'LE') throw new Error('columns.bin writing needs a little-endian host');
  const requests = data.arrivalMs.length;
  const idBytes = new TextEncoder().encode(data.requestIds.join('\n'));
  const shapes = requestBlockShapes(idBytes.byteLength, requests);
  const bytes: Uint8Array[] = [idBytes, bytesOf(data.arrivalMs), bytesOf(data.domain), bytesOf(data.tier)];
  for (const [strategy, columns] of data.strategies) {
    shapes.push(...strategyBlockShapes(strategy, requests));
    bytes.push(...strategyBlockBytes(columns));
  }
  const { prefix, blocks, dataLength } = columnsLayout(shapes, requests, [...data.strategies.keys()], meta);
  const out = new Uint8Array(prefix.byteLength + dataLength);
  out.set(prefix, 0);
  bytes.forEach((block, index) => {
    out.set(block, prefix.byteLength + (blocks[index]?.offset ?? 0));
  });
  return out;
}

/** Decode a columns file (the reader `compare` uses). Throws on a file that is not one. */
export function decodeColumns(bytes: Uint8Array): { header: ColumnsHeader; data: ColumnsData } {
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (magic !== COLUMNS_MAGIC) throw new Error(`not a routesim columns file (magic "${magic}")`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as ColumnsHeader;
  const start = 12 + headerLength;
  // Copy into a fresh, 8-aligned ArrayBuffer so typed views are valid whatever the input's
  // offset (Buffer.slice would NOT copy: a file Buffer may sit at any offset of a pool).
  const body = new Uint8Array(bytes.byteLength - start);
  body.set(bytes.subarray(start));
  const view = (block: ColumnBlock) => {
    const { offset, byteLength } = block;
    if (block.type === 'float64') return new Float64Array(body.buffer, offset, byteLength / 8);
    if (block.type === 'float32') return new Float32Array(body.buffer, offset, byteLength / 4);
    return new Uint8Array(body.buffer, offset, byteLength);
  };
  const find = (name: string, strategy?: string) => {
    const block = header.blocks.find((entry) => entry.name === name && entry.strategy === strategy);
    if (block === undefined)
      throw new Error(`columns file has no block "${name}"${strategy ? ` for ${strategy}` : ''}`);
    return block;
  };
  const idBlock = find('requestId');
  const idText = new TextDecoder().decode(body.subarray(idBlock.offset, idBlock.offset + idBlock.byteLength));
  const strategies = new Map<string, StrategyColumns>();
  for (const strategy of header.strategies) {
    strategies.set(strategy, {
      cost: view(find('cost', strategy)) as Float64Array,
      score: view(find('score', strategy)) as Float32Array,
      latency: view(find('latency', strategy)) as Float32Array,
      status: view(find('status', strategy)) as Uint8Array,
    });
  }
  return {
    header,
    data: {
      requestIds: header.requests === 0 ? [] : idText.split('\n'),
      arrivalMs: view(find('arrivalMs')) as Float64Array,
      domain: view(find('domain')) as Uint8Array,
      tier: view(find('tier')) as Uint8Array,
      strategies,
    },
  };
}

export function writeColumnsFile(path: string, data: ColumnsData, meta: ColumnsMeta): void {
  writeFileAtomic(path, encodeColumns(data, meta));
}

export function readColumnsFile(path: string): { header: ColumnsHeader; data: ColumnsData } {
  return decodeColumns(readWholeFile(path));
}
