/**
 * A decision part file holds exactly the rows of the general path, csvRecord(decisionRow(…)),
 * and a compressed part is one gzip member per 512 rows (the .gz bytes depend on where batches
 * end), with long multi-byte rows among them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../src/engine/types.ts';
import { csvRecord } from '../src/report/csv-record.ts';
import { createDecisionPart, decisionRow, gzipMember } from '../src/report/decisions-csv.ts';

const TIERS = ['free', '=cmd()', 'pro'];
const tierOf = (index: number) => TIERS[index % TIERS.length]!;

/** Record i; every 7th has a 2,000-character reason of "→" (3 UTF-8 bytes each): 6 KB a row. */
function record(index: number): DecisionRecord {
  return {
    strategy: 'cascade',
    requestIndex: index,
    requestId: `r${String(index).padStart(7, '0')}`,
    arrivalMs: index * 757.877,
    model: index % 5 === 0 ? '' : 'gpt-4o-mini',
    reason: index % 7 === 0 ? '→'.repeat(2000) : `escalated, "confidence" ${index % 10} → gpt-4o`,
    status: index % 5 === 0 ? 'server-error' : 'answered',
    latencyMs: 1000 + index / 3,
    costUsd: index * 1.234567e-6,
    score: (index % 4) / 4,
    attempts: [
      {
        model: 'gpt-4o-mini',
        purpose: 'primary',
        startMs: index,
        endMs: index + 812.5,
        result: 'ok',
        status: 200,
        costUsd: 0,
        responseId: undefined,
      },
    ],
  };
}

const COUNT = 1300; // two full batches of 512 and a partial one
const records = Array.from({ length: COUNT }, (_, index) => record(index));
const rows = records.map((each) => csvRecord(decisionRow(each, tierOf(each.requestIndex))));

let directory: string | undefined;
afterEach(() => {
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
});

function writePart(name: string): Buffer {
  directory = mkdtempSync(join(tmpdir(), 'decision-part-'));
  const path = join(directory, name);
  const part = createDecisionPart(path, tierOf);
  for (const each of records) part.write(each);
  part.end();
  return readFileSync(path);
}

describe('decision part files', () => {
  it('hold the general path rows, in order, as UTF-8', () => {
    expect(writePart('0.csv').toString('utf8')).toBe(rows.join(''));
  });

  it('compress each batch of 512 rows as one gzip member, as string batches did', () => {
    const expected = Buffer.concat([
      gzipMember(rows.slice(0, 512).join('')),
      gzipMember(rows.slice(512, 1024).join('')),
      gzipMember(rows.slice(1024).join('')),
    ]);
    const written = writePart('0.csv.gz');
    expect(gunzipSync(written).toString('utf8')).toBe(rows.join(''));
    expect(written.equals(expected)).toBe(true);
  });
});
