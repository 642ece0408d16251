/**
 * What the learned router is trained to predict per model, from a per-prompt table's scores.
 *
 * - `score`: the score itself (0/1 correctness in RouteLLM's CSVs; the expected score for graded
 *   ones) — the router then asks "is this model likely good enough?" in absolute terms.
 * - `best`: 1 when no candidate scored higher on the prompt, else 0 — RouteLLM's preference label
 *   (Ong et al. 2024: win_strong / tie / win_weak). For two models, the weak one "answers well"
 *   exactly when it ties or beats the strong one, so a tie goes to the cheaper model: the router
 *   buys the strong model only where it is *better*, not merely good.
 *
 * MT-Bench's judge scores are why `best` is its default: GPT-4-1106-preview and Mixtral-8x7B both
 * score 9–10 on most first turns (mean (s − 1)/9 of 0.93 and 0.85), so an absolute rule like
 * "score ≥ 0.5" labels nearly every prompt good for both and leaves nothing to learn, while the
 * relative rule keeps what routing is about — where the strong model's answer is better.
 */
import type { PerPromptTable } from './per-prompt-table.ts';

export const LABEL_RULES = ['score', 'best'] as const;
export type LabelRule = (typeof LABEL_RULES)[number];

/**
 * The table with each score replaced by its label under `rule` (rows and models unchanged).
 * `best` compares the models that have a score on the row; a model without one stays unlabelled.
 */
export function labelTable(table: PerPromptTable, rule: LabelRule): PerPromptTable {
  if (rule === 'score') return table;
  return {
    models: [...table.models],
    rows: table.rows.map((row) => {
      const present = table.models.filter((model) => row.scores[model] !== undefined);
      const best = Math.max(...present.map((model) => row.scores[model]!));
      const scores: Record<string, number> = {};
      // Scores are compared exactly: equal judge scores map to the same (s − 1)/9 bits.
      for (const model of present) scores[model] = row.scores[model]! >= best ? 1 : 0;
      return { ...row, scores };
    }),
  };
}
