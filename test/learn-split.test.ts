/**
 * The train/test split behind scenarios/examples/mt-bench-learned.yaml: keyed by prompt id,
 * stratified by category, reproducible from (share, seed) — and the held-out evaluation replays
 * only prompts the shipped model (fixtures/learned/mt-bench-split.json) was trained without. The
 * id sets are checked against the model file, and the replayed prompt texts against the training
 * questions read straight from question.jsonl (not through the replay code).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { loadRouterModel } from '../src/learn/load-model.ts';
import { splitPrompts } from '../src/learn/split.ts';
import { loadScenarioFile, parseScenarioText } from '../src/scenario/load.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';

const SCENARIO = 'scenarios/examples/mt-bench-learned.yaml';
const MODEL = 'fixtures/learned/mt-bench-split.json';
const directory = mkdtempSync(join(tmpdir(), 'routesim-split-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** MT-Bench's questions as written in question.jsonl: id, category, first turn. */
const questions = readFileSync('fixtures/replay/mt-bench/question.jsonl', 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const row = JSON.parse(line) as { question_id: number; category: string; turns: string[] };
    return { id: String(row.question_id), category: row.category, prompt: row.turns[0]! };
  });

describe('splitPrompts', () => {
  it('splits into disjoint parts covering every prompt, half of each category held out', () => {
    const split = splitPrompts(questions, { share: 0.5, seed: 1 });
    expect(split.strata).toBe('category');
    expect(split.train.length + split.test.length).toBe(80);
    expect(new Set([...split.train, ...split.test]).size).toBe(80);
    const test = new Set(split.test);
    const categories = new Set(questions.map((question) => question.category));
    expect(categories.size).toBe(8);
    for (const category of categories) {
      const members = questions.filter((question) => question.category === category);
      expect(
        members.filter((question) => test.has(question.id)),
        category,
      ).toHaveLength(5);
    }
  });

  it('is reproducible from (share, seed), whatever the row order; another seed gives another split', () => {
    const first = splitPrompts(questions, { share: 0.5, seed: 1 });
    const reversed = splitPrompts([...questions].reverse(), { share: 0.5, seed: 1 });
    expect(new Set(reversed.test)).toEqual(new Set(first.test));
    const fewer = splitPrompts(
      questions.filter((question) => question.category !== 'writing'),
      { share: 0.5, seed: 1 },
    );
    // Dropping a category moves no prompt of another one across.
    expect(fewer.test).toEqual(
      first.test.filter((id) => !questions.find((q) => q.id === id && q.category === 'writing')),
    );
    const other = splitPrompts(questions, { share: 0.5, seed: 2 });
    expect(new Set(other.test)).not.toEqual(new Set(first.test));
    // Without categories: each prompt alone, held out when its keyed draw is below the share.
    const flat = splitPrompts(
      questions.slice(0, 9).map(({ id }) => ({ id, category: undefined })),
      { share: 0.3, seed: 5 },
    );
    expect(flat).toMatchObject({ strata: 'none' });
    expect(flat.test).toHaveLength(3);
    expect(() => splitPrompts(questions, { share: 1, seed: 1 })).toThrow(/share must be in \(0, 1\)/);
  });
});

describe('the shipped split model and its held-out scenario', () => {
  const model = loadRouterModel(MODEL);
  const heldOut = model.training.heldOut;
  if (!('split' in heldOut)) throw new Error(`${MODEL} was not trained with --split`);

  it('records a split that splitPrompts reproduces, train and held-out ids disjoint', () => {
    expect(heldOut.split).toEqual({ share: 0.5, seed: 1, strata: 'category' });
    const split = splitPrompts(questions, heldOut.split);
    expect(heldOut.trainIds).toEqual(split.train);
    expect(heldOut.heldOutIds).toEqual(split.test);
    expect(heldOut.trainIds.filter((id) => heldOut.heldOutIds.includes(id))).toEqual([]);
    expect(model.training).toMatchObject({ trainRows: 40, heldOutRows: 40, rows: 80, format: 'mt-bench' });
  });

  it('the scenario replays exactly the held-out prompts, none of the training ones', () => {
    const scenario = loadScenarioFile(SCENARIO);
    const stream = requestStreamFromScenario(scenario);
    expect(stream.replay?.split?.ids).toEqual(heldOut.heldOutIds);
    expect(stream.count).toBe(heldOut.heldOutIds.length);
    // Independently of the ids: the replayed texts are the held-out questions' first turns.
    const byId = new Map(questions.map((question) => [question.id, question.prompt]));
    const training = new Set(heldOut.trainIds.map((id) => byId.get(id)));
    const replayed: string[] = [];
    for (const { request } of stream) replayed.push(request.messages.at(-1)!.content);
    expect(replayed.filter((text) => training.has(text))).toEqual([]);
    expect(replayed).toEqual(heldOut.heldOutIds.map((id) => byId.get(id)));
  });

  it('is rebuilt byte for byte by the command the scenario names', async () => {
    const out = join(directory, 'rebuilt.json');
    const io = { stdout: () => {}, stderr: (text: string) => process.stderr.write(text) };
    const args = [
      'train',
      'fixtures/replay/mt-bench',
      '--split',
      '0.5',
      '--seed',
      '1',
      '--models',
      'gpt-4-1106-preview=gpt-4o,mixtral-8x7b-instruct-v0.1=mistral-small-latest',
      '--out',
      out,
    ];
    expect(await main(args, io)).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(MODEL, 'utf8'));
    expect(readFileSync(SCENARIO, 'utf8')).toContain(
      args.slice(1, 8).join(' ').replace('--models ', '\\\n#     --models '),
    );
  });

  it('traffic.replay.split applies to tables with prompt ids only', () => {
    const yaml = (format: string, path: string) => `version: 1
name: split check
duration: 1h
traffic:
  arrival: { process: uniform, rate: 1 }
  replay:
    format: ${format}
    path: ${path}
    split: { share: 0.5, seed: 1 }
providers:
  openai: { models: [gpt-4o] }
strategies: [always-cheapest]
`;
    expect(() =>
      parseScenarioText(yaml('outcomes-jsonl', 'fixtures/replay/outcomes-sample.jsonl'), 's.yaml'),
    ).toThrow(/"split" applies to formats mt-bench and routellm-csv only/);
    const config = parseScenarioText(yaml('routellm-csv', 'fixtures/replay/routellm-sample.csv'), 's.yaml')
      .traffic.replay;
    expect(config?.split).toEqual({ share: 0.5, seed: 1, part: 'test' });
  });
});
