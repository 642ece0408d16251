/**
 * Provenance covers every input file's bytes and names files relative to the scenario (issue 12
 * item 4): flipping one outcome in a replayed table changes a hash; results.json carries no
 * absolute path; routesim's own model file read from a user's folder is named `routesim:…`.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioAsRun } from '../src/report/results-json.ts';
import { hashInputFiles, inputFileLabel } from '../src/run/input-files.ts';
import { loadSimulationScenario } from '../src/run/simulate-inputs.ts';

const root = resolve(import.meta.dirname, '..');
const REPLAY = join(root, 'scenarios/examples/mt-bench-replay.yaml');

/** A copy of the MT-Bench replay scenario and its data in a fresh folder outside routesim. */
function copyReplay(): { dir: string; scenario: string; judgements: string } {
  const dir = mkdtempSync(join(tmpdir(), 'routesim-prov-'));
  const scenarioText = readFileSync(REPLAY, 'utf8');
  const data = join(root, 'fixtures/replay/mt-bench');
  cpSync(data, join(dir, 'data'), { recursive: true });
  const rewritten = scenarioText.replaceAll(/\S*fixtures\/replay\/mt-bench\//g, 'data/');
  const scenario = join(dir, 'replay.yaml');
  writeFileSync(scenario, rewritten);
  return { dir, scenario, judgements: join(dir, 'data/judgements.jsonl') };
}

describe('provenance of input files', () => {
  it('changes when one outcome in the replayed table is flipped, and only that file’s hash', () => {
    const copy = copyReplay();
    const before = loadSimulationScenario(copy.scenario).inputFiles;
    expect(before.map((file) => file.path)).toEqual(['data/judgements.jsonl', 'data/question.jsonl']);
    const lines = readFileSync(copy.judgements, 'utf8').split('\n');
    const index = lines.findIndex((line) => /"score":\s*\d/.test(line));
    lines[index] = lines[index]!.replace(
      /"score":\s*(\d+)/,
      (_, score) => `"score": ${score === '1' ? 2 : 1}`,
    );
    writeFileSync(copy.judgements, lines.join('\n'));
    const after = loadSimulationScenario(copy.scenario).inputFiles;
    expect(after[0]!.sha256).not.toBe(before[0]!.sha256);
    expect(after[1]).toEqual(before[1]);
  });

  it('keeps absolute paths out of the scenario as run', () => {
    const copy = copyReplay();
    const loaded = loadSimulationScenario(copy.scenario);
    const asRun = JSON.stringify(scenarioAsRun(loaded.scenario, loaded.scenarioDir));
    expect(asRun).not.toContain(copy.dir);
    expect(asRun).toContain('"path":"data/judgements.jsonl"');
  });

  it('names routesim’s own model file by package path when the scenario lives elsewhere', () => {
    const model = join(root, 'fixtures/learned/assistant-day.json');
    expect(inputFileLabel(model, join(tmpdir(), 'project'))).toBe(
      'routesim:fixtures/learned/assistant-day.json',
    );
    expect(inputFileLabel(model, join(root, 'scenarios'))).toBe('../fixtures/learned/assistant-day.json');
    const scenario = loadSimulationScenario(join(root, 'scenarios/assistant-day.yaml')).scenario;
    const files = hashInputFiles(scenario, join(tmpdir(), 'project'));
    expect(files.map((file) => file.path)).toContain('routesim:fixtures/learned/assistant-day.json');
  });
});
