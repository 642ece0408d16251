import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runUnit } from '../src/engine/run-unit.ts';
import type { DecisionRecord } from '../src/engine/types.ts';
import { runUnitsInWorkers } from '../src/run/workers.ts';
import { setupUnits } from './run-workers-setup.ts';

describe('runUnitsInWorkers', () => {
  it('returns exactly what running the units in-process returns, in unit order', async () => {
    const labels = ['jittery', 'always-cheap', 'always-mid'];
    const dir = mkdtempSync(join(tmpdir(), 'routesim-workers-'));
    const { runs, decisionParts } = await runUnitsInWorkers({
      setupData: { seed: 11 },
      labels,
      workers: 2,
      decisionsDir: dir,
      setupModule: new URL('./run-workers-setup.ts', import.meta.url).href,
    });
    const setup = setupUnits({ seed: 11 });
    for (const [index, label] of labels.entries()) {
      const unit = setup.units.find((candidate) => candidate.label === label)!;
      const records: DecisionRecord[] = [];
      const local = await runUnit({
        stream: setup.stream,
        world: setup.world(),
        strategy: unit.build(),
        models: setup.models,
        label,
        onDecision: (record) => records.push(record),
      });
      const remote = runs[index]!;
      expect(remote.name).toBe(label);
      for (const key of ['cost', 'score', 'latency', 'ttft', 'status', 'model', 'flags'] as const) {
        expect(remote.columns[key]).toEqual(local.columns[key]);
      }
      // The usage totals cross the worker handoff as they are.
      expect(remote.usage).toBeDefined();
      expect(remote.usage).toEqual(local.usage);
      const written = readFileSync(decisionParts[index]!, 'utf8').trim().split('\n');
      expect(written).toEqual(records.map((record) => JSON.stringify(record)));
    }
    // The fallback path ran: some requests failed over to strong.
    expect(runs[0]!.columns.flags.some((flags) => flags === 2)).toBe(true);
  });
});
