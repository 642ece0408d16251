/**
 * The model-facts table (../shared/data/model-facts.csv, llm-stats.com data, CC BY 4.0):
 * one row per (provider, model) with published throughput, time to first token and
 * benchmark scores. Pure: parses text, never reads files.
 */

import type { BenchmarkName } from '../contracts/index.ts';
import { BENCHMARK_NAMES } from '../contracts/index.ts';
import { InputError, type InputIssue } from '../errors.ts';

export const BENCHMARKS: readonly BenchmarkName[] = BENCHMARK_NAMES;

export interface FactsRow {
  /** Provider as the CSV names it, e.g. "azure". */
  provider: string;
  /** Model id as the CSV names it, e.g. "gpt-4o-2024-08-06". */
  model: string;
  modelName: string;
  /** Published decode throughput, output tokens per second; undefined when blank. */
  throughputTokensPerSecond: number | undefined;
  /** Published time to first token, seconds; undefined when blank. */
  ttftSeconds: number | undefined;
  /** Scores in [0, 1]; only those the row has. */
  benchmarks: Partial<Record<BenchmarkName, number>>;
  /** 1-based line in the file. */
  line: number;
}

export interface FactsTable {
  file: string;
  rows: FactsRow[];
}

const REQUIRED_COLUMNS = ['provider', 'model_id', 'model_name', 'throughput_tok_s', 'ttft_s'] as const;

/** Parse the CSV text (no quoting: the file has none). Every problem is collected. */
export function parseModelFacts(text: string, file: string): FactsTable {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim());
  const issues: InputIssue[] = [];
  const column = new Map(header.map((name, index) => [name, index]));
  for (const name of [...REQUIRED_COLUMNS, ...BENCHMARKS]) {
    if (!column.has(name)) issues.push({ path: [name], message: `missing column "${name}"`, line: 1 });
  }
  if (issues.length > 0) throw new InputError(file, issues);

  const rows: FactsRow[] = [];
  for (let index = 1; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    if (raw.trim() === '') continue;
    const line = index + 1;
    const cells = raw.split(',');
    if (cells.length !== header.length) {
      issues.push({ path: [], message: `expected ${header.length} cells, found ${cells.length}`, line });
      continue;
    }
    const cell = (name: string): string => (cells[column.get(name) ?? -1] ?? '').trim();
    const number = (name: string, max: number): number | undefined => {
      const value = cell(name);
      if (value === '') return undefined;
      const parsed = Number(value);
      if (!Number.isFinite(parsed) || parsed < 0 || parsed > max) {
        issues.push({ path: [name], message: `expected a number in [0, ${max}], got "${value}"`, line });
        return undefined;
      }
      return parsed;
    };
    const benchmarks: Partial<Record<BenchmarkName, number>> = {};
    for (const name of BENCHMARKS) {
      const score = number(name, 1);
      if (score !== undefined) benchmarks[name] = score;
    }
    const provider = cell('provider');
    const model = cell('model_id');
    if (provider === '' || model === '') {
      issues.push({ path: ['provider'], message: 'expected a provider and a model_id', line });
      continue;
    }
    rows.push({
      provider,
      model,
      modelName: cell('model_name') || model,
      throughputTokensPerSecond: number('throughput_tok_s', Number.MAX_VALUE),
      ttftSeconds: number('ttft_s', Number.MAX_VALUE),
      benchmarks,
      line,
    });
  }
  if (issues.length > 0) throw new InputError(file, issues);
  return { file, rows };
}

/** The row of `model` at `provider`, else the first row of `model` at any provider. */
export function findFactsRow(table: FactsTable, model: string, provider?: string): FactsRow | undefined {
  const rows = table.rows.filter((row) => row.model === model);
  return rows.find((row) => row.provider === provider) ?? rows[0];
}

/**
 * One benchmark record per distinct model id (the first row that has any score):
 * the population whose spread the imputation of missing scores uses.
 */
export function benchmarkPopulation(table: FactsTable): Partial<Record<BenchmarkName, number>>[] {
  const byModel = new Map<string, Partial<Record<BenchmarkName, number>>>();
  for (const row of table.rows) {
    if (byModel.has(row.model) || Object.keys(row.benchmarks).length === 0) continue;
    byModel.set(row.model, row.benchmarks);
  }
  return [...byModel.values()];
}
