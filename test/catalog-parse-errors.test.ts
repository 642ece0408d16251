import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { loadCatalog, parseCatalog } from '../src/world/catalog.ts';
import { testCatalog } from './catalog-test-helpers.ts';

function problems(json: unknown): InputError {
  try {
    parseCatalog(json, 'bad-catalog.json');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseCatalog', () => {
  it('accepts a valid catalog', () => {
    expect(parseCatalog(testCatalog(), 'ok.json').models).toHaveLength(3);
  });

  it('reports every schema problem with its path at once', () => {
    const catalog = testCatalog() as unknown as {
      providers: Record<string, Record<string, unknown>>;
      models: Record<string, unknown>[];
    };
    catalog.models[0] = { ...catalog.models[0], input_cost_per_token: -1 };
    catalog.models[1] = { ...catalog.models[1], max_output_tokens: 'many' };
    catalog.providers.alpha = { ...catalog.providers.alpha, wire: 'grpc' };
    const error = problems(catalog);
    expect(error.file).toBe('bad-catalog.json');
    expect(error.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'models.0.input_cost_per_token',
      'models.1.max_output_tokens',
      'providers.alpha.wire',
    ]);
    expect(error.message).toContain('bad-catalog.json: 3 problems');
    expect(error.message).toContain('→ at models[0].input_cost_per_token');
  });

  it('reports unknown providers and duplicate ids together', () => {
    const catalog = testCatalog();
    catalog.models.push({ ...catalog.models[0]!, provider: 'gamma' }, { ...catalog.models[2]! });
    const error = problems(catalog);
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'models.3.provider',
      'models.3.id',
      'models.4.id',
    ]);
    expect(error.issues[0]?.message).toBe('unknown provider "gamma"; expected one of alpha, beta');
  });

  it('loadCatalog names the file for unreadable or non-JSON input', () => {
    const directory = mkdtempSync(join(tmpdir(), 'routesim-catalog-'));
    try {
      const path = join(directory, 'broken.json');
      writeFileSync(path, '{ "source": ');
      expect(() => loadCatalog(path)).toThrowError(/broken\.json: 1 problem\n {2}✖ expected JSON/);
      expect(() => loadCatalog(join(directory, 'missing.json'))).toThrow(InputError);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
