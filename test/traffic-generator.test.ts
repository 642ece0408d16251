import { encodeChat } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../src/contracts/index.ts';
import { InputError } from '../src/errors.ts';
import { templatesByDomain } from '../src/traffic/index.ts';
import { streamOf } from './traffic-helpers.ts';

describe('request stream determinism', () => {
  it('gives identical first 1,000 requests for one seed, and different ones for another', () => {
    const first = streamOf({ seed: 42, rate: 10, seconds: 200 });
    const again = streamOf({ seed: 42, rate: 10, seconds: 200 });
    const other = streamOf({ seed: 43, rate: 10, seconds: 200 });
    let differences = 0;
    for (let index = 0; index < 1000; index++) {
      expect(again.get(index)).toEqual(first.get(index));
      if (
        other.get(index).request.messages.at(-1)!.content !==
        first.get(index).request.messages.at(-1)!.content
      ) {
        differences++;
      }
    }
    expect(differences).toBeGreaterThan(990);
  });

  it('generates request i the same by get(i), by iteration, and in any order', () => {
    const stream = streamOf({ seed: 5, rate: 10, seconds: 50 });
    const backwards = streamOf({ seed: 5, rate: 10, seconds: 50 });
    const reversed = Array.from({ length: stream.count }, (_, offset) =>
      backwards.get(stream.count - 1 - offset),
    ).reverse();
    let index = 0;
    for (const generated of stream) {
      expect(generated).toEqual(stream.get(index));
      expect(generated).toEqual(reversed[index]);
      index++;
    }
    expect(index).toBe(500);
    expect(() => stream.get(500)).toThrow(RangeError);
  });

  it('numbers requests r0000000… with their arrival times', () => {
    const stream = streamOf({ seed: 1, rate: 10, seconds: 2 });
    expect(stream.get(0).request.id).toBe('r0000000');
    expect(stream.get(17).request.id).toBe('r0000017');
    expect(stream.get(17).request.arrivalMs).toBeCloseTo(1750, 6);
  });
});

