/**
 * `routesim train` on MT-Bench's pair of files, with RouteLLM's label: a model "answers well" on a
 * prompt when no other model scored higher there (a tie counts for both). The 3-prompt fixture in
 * test/fixtures/mt-bench-tiny is hand-made so each case occurs once, first turn only:
 *   question 1: big 8, small 8  → tie:          big 1, small 1
 *   question 2: big 10, small 4 → big better:   big 1, small 0
 *   question 3: big 6, small 9  → small better: big 0, small 1
 * Its second-turn judgements say the opposite (and one is −1), so using them would show.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { labelTable } from '../src/learn/labels.ts';
import { parseRouterModelText } from '../src/learn/model-file.ts';
import { parseMtBench } from '../src/learn/mt-bench.ts';
import { captureIo } from './support/cli-capture.ts';

const TINY = 'test/fixtures/mt-bench-tiny';
const directory = mkdtempSync(join(tmpdir(), 'routesim-train-mt-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function train(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const captured = captureIo();
  const code = await main(['train', ...args], captured.io);
  return { code, out: captured.out.join(''), err: captured.err.join('') };
}

describe('the MT-Bench label rule', () => {
  it('labels a model 1 exactly when no model scored higher on the first turn', () => {
    const table = parseMtBench(
      readFileSync(`${TINY}/question.jsonl`, 'utf8'),
      readFileSync(`${TINY}/judgements.jsonl`, 'utf8'),
    );
    const labelled = labelTable(table, 'best');
    expect(labelled.rows.map((row) => [row.id, row.scores])).toEqual([
      ['1', { 'big-model': 1, 'org/small-model': 1 }],
      ['2', { 'big-model': 1, 'org/small-model': 0 }],
      ['3', { 'big-model': 0, 'org/small-model': 1 }],
    ]);
    // `score` keeps the judge's scores, (s − 1)/9.
    expect(labelTable(table, 'score').rows[2]!.scores).toEqual({
      'big-model': 5 / 9,
      'org/small-model': 8 / 9,
    });
  });
});

describe('routesim train on MT-Bench files', () => {
  it('reads a directory holding question.jsonl and judgements.jsonl, renames models, records label and source', async () => {
    const out = join(directory, 'tiny.json');
    const result = await train([
      TINY,
      '--out',
      out,
      '--holdout-share',
      '0',
      '--models',
      'big-model=gpt-4o,small-model=mistral-small-latest',
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('label best');
    const model = parseRouterModelText(readFileSync(out, 'utf8'), out);
    expect(Object.keys(model.models)).toEqual(['gpt-4o', 'mistral-small-latest']);
    expect(model.training).toMatchObject({
      format: 'mt-bench',
      label: 'best',
      rows: 3,
      trainRows: 3,
      source: 'judgements.jsonl + question.jsonl',
    });
    // Mean training label per model, from the table in the file comment: big 1,1,0 and small 1,0,1.
    expect(model.models['gpt-4o']!.meanScore).toBeCloseTo(2 / 3, 4);
    expect(model.models['mistral-small-latest']!.meanScore).toBeCloseTo(2 / 3, 4);
    // The hash covers both files (judgements then questions), so a changed question shows.
    const judgements = readFileSync(`${TINY}/judgements.jsonl`);
    const questions = readFileSync(`${TINY}/question.jsonl`);
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update(judgements).update(questions).digest('hex');
    expect(model.training.sourceHash).toBe(`sha256:${expected}`);
  });

  it('with --label score fits the judge scores instead; the judgements file plus --questions works too', async () => {
    const out = join(directory, 'tiny-score.json');
    const result = await train([
      `${TINY}/judgements.jsonl`,
      '--format',
      'mt-bench',
      '--questions',
      `${TINY}/question.jsonl`,
      '--label',
      'score',
      '--holdout-share',
      '0',
      '--out',
      out,
    ]);
    expect(result.code, result.err).toBe(0);
    const model = parseRouterModelText(readFileSync(out, 'utf8'), out);
    expect(model.training.label).toBeUndefined();
    // (7 + 9 + 5)/9/3 and (7 + 3 + 8)/9/3: first turns only.
    expect(model.models['big-model']!.meanScore).toBeCloseTo(21 / 27, 4);
    expect(model.models['org/small-model']!.meanScore).toBeCloseTo(18 / 27, 4);
  });

  it('exits 2 naming the file and what was expected for missing files and the wrong shape', async () => {
    const missing = await train([
      join(directory, 'nowhere'),
      '--format',
      'mt-bench',
      '--out',
      join(directory, 'a.json'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(join(directory, 'nowhere'));
    expect(missing.err).toMatch(
      /no such file; expected MT-Bench's judgements\.jsonl .*or a directory holding it/,
    );

    const half = join(directory, 'half');
    mkdirSync(half);
    copyFileSync(`${TINY}/judgements.jsonl`, join(half, 'judgements.jsonl'));
    const noQuestions = await train([half, '--out', join(directory, 'b.json')]);
    expect(noQuestions.code).toBe(2);
    expect(noQuestions.err).toContain(join(half, 'question.jsonl'));
    expect(noQuestions.err).toMatch(/no such file; expected MT-Bench's question\.jsonl/);

    const wrong = join(directory, 'wrong');
    mkdirSync(wrong);
    copyFileSync(`${TINY}/question.jsonl`, join(wrong, 'question.jsonl'));
    writeFileSync(
      join(wrong, 'judgements.jsonl'),
      '{"question_id": 1, "model": "m", "score": 7, "turn": 1}\nprompt,a,b\n',
    );
    const shape = await train([wrong, '--out', join(directory, 'c.json')]);
    expect(shape.code).toBe(2);
    expect(shape.err).toContain(`${join(wrong, 'judgements.jsonl')}:2`);
    expect(shape.err).toMatch(/expected a JSON object/);

    const noTurnOne = join(directory, 'no-turn-one');
    mkdirSync(noTurnOne);
    copyFileSync(`${TINY}/question.jsonl`, join(noTurnOne, 'question.jsonl'));
    writeFileSync(
      join(noTurnOne, 'judgements.jsonl'),
      '{"question_id": 1, "model": "m", "score": 7, "turn": 2}\n',
    );
    const empty = await train([noTurnOne, '--out', join(directory, 'd.json')]);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/no first-turn judgements/);

    const unknownModel = await train([TINY, '--models', 'gpt-5=gpt-4o', '--out', join(directory, 'e.json')]);
    expect(unknownModel.code).toBe(2);
    expect(unknownModel.err).toMatch(/no model "gpt-5" in the table; it has: big-model, org\/small-model/);
  });

  it('rejects flags that do not fit the input', async () => {
    const log = join(directory, 'explore.jsonl');
    writeFileSync(log, '');
    const cases: [string[], RegExp][] = [
      [[log, '--split', '0.5'], /--split needs a per-prompt table/],
      [[TINY, '--split', '1'], /--split must be in \(0, 1\)/],
      [[TINY, '--split', '0.5', '--holdout-share', '0.2'], /--split and --holdout-share/],
      [[TINY, '--label', 'win'], /--label must be one of score, best/],
      [[TINY, '--models', 'big-model'], /--models expects source=catalog-id pairs/],
      [[TINY, '--holdout-templates', 'x'], /--holdout-templates needs an exploration log/],
      [[log, '--questions', 'q.jsonl'], /--questions applies to format mt-bench only/],
    ];
    for (const [args, message] of cases) {
      const result = await train([...args, '--out', join(directory, 'f.json')]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err, args.join(' ')).toMatch(message);
    }
  });
});
