/**
 * Every file a run reads besides the scenario itself, hashed for provenance: the catalog the
 * scenario names, a replayed table or log (and MT-Bench's question file), user router modules and
 * learned routers' model files. Flipping one outcome in a replayed table, editing a router or
 * retraining a model file changes a hash, so `compare` and a reader of results.json can tell two
 * runs of one scenario file apart.
 *
 * Paths are stored relative to the scenario's directory (POSIX separators), so moving a checkout
 * keeps results.json byte-identical (see inputFileLabel for routesim's own files).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routerModelPath } from '../learn/load-model.ts';
import type { Scenario } from '../scenario/types.ts';
import { sha256 } from './provenance.ts';

/** One input file of a run. */
export interface InputFile {
  /** Relative to the scenario's directory, or `routesim:<path>` for a file routesim ships. */
  path: string;
  /** sha256 of the file's bytes. */
  sha256: string;
}

/** routesim's package root: two levels above this file in src/run/ and in dist/run/ alike. */
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Absolute paths of the files `scenario` makes a run read (the scenario file excluded). */
export function scenarioInputPaths(scenario: Scenario, scenarioDir: string): string[] {
  const paths: string[] = [];
  if (scenario.catalog !== undefined) paths.push(scenario.catalog);
  const replay = scenario.traffic.replay;
  if (replay !== undefined) {
    paths.push(replay.path);
    if (replay.questions !== undefined) paths.push(replay.questions);
  }
  for (const strategy of scenario.strategies) {
    if (strategy.module !== undefined) paths.push(strategy.module);
    if ((strategy.strategy ?? strategy.name) === 'learned' && strategy.module === undefined) {
      paths.push(routerModelPath(strategy.options['model'], scenarioDir));
    }
  }
  return [...new Set(paths)];
}

function insidePackage(path: string): string | undefined {
  const inPackage = relative(PACKAGE_ROOT, path);
  return inPackage !== '' && !inPackage.startsWith('..') && !isAbsolute(inPackage) ? inPackage : undefined;
}

/**
 * How an input file is named in results.json: relative to the scenario's directory, except a file
 * routesim ships (the bundled learned model) read by a scenario outside routesim's own tree —
 * `routesim:<path in the package>`, since the relative path would spell out where routesim is
 * installed.
 */
export function inputFileLabel(path: string, scenarioDir: string): string {
  const shipped = insidePackage(path);
  const label =
    shipped !== undefined && insidePackage(scenarioDir) === undefined
      ? `routesim:${shipped}`
      : relative(scenarioDir, path);
  return label.split(sep).join('/');
}

/** The input files of a run, each read once and hashed, sorted by label. */
export function hashInputFiles(scenario: Scenario, scenarioDir: string): InputFile[] {
  return scenarioInputPaths(scenario, scenarioDir)
    .map((path) => ({ path: inputFileLabel(path, scenarioDir), sha256: sha256(readFileSync(path)) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
