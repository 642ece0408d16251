/**
 * Wire = direct under faults: 429 storms answered with retry-after, hung calls ended by the
 * client timeout (billed when the provider answered late), 500s and Anthropic 529s — for
 * built-in strategies and a user module that uses only the RouteContext. Every request
 * finishes on the wire engine.
 */
import { describe, expect, it } from 'vitest';
import { firstDifference, runDirect, runWire, scenarioRigWithModules } from './wire-support.ts';

const rig = await scenarioRigWithModules('test/fixtures/wire/storm.yaml', 600);

describe('wire = direct with 429s, hangs, 500s and 529s (test/fixtures/wire/storm.yaml)', () => {
  for (const name of ['always-gpt-4o', 'always-gpt-4o-mini', 'availability', 'context-retry']) {
    it(name, async () => {
      const build = rig.strategies.find((strategy) => strategy.name === name)!.build;
      const direct = await runDirect(rig, build());
      let intercepted = 0;
      const wire = await runWire(rig, build(), { onIntercepted: () => intercepted++ });
      expect(wire.decisions.length).toBe(rig.stream.count);
      expect(firstDifference(direct.decisions, wire.decisions)).toBeUndefined();
      expect(JSON.stringify(wire.decisions)).toBe(JSON.stringify(direct.decisions));
      expect(intercepted).toBe(wire.decisions.reduce((sum, record) => sum + record.attempts.length, 0));
      // Usage totals count answers the client timed out on too (billed): the same on both engines.
      expect(wire.run.usage).toEqual(direct.run.usage);
    });
  }

  it('the faults were hit: 429s, client timeouts and server errors appear in the logs', async () => {
    const kinds = new Set<string>();
    for (const name of ['always-gpt-4o', 'always-gpt-4o-mini', 'context-retry']) {
      const build = rig.strategies.find((strategy) => strategy.name === name)!.build;
      const { decisions } = await runWire(rig, build());
      for (const record of decisions) for (const attempt of record.attempts) kinds.add(attempt.result);
    }
    expect(kinds).toEqual(new Set(['ok', 'rate_limit', 'timeout', 'server_error']));
  });
});
