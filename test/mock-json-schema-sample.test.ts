/**
 * The schema sampler behind tool arguments and structured outputs: for schemas as zod writes
 * them (formats, bounds, enums, nullable, tuples, unions, allOf, recursive $defs), every keyed
 * draw validates against the zod schema the JSON Schema came from, and a key always gives the
 * same value.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keyedUniforms, sampleJson } from '../src/mock/json-schema-sample.ts';

interface Tree {
  label: string;
  children: Tree[];
}
const TreeSchema: z.ZodType<Tree> = z.lazy(() =>
  z.object({ label: z.string(), children: z.array(TreeSchema) }),
);

const schemas: [string, z.ZodType][] = [
  [
    'formats',
    z.object({ id: z.uuid(), mail: z.email(), at: z.iso.datetime(), day: z.iso.date(), site: z.url() }),
  ],
  [
    'bounds',
    z.object({
      n: z.number().int().min(-3).max(3),
      x: z.number().gt(0).lt(1),
      s: z.string().min(12).max(14),
    }),
  ],
  ['multiple of', z.object({ even: z.number().int().multipleOf(2).min(1).max(9) })],
  ['enums and literals', z.object({ mode: z.enum(['a', 'b']), kind: z.literal('fixed'), flag: z.boolean() })],
  ['nullable and optional', z.object({ a: z.string().nullable(), b: z.number().optional(), c: z.null() })],
  [
    'arrays and tuples',
    z.object({ list: z.array(z.number().int()).min(2).max(4), pair: z.tuple([z.string(), z.number()]) }),
  ],
  [
    'discriminated union',
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('circle'), radius: z.number().positive() }),
      z.object({ type: z.literal('square'), side: z.number().positive() }),
    ]),
  ],
  ['intersection (allOf)', z.intersection(z.object({ a: z.string() }), z.object({ b: z.number().int() }))],
  ['recursive ($ref to $defs)', z.object({ root: TreeSchema })],
];

describe('sampleJson', () => {
  for (const [name, schema] of schemas) {
    it(`${name}: 40 keyed draws all match the schema`, () => {
      const json = z.toJSONSchema(schema);
      for (let key = 0; key < 40; key++) {
        const value = sampleJson(json, keyedUniforms(key));
        const result = schema.safeParse(value);
        expect(result.success, `${JSON.stringify(value)} ${result.error?.message ?? ''}`).toBe(true);
      }
    });
  }

  it('the same key gives the same value, another key (usually) another', () => {
    const json = z.toJSONSchema(schemas[0]![1]);
    expect(sampleJson(json, keyedUniforms(5))).toEqual(sampleJson(json, keyedUniforms(5)));
    expect(sampleJson(json, keyedUniforms(5))).not.toEqual(sampleJson(json, keyedUniforms(6)));
  });
});
