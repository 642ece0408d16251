/**
 * wire = direct with reasoning models in the scenario (o3-mini at high effort, Gemini 2.5 Pro
 * dynamic, Claude Sonnet 4 with a 2,048-token thinking budget): hidden tokens drawn by the world
 * reach the client as completion_tokens_details.reasoning_tokens (OpenAI-compatible wire) or via
 * the thinking block and the provider record (Anthropic wire), the scenario's effort and budget
 * are sent as the providers take them, and max_tokens carries the same reasoning headroom on
 * both paths — so decisions, costs, latencies and every call's usage are identical.
 */
import { describe, expect, it } from 'vitest';
import type { RouteRequest, Usage } from '../src/contracts/index.ts';
import type { RouteContext, Strategy } from '../src/strategies/types.ts';
import { firstDifference, runDirect, runWire, scenarioRig } from './wire-support.ts';

/** always-<model>, recording the usage each answer reports to the strategy. */
function recordingAlways(model: string, usages: Usage[]): Strategy {
  return {
    name: `always-${model}`,
    family: 'baseline',
    async route(_request: RouteRequest, context: RouteContext) {
      const outcome = await context.call(model, { purpose: 'primary' });
      if (!outcome.ok) return { responseId: undefined, reason: `failed (${outcome.kind})` };
      usages.push(outcome.usage);
      return { responseId: outcome.responseId, reason: `always → ${model}` };
    },
  };
}

describe('wire = direct on test/fixtures/simulate/reasoning.yaml (first 80 requests)', () => {
  const rig = scenarioRig('test/fixtures/simulate/reasoning.yaml', 80);
  for (const model of ['o3-mini', 'gemini-2.5-pro', 'claude-sonnet-4-20250514', 'gpt-4o-mini']) {
    it(`always-${model}: identical decisions, costs, latencies and usage (reasoning tokens included)`, async () => {
      const directUsage: Usage[] = [];
      const wireUsage: Usage[] = [];
      const direct = await runDirect(rig, recordingAlways(model, directUsage));
      const wire = await runWire(rig, recordingAlways(model, wireUsage));
      expect(firstDifference(direct.decisions, wire.decisions)).toBeUndefined();
      expect(JSON.stringify(wire.decisions)).toBe(JSON.stringify(direct.decisions));
      expect(Array.from(wire.run.columns.cost)).toEqual(Array.from(direct.run.columns.cost));
      expect(Array.from(wire.run.columns.latency)).toEqual(Array.from(direct.run.columns.latency));
      expect(wireUsage).toEqual(directUsage);
      expect(directUsage.length).toBeGreaterThan(40);
      const reasoned = directUsage.filter((usage) => usage.reasoningTokens > 0).length;
      // gpt-4o-mini never reasons; the three reasoning models reason on every answer.
      expect(reasoned).toBe(model === 'gpt-4o-mini' ? 0 : directUsage.length);
    });
  }
  for (const name of ['random', 'cascade']) {
    it(name, async () => {
      const build = rig.strategies.find((entry) => entry.name === name)!.build;
      const direct = await runDirect(rig, build());
      const wire = await runWire(rig, build());
      expect(JSON.stringify(wire.decisions)).toBe(JSON.stringify(direct.decisions));
      expect(Array.from(wire.run.columns.cost)).toEqual(Array.from(direct.run.columns.cost));
    });
  }
});
