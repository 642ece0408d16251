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
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { writeFileAtomic } from './atomic-write.ts';

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

type Meta = Omit<ColumnsHeader, 'format' | 'version' | 'requests' | 'strategies' | 'blocks'>;

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

const align8 = (value: number) => Math.ceil(value / 8) * 8;

/** Encode the columns (pure: no I/O). */
export function encodeColumns(data: ColumnsData, meta: Meta): Uint8Array {
  // Typed arrays are written as their in-memory bytes; that is little-endian only on LE hosts.
  if (endianness() !== 'LE') throw new Error('columns.bin writing needs a little-endian host');
  const parts: { block: Omit<ColumnBlock, 'offset' | 'byteLength'>; bytes: Uint8Array }[] = [
    {
      block: { name: 'requestId', type: 'utf8-lines' },
      bytes: new TextEncoder().encode(data.requestIds.join('\n')),
    },
    { block: { name: 'arrivalMs', type: 'float64' }, bytes: bytesOf(data.arrivalMs) },
    { block: { name: 'domain', type: 'uint8' }, bytes: bytesOf(data.domain) },
    { block: { name: 'tier', type: 'uint8' }, bytes: bytesOf(data.tier) },
  ];
  for (const [strategy, columns] of data.strategies) {
    parts.push(
      { block: { name: 'cost', strategy, type: 'float64' }, bytes: bytesOf(columns.cost) },
      { block: { name: 'score', strategy, type: 'float32' }, bytes: bytesOf(columns.score) },
      { block: { name: 'latency', strategy, type: 'float32' }, bytes: bytesOf(columns.latency) },
      { block: { name: 'status', strategy, type: 'uint8' }, bytes: bytesOf(columns.status) },
    );
  }
  let offset = 0;
  const blocks: ColumnBlock[] = parts.map(({ block, bytes }) => {
    const placed = { ...block, offset, byteLength: bytes.byteLength };
    offset = align8(offset + bytes.byteLength);
    return placed;
  });
  const header: ColumnsHeader = {
    format: 'routesim-columns',
    version: 1,
    requests: data.arrivalMs.length,
    ...meta,
    strategies: [...data.strategies.keys()],
    blocks,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = align8(12 + headerBytes.byteLength) - 12;
  const out = new Uint8Array(12 + headerLength + offset);
  out.set(new TextEncoder().encode(COLUMNS_MAGIC), 0);
  new DataView(out.buffer).setUint32(8, headerLength, true);
  out.fill(0x20, 12, 12 + headerLength);
  out.set(headerBytes, 12);
  parts.forEach(({ bytes }, index) => {
    out.set(bytes, 12 + headerLength + (blocks[index]?.offset ?? 0));
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

export function writeColumnsFile(path: string, data: ColumnsData, meta: Meta): void {
  writeFileAtomic(path, encodeColumns(data, meta));
}

export function readColumnsFile(path: string): { header: ColumnsHeader; data: ColumnsData } {
  return decodeColumns(readFileSync(path));
}
