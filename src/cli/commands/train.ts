/**
 * `routesim train <log> --out <model.json>`: fit the learned router from an exploration log
 * (JSONL, `routesim simulate --explore`) or a RouteLLM-style per-prompt CSV, and write the model
 * file atomically. Bad input exits 2 naming the file, line and field.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command } from 'commander';
import { InputError, UsageError } from '../../errors.ts';
import { parseExploreLog, trainingRowsFromExplore } from '../../learn/explore-log.ts';
import { serializeRouterModel } from '../../learn/model-file.ts';
import { trainingRowsFromTable } from '../../learn/per-prompt-table.ts';
import { parseRouteLlmCsv } from '../../learn/routellm-csv.ts';
import { type TrainingRow, trainRouter } from '../../learn/train.ts';
import { writeFileAtomic } from '../../report/atomic-write.ts';
import type { CommandIo } from '../main.ts';
import type { CommandFactory } from './index.ts';

export interface TrainOptions {
  /** Output model file. */
  out: string;
  /** Input format. @default routellm-csv for *.csv, else explore-jsonl */
  format?: string;
  /** Comma-separated templates held out of training (exploration logs). */
  holdoutTemplates?: string;
  /** Share of rows held out when no templates are named. @default 0.2 */
  holdoutShare?: string;
  /** Seed of the SGD order and the held-out share. @default 0 */
  seed?: string;
  /** SGD epochs. @default 10 */
  epochs?: string;
}

const FORMATS = ['explore-jsonl', 'routellm-csv'] as const;
type Format = (typeof FORMATS)[number];

export const trainCommand: CommandFactory = (io: CommandIo) =>
  new Command('train')
    .description('Fit the learned router from an exploration log or a RouteLLM-style CSV')
    .argument('<log>', 'exploration log (JSONL) or per-prompt CSV')
    .requiredOption('--out <model.json>', 'model file to write (atomically)')
    .option('--format <format>', `input format: ${FORMATS.join(' | ')} (default: by file extension)`)
    .option(
      '--holdout-templates <ids>',
      'comma-separated templates held out of training (AUC measured on them)',
    )
    .option('--holdout-share <share>', 'share of rows held out when no templates are named (default 0.2)')
    .option('--seed <n>', 'seed of the SGD row order and the held-out share (default 0)')
    .option('--epochs <n>', 'SGD passes over the data (default 10)')
    .action((file: string, options: TrainOptions) => runTrain(file, options, io));

export function runTrain(file: string, options: TrainOptions, io: CommandIo): void {
  const format = resolveFormat(file, options.format);
  const seed = integerOption('--seed', options.seed) ?? 0;
  const epochs = integerOption('--epochs', options.epochs);
  const heldOutTemplates = options.holdoutTemplates
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const heldOutShare = options.holdoutShare === undefined ? undefined : Number(options.holdoutShare);
  if (heldOutShare !== undefined && !(heldOutShare >= 0 && heldOutShare < 1)) {
    throw new UsageError(`--holdout-share must be in [0, 1), got ${options.holdoutShare}`);
  }
  if (format === 'routellm-csv' && heldOutTemplates !== undefined) {
    throw new UsageError(
      '--holdout-templates needs an exploration log (a CSV has no templates); use --holdout-share',
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError(file, [{ path: [], message: `cannot read: ${(error as Error).message}` }], {
      cause: error,
    });
  }
  const text = bytes.toString('utf8');
  let rows: TrainingRow[];
  if (format === 'explore-jsonl') {
    rows = trainingRowsFromExplore(parseExploreLog(text, file));
    const known = new Set(rows.map((row) => row.template));
    const unknown = (heldOutTemplates ?? []).filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new UsageError(
        `--holdout-templates names templates the log does not have: ${unknown.join(', ')}`,
      );
    }
  } else {
    rows = trainingRowsFromTable(parseRouteLlmCsv(text, file));
  }
  const model = trainRouter(rows, {
    seed,
    ...(epochs === undefined ? {} : { epochs }),
    ...(heldOutTemplates === undefined ? {} : { heldOutTemplates }),
    ...(heldOutShare === undefined ? {} : { heldOutShare }),
    ...(format === 'routellm-csv' ? { tiers: [] } : {}),
    source: {
      source: basename(file),
      sourceHash: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
      format,
    },
  });
  writeFileAtomic(options.out, serializeRouterModel(model));
  const { training } = model;
  io.stdout(
    `✓ ${options.out}: ${Object.keys(model.models).length} models from ${training.trainRows} rows ` +
      `(${training.heldOutRows} held out)\n`,
  );
  for (const [id, weights] of Object.entries(model.models)) {
    const auc = weights.heldOutAuc === null ? 'n/a' : weights.heldOutAuc.toFixed(3);
    io.stdout(`  ${id.padEnd(32)} held-out AUC ${auc}  mean score ${weights.meanScore.toFixed(3)}\n`);
  }
}

function resolveFormat(file: string, format: string | undefined): Format {
  if (format === undefined) return file.toLowerCase().endsWith('.csv') ? 'routellm-csv' : 'explore-jsonl';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
  }
  return format as Format;
}

function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new UsageError(`${name} must be an integer, got "${value}"`);
  return parsed;
}
