import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { loadRouterModel } from '../src/learn/load-model.ts';
import { parseRouterModel, parseRouterModelText, serializeRouterModel } from '../src/learn/model-file.ts';
import { trainRouter } from '../src/learn/train.ts';
import type { TrainingRow } from '../src/learn/training-row.ts';

function rows(): TrainingRow[] {
  const words = ['prove the theorem', 'hi there', 'write a sql query', 'summarise this note'];
  return Array.from({ length: 80 }, (_, index) => ({
    request: {
      messages: [{ role: 'user', content: `${words[index % 4]} ${index}` }],
      tier: index % 2 ? 'free' : 'pro',
      promptTokens: 20 + index,
    },
    template: `t${index % 4}`,
    scores: { small: index % 4 === 1 ? 1 : 0, large: index % 4 === 0 ? 0.5 : 1 },
  }));
}

const source = { source: 'rows.jsonl', sourceHash: 'sha256:abc', format: 'explore-jsonl' as const };

describe('model file', () => {
  it('round-trips: serialize → parse gives the same model and the same bytes', () => {
    const model = trainRouter(rows(), { seed: 3, heldOutTemplates: ['t3'], source, hashBuckets: 64 });
    const text = serializeRouterModel(model);
    const parsed = parseRouterModelText(text, 'm.json');
    expect(parsed).toEqual(model);
    expect(serializeRouterModel(parsed)).toBe(text);
    expect(model.training).toMatchObject({
      seed: 3,
      rows: 80,
      trainRows: 60,
      heldOutRows: 20,
      heldOut: { templates: ['t3'] },
    });
    expect(model.features.tiers).toEqual(['free', 'pro']);
    // Weights are rounded to 4 decimals.
    for (const weights of Object.values(model.models)) {
      for (const value of weights.weights) expect(Math.round(value * 1e4) / 1e4).toBe(value);
    }
    // The same input trains the same bytes.
    expect(
      serializeRouterModel(
        trainRouter(rows(), { seed: 3, heldOutTemplates: ['t3'], source, hashBuckets: 64 }),
      ),
    ).toBe(text);
  });

  it('reports every problem with its path', () => {
    const model = trainRouter(rows(), { seed: 3, source, hashBuckets: 64 });
    const broken = JSON.parse(JSON.stringify(model));
    broken.models.small.weights.pop();
    broken.schemaVersion = 2;
    expect(() => parseRouterModel(broken, 'bad.json')).toThrow(InputError);
    try {
      parseRouterModel(broken, 'bad.json');
    } catch (error) {
      expect((error as InputError).file).toBe('bad.json');
      expect((error as InputError).issues.map((issue) => issue.path.join('.'))).toEqual(['schemaVersion']);
    }
    broken.schemaVersion = 1;
    expect(() => parseRouterModel(broken, 'bad.json')).toThrow(
      /models\.small\.weights.*\(bad\.json\)|expected 73 weights/,
    );
    expect(() => parseRouterModelText('{ nope', 'x.json')).toThrow(/x\.json.*\n.*expected JSON/);
  });

  it('loads from disk with an InputError naming the file on bad content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-file-'));
    const path = join(dir, 'm.json');
    writeFileSync(path, '{"schemaVersion": 1}');
    expect(() => loadRouterModel(path)).toThrow(InputError);
    expect(() => loadRouterModel(path)).toThrow(path);
  });
});
