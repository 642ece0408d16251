import { describe, expect, it } from 'vitest';
import { COLUMNS_MAGIC, decodeColumns, encodeColumns } from '../src/report/columns-file.ts';

const meta = {
  requestStreamSha256: 'ab'.repeat(32),
  domains: ['code', 'math'],
  tiers: ['free', 'pro'],
  statusNames: ['answered', 'timeout'],
};

describe('columns.bin', () => {
  it('round-trips ids, request columns and per-strategy columns exactly', () => {
    const data = {
      requestIds: ['r0000000', 'r0000001', 'r0000002'],
      arrivalMs: new Float64Array([0.5, 10.25, 99.125]),
      domain: new Uint8Array([0, 1, 1]),
      tier: new Uint8Array([1, 0, 0]),
      strategies: new Map([
        [
          'cascade',
          {
            cost: new Float64Array([0.001, 0.002, 0]),
            score: new Float32Array([1, 0.5, 0]),
            latency: new Float32Array([812, 901.5, Number.NaN]),
            status: new Uint8Array([0, 0, 1]),
          },
        ],
        [
          'rules',
          {
            cost: new Float64Array([0.003, 0.004, 0.005]),
            score: new Float32Array([0, 1, 1]),
            latency: new Float32Array([1, 2, 3]),
            status: new Uint8Array([0, 0, 0]),
          },
        ],
      ]),
    };
    const bytes = encodeColumns(data, meta);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe(COLUMNS_MAGIC);
    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    expect((12 + headerLength) % 8).toBe(0);
    // Read as a Node Buffer at an odd offset of a bigger pool, as readFileSync may return it.
    const pool = Buffer.alloc(bytes.byteLength + 3);
    pool.set(bytes, 3);
    const { header, data: decoded } = decodeColumns(pool.subarray(3));
    expect(header.requests).toBe(3);
    expect(header.strategies).toEqual(['cascade', 'rules']);
    expect(header.tiers).toEqual(['free', 'pro']);
    for (const block of header.blocks) expect(block.offset % 8).toBe(0);
    expect(decoded.requestIds).toEqual(data.requestIds);
    expect([...decoded.arrivalMs]).toEqual([0.5, 10.25, 99.125]);
    expect([...decoded.tier]).toEqual([1, 0, 0]);
    const cascade = decoded.strategies.get('cascade');
    expect([...(cascade?.cost ?? [])]).toEqual([0.001, 0.002, 0]);
    expect([...(cascade?.latency ?? [])].slice(0, 2)).toEqual([812, 901.5]);
    expect(Number.isNaN(cascade?.latency[2])).toBe(true);
    expect([...(decoded.strategies.get('rules')?.score ?? [])]).toEqual([0, 1, 1]);
  });

  it('is deterministic: equal inputs give equal bytes', () => {
    const make = () => ({
      requestIds: ['a'],
      arrivalMs: new Float64Array([1]),
      domain: new Uint8Array([0]),
      tier: new Uint8Array([0]),
      strategies: new Map(),
    });
    expect(Buffer.from(encodeColumns(make(), meta)).equals(Buffer.from(encodeColumns(make(), meta)))).toBe(
      true,
    );
  });

  it('rejects a file that is not a columns file', () => {
    expect(() => decodeColumns(new TextEncoder().encode('{"schemaVersion":1}'))).toThrow(
      /not a routesim columns file/,
    );
  });
});
