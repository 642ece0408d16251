/**
 * The inputs of a simulation, prepared once: the scenario (with --seed applied), the effective
 * catalog, the request stream with its hash, ids and hidden labels (read in one pass), the
 * strategy configs selected by --strategies. This is the file-reading edge of `simulate`: the
 * scenario file is read and validated here once, and the result (a LoadedScenario, plain data)
 * is what the plan, the units and — structured-cloned — the worker threads receive.
 */

import { dirname, resolve } from 'node:path';
import { type Catalog, type OutcomeSource, worldSeed } from '../contracts/index.ts';
import { requestColumns } from '../engine/request-columns.ts';
import { InputError } from '../errors.ts';
import { applyScenarioOverrides } from '../scenario/catalog-overrides.ts';
import { readScenarioFile } from '../scenario/load.ts';
import type { Scenario, StrategyConfig } from '../scenario/types.ts';
import { type RequestStream, requestStreamFromScenario } from '../traffic/index.ts';
import { hashInputFiles, type InputFile } from './input-files.ts';
import { hashingStream, sha256 } from './provenance.ts';
import {
  MEMO_MAX_REQUESTS,
  type MemoizedStream,
  type MemoizeOptions,
  memoizeStream,
} from './stream-cache.ts';
import { type StreamFacts, streamFactsFromChunks } from './stream-facts.ts';
import {
  openStreamSpill,
  packChunk,
  SPILL_CHUNK_REQUESTS,
  type StreamPiece,
  spillChunk,
} from './stream-pack.ts';
import { chunkRanges, encodeRequests } from './stream-share.ts';
import { sharedStream } from './stream-window.ts';

/**
 * A scenario file read and validated once, with what a run derives from it. Plain data (no
 * functions, no class instances): it crosses to worker threads as workerData.
 */
export interface LoadedScenario {
  /** The scenario, --seed applied. */
  scenario: Scenario;
  /** The file as given (error messages, strategy build context, provenance's file name). */
  file: string;
  scenarioDir: string;
  /** sha256 of the file's bytes, as read for validation. */
  scenarioSha256: string;
  /** The catalog as loaded (worldFromScenario applies the overrides itself). */
  catalog: Catalog;
  /** Scenario overrides applied. */
  effectiveCatalog: Catalog;
  catalogSha256: string;
  /** The other files the run reads, hashed at load (input-files.ts). */
  inputFiles: InputFile[];
}

/** Read and validate `scenarioPath` (one read, one validation, one catalog load). */
export function loadSimulationScenario(scenarioPath: string, seed?: number): LoadedScenario {
  const read = readScenarioFile(scenarioPath);
  const scenario = seed === undefined ? read.scenario : { ...read.scenario, seed };
  const effectiveCatalog = applyScenarioOverrides(read.catalog, scenario);
  const scenarioDir = dirname(resolve(scenarioPath));
  return {
    scenario,
    file: scenarioPath,
    scenarioDir,
    inputFiles: hashInputFiles(scenario, scenarioDir),
    scenarioSha256: sha256(read.bytes),
    catalog: read.catalog,
    effectiveCatalog,
    catalogSha256: sha256(JSON.stringify(effectiveCatalog)),
  };
}

/** `loaded` with the seed overridden (the catalog overrides do not depend on the seed). */
export function withSeed(loaded: LoadedScenario, seed: number | undefined): LoadedScenario {
  return seed === undefined ? loaded : { ...loaded, scenario: { ...loaded.scenario, seed } };
}

/**
 * `loaded` with `--seeds k` applied: k world seeds per scenario strategy. One seed is the plain
 * run, so the field is dropped (the scenario as run, in results.json, keeps its bytes).
 */
export function withSeeds(loaded: LoadedScenario, seeds: number | undefined): LoadedScenario {
  if (seeds === undefined) return loaded;
  const { seeds: _written, ...scenario } = loaded.scenario;
  return { ...loaded, scenario: seeds === 1 ? scenario : { ...scenario, seeds } };
}

/**
 * The scenario whose world is the world of seed index `seedIndex` (contracts/world-seed.ts): only
 * the seed the world is built with changes. Build the world from it, never the request stream.
 */
export function reseeded(scenario: Scenario, seedIndex: number): Scenario {
  return seedIndex === 0 ? scenario : { ...scenario, seed: worldSeed(scenario.seed, seedIndex) };
}

/** World seeds per scenario strategy of a scenario (its `seeds`, default 1). */
export function seedCount(scenario: { seeds?: number }): number {
  return scenario.seeds ?? 1;
}

/**
 * `--strategies a,b`: keep those scenario strategies, in scenario order. The reference strategy
 * is kept too (savings and intervals are measured against it). Unknown name → InputError listing
 * what the scenario has.
 */
