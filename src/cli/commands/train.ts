/**
 * `routesim train <data> --out <model.json>`: fit the learned router from an exploration log
 * (JSONL, `routesim simulate --explore`), a RouteLLM-style per-prompt CSV, or MT-Bench's pair of
 * files (a directory holding question.jsonl and judgements.jsonl), and write the model file
 * atomically. `--split` holds out a reproducible share of a table's prompts, recorded in the file,
 * for a replay scenario to evaluate on (`traffic.replay.split`). Bad input exits 2 naming the
 * file, line and field.
 */
import { basename } from 'node:path';
import { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { parseExploreLog, trainingRowsFromExplore } from '../../learn/explore-log.ts';
import { LABEL_RULES, type LabelRule, labelTable } from '../../learn/labels.ts';
import { serializeRouterModel } from '../../learn/model-file.ts';
import { renameTableModels } from '../../learn/model-names.ts';
import { trainingRowsFromTable } from '../../learn/per-prompt-table.ts';
import { splitPrompts } from '../../learn/split.ts';
import { type TrainRouterOptions, trainRouter } from '../../learn/train.ts';
import type { TrainingRow } from '../../learn/training-row.ts';
import { writeFileAtomic } from '../../report/atomic-write.ts';
import { blendedPrice, loadCatalog } from '../../world/catalog.ts';
import type { CommandFactory, CommandIo } from '../command-io.ts';
import {
  readInput,
  readMtBench,
  readRouteLlmCsv,
  resolveTrainFormat,
  sha256Of,
  TRAIN_FORMATS,
  type TrainSource,
} from './train-input.ts';

export interface TrainOptions {
  /** Output model file. */
  out: string;
  /** Input format. @default mt-bench for a directory, routellm-csv for *.csv, else explore-jsonl */
  format?: string;
  /** mt-bench: question.jsonl. @default question.jsonl beside the judgements */
  questions?: string;
  /** Tables: "source=catalog-id,…"; only the mapped models are fitted. @default every model, names as in the source */
  models?: string;
  /** What each model's regression predicts (labels.ts). @default best for mt-bench, else score */
  label?: string;
  /** Tables: share of prompts held out by a keyed, category-stratified split, in (0, 1). */
  split?: string;
  /** Comma-separated templates held out of training (exploration logs). */
  holdoutTemplates?: string;
  /** Share of rows held out when no templates are named. @default 0.2 */
  holdoutShare?: string;
  /** Seed of the SGD order, the held-out share and the split. @default 0 */
  seed?: string;
  /** SGD epochs. @default 10 */
  epochs?: string;
  /** Exploration logs: share of the best model's quality the calibrated default threshold reaches, (0, 1]. @default 0.95 */
  calibrate?: string;
  /** Exploration logs: catalog whose blended prices order the candidates for calibration. @default the bundled catalog */
  catalog?: string;
}

export const trainCommand: CommandFactory = (io: CommandIo) =>
  new Command('train')
    .description(
      'Fit the learned router from an exploration log, a RouteLLM-style CSV or MT-Bench judgements',
    )
    .argument('<data>', 'exploration log (JSONL), per-prompt CSV, or a directory with MT-Bench files')
    .requiredOption('--out <model.json>', 'model file to write (atomically)')
    .option(
      '--format <format>',
      `input format: ${TRAIN_FORMATS.join(' | ')} (default: a directory is mt-bench, *.csv routellm-csv)`,
    )
    .option('--questions <file>', "mt-bench: MT-Bench's question.jsonl (default: beside judgements.jsonl)")
    .option('--models <map>', 'tables: source=catalog-id,… — fit only these models, under catalog ids')
    .option('--label <rule>', `what to predict: ${LABEL_RULES.join(' | ')} (default: best for mt-bench)`)
    .option('--split <share>', 'tables: hold out this share of prompts (keyed by prompt id and --seed)')
    .option(
      '--holdout-templates <ids>',
      'comma-separated templates held out of training (AUC measured on them)',
    )
    .option('--holdout-share <share>', 'share of rows held out when no templates are named (default 0.2)')
    .option('--seed <n>', 'seed of the SGD row order, the held-out share and the split (default 0)')
    .option('--epochs <n>', 'SGD passes over the data (default 10)')
    .option(
      '--calibrate <share>',
      "exploration logs: the default threshold is the smallest α reaching this share of the best model's quality on the training rows (default 0.95)",
    )
    .option(
      '--catalog <catalog.json>',
      'exploration logs: catalog whose blended prices order the candidates, as the learned strategy does (default: the bundled catalog)',
    )
    .action((file: string, options: TrainOptions) => runTrain(file, options, io));

export function runTrain(file: string, options: TrainOptions, io: CommandIo): void {
  const format = resolveTrainFormat(file, options.format);
  const seed = integerOption('--seed', options.seed) ?? 0;
  const epochs = integerOption('--epochs', options.epochs);
  const heldOutTemplates = options.holdoutTemplates
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const heldOutShare = shareOption('--holdout-share', options.holdoutShare, true);
  const splitShare = shareOption('--split', options.split, false);
  const label = labelOption(options.label, format);
  const mapping = mappingOption(options.models);
  const qualityShare = calibrateOption(options.calibrate);
  for (const [flag, value] of [
    ['--calibrate', options.calibrate],
    ['--catalog', options.catalog],
  ] as const) {
    if (value !== undefined && format !== 'explore-jsonl') {
      throw new UsageError(
        `${flag} needs an exploration log (a ${format} table has no per-call outcomes to calibrate the threshold on)`,
      );
    }
  }
  checkCombinations(format, options, { heldOutTemplates, heldOutShare, splitShare });

  let rows: TrainingRow[];
  let source: TrainSource;
  let split: TrainRouterOptions['split'];
  if (format === 'explore-jsonl') {
    const bytes = readInput(
      file,
      "an exploration log (routesim simulate --explore), a *.csv table, or a directory with MT-Bench's question.jsonl and judgements.jsonl",
    );
    rows = trainingRowsFromExplore(parseExploreLog(bytes.toString('utf8'), file));
    source = { source: basename(file), sourceHash: sha256Of([bytes]) };
    const known = new Set(rows.map((row) => row.template));
    const unknown = (heldOutTemplates ?? []).filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new UsageError(
        `--holdout-templates names templates the log does not have: ${unknown.join(', ')}`,
      );
    }
    if (label === 'best') rows = rows.map((row) => ({ ...row, scores: bestLabels(row.scores) }));
  } else {
    const read = format === 'mt-bench' ? readMtBench(file, options.questions) : readRouteLlmCsv(file);
    source = read.source;
    const table = labelTable(renameTableModels(read.table, mapping, file), label);
    rows = trainingRowsFromTable(table);
    if (splitShare !== undefined) {
      const parts = splitPrompts(table.rows, { share: splitShare, seed });
      split = { share: splitShare, seed, strata: parts.strata, heldOutIds: parts.test };
    }
  }
  const model = trainRouter(rows, {
    seed,
    ...(epochs === undefined ? {} : { epochs }),
    ...(heldOutTemplates === undefined ? {} : { heldOutTemplates }),
    ...(heldOutShare === undefined ? {} : { heldOutShare }),
    ...(split === undefined ? {} : { split }),
    ...(format === 'explore-jsonl' ? {} : { tiers: [] }),
    ...(label === 'score' ? {} : { label }),
    ...(qualityShare === undefined ? {} : { qualityShare }),
    ...(format === 'explore-jsonl' ? { pricePerToken: catalogPrices(options.catalog) } : {}),
    source: { ...source, format },
  });
  writeFileAtomic(options.out, serializeRouterModel(model));
  const { training } = model;
  io.stdout(
    `✓ ${options.out}: ${Object.keys(model.models).length} models from ${training.trainRows} rows ` +
      `(${training.heldOutRows} held out${split === undefined ? '' : `: split ${split.share}, seed ${seed}, by ${split.strata}`}), label ${label}\n`,
  );
  for (const [id, weights] of Object.entries(model.models)) {
    const auc = weights.heldOutAuc === null ? 'n/a' : weights.heldOutAuc.toFixed(3);
    const target = label === 'score' ? 'score' : 'label';
    io.stdout(`  ${id.padEnd(32)} held-out AUC ${auc}  mean ${target} ${weights.meanScore.toFixed(3)}\n`);
  }
  const { calibration } = model;
  if (calibration !== undefined) {
    const cost =
      calibration.costShare === null ? '' : ` at ${(calibration.costShare * 100).toFixed(0)}% of its cost`;
    io.stdout(
      `  default threshold ${calibration.threshold}: ${((calibration.quality / calibration.referenceQuality) * 100).toFixed(1)}% of ${calibration.reference}'s quality${cost} on ${calibration.rows} training rows` +
        `${calibration.reached ? '' : ` (target ${calibration.qualityShare} not reached: the α of the best quality)`}\n`,
    );
  }
}

