/**
 * RouteLLM's per-prompt CSV shape: a `prompt` column and one True/False column per model
 * (whether that model answered the prompt correctly); other columns (an index, answers,
 * categories) are ignored. A column is a model column when most of its non-empty cells are
 * True/False — an index or text column never is — and then every cell must be one (or empty:
 * no outcome).
 */
import { InputError, type InputIssue } from '../errors.ts';
import { parseCsv } from './csv.ts';
import { MAX_ISSUES } from './explore-log.ts';
import type { PerPromptRow, PerPromptTable } from './per-prompt-table.ts';
import { promptId } from './prompt-key.ts';

const TRUE = /^true$/i;
const FALSE = /^false$/i;

function booleanCell(cell: string): boolean | undefined {
  const trimmed = cell.trim();
  if (TRUE.test(trimmed)) return true;
  if (FALSE.test(trimmed)) return false;
  return undefined;
}

/** Parse a RouteLLM-style CSV into a per-prompt table (scores 1/0); bad rows → InputError with lines. */
export function parseRouteLlmCsv(text: string, file: string): PerPromptTable {
  const issues: InputIssue[] = [];
  const records = parseCsv(text, issues);
  const header = records[0];
  if (header === undefined) throw new InputError(file, [{ path: [], message: 'the file is empty', line: 1 }]);
  const names = header.fields.map((name) => name.trim());
  const promptColumn = names.indexOf('prompt');
  if (promptColumn < 0) {
    throw new InputError(file, [
      {
        path: [],
        message: `expected a "prompt" column; the header has ${names.join(', ')}`,
        line: header.line,
      },
    ]);
  }
  const data = records.slice(1);
  const modelColumns: number[] = [];
  names.forEach((_, column) => {
    if (column === promptColumn) return;
    let filled = 0;
    let booleans = 0;
    for (const record of data) {
      const cell = record.fields[column];
      if (cell === undefined || cell.trim() === '') continue;
      filled++;
      if (booleanCell(cell) !== undefined) booleans++;
    }
    if (filled > 0 && booleans * 2 > filled) modelColumns.push(column);
  });
  if (modelColumns.length === 0) {
    issues.push({
      path: [],
      message: 'expected at least one model column of True/False values',
      line: header.line,
    });
  }
  const rows: PerPromptRow[] = [];
  let omitted = 0;
  const report = (issue: InputIssue) => {
    if (issues.length < MAX_ISSUES) issues.push(issue);
    else omitted++;
  };
  data.forEach((record, index) => {
    if (record.fields.length !== names.length) {
      report({
        path: [`row ${index + 1}`],
        message: `expected ${names.length} fields as in the header, got ${record.fields.length}`,
        line: record.line,
      });
      return;
    }
    const prompt = record.fields[promptColumn]!;
    if (prompt.trim() === '') report({ path: ['prompt'], message: 'empty prompt', line: record.line });
    const scores: Record<string, number> = {};
    for (const column of modelColumns) {
      const cell = record.fields[column]!;
      if (cell.trim() === '') continue;
      const value = booleanCell(cell);
      if (value === undefined) {
        report({
          path: [names[column]!],
          message: `expected True or False, got ${JSON.stringify(cell.slice(0, 40))}`,
          line: record.line,
        });
      } else {
        scores[names[column]!] = value ? 1 : 0;
      }
    }
    // Keyed by the prompt's text, not its row: a split keeps a prompt's side whatever rows come and go.
    rows.push({ id: promptId(prompt), prompt, category: undefined, scores, line: record.line });
  });
  if (omitted > 0) issues.push({ path: [], message: `… and ${omitted} more problems` });
  if (issues.length === 0 && rows.length === 0)
    issues.push({ path: [], message: 'the file has no data rows' });
  if (issues.length > 0) throw new InputError(file, issues);
  return { models: modelColumns.map((column) => names[column]!), rows };
}
