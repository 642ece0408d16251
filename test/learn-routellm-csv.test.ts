import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { InputError } from '../src/errors.ts';
import { parseRouterModelText } from '../src/learn/model-file.ts';
import { parseRouteLlmCsv } from '../src/learn/routellm-csv.ts';
import { captureIo } from './support/cli-capture.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-train-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const GOOD = [
  ',prompt,gpt-4-1106-preview,mistralai/Mixtral-8x7B-Instruct-v0.1,answer',
  '0,What is 2+2?,True,True,4',
  '1,"A prompt with a comma, a ""quote"" and',
  'a second line",True,False,x',
  '2,Hard question,FALSE,false,',
  '3,Partial row,true,,y',
].join('\n');

describe('parseRouteLlmCsv', () => {
  it('reads the prompt column and one True/False column per model; other columns are ignored', () => {
    const table = parseRouteLlmCsv(GOOD, 'good.csv');
    expect(table.models).toEqual(['gpt-4-1106-preview', 'mistralai/Mixtral-8x7B-Instruct-v0.1']);
    expect(table.rows.map((row) => [row.prompt, row.scores, row.line])).toEqual([
      ['What is 2+2?', { 'gpt-4-1106-preview': 1, 'mistralai/Mixtral-8x7B-Instruct-v0.1': 1 }, 2],
      [
        'A prompt with a comma, a "quote" and\na second line',
        { 'gpt-4-1106-preview': 1, 'mistralai/Mixtral-8x7B-Instruct-v0.1': 0 },
        3,
      ],
      ['Hard question', { 'gpt-4-1106-preview': 0, 'mistralai/Mixtral-8x7B-Instruct-v0.1': 0 }, 5],
      ['Partial row', { 'gpt-4-1106-preview': 1 }, 6],
    ]);
  });

  it('reports bad rows with their line numbers, all at once', () => {
    const bad = [
      'prompt,model-a,model-b',
      'ok,True,False',
      'too,many,fields,here',
      '"multi',
      'line",True,maybe',
      ',True,True',
      'fine,False,True',
    ].join('\n');
    let error: InputError | undefined;
    try {
      parseRouteLlmCsv(bad, 'bad.csv');
    } catch (caught) {
      error = caught as InputError;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error!.issues.map((issue) => [issue.line, issue.path.join('.')])).toEqual([
      [3, 'row 2'],
      [4, 'model-b'],
      [6, 'prompt'],
    ]);
    expect(error!.message).toContain('bad.csv:4');
    expect(error!.message).toContain('expected True or False, got "maybe"');
    expect(() => parseRouteLlmCsv('question,a\nx,True\n', 'np.csv')).toThrow(/expected a "prompt" column/);
    expect(() => parseRouteLlmCsv('prompt,a\n"open,True\n', 'q.csv')).toThrow(/unterminated quoted field/);
  });
});

describe('routesim train', () => {
  it('fits a model file from a CSV, deterministically and atomically', async () => {
    const rows = ['prompt,cheap,strong'];
    for (let index = 0; index < 200; index++) {
      const hard = index % 3 === 0;
      rows.push(
        `${hard ? 'prove this difficult theorem' : 'say hello'} number ${index},${hard ? 'False' : 'True'},True`,
      );
    }
    const csv = join(directory, 'table.csv');
    writeFileSync(csv, rows.join('\n'));
    const out = join(directory, 'model.json');
    const first = captureIo();
    expect(await main(['train', csv, '--out', out, '--seed', '3'], first.io)).toBe(0);
    expect(first.out.join('')).toMatch(/2 models from \d+ rows/);
    const text = readFileSync(out, 'utf8');
    const model = parseRouterModelText(text, out);
    expect(model.training).toMatchObject({ source: 'table.csv', format: 'routellm-csv', seed: 3, rows: 200 });
    expect(model.training.sourceHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    // "prove … theorem" rows are exactly the ones the cheap model fails: near-perfect held-out AUC.
    expect(model.models['cheap']!.heldOutAuc).toBeGreaterThan(0.95);
    expect(await main(['train', csv, '--out', out, '--seed', '3'], captureIo().io)).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(text);
  });

  it('exits 2 naming the file and line for bad input, and for bad flags', async () => {
    const csv = join(directory, 'broken.csv');
    writeFileSync(csv, 'prompt,a\nfine,True\nbad,perhaps\nok,False\nok2,True\n');
    const bad = captureIo();
    expect(await main(['train', csv, '--out', join(directory, 'x.json')], bad.io)).toBe(2);
    expect(bad.err.join('')).toContain(`${csv}:3`);
    const log = join(directory, 'log.jsonl');
    writeFileSync(log, '{"requestId": "r1"}\nnot json\n');
    const badLog = captureIo();
    expect(await main(['train', log, '--out', join(directory, 'y.json')], badLog.io)).toBe(2);
    expect(badLog.err.join('')).toContain(`${log}:2`);
    expect(badLog.err.join('')).toMatch(/tier/);
    const flags = captureIo();
    expect(await main(['train', csv, '--out', join(directory, 'z.json'), '--format', 'xml'], flags.io)).toBe(
      2,
    );
    expect(flags.err.join('')).toMatch(/--format must be one of/);
  });
});
