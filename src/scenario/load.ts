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
}

export function loadScenarioFile(path: string, options: LoadScenarioOptions = {}): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError(path, [{ path: [], message: `cannot read the scenario file: ${reason}` }], {
      cause: error,
    });
  }
  return parseScenarioText(text, path, options);
}

/** Validate scenario text; `file` names it in messages and anchors relative paths. */
export function parseScenarioText(text: string, file: string, options: LoadScenarioOptions = {}): Scenario {
  const directory = dirname(resolve(file));
  return validateScenarioText(text, file, {
    catalogFor: (catalogPath) =>
      options.catalog !== undefined
        ? { ok: true, catalog: options.catalog }
        : readCatalog(catalogPath === undefined ? undefined : resolve(directory, catalogPath), catalogPath),
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
