/**
 * The file-reading edge of `routesim train`: which format a path is, and its bytes. A directory
 * (or `--format mt-bench`) is MT-Bench's pair of files — `judgements.jsonl` joined to
 * `question.jsonl` — as RouteLLM ships them in `routellm/evals/mt_bench/`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError, UsageError } from '../../errors.ts';
import { parseMtBench } from '../../learn/mt-bench.ts';
import type { PerPromptTable } from '../../learn/per-prompt-table.ts';
import { parseRouteLlmCsv } from '../../learn/routellm-csv.ts';

export const TRAIN_FORMATS = ['explore-jsonl', 'routellm-csv', 'mt-bench'] as const;
export type TrainFormat = (typeof TRAIN_FORMATS)[number];

/** MT-Bench's file names, as RouteLLM ships them. */
export const MT_BENCH_QUESTIONS = 'question.jsonl';
export const MT_BENCH_JUDGEMENTS = 'judgements.jsonl';

/** What the model file records about its source. */
export interface TrainSource {
  source: string;
  /** "sha256:<hex>" of the bytes read (MT-Bench: judgements.jsonl then question.jsonl, concatenated). */
  sourceHash: string;
}

/** The format of `path`: --format if given, else a directory → mt-bench, *.csv → routellm-csv, else explore-jsonl. */
export function resolveTrainFormat(path: string, format: string | undefined): TrainFormat {
  if (format !== undefined) {
    if (!(TRAIN_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${TRAIN_FORMATS.join(', ')}, got "${format}"`);
    }
    return format as TrainFormat;
  }
  if (isDirectory(path)) return 'mt-bench';
  return path.toLowerCase().endsWith('.csv') ? 'routellm-csv' : 'explore-jsonl';
}

/** Read a file whole; a missing or unreadable one is an InputError naming it. */
export function readInput(path: string, expected: string): Buffer {
  try {
    if (isDirectory(path)) throw new Error(`is a directory; expected ${expected}`);
    return readFileSync(path);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `no such file; expected ${expected}`
        : (error as Error).message;
    throw new InputError(path, [{ path: [], message: `cannot read: ${reason}` }], { cause: error });
  }
}

/** A RouteLLM-style CSV as a per-prompt table. */
export function readRouteLlmCsv(path: string): { table: PerPromptTable; source: TrainSource } {
  const bytes = readInput(path, 'a CSV with a "prompt" column and one True/False column per model');
  return {
    table: parseRouteLlmCsv(bytes.toString('utf8'), path),
    source: { source: basename(path), sourceHash: sha256Of([bytes]) },
  };
}

/**
 * MT-Bench's pair as a per-prompt table: `path` is the directory holding both files, or the
 * judgements file (questions then from `questions`, else `question.jsonl` beside it).
 */
export function readMtBench(
  path: string,
  questions: string | undefined,
): { table: PerPromptTable; source: TrainSource } {
  const directory = isDirectory(path);
  const judgementsPath = directory ? join(path, MT_BENCH_JUDGEMENTS) : path;
  const questionsPath = questions ?? join(directory ? path : dirname(path), MT_BENCH_QUESTIONS);
  const judgements = readInput(
    judgementsPath,
    `MT-Bench's ${MT_BENCH_JUDGEMENTS} ({question_id, model, score, turn} per line)${directory ? '' : ', or a directory holding it and question.jsonl'}`,
  );
  const questionBytes = readInput(
    questionsPath,
    `MT-Bench's ${MT_BENCH_QUESTIONS} ({question_id, category, turns} per line); name it with --questions`,
  );
  const table = parseMtBench(questionBytes.toString('utf8'), judgements.toString('utf8'), {
    questions: questionsPath,
    judgements: judgementsPath,
  });
  if (table.models.length === 0) {
    throw new InputError(judgementsPath, [
      { path: [], message: 'no first-turn judgements (turn 1, score 1–10): nothing to train on' },
    ]);
  }
  return {
    table,
    source: {
      source: `${basename(judgementsPath)} + ${basename(questionsPath)}`,
      sourceHash: sha256Of([judgements, questionBytes]),
    },
  };
}

export function sha256Of(parts: readonly Buffer[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return `sha256:${hash.digest('hex')}`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
