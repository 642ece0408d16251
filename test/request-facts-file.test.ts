import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRequestFacts, writeRequestFacts } from '../src/report/request-facts-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'routesim-request-facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function factsOf(count: number) {
  return {
    requests: {
      arrival: Float64Array.from({ length: count }, (_, index) => index * 1000.125 + Math.PI),
      domain: Uint8Array.from({ length: count }, (_, index) => index % 8),
      tier: Uint8Array.from({ length: count }, (_, index) => (index * 7) % 3),
    },
    // Ids of several lengths, non-ASCII and empty among them.
    requestIds: Array.from({ length: count }, (_, index) =>
      index % 11 === 0 ? '' : index % 5 === 0 ? `réq-${index}-✓` : `r${index}`,
    ),
  };
}

describe('requests.bin', () => {
  it('reads back exactly what was written, across id batches', () => {
    const file = join(dir, 'many.bin');
    const facts = factsOf(70_000); // more than one batch of 65,536 ids
    writeRequestFacts(file, facts);
    const read = readRequestFacts(file);
    if (typeof read === 'string') throw new Error(read);
    expect(read.requests.arrival).toEqual(facts.requests.arrival);
    expect(read.requests.domain).toEqual(facts.requests.domain);
    expect(read.requests.tier).toEqual(facts.requests.tier);
    expect(read.requestIds).toEqual(facts.requestIds);
  });

  it('holds an empty stream and a single request', () => {
    for (const count of [0, 1]) {
      const file = join(dir, `n${count}.bin`);
      writeRequestFacts(file, factsOf(count));
      const read = readRequestFacts(file);
      if (typeof read === 'string') throw new Error(read);
      expect(read.requestIds).toEqual(factsOf(count).requestIds);
      expect(read.requests.arrival).toEqual(factsOf(count).requests.arrival);
    }
  });

  it('says why it cannot read a missing, cut or altered file, or another kind of file', () => {
    const file = join(dir, 'checked.bin');
    writeRequestFacts(file, factsOf(100));
    const bytes = readFileSync(file);
    expect(readRequestFacts(join(dir, 'absent.bin'))).toMatch(/absent\.bin: missing/);
    writeFileSync(join(dir, 'cut.bin'), bytes.subarray(0, bytes.length - 3));
    expect(readRequestFacts(join(dir, 'cut.bin'))).toMatch(
      /cut\.bin: \d+ bytes where its header promises \d+/,
    );
    const altered = Buffer.from(bytes);
    altered[100] = (altered[100] ?? 0) ^ 1;
    writeFileSync(join(dir, 'altered.bin'), altered);
    expect(readRequestFacts(join(dir, 'altered.bin'))).toMatch(/do not match the checksum/);
    writeFileSync(join(dir, 'other.bin'), Buffer.alloc(80, 7));
    expect(readRequestFacts(join(dir, 'other.bin'))).toMatch(/not a routesim request facts file/);
  });

  it('refuses ids it could not read back and columns of different lengths', () => {
    const facts = factsOf(3);
    expect(() => writeRequestFacts(join(dir, 'x.bin'), { ...facts, requestIds: ['a', 'b\nc', 'd'] })).toThrow(
      /line break/,
    );
    expect(() => writeRequestFacts(join(dir, 'y.bin'), { ...facts, requestIds: ['a'] })).toThrow(
      /3 arrivals have 3 domains, 3 tiers and 1 ids/,
    );
  });
});
