/**
 * `routesim models import <litellm.json>`: build a catalog from a LiteLLM price map, joined
 * with model-facts.csv and a curation file, and write it atomically (temp file + rename).
 * Every model whose latency is not a measurement (a placeholder row replaced by a stand-in, or
 * no row) is printed as a warning: a placeholder never reaches a catalog silently.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { parseCuration } from '../../catalog-import/catalog-curation.ts';
import { catalogFromLiteLlm } from '../../catalog-import/litellm.ts';
import { parseModelFacts } from '../../catalog-import/model-facts.ts';
import { InputError } from '../../errors.ts';
import { parseCatalog } from '../../world/catalog.ts';
import type { CliIo, CommandFactory } from '../command-io.ts';

export interface ModelsImportOptions {
  /** model-facts.csv path: benchmarks, and latency where the curation names no measurement. */
  facts?: string;
  /** Curation JSON path (see fixtures/catalog-curation.json). */
  curation?: string;
  /** Comma-separated LiteLLM keys or model ids. */
  models?: string;
  /** Comma-separated provider keys ("openai,google") or LiteLLM provider names. */
  provider?: string;
  /** Output path. @default standard output */
  out?: string;
}

export const modelsCommand: CommandFactory = (io: CliIo) => {
  const models = new Command('models').description('Manage the model catalog.');
  models
    .command('import')
    .description('Build a catalog from a LiteLLM model_prices_and_context_window.json.')
    .argument('<litellm.json>', 'LiteLLM price map')
    .option(
      '--facts <model-facts.csv>',
      'join benchmark scores (and latency, where the curation names no measurement) from this CSV',
    )
    .option('--curation <curation.json>', 'curated selection, facts joins, measured latency with sources')
    .option('--models <ids>', 'comma-separated LiteLLM keys or model ids to import')
    .option('--provider <providers>', 'comma-separated providers to keep (e.g. openai,google)')
    .option('--out <catalog.json>', 'write here (atomically) instead of standard output')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .action((file: string, options: ModelsImportOptions) => runModelsImport(file, options, io));
  return models;
};

export function runModelsImport(file: string, options: ModelsImportOptions, io: CliIo): void {
  const curation =
    options.curation === undefined ? undefined : parseCuration(readJson(options.curation), options.curation);
  const { catalog, skipped, latencyWarnings } = catalogFromLiteLlm({
    prices: readJson(file),
    pricesFile: file,
    ...(options.facts === undefined
      ? {}
      : { facts: parseModelFacts(readText(options.facts), options.facts) }),
    ...(curation === undefined ? {} : { curation, curationFile: options.curation ?? '' }),
    ...(options.models === undefined ? {} : { models: splitList(options.models) }),
    ...(options.provider === undefined ? {} : { providers: splitList(options.provider) }),
  });
  // The written file must load: validate what we are about to write.
  parseCatalog(catalog, options.out ?? '(output)');
  const text = `${JSON.stringify(catalog, null, 2)}\n`;
  if (options.out === undefined) {
    io.stdout(text);
  } else {
    writeAtomically(options.out, text);
    const providers = Object.keys(catalog.providers).length;
    io.stderr(`wrote ${catalog.models.length} models from ${providers} providers to ${options.out}\n`);
  }
  if (skipped.length > 0)
    io.stderr(`skipped ${skipped.length} LiteLLM entries (unusable fields or duplicate ids)\n`);
  printLatencyWarnings(latencyWarnings, io);
}

/** Shown in full up to this many; a bulk import without --facts would otherwise print hundreds. */
const MAX_LATENCY_WARNINGS = 20;

/** Every model whose latency is not a measurement, so no placeholder reaches a catalog silently. */
function printLatencyWarnings(warnings: string[], io: CliIo): void {
  if (warnings.length === 0) return;
  io.stderr(
    `warning: ${warnings.length} ${warnings.length === 1 ? 'model has' : 'models have'} no measured latency (placeholder or missing figures; each model's notes say what stands in):\n`,
  );
  for (const warning of warnings.slice(0, MAX_LATENCY_WARNINGS)) io.stderr(`  ${warning}\n`);
  if (warnings.length > MAX_LATENCY_WARNINGS)
    io.stderr(`  … and ${warnings.length - MAX_LATENCY_WARNINGS} more\n`);
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(path, [{ path: [], message: `cannot read: ${(error as Error).message}` }], {
      cause: error,
    });
  }
}

function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(path, [{ path: [], message: `expected JSON: ${(error as Error).message}` }], {
      cause: error,
    });
  }
}
