/**
 * A shard folder (`simulate --shard i/n --out <dir>`), what `routesim merge` reads:
 *
 *   manifest.json        which run and which shard (src/run/shard-types.ts ShardManifest)
 *   results.bin          the raw results (ShardResults), one record per run, each in Node's
 *                        structured-clone format (shard-results-file.ts), read run by run
 *   requests.bin         shard 1 only: the request stream's facts (request-facts-file.ts), so
 *                        the merge does not generate the stream again
 *   decisions/<i>.csv.gz the decision rows of plan unit i (a scenario strategy), as the run
 *                        folder's decision log writes a part (or .csv, by --decisions)
 *
 * results.bin is read only by the same routesim and Node version (the merge checks the manifest),
 * which is what makes the structured-clone format safe to use as a file format here.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import type { LoadedShard } from '../run/merge.ts';
import type { ShardOutcome } from '../run/shard-run.ts';
import type { ShardManifest, ShardResultsSink } from '../run/shard-types.ts';
import { createDecisionPart } from './decisions-csv.ts';
import { DECISION_PART_WRITER } from './decisions-reporter.ts';
import { REQUEST_FACTS_FILE, readRequestFacts, writeRequestFacts } from './request-facts-file.ts';
import {
  openShardResults,
  openShardResultsWriter,
  type ShardResultsReader,
  type ShardResultsWriter,
} from './shard-results-file.ts';

export const SHARD_MANIFEST_FILE = 'manifest.json';
export const SHARD_RESULTS_FILE = 'results.bin';
const PARTS_DIR = 'decisions';

function partFile(dir: string, planIndex: number, decisions: ShardManifest['decisions']): string {
  return join(dir, PARTS_DIR, `${planIndex}.csv${decisions === 'gz' ? '.gz' : ''}`);
}

/** Where simulateShard writes decision parts inside the shard folder being staged at `dir`. */
export function shardDecisionParts(dir: string, decisions: ShardManifest['decisions']) {
  mkdirSync(join(dir, PARTS_DIR), { recursive: true });
  return {
    writer: createDecisionPart,
    writerModule: DECISION_PART_WRITER,
    fileOf: (planIndex: number) => partFile(dir, planIndex, decisions),
  };
}

/**
 * results.bin of the shard folder being staged at `dir`, written run by run as they finish, and
 * shard 1's requests.bin (the stream's facts for the merge).
 */
export function shardResultsWriter(dir: string): ShardResultsWriter & Pick<ShardResultsSink, 'requests'> {
  const results = openShardResultsWriter(join(dir, SHARD_RESULTS_FILE));
  return { ...results, requests: (facts) => writeRequestFacts(join(dir, REQUEST_FACTS_FILE), facts) };
}

/** Write the manifest of a finished shard into `dir` (its parts and results are already there). */
export function writeShardManifest(dir: string, outcome: ShardOutcome): void {
  mkdirSync(join(dir, PARTS_DIR), { recursive: true });
  writeFileSync(join(dir, SHARD_MANIFEST_FILE), `${JSON.stringify(outcome.manifest, null, 2)}\n`);
}

/** The manifest of the shard folder `dir`, or a problem saying why it is not one. */
export function readShardManifest(dir: string): ShardManifest | string {
  const file = join(dir, SHARD_MANIFEST_FILE);
  if (!existsSync(file)) {
    return `${dir}: not a shard folder (no ${SHARD_MANIFEST_FILE}; write one with simulate --shard i/n --out ${dir})`;
  }
  let manifest: Partial<ShardManifest>;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<ShardManifest>;
  } catch (error) {
    return `${file}: not valid JSON (${(error as Error).message})`;
  }
  if (manifest.format !== 'routesim-shard' || manifest.formatVersion !== 1) {
    return `${file}: expected a routesim shard manifest (format "routesim-shard", formatVersion 1)`;
  }
  if (!existsSync(join(dir, SHARD_RESULTS_FILE)))
    return `${dir}: no ${SHARD_RESULTS_FILE} (an unfinished shard?)`;
  if (manifest.shard?.index === 1 && !existsSync(join(dir, REQUEST_FACTS_FILE)))
    return `${dir}: no ${REQUEST_FACTS_FILE} (shard 1 writes the request stream's facts there; run it again with this routesim)`;
  return manifest as ShardManifest;
}

/** Every shard folder read, or one UsageError listing every folder that is not one. */
export function readShardFolders(dirs: readonly string[]): LoadedShard[] {
  const read = dirs.map((dir) => ({ dir, manifest: readShardManifest(dir) }));
  const problems = read.flatMap((entry) => (typeof entry.manifest === 'string' ? [entry.manifest] : []));
  if (problems.length > 0) throw new UsageError(problems);
  return read.map(({ dir, manifest }) => {
    const shardManifest = manifest as ShardManifest;
    let reader: ShardResultsReader | undefined;
    // Indexed when the merge first asks (after every manifest has been checked); runs are read
    // from disk one at a time, when the merge reaches them.
    const open = () => {
      reader ??= openShardResults(join(dir, SHARD_RESULTS_FILE));
      return reader;
    };
    return {
      where: dir,
      manifest: shardManifest,
      contents: () => open().contents,
      readRequests: () => readRequestFacts(join(dir, REQUEST_FACTS_FILE)),
      readUnit: (index) => open().unit(index),
      readOracle: () => open().oracle(),
      readPerturbed: (ordinal) => open().perturbed(ordinal),
      copyDecisionPart(planIndex, file) {
        copyFileSync(partFile(dir, planIndex, shardManifest.decisions), file);
      },
    };
  });
}
