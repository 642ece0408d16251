import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../src/contracts/index.ts';
import { InputError } from '../src/errors.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { compileDomainFile } from '../src/traffic/compile-template.ts';
import { requestStreamFromScenario, templateIds, templatesByDomain } from '../src/traffic/index.ts';
import { loadTemplates } from '../src/traffic/templates.ts';

describe('bundled templates', () => {
  it('have globally unique kebab-case ids that start with their domain', () => {
    const ids = templateIds();
    expect(new Set(ids).size).toBe(ids.length);
    const byDomain = templatesByDomain();
    for (const domain of DOMAINS) {
      for (const id of byDomain[domain]) {
        expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(id.startsWith(`${domain}-`)).toBe(true);
      }
    }
  });

  it('render long shared prefixes of at least 1,024 tokens', () => {
    const { prefixes } = loadTemplates().shared;
    expect(prefixes.size).toBeGreaterThanOrEqual(4);
    for (const prefix of prefixes.values()) expect(prefix.contentTokens).toBeGreaterThanOrEqual(1024);
  });
});

describe('template validation', () => {
  it('reports every problem of a bad domain file with its path', () => {
    const shared = loadTemplates().shared;
    const bad = {
      domain: 'legal',
      templates: [
        { id: 'Not Kebab', maxTokens: 100, output: { median: 10 }, user: 'no reference here' },
        {
          id: 'legal-ok',
          maxTokens: 0,
          output: { median: 10 },
          prefix: 'missing-prefix',
          user: ['{nope} {ref}'],
        },
      ],
    };
    let error: unknown;
    try {
      compileDomainFile(bad, 'fixtures/tasks/legal.json', 'legal', shared);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const messages = (error as InputError).issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages).toEqual([
      'templates.0.id: expected a kebab-case id',
      'templates.0.user: expected {ref} in a top-level string (keeps prompts unique)',
      'templates.1.maxTokens: expected an integer > 0',
      'templates.1.prefix: unknown prefix "missing-prefix" (see shared.json)',
      'templates.1.user.0: unknown placeholder {nope}: not in vocab and not a built-in',
    ]);
  });
});

describe('requestStreamFromScenario', () => {
  it("uses the scenario's seed, duration and traffic", () => {
    const scenario = {
      seed: 9,
      durationMs: 10_000,
      traffic: {
        arrival: { process: 'uniform', startRate: 3, stages: [], diurnal: undefined, bursts: [] },
        mix: [{ domain: 'math', weight: 1 }],
        tiers: [{ name: 'pro', weight: 1 }],
      },
    } as unknown as Scenario;
    const stream = requestStreamFromScenario(scenario);
    expect(stream.count).toBe(30);
    expect(stream.get(0).hidden.domain).toBe('math');
    expect(stream.get(0).request.tier).toBe('pro');
  });
});
