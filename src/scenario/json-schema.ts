/**
 * The published JSON Schema of the scenario format, generated from the zod source
 * (schema.ts) so editors complete and check exactly what routesim validates.
 * Regenerate scenarios/scenario.schema.json with: node src/scenario/write-json-schema.ts
 */
import { z } from 'zod';
import { scenarioFileSchema } from './schema.ts';

export const SCHEMA_ID = 'https://routesim.dev/schemas/scenario-v1.json';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioFileSchema, { target: 'draft-2020-12', io: 'input' });
  return { ...schema, $id: SCHEMA_ID };
}

/** The file's exact text: 2-space JSON with a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
