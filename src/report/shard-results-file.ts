/**
 * results.bin of a shard folder: the shard's raw results (ShardResults) as a sequence of records,
 * so `merge` can list what a shard holds and then read its runs **one at a time** (summarise,
 * drop) instead of deserialising every run of every shard at once.
 *
 * A shard writes each run as it finishes (openShardResultsWriter), in the order they finish; the
 * merge finds a run by what its meta says, not by where it is.
 *
 * Layout: the magic "RSSHRD02", then records, each
 *   uint32 LE  M: byte length of the record's meta (UTF-8 JSON: what it is — a unit with its plan
 *              index, label, seed index and wall time; the oracle; the judge-ε study; a re-run)
 *   M bytes    the meta
 *   float64 LE B: byte length of the body
 *   B bytes    the body: the run (or the judge-ε metrics) in Node's structured-clone format
 *              (node:v8 serialize: typed-array columns and doubles round-trip exactly)
 * A file without the magic is the earlier format: one structured clone of the whole ShardResults.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { sharedCopy } from '../engine/columns.ts';
import type { RunResult } from '../engine/types.ts';
import type { JudgeEpsilonMetrics } from '../metrics/types.ts';
import type { ShardContents, ShardResults, ShardResultsSink } from '../run/shard-types.ts';
import { readExactly as readPiece, readWholeFile, writeAll } from './large-file.ts';

export const SHARD_RESULTS_MAGIC = 'RSSHRD02';

type RecordMeta =
  | { type: 'unit'; index: number; label: string; seedIndex?: number; wallMs: number }
  | { type: 'oracle' }
  | { type: 'judge-epsilon' }
  | { type: 'perturbed'; ordinal: number };

function writeRecord(fd: number, meta: RecordMeta, body: unknown): void {
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  const bodyBytes = serialize(body);
  const metaLength = Buffer.alloc(4);
  metaLength.writeUInt32LE(metaBytes.byteLength, 0);
  const bodyLength = Buffer.alloc(8);
  bodyLength.writeDoubleLE(bodyBytes.byteLength, 0);
  writeAll(fd, metaLength);
  writeAll(fd, metaBytes);
  writeAll(fd, bodyLength);
  // A run of a month at production volume serialises to more than one write() moves.
  writeAll(fd, bodyBytes);
}

/** results.bin being written: each run is serialised and written as it is handed in, then dropped. */
export interface ShardResultsWriter extends Omit<ShardResultsSink, 'requests'> {
  close(): void;
}

export function openShardResultsWriter(path: string): ShardResultsWriter {
  const fd = openSync(path, 'w');
  writeAll(fd, Buffer.from(SHARD_RESULTS_MAGIC, 'latin1'));
  return {
    unit({ run, ...meta }) {
      writeRecord(fd, { type: 'unit', ...meta }, run);
    },
    oracle: (run) => writeRecord(fd, { type: 'oracle' }, run),
    judgeEpsilon: (metrics) => writeRecord(fd, { type: 'judge-epsilon' }, metrics),
    perturbed: (ordinal, run) => writeRecord(fd, { type: 'perturbed', ordinal }, run),
    close: () => closeSync(fd),
  };
}

/** Write `results` to `path`, one record per run (each serialised on its own). */
export function writeShardResults(path: string, results: ShardResults): void {
  const writer = openShardResultsWriter(path);
  try {
    for (const unit of results.units) writer.unit(unit);
    if (results.oracle !== null) writer.oracle(results.oracle);
    if (results.judgeEpsilon !== null) writer.judgeEpsilon(results.judgeEpsilon);
    for (const moved of results.perturbed) writer.perturbed(moved.ordinal, moved.run);
  } finally {
    writer.close();
  }
}

/** A shard's results.bin opened for reading run by run. */
export interface ShardResultsReader {
  contents: ShardContents;
  unit(index: number): RunResult;
  oracle(): RunResult;
  perturbed(ordinal: number): RunResult;
}

function readExactly(fd: number, position: number, length: number, into?: Buffer): Buffer {
  return readPiece(fd, position, length, 'results.bin', into);
}

