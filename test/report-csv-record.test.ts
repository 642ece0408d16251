/**
 * csvRecord must write exactly what csv-stringify writes (decisions.csv stays byte-identical
 * whichever writes it): checked on cells that need quoting, escaping, or neither.
 */
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvRecord } from '../src/report/csv-record.ts';

const CELLS: (string | number)[][] = [
  ['plain', 'with space', '', 0, -0, 1.5, -2.25, 1e-7, 123456789012, 0.000001],
  ['a,b', 'say "hi"', '"', 'line\nbreak', 'carriage\rreturn', 'both\r\n', ',', "'=SUM(A1)"],
  ['ünïcödé → ok', 'tab\there', 'semi;colon', "it's", 'x'.repeat(300)],
  [''],
  ['', ''],
  [42],
];

describe('csvRecord', () => {
  it('matches csv-stringify record by record', () => {
    for (const cells of CELLS) expect(csvRecord(cells)).toBe(stringify([cells]));
  });

  it('matches csv-stringify over a batch (records joined by newlines, one after the last)', () => {
    expect(CELLS.map(csvRecord).join('')).toBe(stringify(CELLS));
  });

  it('quotes and doubles quotes as RFC 4180 says (hand-written expectations)', () => {
    expect(csvRecord(['a,b', 'say "hi"', 7])).toBe('"a,b","say ""hi""",7\n');
    expect(csvRecord(['', 'x'])).toBe(',x\n');
  });
});
