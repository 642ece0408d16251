/**
 * The native Gemini wire format on the wire engine: with the google provider switched to
 * `wire: gemini`, the engine's own calls go through @google/genai and give the direct engine's
 * decision log byte for byte (429 storm, hung calls, 503 outage, gemini-2.5-pro thinking at effort low);
 * and a user router that calls Gemini through the SDK itself is simulated and graded.
 */
import { describe, expect, it } from 'vitest';
import type { WireCallEvent } from '../src/mock/context.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import { firstDifference, runDirect, runWire, scenarioRigWithModules } from './wire-support.ts';

const rig = await scenarioRigWithModules('test/fixtures/wire/gemini.yaml', 200);

describe('wire = direct with google on the native Gemini wire (test/fixtures/wire/gemini.yaml)', () => {
  it('the scenario switched google to the gemini format at its native host', () => {
    expect(rig.world().catalog.providers['google']).toMatchObject({
      wire: 'gemini',
      baseUrl: 'https://generativelanguage.googleapis.com',
    });
  });

  for (const name of ['always-gemini-2.0-flash', 'always-gemini-2.5-pro', 'availability', 'cascade']) {
    it(name, async () => {
      const build = rig.strategies.find((strategy) => strategy.name === name)!.build;
      const direct = await runDirect(rig, build());
      const wire = await runWire(rig, build());
      expect(firstDifference(direct.decisions, wire.decisions)).toBeUndefined();
      expect(JSON.stringify(wire.decisions)).toBe(JSON.stringify(direct.decisions));
      expect(Array.from(wire.run.columns.cost)).toEqual(Array.from(direct.run.columns.cost));
      expect(wire.run.usage).toEqual(direct.run.usage);
    });
  }

  it('a judge cascade whose judge is a Gemini model (judge headers through @google/genai)', async () => {
    const build = () =>
      buildStrategy(
        {
          name: 'cascade',
          options: {
            confidence: 'judge',
            judgeModel: 'gemini-2.0-flash',
            models: ['gpt-4o-mini', 'gemini-2.5-pro'],
          },
        },
        rig.context,
      );
    const direct = await runDirect(rig, build());
    const wire = await runWire(rig, build());
    expect(firstDifference(direct.decisions, wire.decisions)).toBeUndefined();
    const judged = wire.decisions
      .flatMap((record) => record.attempts)
      .filter((row) => row.purpose === 'judge');
    expect(judged.filter((row) => row.result === 'ok').length).toBeGreaterThan(0);
    expect(judged.some((row) => row.result === 'rate_limit')).toBe(true);
  });

  it('the faults and the thinking were hit', async () => {
    const build = rig.strategies.find((strategy) => strategy.name === 'always-gemini-2.0-flash')!.build;
    const { decisions } = await runWire(rig, build());
    const results = decisions.flatMap((record) => record.attempts.map((attempt) => attempt.result));
    expect(results).toContain('rate_limit');
    expect(results).toContain('server_error');
    expect(results).toContain('timeout');
    const pro = rig.strategies.find((strategy) => strategy.name === 'always-gemini-2.5-pro')!.build;
    const thinking = await runWire(rig, pro());
    expect(thinking.run.usage?.reasoningTokens).toBeGreaterThan(0);
  });
});

describe('a user router calling Gemini through @google/genai on the wire engine', () => {
  it('reaches the simulated google provider, falls back on 429/503, and is graded', async () => {
    const build = rig.strategies.find((strategy) => strategy.name === 'gemini-router')!.build;
    const events: WireCallEvent[] = [];
    const { decisions, run } = await runWire(rig, build(), { onWireCall: (event) => events.push(event) });
    expect(decisions).toHaveLength(rig.stream.count);
    expect(events.every((event) => event.provider === 'google')).toBe(true);
    expect(events.some((event) => event.status === 429)).toBe(true);
    expect(events.some((event) => event.status === 503)).toBe(true);
    expect(decisions.some((record) => record.reason.startsWith('gemini-2.5-pro answered'))).toBe(true);
    // Every request answered (flash, or pro after a flash failure) and graded from the ledger.
    expect(decisions.every((record) => record.status === 'answered' && record.model !== '')).toBe(true);
    expect(decisions.some((record) => record.score > 0)).toBe(true);
    expect(Array.from(run.columns.cost).every((cost) => cost > 0)).toBe(true);
    const again = await runWire(rig, build());
    expect(JSON.stringify(again.decisions)).toBe(JSON.stringify(decisions));
  });
});
