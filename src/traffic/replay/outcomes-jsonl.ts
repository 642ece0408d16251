/**
 * A JSONL outcome table: one `{prompt, model, score}` row per line, score in [0, 1]. Rows with
 * the same prompt are one request; the same prompt and model twice are two samples of that model
 * (the world returns them in order, then cycles). Prompts keep the order of their first row.
 */
import { z } from 'zod';
import { InputError } from '../../errors.ts';
import { addZodIssues, forEachJsonLine, issueList } from './jsonl.ts';
import type { ReplayItem, ReplaySource } from './types.ts';

const rowSchema = z.looseObject({
  prompt: z
    .string({ error: 'expected a prompt (a string)' })
    .min(1, { error: 'expected a non-empty prompt' }),
  model: z.string({ error: 'expected a model name' }).min(1, { error: 'expected a model name' }),
  score: z
    .number({ error: 'expected a score: a number in [0, 1]' })
    .min(0, { error: 'expected a score in [0, 1]' })
    .max(1, { error: 'expected a score in [0, 1]' }),
});

/** Parse an outcome table; every bad line is reported with its line and field. */
export function parseOutcomesJsonl(text: string, file: string): ReplaySource {
  const issues = issueList();
  const byPrompt = new Map<string, ReplayItem>();
  const models: string[] = [];
  forEachJsonLine(text, issues, (json, line) => {
    const result = rowSchema.safeParse(json);
    if (!result.success) return addZodIssues(result.error.issues, line, issues);
    const { prompt, model, score } = result.data;
    let item = byPrompt.get(prompt);
    if (item === undefined) {
      item = { line, messages: [{ role: 'user', content: prompt }], scores: {} };
      byPrompt.set(prompt, item);
    }
    const samples = item.scores[model];
    if (samples === undefined) item.scores[model] = [score];
    else samples.push(score);
    if (!models.includes(model)) models.push(model);
  });
  if (issues.issues.length === 0 && byPrompt.size === 0) {
    issues.add({ path: [], message: 'the file has no rows; expected {"prompt", "model", "score"} per line' });
  }
  if (issues.issues.length > 0) throw new InputError(file, issues.finish());
  return { format: 'outcomes-jsonl', file, models, items: [...byPrompt.values()] };
}
