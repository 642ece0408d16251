/**
 * Train/test splits keyed by the prompt's text, not its row (issue 12, item 4): a duplicated
 * prompt lands on one side, and removing a row moves no other prompt across. Checked for the
 * three ways a split is made: a RouteLLM CSV's prompt split (`--split`, `traffic.replay.split`),
 * the split function itself, and the keyed share of an exploration log (`--holdout-share`).
 */
import { describe, expect, it } from 'vitest';
import { parseRouteLlmCsv } from '../src/learn/routellm-csv.ts';
import { splitPrompts } from '../src/learn/split.ts';
import { trainRouter } from '../src/learn/train.ts';
import type { TrainingRow } from '../src/learn/training-row.ts';

const PROMPTS = Array.from({ length: 120 }, (_, index) => `question number ${index}: what is ${index} × 7?`);

function csv(prompts: readonly string[]): string {
  return [',prompt,strong,weak', ...prompts.map((prompt, index) => `${index},"${prompt}",True,False`)].join(
    '\n',
  );
}

/** The held-out prompt texts of a CSV's split. */
function heldOutTexts(prompts: readonly string[]): Set<string> {
  const table = parseRouteLlmCsv(csv(prompts), 'table.csv');
  const split = splitPrompts(table.rows, { share: 0.3, seed: 4 });
  const test = new Set(split.test);
  return new Set(table.rows.filter((row) => test.has(row.id)).map((row) => row.prompt));
}

describe('a RouteLLM CSV prompt split', () => {
  it('gives a prompt the same id in any row, and a duplicated prompt one side', () => {
    const doubled = [...PROMPTS, ...PROMPTS.slice(0, 40)];
    const table = parseRouteLlmCsv(csv(doubled), 'table.csv');
    expect(table.rows[0]!.id).toBe(table.rows[120]!.id);
    expect(table.rows[0]!.id).not.toBe(table.rows[1]!.id);
    const split = splitPrompts(table.rows, { share: 0.3, seed: 4 });
    const train = new Set(split.train);
    expect(split.test.filter((id) => train.has(id))).toEqual([]);
  });

  it('removing any one row moves no other prompt across', () => {
    const before = heldOutTexts(PROMPTS);
    expect(before.size).toBeGreaterThan(20);
    expect(before.size).toBeLessThan(60);
    for (const removed of [0, 1, 17, 60, 119]) {
      const after = heldOutTexts(PROMPTS.filter((_, index) => index !== removed));
      const expected = new Set([...before].filter((text) => text !== PROMPTS[removed]));
      expect(after, `without row ${removed}`).toEqual(expected);
    }
  });
});

describe('the keyed share of an exploration log (--holdout-share)', () => {
  const row = (text: string): TrainingRow => ({
    request: { messages: [{ role: 'user', content: text }], tier: 'default', promptTokens: 12 },
    template: undefined,
    scores: { strong: 1, weak: text.length % 2 },
  });
  const heldOutRows = (rows: readonly TrainingRow[]) =>
    trainRouter(rows, {
      models: ['strong', 'weak'],
      heldOutShare: 0.3,
      seed: 3,
      epochs: 1,
      source: { source: 'test', sourceHash: '0', format: 'explore-jsonl' },
    }).training.heldOutRows;

  it('holds out every copy of a prompt or none', () => {
    const unique = heldOutRows(PROMPTS.map(row));
    // Each prompt three times: the held-out count is exactly three times the unique one.
    expect(heldOutRows([...PROMPTS, ...PROMPTS, ...PROMPTS].map(row))).toBe(3 * unique);
  });

  it('decides each prompt alone: held-out counts add over disjoint prompt sets, in any order', () => {
    // Keyed by row position, a list's count would depend on its length, not on which prompts it
    // holds, and these sums would not hold (at cut 20 they would be 36 against 33).
    for (const cut of [20, 50, 90]) {
      const first = PROMPTS.slice(0, cut).map(row);
      const rest = PROMPTS.slice(cut).map(row);
      const sum = heldOutRows(first) + heldOutRows(rest);
      expect(heldOutRows([...first, ...rest]), `cut at ${cut}`).toBe(sum);
      expect(heldOutRows([...rest, ...first]), `cut at ${cut}, reversed`).toBe(sum);
    }
  });
});
