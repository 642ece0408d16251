/**
 * APGR, CPT(50%) and CPT(80%) of a replay scenario's knobbed routers with bootstrap 95% intervals,
 * and (with --splits) their spread over repeated train/test splits. Usage:
 *
 *   node src/learn/evaluate-split.ts scenarios/examples/mt-bench-learned.yaml [--resamples 2000] [--splits 20] [--json FILE]
 *
 * The single-split figures are those `routesim simulate` writes to results.json for the same
 * scenario (same engine, same runs), plus intervals from resampling its prompts. --splits k
 * re-seeds traffic.replay.split with seeds 1…k and refits the learned model on each training
 * part by the recipe its model file records; every evaluation is on prompts held out of that fit.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { KnobBootstrapResult, MetricInterval } from '../metrics/knob-bootstrap.ts';
import { loadScenarioFile } from '../scenario/load.ts';
import { loadCatalog } from '../world/catalog.ts';
import {
  intervalsOf,
  resplit,
  runKnobSweeps,
  type SplitEvaluationContext,
  scenarioLearnedModel,
} from './split-evaluation.ts';
import { type SplitSummary, summariseSplits } from './split-summary.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    resamples: { type: 'string', default: '2000' },
    splits: { type: 'string' },
    json: { type: 'string' },
  },
});
const file = positionals[0];
const resamples = Number(values.resamples);
const splits = values.splits === undefined ? 0 : Number(values.splits);
if (
  file === undefined ||
  !Number.isInteger(resamples) ||
  resamples < 1 ||
  !Number.isInteger(splits) ||
  splits < 0
) {
  process.stderr.write(
    'usage: node src/learn/evaluate-split.ts <scenario> [--resamples 2000] [--splits K] [--json FILE]\n',
  );
  process.exit(2);
}

const scenario = loadScenarioFile(file);
const context: SplitEvaluationContext = {
  scenario,
  scenarioDir: dirname(resolve(file)),
  catalog: loadCatalog(scenario.catalog),
};
const evaluation = await runKnobSweeps(context);
const result = intervalsOf(evaluation, resamples, scenario.seed);
const split = scenario.traffic.replay?.split;
process.stdout.write(
  `${scenario.name}\n${evaluation.promptIds.length} prompts replayed` +
    (split === undefined ? '' : ` (split ${split.share}, seed ${split.seed}, part ${split.part})`) +
    `; weak ${evaluation.weak}, strong ${evaluation.strong}\n`,
);
process.stdout.write(formatIntervals(result));

let repeated: SplitSummary | undefined;
if (splits > 0) {
  const recipe = scenarioLearnedModel(context);
  if (recipe === undefined) {
    process.stderr.write(
      '--splits needs a learned strategy in the scenario (its model file is the recipe)\n',
    );
    process.exit(2);
  }
  const perSplit: KnobBootstrapResult[] = [];
  for (let seed = 1; seed <= splits; seed++) {
    const { context: resplitContext, model } = resplit(context, recipe, seed);
    // Point estimates only (resamples: 1): the spread over splits is the interval here.
    perSplit.push(intervalsOf(await runKnobSweeps(resplitContext, model), 1, scenario.seed));
  }
  repeated = summariseSplits(perSplit);
  process.stdout.write(
    `\nOver ${splits} splits (seeds 1–${splits}; learned refitted on each training part):\n`,
  );
  process.stdout.write(formatSummary(repeated));
}
if (values.json !== undefined) {
  writeFileSync(
    values.json,
    `${JSON.stringify({ scenario: file, split, single: result, repeated }, null, 2)}\n`,
  );
}

function formatIntervals(figures: KnobBootstrapResult): string {
  const lines = [
    `r_weak ${figures.rWeak.toFixed(4)}, r_strong ${figures.rStrong.toFixed(4)}; bootstrap ${figures.resamples} resamples of the prompts` +
      (figures.undefinedResamples > 0 ? ` (${figures.undefinedResamples} without a gap, left out)` : ''),
    `${'strategy'.padEnd(20)}${'APGR [95% CI]'.padEnd(26)}${'CPT(50%) [95% CI]'.padEnd(26)}CPT(80%) [95% CI]`,
  ];
  for (const entry of figures.strategies) {
    lines.push(
      `${entry.strategy.padEnd(20)}${cell(entry.apgr).padEnd(26)}${cell(entry.cpt50).padEnd(26)}${cell(entry.cpt80)}`,
    );
  }
  for (const entry of figures.differences) {
    const name = `${entry.a} − ${entry.b}`;
    lines.push(
      `${name.padEnd(20)}${cell(entry.apgr).padEnd(26)}${cell(entry.cpt50).padEnd(26)}${cell(entry.cpt80)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function cell(interval: MetricInterval): string {
  const value = (number: number | null) => (number === null ? 'n/a' : number.toFixed(3));
  return `${value(interval.estimate)} [${value(interval.low)}, ${value(interval.high)}]`;
}

function formatSummary(summary: SplitSummary): string {
  const lines = [`${'strategy'.padEnd(20)}${'metric'.padEnd(10)}mean    sd      2.5%    median  97.5%`];
  for (const entry of summary.rows) {
    const figures = [entry.mean, entry.sd, entry.low, entry.median, entry.high].map((number) =>
      number.toFixed(3),
    );
    lines.push(
      `${entry.strategy.padEnd(20)}${entry.metric.padEnd(10)}${figures.map((text) => text.padEnd(8)).join('')}`,
    );
  }
  for (const [name, share] of Object.entries(summary.aheadOfRandom)) {
    lines.push(`${name} APGR above random's on ${(share * 100).toFixed(0)}% of splits`);
  }
  return `${lines.join('\n')}\n`;
}
