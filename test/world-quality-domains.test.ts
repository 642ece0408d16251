import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../src/contracts/index.ts';
import { InputError } from '../src/errors.ts';
import { loadDomainParams, parseDomainParams } from '../src/world/domains.ts';

describe('domain parameters', () => {
  it('cover every domain with a² + c² ≤ 1 and a stated reason', () => {
    const domains = loadDomainParams();
    expect(Object.keys(domains).sort()).toEqual([...DOMAINS].sort());
    for (const domain of DOMAINS) {
      const params = domains[domain];
      expect(params.a * params.a + params.c * params.c).toBeLessThanOrEqual(1);
      expect(params.notes.length).toBeGreaterThan(40);
    }
    expect(domains.math.benchmark).toBe('gsm8k');
    expect(domains['factual-qa'].benchmark).toBe('mmlu');
    expect(domains.summarization.grading).toBe('open');
    expect(domains['chit-chat'].benchmark).toBeNull();
  });

  it('reject a bad document with every problem listed', () => {
    const good = loadDomainParams();
    const broken = {
      source: 'test',
      domains: {
        ...good,
        math: { ...good.math, a: 0.9, c: 0.9, grading: 'fuzzy' },
        cooking: good.code,
      },
    } as Record<string, unknown>;
    delete (broken['domains'] as Record<string, unknown>)['legal'];
    let error: unknown;
    try {
      parseDomainParams(broken, 'domains.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const paths = (error as InputError).issues.map((issue) => issue.path.join('.'));
    expect(paths.sort()).toEqual([
      'domains.cooking',
      'domains.legal',
      'domains.math.c',
      'domains.math.grading',
    ]);
  });
});