export function selectStrategies(
  scenario: Scenario,
  scenarioPath: string,
  names: readonly string[] | undefined,
): StrategyConfig[] {
  if (names === undefined) return scenario.strategies;
  const available = scenario.strategies.map((config) => config.name);
  const unknown = names.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    throw new InputError(
      scenarioPath,
      unknown.map((name) => ({
        path: ['strategies'],
        message: `--strategies names "${name}", which the scenario does not run; available: ${available.join(', ')}`,
      })),
    );
  }
  return scenario.strategies.filter(
    (config) => names.includes(config.name) || config.name === scenario.reference,
  );
}

export interface PreparedStream {
  /** The stream, generated once and kept (every unit replays it). */
  stream: MemoizedStream;
  /** The same stream, hashing as it is read in index order: give it to the first full pass. */
  recording: RequestStream;
  /** Completes the pass (if the consumer stopped early) and returns hash and ids. */
  finish(): { sha256: string; requestIds: string[] };
  /** Recorded outcomes of a replayed table: looked up, never drawn (undefined for generated traffic). */
  outcomes: OutcomeSource | undefined;
  /**
   * The encoded pieces `stream` decodes (shared slices, or a long stream's spilled chunks), for a
   * worker pool to replay too (EnginePool.useStream); undefined when the stream is kept decoded.
   */
  pieces?: readonly StreamPiece[];
  /**
   * The request columns, hash and ids in one pass: `requestColumns(recording)` then `finish()`,
   * or, from workers' shared chunks, read off the chunks without building request objects.
   */
  facts(tiers: readonly string[]): StreamFacts;
}

/**
 * The scenario's request stream, memoized, wrapped so that the first consumer reading it in
 * index order (the request-columns pass) also feeds the provenance hash and the id list.
 */
export function prepareStream(scenario: Scenario): PreparedStream {
  return preparedFrom(requestStreamFromScenario(scenario), undefined);
}

/**
 * As prepareStream, from a source and, when workers generated it, the shared slices of the
 * stream (decoded here on demand instead of generated again). `keep`: how much of the stream is
 * kept decoded (tests shrink it; @default the whole stream up to MEMO_MAX_REQUESTS, else a window).
 */
export function preparedFrom(
  source: ReturnType<typeof requestStreamFromScenario>,
  chunks: readonly StreamPiece[] | undefined,
  keep: MemoizeOptions & {
    /** Most requests per encoded chunk of a long in-process stream (tests). @default SPILL_CHUNK_REQUESTS */
    chunkRequests?: number;
    /** Where a long in-process stream's packed chunks are spilled (tests). @default the OS's temp directory */
    spillDirectory?: string;
  } = {},
): PreparedStream {
  if (chunks === undefined && source.count > (keep.maxRequests ?? MEMO_MAX_REQUESTS)) {
    // Too long to keep decoded (in-process, e.g. --workers 1): generated once into chunks, so the
    // units replay it from there instead of generating every request again per unit; deflated,
    // since no other thread reads them, and spilled to a file, off the heap (stream-pack.ts).
    const spill = openStreamSpill(keep.spillDirectory);
    const encoded: StreamPiece[] = [];
    for (const range of chunkRanges(source.count, 1, keep.chunkRequests ?? SPILL_CHUNK_REQUESTS)) {
      const chunk = encodeRequests(source, range.from, range.to);
      if (chunk === undefined) break;
      encoded.push(spillChunk(spill, packChunk(chunk)));
    }
    if (encoded.at(-1)?.to === source.count) return preparedFrom(source, encoded, keep);
  }
  if (chunks !== undefined) {
    // Requests are decoded only if something on this thread reads them (on a pool the workers run
    // every unit: usually nothing does), and then on demand, a window at a time.
    const stream = sharedStream(
      chunks,
      source.arrivals,
      keep.windowRequests === undefined ? {} : { windowRequests: keep.windowRequests },
    );
    const hashing = hashingStream(stream);
    return {
      stream,
      recording: hashing.stream,
      finish: hashing.finish,
      outcomes: source.outcomes,
      pieces: chunks,
      facts: (tiers) => streamFactsFromChunks(chunks, source.arrivals, tiers),
    };
  }
  const stream = memoizeStream(source, keep);
  const hashing = hashingStream(stream);
  return {
    stream,
    recording: hashing.stream,
    finish: hashing.finish,
    outcomes: source.outcomes,
    facts: (tiers) => ({ requests: requestColumns(hashing.stream, tiers), ...hashing.finish() }),
  };
}

/** The scenario with every fault removed: the oracle's world. */
export function faultsOff(scenario: Scenario): Scenario {
  return {
    ...scenario,
    providers: Object.fromEntries(
      Object.entries(scenario.providers).map(([key, config]) => [key, { ...config, faults: [] }]),
    ),
  };
}