/** Index `path` (metas only: no run is deserialised until asked for). */
export function openShardResults(path: string): ShardResultsReader {
  const fd = openSync(path, 'r');
  try {
    const magic = readExactly(fd, 0, Math.min(8, sizeOf(fd))).toString('latin1');
    if (magic !== SHARD_RESULTS_MAGIC) return wholeReader(deserialize(readWholeFile(path)) as ShardResults);
    const bodies = new Map<string, { position: number; length: number }>();
    const contents: ShardContents = { units: [], oracle: false, judgeEpsilon: null, perturbed: [] };
    const size = sizeOf(fd);
    let position = 8;
    while (position < size) {
      const metaLength = readExactly(fd, position, 4).readUInt32LE(0);
      const meta = JSON.parse(readExactly(fd, position + 4, metaLength).toString('utf8')) as RecordMeta;
      const bodyLength = readExactly(fd, position + 4 + metaLength, 8).readDoubleLE(0);
      const body = { position: position + 12 + metaLength, length: bodyLength };
      position = body.position + bodyLength;
      if (meta.type === 'unit') {
        const { type: _type, ...unit } = meta;
        contents.units.push(unit);
        bodies.set(`unit:${meta.index}`, body);
      } else if (meta.type === 'oracle') {
        contents.oracle = true;
        bodies.set('oracle', body);
      } else if (meta.type === 'perturbed') {
        contents.perturbed.push(meta.ordinal);
        bodies.set(`perturbed:${meta.ordinal}`, body);
      } else {
        contents.judgeEpsilon = deserialize(
          readExactly(fd, body.position, body.length),
        ) as JudgeEpsilonMetrics;
      }
    }
    // One read buffer for every run of the shard, grown to the largest: deserialize copies what it
    // reads, so the merge does not leave a body-sized Buffer of garbage behind for each run.
    let scratch = Buffer.alloc(0);
    const read = (key: string): RunResult => {
      const body = bodies.get(key);
      if (body === undefined) throw new Error(`results.bin holds no ${key}`);
      const reading = openSync(path, 'r');
      try {
        if (scratch.byteLength < body.length) scratch = Buffer.alloc(body.length);
        return ownBuffers(
          deserialize(readExactly(reading, body.position, body.length, scratch)) as RunResult,
        );
      } finally {
        closeSync(reading);
      }
    };
    return {
      contents,
      unit: (index) => read(`unit:${index}`),
      oracle: () => read('oracle'),
      perturbed: (ordinal) => read(`perturbed:${ordinal}`),
    };
  } finally {
    closeSync(fd);
  }
}

/**
 * `run` with every column in a buffer of its own. node:v8 deserialize puts a run's typed arrays in
 * one shared buffer (small ones in a slab shared with other runs'): the merge keeps a few columns
 * of some runs (metrics/run-digest.ts), and a kept view would keep the whole buffer. The four
 * columns the paired bootstrap reads (cost, score, latency, status) go into SharedArrayBuffers:
 * `merge --workers` posts them to its threads, and shared memory is posted without a copy — read
 * into ordinary buffers, the merge copied them into shared memory at the bootstrap and for a while
 * held both (≈ 17 B a request and compared run).
 */
function ownBuffers(run: RunResult): RunResult {
  const own = <Column extends Float64Array | Float32Array | Uint8Array>(column: Column): Column =>
    (column.byteLength === column.buffer.byteLength ? column : column.slice()) as Column;
  const { columns } = run;
  run.columns = {
    cost: sharedCopy(columns.cost, Float64Array),
    score: sharedCopy(columns.score, Float32Array),
    latency: sharedCopy(columns.latency, Float32Array),
    ttft: own(columns.ttft),
    status: sharedCopy(columns.status, Uint8Array),
    model: own(columns.model),
    flags: own(columns.flags),
  };
  run.decisionOverheadMs = own(run.decisionOverheadMs);
  return run;
}

function sizeOf(fd: number): number {
  return fstatSync(fd).size;
}

/** The earlier format, already deserialised whole (a shard written before run-by-run records). */
function wholeReader(results: ShardResults): ShardResultsReader {
  const find = <Entry>(entries: readonly Entry[], match: (entry: Entry) => boolean, what: string): Entry => {
    const found = entries.find(match);
    if (found === undefined) throw new Error(`results.bin holds no ${what}`);
    return found;
  };
  return {
    contents: {
      units: results.units.map(({ run: _run, ...unit }) => unit),
      oracle: results.oracle !== null,
      judgeEpsilon: results.judgeEpsilon,
      perturbed: results.perturbed.map((moved) => moved.ordinal),
    },
    unit: (index) => find(results.units, (unit) => unit.index === index, `unit:${index}`).run,
    oracle: () => {
      if (results.oracle === null) throw new Error('results.bin holds no oracle');
      return results.oracle;
    },
    perturbed: (ordinal) =>
      find(results.perturbed, (moved) => moved.ordinal === ordinal, `perturbed:${ordinal}`).run,
  };
}
