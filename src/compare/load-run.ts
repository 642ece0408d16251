/**
 * Read a run directory for `compare` (the I/O edge): results.json for the provenance and the
 * schema version, columns.bin for the per-request columns. Anything that is not a complete run
 * of this schema is an InputError naming the file and what was expected (exit 2).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.ts';
import { type ColumnsData, decodeColumns } from '../report/columns-file.ts';
import { readWholeFile } from '../report/large-file.ts';
import { RESULTS_FILE, RESULTS_SCHEMA_VERSION } from '../report/results-json.ts';
import type { RunIdentity } from './types.ts';

export interface LoadedRun {
  identity: RunIdentity;
  columns: ColumnsData;
}

const problem = (file: string, message: string, path: (string | number)[] = []) =>
  new InputError(file, [{ path, message }]);

/** `target` is a run directory or the results.json inside one. */
export function loadRun(target: string): LoadedRun {
  const dir = basename(target) === RESULTS_FILE && existsSync(target) ? dirname(target) : target;
  if (!existsSync(dir)) {
    throw problem(
      dir,
      'expected a run directory written by `routesim simulate --out DIR`; it does not exist',
    );
  }
  if (!statSync(dir).isDirectory()) {
    throw problem(dir, `expected a run directory (or its ${RESULTS_FILE}), got a file`);
  }
  const resultsPath = join(dir, RESULTS_FILE);
  if (!existsSync(resultsPath)) {
    throw problem(
      resultsPath,
      `not a run directory: expected ${RESULTS_FILE} written by \`routesim simulate\` (it is written last, so a run that did not finish has none)`,
    );
  }
  let results: Record<string, unknown>;
  try {
    results = JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(resultsPath, [{ path: [], message: `expected JSON: ${(error as Error).message}` }], {
      cause: error,
    });
  }
  if (results['schemaVersion'] !== RESULTS_SCHEMA_VERSION) {
    throw problem(
      resultsPath,
      `expected schemaVersion ${RESULTS_SCHEMA_VERSION}, got ${JSON.stringify(results['schemaVersion'])}; re-run \`routesim simulate\` with this version to compare`,
      ['schemaVersion'],
    );
  }
  const provenance = (results['provenance'] ?? {}) as Record<string, unknown>;
  const hash = provenance['requestStreamSha256'];
  if (typeof hash !== 'string') {
    throw problem(resultsPath, 'expected the request-stream hash (a string)', [
      'provenance',
      'requestStreamSha256',
    ]);
  }
  const files = (results['files'] ?? {}) as Record<string, unknown>;
  const columnsName = typeof files['columns'] === 'string' ? files['columns'] : 'columns.bin';
  const columnsPath = join(dir, columnsName);
  if (!existsSync(columnsPath)) {
    throw problem(columnsPath, `expected the per-request columns ${RESULTS_FILE} names; the file is missing`);
  }
  let decoded: ReturnType<typeof decodeColumns>;
  try {
    decoded = decodeColumns(readWholeFile(columnsPath));
  } catch (error) {
    throw new InputError(
      columnsPath,
      [{ path: [], message: `expected a routesim columns file: ${(error as Error).message}` }],
      { cause: error },
    );
  }
  if (decoded.header.version !== 1) {
    throw problem(columnsPath, `expected columns version 1, got ${JSON.stringify(decoded.header.version)}`, [
      'version',
    ]);
  }
  if (decoded.header.requestStreamSha256 !== hash) {
    throw problem(
      columnsPath,
      `expected the request-stream hash of ${RESULTS_FILE} (${hash.slice(0, 12)}…), got ${decoded.header.requestStreamSha256.slice(0, 12)}…: the file belongs to another run`,
      ['requestStreamSha256'],
    );
  }
  const scenario = (results['scenario'] ?? {}) as Record<string, unknown>;
  const intervals = (results['intervals'] ?? {}) as Record<string, unknown>;
  const worldSeeds = Array.isArray(intervals['worldSeeds']) ? intervals['worldSeeds'].length : 1;
  const research = (results['research'] ?? {}) as Record<string, unknown>;
  return {
    identity: {
      dir: target,
      scenarioName: typeof scenario['name'] === 'string' ? scenario['name'] : '(unnamed scenario)',
      seed: typeof provenance['seed'] === 'number' ? provenance['seed'] : 0,
      requests: decoded.header.requests,
      requestStreamSha256: hash,
      ...(worldSeeds > 1 ? { worldSeeds } : {}),
      ...(research['notRun'] === true ? { researchNotRun: true as const } : {}),
    },
    columns: decoded.data,
  };
}
