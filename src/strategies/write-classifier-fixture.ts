/**
 * Regenerates fixtures/classifier/keywords.json from the task templates (an I/O edge; the
 * build itself is pure: classifier-build.ts). Keeps the hand-stated accuracy band and notes.
 * Usage: node src/strategies/write-classifier-fixture.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DOMAINS } from '../contracts/index.ts';
import {
  buildClassifierWeights,
  CLASSIFIER_SMOOTHING,
  type ClassifierFixture,
  type DomainFiles,
} from './classifier-build.ts';

const root = new URL('../../', import.meta.url);
const fixturePath = fileURLToPath(new URL('fixtures/classifier/keywords.json', root));

const files = Object.fromEntries(
  DOMAINS.map((domain) => [
    domain,
    JSON.parse(
      readFileSync(fileURLToPath(new URL(`fixtures/tasks/${domain}.json`, root)), 'utf8'),
    ) as unknown,
  ]),
) as DomainFiles;

let previous: Partial<ClassifierFixture> = {};
try {
  previous = JSON.parse(readFileSync(fixturePath, 'utf8')) as Partial<ClassifierFixture>;
} catch {
  // First build: no band stated yet.
}

const fixture: ClassifierFixture = {
  notes: previous.notes ?? 'See src/strategies/classifier-build.ts.',
  expectedAccuracy: previous.expectedAccuracy ?? { min: 0, max: 1, measured: 0, requests: 0 },
  smoothing: CLASSIFIER_SMOOTHING,
  domains: [...DOMAINS],
  weights: buildClassifierWeights(files),
};
writeFileSync(fixturePath, `${JSON.stringify(fixture)}\n`);
console.log(`wrote ${fixturePath}: ${Object.keys(fixture.weights).length} words`);
