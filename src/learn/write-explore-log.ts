/**
 * The file edge of the exploration log: stream rows to JSONL, atomically (the log appears under
 * its name only once complete, so `routesim train` never reads half a log).
 */
import { createAtomicStream } from '../report/atomic-write.ts';
import type { Reporter } from '../run/reporter.ts';
import type { ExploreRow } from './explore.ts';
import { exploreRowLine } from './explore-log.ts';

/** Lines are batched into chunks of about this many characters before a write. */
const CHUNK_CHARS = 1 << 16;

/** Write `rows` to `path` as JSONL; resolves with the number of rows written. */
export async function writeExploreLog(rows: Iterable<ExploreRow>, path: string): Promise<number> {
  const output = createAtomicStream(path);
  let count = 0;
  try {
    let chunk = '';
    for (const row of rows) {
      chunk += exploreRowLine(row);
      count++;
      if (chunk.length >= CHUNK_CHARS) {
        await output.write(chunk);
        chunk = '';
      }
    }
    if (chunk !== '') await output.write(chunk);
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
  return count;
}

/** File written by `simulate --explore` (routesim train reads it). */
export const EXPLORE_FILE = 'explore.jsonl';

/** A reporter writing the rows of `simulate({ explore })` to `path`; `rows` counts them once written. */
export function exploreLogReporter(path: string): Reporter & { rows: number | undefined } {
  const reporter: Reporter & { rows: number | undefined } = {
    rows: undefined,
    async onExplore(rows) {
      reporter.rows = await writeExploreLog(rows, path);
    },
  };
  return reporter;
}
