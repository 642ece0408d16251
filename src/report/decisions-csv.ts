/**
 * decisions.csv: one row per request and scenario strategy (sweep points and single-model
 * baselines are left out: they are for the research metrics, not for reading decisions).
 *
 * Streaming: the engine hands records to a synchronous callback, so rows are stringified by
 * csv-stringify in batches and appended with `writeSync` — memory stays at one batch whatever
 * the run length, and no event-loop turn is needed for the bytes to reach disk. Each unit writes
 * its own part file (units may finish in any order, e.g. in workers); `commit` concatenates the
 * parts in scenario order under a temp name and renames it into place.
 *
 * Compressed (`decisions.csv.gz`, the default: a default day is 149 MB of CSV, 23.6 MB gzipped):
 * the same bytes, each batch gzipped on its own. A concatenation of gzip members is one valid gzip
 * file (RFC 1952 §2.2; zcat, Python's gzip and pandas read it whole), so parts written apart — in
 * worker threads — still join by plain concatenation, and memory stays at one batch. A part's
 * format follows its file name (`.gz`), so a worker needs no other word of it.
 */
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import type { DecisionRecord } from '../engine/types.ts';
import { TEMP_SUFFIX, tempPathFor } from './atomic-write.ts';
import { csvCell } from './csv-safe.ts';
import { createDecisionLines } from './decisions-line.ts';
import { fixed } from './precision.ts';

export const DECISIONS_FILE = 'decisions.csv';
export const DECISIONS_GZ_FILE = 'decisions.csv.gz';

/** `simulate --decisions`: gzip-compressed CSV (default), plain CSV, or no decision log. */
export const DECISIONS_FORMATS = ['gz', 'csv', 'none'] as const;
export type DecisionsFormat = (typeof DECISIONS_FORMATS)[number];

/** The file a format writes, or null for none. */
export function decisionsFileFor(format: DecisionsFormat): string | null {
  if (format === 'none') return null;
  return format === 'gz' ? DECISIONS_GZ_FILE : DECISIONS_FILE;
}

/** gzip's OS header byte for Unix: fixed, so the bytes do not depend on the platform zlib was built for. */
const GZIP_OS_UNIX = 3;

/**
 * `text` as one gzip member. zlib writes no file name and mtime 0, so the bytes depend on the text
 * alone (same seed, same file); the OS byte (10th) is the build platform's and is fixed here.
 */
export function gzipMember(text: string): Buffer {
  const member = gzipSync(text);
  member[9] = GZIP_OS_UNIX;
  return member;
}

export const DECISION_COLUMNS = [
  'strategy',
  'request_index',
  'request_id',
  'arrival_ms',
  'tier',
  'model',
  'status',
  'latency_ms',
  'cost_usd',
  'score',
  'attempts',
  'trail',
  'reason',
] as const;

/** Rows per csv-stringify batch: ~100 KB of text. */
const BATCH_ROWS = 512;

export interface DecisionSink {
  write(record: DecisionRecord): void;
  /** Flush and close the unit's part file. */
  end(): void;
}

export interface DecisionLog {
  /** A sink for one unit's decisions; `label` must be unique. */
  unit(label: string): DecisionSink;
  /**
   * The path of `label`'s part file, to be written elsewhere (by a worker thread, through
   * createDecisionPart); it belongs to the log from now on (committed or aborted with the rest).
   */
  reserve(label: string): string;
  /** Concatenate the parts of `order` (header first) into decisions.csv(.gz), atomically. */
  commit(order: readonly string[]): void;
  /** Delete every part (after a failure). */
  abort(): void;
}

/** "gpt-4o-mini:ok@812;gpt-4o:rate_limit@1003" — model, result and end time (ms) per attempt. */
export function attemptTrail(record: DecisionRecord): string {
  return record.attempts
    .map((attempt) => `${attempt.model}:${attempt.result}@${Math.round(attempt.endMs)}`)
    .join(';');
}

export function decisionRow(record: DecisionRecord, tier: string): (string | number)[] {
  return [
    csvCell(record.strategy),
    record.requestIndex,
    csvCell(record.requestId),
    csvCell(fixed(record.arrivalMs)),
    csvCell(tier),
    csvCell(record.model),
    csvCell(record.status),
    csvCell(fixed(record.latencyMs)),
    csvCell(fixed(record.costUsd)),
    csvCell(fixed(record.score)),
    record.attempts.length,
    csvCell(attemptTrail(record)),
    csvCell(record.reason),
  ];
}

/**
 * A part file of decision rows (no header), written by the decision log or by a worker thread
 * (at a path DecisionLog.reserve gave, imported by URL: Reporter.decisionPartTarget): the same
 * bytes either way.
 */
export function createDecisionPart(path: string, tierOf: (requestIndex: number) => string): DecisionSink {
  const fd = openSync(path, 'w');
  const compressed = path.endsWith('.gz');
  const line = createDecisionLines();
  let batch = '';
  let rows = 0;
  const flush = () => {
    if (rows === 0) return;
    if (compressed) writeSync(fd, gzipMember(batch));
    else writeSync(fd, batch);
    batch = '';
    rows = 0;
  };
  return {
    write(record) {
      // The same bytes as csvRecord(decisionRow(…)) (test/report-decisions-line.test.ts), cheaper.
      batch += line(record, tierOf(record.requestIndex));
      rows++;
      if (rows >= BATCH_ROWS) flush();
    },
    end() {
      flush();
      closeSync(fd);
    },
  };
}

/** The decision log of a run directory, `decisions.csv` or (`compressed`) `decisions.csv.gz`. */
export function createDecisionLog(
  outDir: string,
  tierOf: (requestIndex: number) => string,
  compressed = false,
): DecisionLog {
  const partsDir = join(outDir, `.decisions.${process.pid}${TEMP_SUFFIX}`);
  const parts = new Map<string, string>();
  const removeParts = () => rmSync(partsDir, { recursive: true, force: true });
  const newPart = (label: string) => {
    if (parts.has(label)) throw new Error(`decision log: unit "${label}" given twice`);
    mkdirSync(partsDir, { recursive: true });
    const path = join(partsDir, `${parts.size}.csv${compressed ? '.gz' : ''}`);
    parts.set(label, path);
    return path;
  };
  return {
    unit: (label) => createDecisionPart(newPart(label), tierOf),
    reserve: newPart,
    commit(order) {
      const target = join(outDir, compressed ? DECISIONS_GZ_FILE : DECISIONS_FILE);
      const temp = tempPathFor(target);
      const out = openSync(temp, 'w');
      let closed = false;
      try {
        const header = stringify([[...DECISION_COLUMNS]]);
        if (compressed) writeSync(out, gzipMember(header));
        else writeSync(out, header);
        const buffer = Buffer.allocUnsafe(1 << 20);
        for (const label of order) {
          const path = parts.get(label);
          if (path === undefined) throw new Error(`decision log: no decisions for unit "${label}"`);
          const input = openSync(path, 'r');
          try {
            for (let read = readSync(input, buffer); read > 0; read = readSync(input, buffer)) {
              writeSync(out, buffer, 0, read);
            }
          } finally {
            closeSync(input);
          }
        }
        closeSync(out);
        closed = true;
        renameSync(temp, target);
      } catch (error) {
        if (!closed) closeSync(out);
        rmSync(temp, { force: true });
        throw error;
      } finally {
        removeParts();
      }
    },
    abort: removeParts,
  };
}
