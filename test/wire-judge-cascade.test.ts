/**
 * A judge cascade (`{ name: cascade, options: { confidence: judge } }`) on the wire engine: its
 * judge calls travel as chat calls carrying the x-routesim-judge-* headers (src/mock/judge.ts), and
 * the decision log is byte-identical to the direct engine's — on a prefix of the default scenario,
 * and under 429s and 529s hitting the judge itself (test/fixtures/wire/storm.yaml). Every request
 * msw intercepted reached the world once and is one attempt row; a judge asked about an answer the
 * request never received is a 404 on both engines.
 */
import { describe, expect, it } from 'vitest';
import { buildStrategy } from '../src/strategies/registry.ts';
import type { Strategy } from '../src/strategies/types.ts';
import {
  type EngineRun,
  firstDifference,
  type Rig,
  runDirect,
  runWire,
  scenarioRig,
} from './wire-support.ts';

async function compare(rig: Rig, build: () => Strategy): Promise<{ direct: EngineRun; wire: EngineRun }> {
  const direct = await runDirect(rig, build());
  let intercepted = 0;
  let worldCalls = 0;
  const wire = await runWire(rig, build(), {
    onIntercepted: () => intercepted++,
    onWireCall: () => worldCalls++,
  });
  expect(wire.decisions.length).toBe(rig.stream.count);
  expect(firstDifference(direct.decisions, wire.decisions)).toBeUndefined();
  expect(JSON.stringify(wire.decisions)).toBe(JSON.stringify(direct.decisions));
  const rows = wire.decisions.flatMap((record) => record.attempts);
  expect(intercepted).toBe(worldCalls);
  expect(worldCalls).toBe(rows.length);
  expect(Array.from(wire.run.columns.cost)).toEqual(Array.from(direct.run.columns.cost));
  expect(Array.from(wire.run.columns.status)).toEqual(Array.from(direct.run.columns.status));
  return { direct, wire };
}

const judgeCascade = (rig: Rig, options: Record<string, unknown>) => () =>
  buildStrategy({ name: 'cascade', options: { confidence: 'judge', ...options } }, rig.context);

/** Judge rows of a log, counted by result. */
function judgeResults(run: EngineRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of run.decisions) {
    for (const attempt of record.attempts) {
      if (attempt.purpose === 'judge') counts[attempt.result] = (counts[attempt.result] ?? 0) + 1;
    }
  }
  return counts;
}

describe('judge cascade: wire = direct', () => {
  it('scenarios/assistant-day.yaml, first 300 requests, default rungs and judge', async () => {
    const rig = scenarioRig('scenarios/assistant-day.yaml', 300);
    const { wire } = await compare(rig, judgeCascade(rig, { epsilon: 0.2 }));
    // The judge was asked, billed and believed: some answers accepted on its word, some escalated.
    expect(judgeResults(wire).ok).toBeGreaterThan(100);
    const judgeCost = wire.decisions
      .flatMap((record) => record.attempts)
      .filter((attempt) => attempt.purpose === 'judge')
      .reduce((sum, attempt) => sum + attempt.costUsd, 0);
    expect(judgeCost).toBeGreaterThan(0);
    const reasons = wire.decisions.map((record) => record.reason);
    expect(reasons.some((reason) => reason.startsWith('rung 1') && reason.includes('judge: correct'))).toBe(
      true,
    );
    expect(reasons.some((reason) => !reason.startsWith('rung 1'))).toBe(true);
  });

  const storm = scenarioRig('test/fixtures/wire/storm.yaml', 600);
  it('storm fixture, an Anthropic judge answering 529s', async () => {
    const { wire } = await compare(
      storm,
      judgeCascade(storm, { judgeModel: 'claude-haiku-4-5-20251001', models: ['gpt-4o-mini', 'gpt-4o'] }),
    );
    const results = judgeResults(wire);
    expect(results.ok).toBeGreaterThan(0);
    expect(results.overloaded).toBeGreaterThan(0);
  });

  it('storm fixture, an OpenAI judge answering 429s', async () => {
    const { wire } = await compare(
      storm,
      judgeCascade(storm, { judgeModel: 'gpt-4o', models: ['gpt-4o-mini', 'claude-haiku-4-5-20251001'] }),
    );
    const results = judgeResults(wire);
    expect(results.ok).toBeGreaterThan(0);
    expect(results.rate_limit).toBeGreaterThan(0);
  });

  it('judging an answer the request never received is a 404 on both engines', async () => {
    const rig = scenarioRig('scenarios/assistant-day.yaml', 20);
    const stray: Strategy = {
      name: 'stray-judge',
      family: 'custom',
      async route(request, context) {
        const answer = await context.call('gpt-4o-mini');
        const verdict = await context.judge!(`rs-${request.index + 1}-00000000-0`, 'gpt-4o');
        return {
          responseId: answer.ok ? answer.responseId : undefined,
          reason: verdict.ok ? 'judged' : `judge failed: ${verdict.kind} ${verdict.status}`,
        };
      },
    };
    const { wire } = await compare(rig, () => stray);
    expect(judgeResults(wire)).toEqual({ not_found: 20 });
    expect(new Set(wire.decisions.map((record) => record.reason))).toEqual(
      new Set(['judge failed: not_found 404']),
    );
  });
});
