/**
 * A per-prompt outcome table — one prompt per row, one score in [0, 1] per model — the shape of
 * RouteLLM's evaluation data. Training reads it as one-turn requests; replay (src/traffic/replay)
 * takes requests and outcomes from it.
 */

import type { ChatMessage } from '../contracts/index.ts';
import { countMessageTokens } from '../traffic/tokenizer.ts';
import type { TrainingRow } from './training-row.ts';

export interface PerPromptRow {
  /** Stable id: the source's (e.g. MT-Bench question_id) or the 0-based data-row index. */
  id: string;
  prompt: string;
  /** The source's category, when it has one (MT-Bench). */
  category: string | undefined;
  /** Score in [0, 1] per model; a model without an entry has no outcome for this prompt. */
  scores: Record<string, number>;
  /** 1-based line of the row in its source file. */
  line: number;
}

export interface PerPromptTable {
  /** Model ids, in the source's order. */
  models: string[];
  rows: PerPromptRow[];
}

/** Training rows: each prompt as a single user message, no system prompt; tier `tier`. */
export function trainingRowsFromTable(table: PerPromptTable, tier = 'default'): TrainingRow[] {
  return table.rows.map((row) => {
    const messages: ChatMessage[] = [{ role: 'user', content: row.prompt }];
    return {
      request: { messages, tier, promptTokens: countMessageTokens(messages) },
      template: undefined,
      id: row.id,
      scores: row.scores,
    };
  });
}
