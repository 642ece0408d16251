/**
 * Per-prompt tables read by src/learn's parsers (RouteLLM's CSV, MT-Bench's pair of files) as
 * replay sources: each row one single-message request with one recorded score per model.
 */

import type { Domain } from '../../contracts/index.ts';
import type { PerPromptTable } from '../../learn/per-prompt-table.ts';
import type { ReplayFormat } from '../../scenario/types.ts';
import type { ReplaySource } from './types.ts';

export function sourceFromTable(table: PerPromptTable, format: ReplayFormat, file: string): ReplaySource {
  return {
    format,
    file,
    models: [...table.models],
    items: table.rows.map((row) => {
      const scores: Record<string, number[]> = {};
      for (const [model, score] of Object.entries(row.scores)) scores[model] = [score];
      return {
        line: row.line,
        id: row.id,
        messages: [{ role: 'user', content: row.prompt }],
        scores,
        ...(row.category === undefined ? {} : { category: row.category }),
      };
    }),
  };
}

/**
 * MT-Bench's eight categories as routesim domains (the source's own label, so "labelled"):
 * writing and roleplay are open-ended conversation, extraction is reading a given text, STEM and
 * humanities are knowledge questions. A category not listed here is classified instead.
 */
export const MT_BENCH_DOMAINS: Readonly<Record<string, Domain>> = {
  writing: 'chit-chat',
  roleplay: 'chit-chat',
  extraction: 'summarization',
  reasoning: 'reasoning',
  math: 'math',
  coding: 'code',
  stem: 'factual-qa',
  humanities: 'factual-qa',
};
