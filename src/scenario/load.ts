/**
 * The file-reading edge of src/scenario: read a scenario file, load the catalog it names,
 * resolve relative paths, and run the pure validator. Throws one InputError with every problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Catalog } from '../contracts/index.ts';
import { InputError, type InputIssue } from '../errors.ts';
import { templateIds } from '../traffic/index.ts';
import { loadCatalog } from '../world/catalog.ts';
import { checkReplayCoverage } from './check-replay-coverage.ts';
import { checkStrategyOptions } from './check-strategy-options.ts';
import type { Scenario } from './types.ts';
import { type CatalogLookup, validateScenarioText } from './validate.ts';

export interface LoadScenarioOptions {
  /** Use this catalog instead of the one the scenario names (or the bundled one). */
  catalog?: Catalog;
  /** Known task template ids for checking `traffic.mix[].template`. @default the bundled fixtures/tasks templates */
  templateIds?: readonly string[];
  /** Called with the catalog the validation loaded (readScenarioFile keeps it). @default none */
  onCatalog?: (catalog: Catalog) => void;
}

export function loadScenarioFile(path: string, options: LoadScenarioOptions = {}): Scenario {
  return readScenarioFile(path, options).scenario;
}

/** A scenario file read once: the validated scenario, the catalog it was checked against, the bytes. */
export interface ScenarioFile {
  scenario: Scenario;
  /** The catalog the scenario names (or the bundled one), as loaded for validation. */
  catalog: Catalog;
  /** The file's bytes as read (what its provenance hash is computed from). */
  bytes: Uint8Array;
}

/**
 * Read and validate a scenario file once, keeping what a run needs besides the scenario: the
 * catalog loaded for validation (so it is not loaded again) and the bytes (so the file is not
 * read again for its hash).
 */
export function readScenarioFile(path: string, options: LoadScenarioOptions = {}): ScenarioFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError(path, [{ path: [], message: `cannot read the scenario file: ${reason}` }], {
      cause: error,
    });
  }
  let catalog: Catalog | undefined;
  const scenario = parseScenarioText(bytes.toString('utf8'), path, {
    ...options,
    onCatalog: (loaded) => {
      options.onCatalog?.(loaded);
      catalog = loaded;
    },
  });
  // A valid scenario always had its catalog looked up (validateScenarioText fails without one).
  if (catalog === undefined) throw new Error(`scenario ${path} validated without a catalog`);
  return { scenario, catalog, bytes };
}

/** Validate scenario text; `file` names it in messages and anchors relative paths. */
export function parseScenarioText(text: string, file: string, options: LoadScenarioOptions = {}): Scenario {
  const directory = dirname(resolve(file));
  return validateScenarioText(text, file, {
    catalogFor: (catalogPath) => {
      const lookup: CatalogLookup =
        options.catalog !== undefined
          ? { ok: true, catalog: options.catalog }
          : readCatalog(catalogPath === undefined ? undefined : resolve(directory, catalogPath), catalogPath);
      if (lookup.ok) options.onCatalog?.(lookup.catalog);
      return lookup;
    },
    templateIds: options.templateIds ?? templateIds(),
    resolvePath: (relativePath) => resolve(directory, relativePath),
    fileExists: existsSync,
    checkStrategyOptions,
    baseDir: directory,
    checkNormalised: checkReplayCoverage,
  });
}

function readCatalog(absolutePath: string | undefined, written: string | undefined): CatalogLookup {
  if (absolutePath !== undefined && !existsSync(absolutePath)) {
    return { ok: false, message: `catalog file "${written}" not found (looked at ${absolutePath})` };
  }
  try {
    return { ok: true, catalog: loadCatalog(absolutePath) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const first: InputIssue | undefined = error.issues[0];
    const count = error.issues.length;
    return {
      ok: false,
      message: `the catalog ${absolutePath ?? '(bundled)'} is invalid (${count} problem${count === 1 ? '' : 's'}), first: ${first?.message ?? ''}`,
    };
  }
}
