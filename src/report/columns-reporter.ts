/**
 * The columns.bin reporter: request columns plus each scenario strategy's per-request columns.
 *
 * Written as the runs arrive: each scenario strategy's four blocks go to a temp file in the run
 * folder when its unit ends (units end in plan order, so the blocks' order is fixed); at the end
 * the header (which needs the request ids) and the request blocks are written, the strategies'
 * blocks copied after them, and the file renamed into place — the same bytes as encodeColumns of
 * every run held at the end, without holding them.
 */
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { DOMAINS } from '../contracts/index.ts';
import { STATUS_NAMES } from '../engine/types.ts';
import type { Reporter, RunEnd } from '../run/reporter.ts';
import { tempPathFor } from './atomic-write.ts';
import {
  type BlockShape,
  bytesOf,
  COLUMNS_FILE,
  type ColumnsMeta,
  columnsLayout,
  paddingAfter,
  requestBlockShapes,
  type StrategyColumns,
  strategyBlockBytes,
  strategyBlockShapes,
  writeColumnsFile,
} from './columns-file.ts';
import { writeAll } from './large-file.ts';

/** Copy buffer of the strategies' temp file into columns.bin, bytes. */
const COPY_CHUNK = 1 << 22;

function metaOf(end: RunEnd): ColumnsMeta {
  return {
    requestStreamSha256: end.provenance.requestStreamSha256,
    domains: [...DOMAINS],
    tiers: end.scenario.traffic.tiers.map((tier) => tier.name),
    statusNames: [...STATUS_NAMES],
  };
}

/** Write `bytes` then zeros up to the next multiple of 8 (the file's block alignment). */
function writeBlock(fd: number, bytes: Uint8Array): void {
  writeAll(fd, bytes);
  const padding = paddingAfter(bytes.byteLength);
  if (padding > 0) writeAll(fd, new Uint8Array(padding));
}

export function columnsReporter(outDir: string): Reporter {
  const target = join(outDir, COLUMNS_FILE);
  /** The strategies' blocks written so far, plan order, in `part.path`. */
  let part: { path: string; fd: number; shapes: BlockShape[]; strategies: string[] } | undefined;
  let requests = 0;
  const discardPart = () => {
    if (part === undefined) return;
    closeSync(part.fd);
    rmSync(part.path, { force: true });
    part = undefined;
  };
  return {
    onRunStart(context) {
      // Typed arrays are written as their in-memory bytes; that is little-endian only on LE hosts.
      if (endianness() !== 'LE') throw new Error('columns.bin writing needs a little-endian host');
      discardPart();
      requests = context.requestCount;
      mkdirSync(outDir, { recursive: true });
      const path = tempPathFor(target);
      part = { path, fd: openSync(path, 'w'), shapes: [], strategies: [] };
    },
    onUnitEnd({ unit, run }) {
      if (part === undefined || unit.kind !== 'strategy') return;
      const { cost, score, latency, status } = run.columns;
      for (const bytes of strategyBlockBytes({ cost, score, latency, status })) writeBlock(part.fd, bytes);
      part.shapes.push(...strategyBlockShapes(run.name, requests));
      part.strategies.push(run.name);
    },
    onRunEnd(end) {
      const expected = end.runs.flatMap((run, index) =>
        end.units[index]?.kind === 'strategy' ? [run.name] : [],
      );
      const streamed = part;
      part = undefined;
      if (streamed === undefined || streamed.strategies.join('\n') !== expected.join('\n')) {
        // Not fed unit by unit (a caller handing over a finished run): every strategy kept its columns.
        if (streamed !== undefined) {
          closeSync(streamed.fd);
          rmSync(streamed.path, { force: true });
        }
        writeWhole(target, end);
        return;
      }
      try {
        closeSync(streamed.fd);
        assemble(target, end, streamed);
      } finally {
        rmSync(streamed.path, { force: true });
      }
    },
    onRunError() {
      discardPart();
    },
  };
}

/** columns.bin from the request columns and the strategies' blocks already in `streamed.path`. */
function assemble(
  target: string,
  end: RunEnd,
  streamed: { path: string; shapes: BlockShape[]; strategies: string[] },
) {
  const count = end.requests.arrival.length;
  const ids = new TextEncoder().encode(end.requestIds.join('\n'));
  const shapes = [...requestBlockShapes(ids.byteLength, count), ...streamed.shapes];
  const { prefix } = columnsLayout(shapes, count, streamed.strategies, metaOf(end));
  const temp = tempPathFor(target);
  const out = openSync(temp, 'w');
  try {
    writeAll(out, prefix);
    for (const bytes of [
      ids,
      bytesOf(end.requests.arrival),
      bytesOf(end.requests.domain),
      bytesOf(end.requests.tier),
    ])
      writeBlock(out, bytes);
    const input = openSync(streamed.path, 'r');
    try {
      const buffer = new Uint8Array(COPY_CHUNK);
      for (;;) {
        const read = readSync(input, buffer, 0, buffer.byteLength, null);
        if (read === 0) break;
        writeAll(out, buffer.subarray(0, read));
      }
    } finally {
      closeSync(input);
    }
    closeSync(out);
    renameSync(temp, target);
  } catch (error) {
    try {
      closeSync(out);
    } catch {
      // Already closed: the failure came from the rename.
    }
    rmSync(temp, { force: true });
    throw error;
  }
}

/** columns.bin from the run's end alone: the scenario strategies' kept columns. */
function writeWhole(target: string, end: RunEnd): void {
  const strategies = new Map<string, StrategyColumns>();
  end.runs.forEach((run, index) => {
    if (end.units[index]?.kind !== 'strategy' || run.columns === undefined) return;
    const { cost, score, latency, status } = run.columns;
    strategies.set(run.name, { cost, score, latency, status });
  });
  writeColumnsFile(
    target,
    {
      requestIds: [...end.requestIds],
      arrivalMs: end.requests.arrival,
      domain: end.requests.domain,
      tier: end.requests.tier,
      strategies,
    },
    metaOf(end),
  );
}