/** Blended USD per token (3 input : 1 output) of every catalog model, as the learned strategy orders them. */
function catalogPrices(path: string | undefined): Record<string, number> {
  const catalog = path === undefined ? loadCatalog() : loadCatalog(path);
  return Object.fromEntries(catalog.models.map((model) => [model.id, blendedPrice(model)]));
}

function calibrateOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const share = Number(value);
  if (value.trim() === '' || !(share > 0 && share <= 1)) {
    throw new UsageError(`--calibrate must be in (0, 1], got ${value}`);
  }
  return share;
}

function checkCombinations(
  format: string,
  options: TrainOptions,
  parsed: {
    heldOutTemplates: string[] | undefined;
    heldOutShare: number | undefined;
    splitShare: number | undefined;
  },
): void {
  const isTable = format !== 'explore-jsonl';
  if (isTable && parsed.heldOutTemplates !== undefined) {
    throw new UsageError(
      `--holdout-templates needs an exploration log (a ${format} table has no templates); use --split or --holdout-share`,
    );
  }
  if (!isTable && parsed.splitShare !== undefined) {
    throw new UsageError(
      '--split needs a per-prompt table (routellm-csv or mt-bench); an exploration log holds out --holdout-templates or --holdout-share',
    );
  }
  if (parsed.splitShare !== undefined && parsed.heldOutShare !== undefined) {
    throw new UsageError('--split and --holdout-share both choose the held-out rows; give one');
  }
  if (!isTable && options.models !== undefined) {
    throw new UsageError("--models renames a table's models; an exploration log already uses catalog ids");
  }
  if (format !== 'mt-bench' && options.questions !== undefined) {
    throw new UsageError(`--questions applies to format mt-bench only, not ${format}`);
  }
}

