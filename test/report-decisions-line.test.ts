/**
 * The decision log's line writer must write exactly what the general path writes,
 * csvRecord(decisionRow(record, tier)) — itself checked against csv-stringify
 * (report-csv-record.test.ts) — for every record: random records whose text cells start with
 * formula characters, hold commas, quotes, line breaks and non-ASCII, repeat (the writer's caches)
 * or do not, and whose numbers are fractions, integers, negative, NaN or infinite.
 */
import { describe, expect, it } from 'vitest';
import type { AttemptRecord, DecisionRecord } from '../src/engine/types.ts';
import { csvRecord } from '../src/report/csv-record.ts';
import { decisionRow } from '../src/report/decisions-csv.ts';
import { createDecisionLines } from '../src/report/decisions-line.ts';

/** mulberry32, seeded: a failure names a reproducible record. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = [
  '',
  'cascade',
  'gpt-4o-mini',
  '=cmd()',
  '+1',
  '-2',
  '@SUM(A1)',
  '\tx',
  '\rx',
  'a,b',
  'say "hi"',
  'line\nbreak',
  'carriage\rreturn',
  'cascade → gpt-4o (confidence 0.41 < 0.7)',
  'ünïcödé',
  '"',
  ',',
];
const STATUSES = ['answered', 'rate-limited', 'server-error', 'timeout', 'other'] as const;
const RESULTS = ['ok', 'rate_limit', 'server_error', 'timeout'] as const;

function recordFrom(random: () => number): DecisionRecord {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const number = (): number => {
    const kind = random();
    if (kind < 0.05) return Number.NaN;
    if (kind < 0.08) return Number.POSITIVE_INFINITY;
    if (kind < 0.2) return Math.round(random() * 5000);
    if (kind < 0.3) return -random() * 10;
    if (kind < 0.4) return random() * 1e-4;
    return random() * 10 ** Math.floor(random() * 9);
  };
  // Mostly repeated texts (the caches' hits), sometimes a fresh one (their misses).
  const text = () => (random() < 0.8 ? pick(TEXTS) : `${pick(TEXTS)}#${Math.floor(random() * 1e6)}`);
  const attempts: AttemptRecord[] = Array.from({ length: Math.floor(random() * 4) }, () => ({
    model: text(),
    purpose: 'primary',
    startMs: number(),
    endMs: number(),
    result: pick(RESULTS),
    status: 200,
    costUsd: number(),
    responseId: undefined,
  }));
  return {
    strategy: text(),
    requestIndex: Math.floor(random() * 200_000),
    requestId: text(),
    arrivalMs: number(),
    model: text(),
    reason: text(),
    status: pick(STATUSES),
    latencyMs: number(),
    costUsd: number(),
    score: number(),
    attempts,
  };
}

describe('decision lines', () => {
  it('write exactly csvRecord(decisionRow(record, tier)) for 50,000 random records', () => {
    const random = seeded(2026);
    const line = createDecisionLines();
    const differences: string[] = [];
    for (let count = 0; count < 50_000; count++) {
      const record = recordFrom(random);
      const tier = random() < 0.9 ? TEXTS[Math.floor(random() * TEXTS.length)]! : `tier ${count}`;
      const expected = csvRecord(decisionRow(record, tier));
      const written = line(record, tier);
      if (written !== expected && differences.length < 3) differences.push(`${written} ≠ ${expected}`);
    }
    expect(differences).toEqual([]);
  });

  it('write a plain row as the decision log shows it', () => {
    const line = createDecisionLines();
    const record: DecisionRecord = {
      strategy: 'rules',
      requestIndex: 2,
      requestId: 'r0000002',
      arrivalMs: 1000.4712,
      model: 'gpt-4o-mini',
      reason: 'rule 1 (under 200 tokens, no specialist vocabulary) → gpt-4o-mini',
      status: 'answered',
      latencyMs: 1578.6912,
      costUsd: 0.0000486,
      score: 1,
      attempts: [
        {
          model: 'gpt-4o-mini',
          purpose: 'primary',
          startMs: 1000.4712,
          endMs: 2579.16,
          result: 'ok',
          status: 200,
          costUsd: 0.0000486,
          responseId: 'x',
        },
      ],
    };
    expect(line(record, '=cmd()')).toBe(
      `rules,2,r0000002,1000.47,'=cmd(),gpt-4o-mini,answered,1578.69,0.0000486,1,1,gpt-4o-mini:ok@2579,"rule 1 (under 200 tokens, no specialist vocabulary) → gpt-4o-mini"\n`,
    );
  });
});
