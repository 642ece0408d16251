/**
 * The decision log of a run directory as CSV text, whichever form the run wrote: decisions.csv.gz
 * (simulate's default) or decisions.csv (`--decisions csv`). Tests assert on the CSV content, not
 * on the form.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DECISIONS_FILE, DECISIONS_GZ_FILE } from '../src/report/decisions-csv.ts';

export function readDecisions(runDir: string): string {
  const compressed = join(runDir, DECISIONS_GZ_FILE);
  const plain = join(runDir, DECISIONS_FILE);
  if (existsSync(compressed) && existsSync(plain))
    throw new Error(`${runDir} holds both ${DECISIONS_GZ_FILE} and ${DECISIONS_FILE}: one run writes one`);
  if (existsSync(compressed)) return gunzipSync(readFileSync(compressed)).toString('utf8');
  return readFileSync(plain, 'utf8');
}