describe('mix and tiers', () => {
  it('respects mix weights (chi-square, 3 df) and spreads a domain over its templates by weight', () => {
    const stream = streamOf({
      seed: 8,
      rate: 100,
      seconds: 200,
      mix: [
        { domain: 'code', weight: 4 },
        { domain: 'legal', weight: 2 },
        { template: 'math-proof', weight: 1 },
        { domain: 'medical', weight: 3 },
      ],
    });
    const counts = new Map<string, number>();
    const codeTemplates = new Map<string, number>();
    for (const { hidden } of stream) {
      const key = hidden.domain === 'math' ? hidden.template : hidden.domain;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (hidden.domain === 'code')
        codeTemplates.set(hidden.template, (codeTemplates.get(hidden.template) ?? 0) + 1);
    }
    const expected = { code: 0.4, legal: 0.2, 'math-proof': 0.1, medical: 0.3 };
    let chiSquare = 0;
    for (const [key, share] of Object.entries(expected)) {
      chiSquare += ((counts.get(key) ?? 0) - share * stream.count) ** 2 / (share * stream.count);
    }
    expect([...counts.keys()].sort()).toEqual(Object.keys(expected).sort());
    expect(chiSquare).toBeLessThan(16.27); // p = 0.001 for 3 degrees of freedom
    // code.json weights: bug-fix 2, write-function 3, review-file 1.5, explain-error 2, sql 1.5, casual 1 (sum 11).
    const codeTotal = counts.get('code')!;
    expect(codeTemplates.get('code-write-function')! / codeTotal).toBeCloseTo(3 / 11, 1);
    expect(codeTemplates.get('code-casual-question')! / codeTotal).toBeCloseTo(1 / 11, 1);
  });

  it('draws tiers by weight, and "default" when the scenario lists none', () => {
    const stream = streamOf({
      seed: 2,
      rate: 100,
      seconds: 100,
      tiers: [
        { name: 'free', weight: 3 },
        { name: 'pro', weight: 1 },
      ],
    });
    let free = 0;
    for (const { request } of stream) if (request.tier === 'free') free++;
    expect(Math.abs(free / stream.count - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / stream.count));
    expect(streamOf({ seed: 2, rate: 1, seconds: 1 }).get(0).request.tier).toBe('default');
  });

  it('rejects an unknown template or domain in the mix with every problem', () => {
    let error: unknown;
    try {
      streamOf({
        seed: 1,
        rate: 1,
        seconds: 1,
        mix: [{ template: 'no-such-template', weight: 1 }, { weight: 1 }],
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues).toHaveLength(2);
  });
});

describe('request contents', () => {
  const stream = streamOf({ seed: 21, rate: 10, seconds: 300 });

  it("counts prompt tokens exactly as gpt-tokenizer's chat encoding does", () => {
    for (let index = 0; index < 3000; index += 7) {
      const { request } = stream.get(index);
      expect(request.promptTokens).toBe(encodeChat(request.messages, 'gpt-4o').length);
    }
  });

  it('labels the cacheable prefix: every message before the final user message, with a stable id', () => {
    const prefixIds = new Map<string, Set<number>>();
    for (let index = 0; index < 3000; index++) {
      const { request, hidden } = stream.get(index);
      const before = request.messages.slice(0, -1);
      if (before.length === 0) {
        expect(hidden.cacheablePrefixTokens).toBe(0);
        expect(hidden.prefixId).toBe(0);
        continue;
      }
      // The prefix's share of the chat encoding: the full prompt minus the final message and the priming.
      const last = request.messages.at(-1)!;
      const lastTokens = encodeChat([last], 'gpt-4o').length - 3;
      expect(hidden.cacheablePrefixTokens).toBe(request.promptTokens - lastTokens - 3);
      expect(hidden.prefixId).not.toBe(0);
      if (request.messages[0]!.role === 'system' && before.length === 1) {
        const ids = prefixIds.get(request.messages[0]!.content) ?? new Set();
        ids.add(hidden.prefixId);
        prefixIds.set(request.messages[0]!.content, ids);
      }
    }
    // Same system prompt bytes → one prefix id.
    for (const ids of prefixIds.values()) expect(ids.size).toBe(1);
  });

  it('sends long shared system prompts (≥ 1,024 tokens) from several templates of several domains', () => {
    const longPrefixTemplates = new Set<string>();
    const domains = new Set<string>();
    for (let index = 0; index < 3000; index++) {
      const { request, hidden } = stream.get(index);
      if (
        request.messages[0]!.role === 'system' &&
        encodeChat([request.messages[0]!], 'gpt-4o').length - 3 >= 1024
      ) {
        longPrefixTemplates.add(hidden.template);
        domains.add(hidden.domain);
      }
    }
    expect(longPrefixTemplates.size).toBeGreaterThanOrEqual(8);
    expect(domains.size).toBeGreaterThanOrEqual(6);
  });

  it('draws expected output tokens per template (log-normal around its median)', () => {
    const lengths = { short: [] as number[], long: [] as number[] };
    const long = streamOf({
      seed: 3,
      rate: 100,
      seconds: 40,
      mix: [{ template: 'code-review-file', weight: 1 }],
    });
    const short = streamOf({
      seed: 3,
      rate: 100,
      seconds: 40,
      mix: [{ template: 'factual-qa-short-fact', weight: 1 }],
    });
    for (const { hidden } of long) lengths.long.push(hidden.expectedOutputTokens);
    for (const { hidden } of short) lengths.short.push(hidden.expectedOutputTokens);
    const median = (values: number[]) =>
      values.sort((left, right) => left - right)[Math.floor(values.length / 2)]!;
    // Medians from the fixtures: 420 and 40 tokens.
    expect(median(lengths.long)).toBeGreaterThan(380);
    expect(median(lengths.long)).toBeLessThan(460);
    expect(median(lengths.short)).toBeGreaterThan(35);
    expect(median(lengths.short)).toBeLessThan(45);
  });

  it('offers every domain at least 4 templates, 40 in all', () => {
    const byDomain = templatesByDomain();
    for (const domain of DOMAINS) expect(byDomain[domain].length).toBeGreaterThanOrEqual(4);
    expect(Object.values(byDomain).flat().length).toBeGreaterThanOrEqual(40);
  });
});
