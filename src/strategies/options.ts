/**
 * Option validation shared by the factories: zod schemas, every problem collected into one
 * InputError whose issue paths are relative to the strategy's `options` (the registry prefixes
 * `strategies[i].options`).
 */
import { z } from 'zod';
import { InputError, type InputIssue } from '../errors.ts';
import { messageOf } from '../scenario/issues.ts';
import type { ModelInfo, StrategyBuildContext } from './types.ts';

/** File name used in option errors when the build context names none. */
export const DEFAULT_FILE = 'scenario';

/** Candidate model id: a string naming one of `models`. */
export function modelId(models: readonly ModelInfo[]) {
  const ids = models.map((model) => model.id);
  return z.string().refine((id) => ids.includes(id), {
    error: (issue) =>
      `unknown model ${JSON.stringify(issue.input)}; expected one of the candidates: ${ids.join(', ')}`,
  });
}

/** Convert zod issues to InputIssues; unknown keys get one issue each, naming the known options. */
export function zodIssues(error: z.ZodError, known: readonly string[]): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const expected = path.length === 0 ? `; expected one of: ${known.join(', ')}` : '';
        issues.push({ path: [...path, key], message: `unknown option "${key}"${expected}` });
      }
    } else {
      issues.push({ path, message: messageOf(issue) });
    }
  }
  return issues;
}

/** Parse `options` with `schema` (a strict object); throws InputError listing every problem. */
export function parseOptions<Schema extends z.ZodObject>(
  schema: Schema,
  options: Record<string, unknown>,
  context: StrategyBuildContext,
): z.infer<Schema> {
  const result = schema.safeParse(options, { reportInput: true });
  if (result.success) return result.data;
  throw new InputError(context.file ?? DEFAULT_FILE, zodIssues(result.error, Object.keys(schema.shape)));
}

/** A probability-like number in [0, 1]. */
export const unitInterval = z.number().min(0).max(1);

/** Knob sweep values: increasing numbers. */
export const sweepValues = z
  .array(z.number())
  .min(1)
  .refine(
    (values) => values.every((value, index) => index === 0 || value > (values[index - 1] ?? -Infinity)),
    {
      error: 'expected values in increasing order',
    },
  );

/** 0, 0.1, …, 1 without float drift. */
export function tenthSteps(): number[] {
  return Array.from({ length: 11 }, (_, index) => index / 10);
}

/** "cascade@0.7": the label of a sweep point. */
export function knobLabel(name: string, value: number): string {
  return `${name}@${value}`;
}
