/**
 * Source model names → catalog model ids for training, matched exactly as a replay scenario's
 * `traffic.replay.models` matches them (src/traffic/replay/models.ts), so the model file's
 * candidates are the ids the `learned` strategy sees in the same scenario.
 */
import { InputError, type InputIssue } from '../errors.ts';
import { findModelName } from '../traffic/replay/models.ts';
import type { PerPromptTable } from './per-prompt-table.ts';

/**
 * The table with only the mapped models, each under its catalog id (in mapping order). An empty
 * mapping keeps the table as it is. A name the table lacks, or two names for one id → InputError.
 */
export function renameTableModels(
  table: PerPromptTable,
  mapping: Readonly<Record<string, string>>,
  file: string,
): PerPromptTable {
  const entries = Object.entries(mapping);
  if (entries.length === 0) return table;
  const issues: InputIssue[] = [];
  const pairs: [string, string][] = [];
  const taken = new Map<string, string>();
  for (const [written, id] of entries) {
    const name = findModelName(written, table.models);
    if (name === undefined) {
      issues.push({
        path: ['models', written],
        message: `no model "${written}" in the table; it has: ${table.models.join(', ')}`,
      });
      continue;
    }
    const other = taken.get(id);
    if (other !== undefined) {
      issues.push({ path: ['models', written], message: `"${written}" and "${other}" both map to ${id}` });
      continue;
    }
    taken.set(id, written);
    pairs.push([name, id]);
  }
  if (issues.length > 0) throw new InputError(file, issues);
  return {
    models: pairs.map(([, id]) => id),
    rows: table.rows.map((row) => {
      const scores: Record<string, number> = {};
      for (const [name, id] of pairs) {
        const score = row.scores[name];
        if (score !== undefined) scores[id] = score;
      }
      return { ...row, scores };
    }),
  };
}
