/**
 * The per-model reasoning knob of a scenario (providers.<p>.reasoning): validated against the
 * bundled catalog with every problem reported at once, and applied to the effective catalog —
 * the setting every call gets, and the accuracy at that effort where a figure is published.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { applyScenarioOverrides } from '../src/scenario/catalog-overrides.ts';
import { parseScenarioText } from '../src/scenario/load.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { inverseNormalCdf, normalCdf } from '../src/world/random.ts';

const catalog = loadCatalog();

function scenario(providers: string) {
  return `version: 1
name: knob
duration: 1h
traffic:
  arrival: { rate: 1 }
  mix: [{ domain: math }]
providers:
${providers}
strategies: [always-cheapest]
`;
}

function problems(text: string): string[] {
  try {
    parseScenarioText(text, 'knob.yaml', { catalog });
  } catch (error) {
    if (error instanceof InputError)
      return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('scenario reasoning knob', () => {
  it('reports every bad setting at once: unknown model, non-reasoning model, budget < 1,024, cannot disable, wrong kind', () => {
    const text = scenario(`  openai:
    reasoning:
      o3-mini: { effort: none }
      gpt-4o: { effort: high }
      o4-mini: { effort: low }
  anthropic:
    reasoning:
      claude-sonnet-4-20250514: { budget: 512 }
      claude-haiku-4-5-20251001: { effort: high }
  google:
    reasoning:
      gemini-2.5-pro: { budget: 0 }`);
    expect(problems(text)).toEqual([
      'providers.openai.reasoning.o3-mini.effort: "o3-mini" always reasons: its reasoning cannot be disabled (choose low, medium or high)',
      'providers.openai.reasoning.gpt-4o.effort: "gpt-4o" is not a reasoning model: it takes no reasoning effort',
      expect.stringMatching(/^providers\.openai\.reasoning\.o4-mini: unknown model "o4-mini"/),
      "providers.anthropic.reasoning.claude-sonnet-4-20250514.budget: thinking budget 512 is below Anthropic's minimum of 1024 tokens (0 keeps thinking off)",
      'providers.anthropic.reasoning.claude-haiku-4-5-20251001.effort: "claude-haiku-4-5-20251001" takes a thinking budget (budget: 1024 or more), not an effort',
      'providers.google.reasoning.gemini-2.5-pro.budget: thinking cannot be disabled on "gemini-2.5-pro" (Gemini 2.5 Pro always thinks; choose low, medium or high)',
    ]);
  });

  it("sets every call of the run: o3-mini high raises math and reasoning by the o3-mini announcement's shifts (AIME 79.6 → 87.3, GPQA 76.8 → 79.7)", () => {
    const parsed = parseScenarioText(
      scenario(`  openai:
    reasoning: { o3-mini: { effort: high } }
  anthropic:
    reasoning: { claude-sonnet-4-20250514: { budget: 4096 } }`),
      'knob.yaml',
      { catalog },
    );
    const effective = applyScenarioOverrides(catalog, parsed);
    const before = catalog.models.find((model) => model.id === 'o3-mini')!;
    const after = effective.models.find((model) => model.id === 'o3-mini')!;
    expect(after.reasoning?.setting).toEqual({ effort: 'high' });
    const shifted = (accuracy: number, probit: number) => normalCdf(inverseNormalCdf(accuracy) + probit);
    expect(after.quality.math.accuracy).toBeCloseTo(
      Math.min(
        0.98,
        shifted(before.quality.math.accuracy, inverseNormalCdf(0.873) - inverseNormalCdf(0.796)),
      ),
      3,
    );
    expect(after.quality.reasoning.accuracy).toBeCloseTo(
      shifted(before.quality.reasoning.accuracy, inverseNormalCdf(0.797) - inverseNormalCdf(0.768)),
      3,
    );
    expect(after.quality.reasoning.source).toMatch(/high effort \(scenario\)/);
    // No published figure for chit-chat: effort changes tokens, not accuracy.
    expect(after.quality['chit-chat']).toEqual(before.quality['chit-chat']);
    const sonnet = effective.models.find((model) => model.id === 'claude-sonnet-4-20250514')!;
    expect(sonnet.reasoning?.setting).toEqual({ budgetTokens: 4096 });
    expect(sonnet.quality).toEqual(catalog.models.find((model) => model.id === sonnet.id)!.quality);
  });
});
