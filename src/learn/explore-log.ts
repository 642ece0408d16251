/**
 * The exploration log on disk: JSONL, one ExploreRow per line. Parsing is pure (text in, rows or
 * one InputError with every bad line out); rows become training rows for trainRouter.
 */
import { z } from 'zod';
import { InputError, type InputIssue } from '../errors.ts';
import type { ExploreRow } from './explore.ts';
import type { TrainingRow } from './training-row.ts';

/** At most this many problems are listed; a wrong file would otherwise print one per line. */
export const MAX_ISSUES = 50;

const outcomeSchema = z.strictObject({
  score: z.number().min(0).max(1).nullable(),
  costUsd: z.number().min(0),
  latencyMs: z.number().min(0),
  ok: z.boolean(),
  error: z.string().optional(),
});

const rowSchema = z.strictObject({
  requestId: z.string(),
  arrivalMs: z.number().min(0),
  tier: z.string(),
  messages: z
    .array(z.strictObject({ role: z.enum(['system', 'user', 'assistant']), content: z.string() }))
    .min(1),
  promptTokens: z.number().int().min(0),
  template: z.string(),
  outcomes: z.record(z.string(), outcomeSchema),
});

/** One JSON line of a row. */
export function exploreRowLine(row: ExploreRow): string {
  return `${JSON.stringify(row)}\n`;
}

/** Parse an exploration log; every bad line is reported with its 1-based line and field path. */
export function parseExploreLog(text: string, file: string): ExploreRow[] {
  const rows: ExploreRow[] = [];
  const issues: InputIssue[] = [];
  const lines = text.split('\n');
  let omitted = 0;
  const report = (issue: InputIssue) => {
    if (issues.length < MAX_ISSUES) issues.push(issue);
    else omitted++;
  };
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNumber = index + 1;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      report({ path: [], message: `expected a JSON object: ${(error as Error).message}`, line: lineNumber });
      return;
    }
    const result = rowSchema.safeParse(json);
    if (!result.success) {
      for (const issue of result.error.issues) {
        report({
          path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
          message: issue.message,
          line: lineNumber,
        });
      }
      return;
    }
    const row = result.data;
    for (const [model, outcome] of Object.entries(row.outcomes)) {
      if (outcome.ok && outcome.score === null) {
        report({
          path: ['outcomes', model, 'score'],
          message: 'a call with ok: true needs a score',
          line: lineNumber,
        });
      }
    }
    rows.push(row as ExploreRow);
  });
  if (omitted > 0) issues.push({ path: [], message: `… and ${omitted} more problems` });
  if (issues.length === 0 && rows.length === 0) issues.push({ path: [], message: 'the log has no rows' });
  if (issues.length > 0) throw new InputError(file, issues);
  return rows;
}

/**
 * Training rows from exploration rows: the score of every call that succeeded. A failed call
 * says nothing about whether the model would have answered this request well, so it is left out
 * (availability is the availability strategy's business, not the quality predictor's).
 */
export function trainingRowsFromExplore(rows: readonly ExploreRow[]): TrainingRow[] {
  return rows.map((row) => {
    const scores: Record<string, number> = {};
    const costs: Record<string, number> = {};
    for (const [model, outcome] of Object.entries(row.outcomes)) {
      if (outcome.ok && outcome.score !== null) {
        scores[model] = outcome.score;
        costs[model] = outcome.costUsd;
      }
    }
    return {
      request: { messages: row.messages, tier: row.tier, promptTokens: row.promptTokens },
      template: row.template,
      scores,
      // The real outcomes, kept beside `scores` (which a label rule may replace) for calibration.
      observed: { scores: { ...scores }, costs },
    };
  });
}
