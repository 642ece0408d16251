import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMtBench } from '../src/learn/mt-bench.ts';

const DATA = '/work/shared/data/routellm-mt-bench';
const questions = readFileSync(`${DATA}/question.jsonl`, 'utf8');
const judgements = readFileSync(`${DATA}/judgements.jsonl`, 'utf8');
const GPT4 = 'gpt-4-1106-preview';
const MIXTRAL = 'mistralai/Mixtral-8x7B-Instruct-v0.1';

describe('parseMtBench', () => {
  it('joins first-turn judgements to the 80 questions, score (s − 1)/9', () => {
    const table = parseMtBench(questions, judgements);
    expect(table.rows).toHaveLength(80);
    expect(new Set(table.models)).toEqual(new Set([GPT4, MIXTRAL]));
    const byId = new Map(table.rows.map((row) => [row.id, row]));
    const q81 = byId.get('81')!;
    expect(q81.category).toBe('writing');
    expect(q81.prompt.startsWith('Compose an engaging travel blog post about a recent trip to Hawaii')).toBe(
      true,
    );
    expect(q81.scores).toEqual({ [GPT4]: 1, [MIXTRAL]: 1 });
    // From judgements.jsonl, turn 1: question 105 — GPT-4 2, Mixtral 2; 111 — GPT-4 2, Mixtral 1; 114 — GPT-4 4.
    expect(byId.get('105')!.scores).toEqual({ [GPT4]: 1 / 9, [MIXTRAL]: 1 / 9 });
    expect(byId.get('111')!.scores).toEqual({ [GPT4]: 1 / 9, [MIXTRAL]: 0 });
    expect(byId.get('114')!.scores[GPT4]).toBeCloseTo(3 / 9, 15);
    // Means over the 80 first turns (computed independently from the file): 0.93403 and 0.85486.
    const mean = (model: string) => table.rows.reduce((sum, row) => sum + row.scores[model]!, 0) / 80;
    expect(mean(GPT4)).toBeCloseTo(0.934028, 5);
    expect(mean(MIXTRAL)).toBeCloseTo(0.854861, 5);
  });

  it('skips −1 (unparsed) verdicts and second turns; reports unknown questions and bad scores by line', () => {
    const q = '{"question_id": 1, "category": "math", "turns": ["one", "two"]}\n';
    const j = [
      '{"question_id": 1, "model": "a", "score": 7, "turn": 1}',
      '{"question_id": 1, "model": "a", "score": 3, "turn": 2}',
      '{"question_id": 1, "model": "b", "score": -1, "turn": 1}',
    ].join('\n');
    expect(parseMtBench(q, j).rows[0]!.scores).toEqual({ a: 6 / 9 });
    const bad = `${j}\n{"question_id": 9, "model": "a", "score": 5, "turn": 1}\n{"question_id": 1, "model": "c", "score": 11, "turn": 1}`;
    expect(() => parseMtBench(q, bad, { judgements: 'j.jsonl' })).toThrow(
      /no question with question_id 9.*j\.jsonl:4[\s\S]*score in 1–10.*j\.jsonl:5/,
    );
  });
});
