import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../src/engine/types.ts';
import { csvCell, neutraliseCell } from '../src/report/csv-safe.ts';
import { attemptTrail, decisionRow } from '../src/report/decisions-csv.ts';

describe('CSV formula injection', () => {
  it('prefixes cells starting with =, +, -, @, tab or CR with an apostrophe', () => {
    expect(neutraliseCell('=cmd()')).toBe("'=cmd()");
    expect(neutraliseCell('+1+1')).toBe("'+1+1");
    expect(neutraliseCell('-2+3')).toBe("'-2+3");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('\t=1')).toBe("'\t=1");
    expect(neutraliseCell('\r=1')).toBe("'\r=1");
  });

  it('leaves ordinary text and our own numbers alone', () => {
    expect(neutraliseCell('cascade')).toBe('cascade');
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(csvCell(-0.25)).toBe(-0.25);
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('neutralises every text field of a decision row, including the tier and the reason', () => {
    const record: DecisionRecord = {
      strategy: '@evil',
      requestIndex: 3,
      requestId: 'r0000003',
      arrivalMs: 1234.5678901,
      model: 'gpt-4o-mini',
      reason: '=HYPERLINK("http://x")',
      status: 'answered',
      latencyMs: 812.3456789,
      costUsd: 0.000123456789,
      score: 1,
      attempts: [
        {
          model: 'gpt-4o-mini',
          purpose: 'primary',
          startMs: 1234.5,
          endMs: 2046.9,
          result: 'ok',
          status: 200,
          costUsd: 0.000123456789,
          responseId: 'x',
        },
      ],
    };
    const row = decisionRow(record, '=cmd()');
    expect(row).toEqual([
      "'@evil",
      3,
      'r0000003',
      1234.57,
      "'=cmd()",
      'gpt-4o-mini',
      'answered',
      812.346,
      0.000123457,
      1,
      1,
      'gpt-4o-mini:ok@2047',
      '\'=HYPERLINK("http://x")',
    ]);
    expect(attemptTrail(record)).toBe('gpt-4o-mini:ok@2047');
  });
});