/** RouteLLM's label over an exploration row's candidates (labels.ts `best`). */
function bestLabels(scores: Record<string, number>): Record<string, number> {
  const best = Math.max(...Object.values(scores));
  return Object.fromEntries(Object.entries(scores).map(([model, score]) => [model, score >= best ? 1 : 0]));
}

function labelOption(value: string | undefined, format: string): LabelRule {
  if (value === undefined) return format === 'mt-bench' ? 'best' : 'score';
  if (!(LABEL_RULES as readonly string[]).includes(value)) {
    throw new UsageError(`--label must be one of ${LABEL_RULES.join(', ')}, got "${value}"`);
  }
  return value as LabelRule;
}

function mappingOption(value: string | undefined): Record<string, string> {
  const mapping: Record<string, string> = {};
  if (value === undefined) return mapping;
  for (const entry of value.split(',')) {
    const at = entry.lastIndexOf('=');
    const name = entry.slice(0, at).trim();
    const id = entry.slice(at + 1).trim();
    if (at < 0 || name === '' || id === '') {
      throw new UsageError(
        `--models expects source=catalog-id pairs separated by commas, e.g. gpt-4-1106-preview=gpt-4o; got "${entry}"`,
      );
    }
    mapping[name] = id;
  }
  return mapping;
}

function shareOption(name: string, value: string | undefined, zeroAllowed: boolean): number | undefined {
  if (value === undefined) return undefined;
  const share = Number(value);
  const ok = zeroAllowed ? share >= 0 && share < 1 : share > 0 && share < 1;
  if (value.trim() === '' || !ok) {
    throw new UsageError(`${name} must be in ${zeroAllowed ? '[0, 1)' : '(0, 1)'}, got ${value}`);
  }
  return share;
}

function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new UsageError(`${name} must be an integer, got "${value}"`);
  return parsed;
}
