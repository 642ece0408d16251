/**
 * Writes scenarios/scenario.schema.json from the zod source. Run: node src/scenario/write-json-schema.ts
 * (test/scenario-json-schema.test.ts fails while the committed file is stale).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from './json-schema.ts';

export const SCHEMA_PATH = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));

if (import.meta.main) {
  writeFileSync(SCHEMA_PATH, scenarioJsonSchemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}
