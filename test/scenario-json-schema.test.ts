import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../src/scenario/json-schema.ts';

describe('scenarios/scenario.schema.json', () => {
  it('is up to date with the zod source (regenerate: node src/scenario/write-json-schema.ts)', () => {
    expect(readFileSync('scenarios/scenario.schema.json', 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('describes the fields editors complete and forbids unknown ones', () => {
    const schema = scenarioJsonSchema() as {
      properties: Record<string, { description?: string }>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(schema.required.sort()).toEqual([
      'duration',
      'name',
      'providers',
      'strategies',
      'traffic',
      'version',
    ]);
    expect(schema.additionalProperties).toBe(false);
    for (const [field, property] of Object.entries(schema.properties)) {
      expect(property.description, field).toBeTruthy();
    }
  });

  it('carries the duration pattern: it accepts "1h30m" and rejects "30 parsecs"', () => {
    const text = JSON.stringify(scenarioJsonSchema());
    const pattern = /"pattern":"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
    expect(pattern).toBeDefined();
    const regex = new RegExp(JSON.parse(`"${pattern}"`) as string);
    expect(regex.test('1h30m')).toBe(true);
    expect(regex.test('250ms')).toBe(true);
    expect(regex.test('30 parsecs')).toBe(false);
  });

  it('the shipped scenarios are plain data the schema describes (no unknown top-level keys)', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown> };
    for (const name of ['assistant-day', 'outage-drill', 'domain-heavy']) {
      const data = parseDocument(readFileSync(`scenarios/${name}.yaml`, 'utf8')).toJS() as Record<
        string,
        unknown
      >;
      for (const key of Object.keys(data))
        expect(Object.keys(schema.properties), `${name}: ${key}`).toContain(key);
    }
  });
});
