/**
 * MT-Bench as a per-prompt table (RouteLLM's `routellm/evals/mt_bench` files): questions from
 * `question.jsonl` ({question_id, category, turns}), GPT-4 judge scores 1–10 from
 * `judgements.jsonl` ({question_id, model, score, turn, …}). Joined by question_id, first turn
 * only (the second turn depends on the model's own first answer, so it is no routing decision
 * on a fixed prompt); score (s − 1)/9 maps 1…10 onto [0, 1]. MT-Bench writes −1 when the judge's
 * verdict could not be parsed; such judgements are skipped, not scored.
 */
import { z } from 'zod';
import { InputError, type InputIssue } from '../errors.ts';
import type { PerPromptRow, PerPromptTable } from './per-prompt-table.ts';

const questionSchema = z.looseObject({
  question_id: z.union([z.number(), z.string()]),
  category: z.string().optional(),
  turns: z.array(z.string()).min(1),
});

const judgementSchema = z.looseObject({
  question_id: z.union([z.number(), z.string()]),
  model: z.string(),
  score: z.number(),
  turn: z.number().int(),
});

export interface MtBenchFiles {
  /** Name of the questions file in messages. @default "question.jsonl" */
  questions?: string;
  /** Name of the judgements file in messages. @default "judgements.jsonl" */
  judgements?: string;
}

/** Join MT-Bench questions and first-turn judgements into a per-prompt table. */
export function parseMtBench(
  questionsText: string,
  judgementsText: string,
  files: MtBenchFiles = {},
): PerPromptTable {
  const questionsFile = files.questions ?? 'question.jsonl';
  const judgementsFile = files.judgements ?? 'judgements.jsonl';
  const rows: PerPromptRow[] = [];
  const byId = new Map<string, PerPromptRow>();
  const questionIssues: InputIssue[] = [];
  forEachJsonLine(questionsText, questionIssues, (json, line) => {
    const result = questionSchema.safeParse(json);
    if (!result.success) return zodIssues(result.error.issues, line, questionIssues);
    const id = String(result.data.question_id);
    if (byId.has(id))
      return questionIssues.push({ path: ['question_id'], message: `duplicate question_id ${id}`, line });
    const row: PerPromptRow = {
      id,
      prompt: result.data.turns[0]!,
      category: result.data.category,
      scores: {},
      line,
    };
    byId.set(id, row);
    rows.push(row);
  });
  if (questionIssues.length > 0) throw new InputError(questionsFile, questionIssues);

  const models: string[] = [];
  const judgementIssues: InputIssue[] = [];
  forEachJsonLine(judgementsText, judgementIssues, (json, line) => {
    const result = judgementSchema.safeParse(json);
    if (!result.success) return zodIssues(result.error.issues, line, judgementIssues);
    const judgement = result.data;
    if (judgement.turn !== 1) return;
    if (judgement.score === -1) return;
    const id = String(judgement.question_id);
    const row = byId.get(id);
    if (row === undefined) {
      return judgementIssues.push({
        path: ['question_id'],
        message: `no question with question_id ${id}`,
        line,
      });
    }
    if (!(judgement.score >= 1 && judgement.score <= 10)) {
      return judgementIssues.push({
        path: ['score'],
        message: `expected a score in 1–10, got ${judgement.score}`,
        line,
      });
    }
    if (row.scores[judgement.model] !== undefined) {
      return judgementIssues.push({
        path: ['model'],
        message: `a second turn-1 judgement of ${judgement.model} on question ${id}`,
        line,
      });
    }
    if (!models.includes(judgement.model)) models.push(judgement.model);
    row.scores[judgement.model] = (judgement.score - 1) / 9;
  });
  if (judgementIssues.length > 0) throw new InputError(judgementsFile, judgementIssues);
  return { models, rows };
}

function forEachJsonLine(
  text: string,
  issues: InputIssue[],
  visit: (json: unknown, line: number) => void,
): void {
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      issues.push({
        path: [],
        message: `expected a JSON object: ${(error as Error).message}`,
        line: index + 1,
      });
      return;
    }
    visit(json, index + 1);
  });
}

function zodIssues(zod: readonly z.core.$ZodIssue[], line: number, issues: InputIssue[]): void {
  for (const issue of zod) {
    issues.push({
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      message: issue.message,
      line,
    });
  }
}
