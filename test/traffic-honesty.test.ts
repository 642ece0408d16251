/**
 * The routing problem is honest: difficulty is exactly N(μ_d, σ_d²); the text carries a real but
 * noisy signal about domain and difficulty; length barely tracks difficulty; prompts are unique;
 * the strategy's view carries no hidden label.
 */
import { describe, expect, it } from 'vitest';
import { DOMAINS, type Domain, type GeneratedRequest } from '../src/contracts/index.ts';
import { loadDomainParams } from '../src/world/domains.ts';
import { normalCdf } from '../src/world/random.ts';
import { correlation, streamOf } from './traffic-helpers.ts';

// 50,000 requests, 8 domains, equal weights.
const stream = streamOf({ seed: 2024, rate: 50, seconds: 1000 });
const requests: GeneratedRequest[] = Array.from({ length: stream.count }, (_, index) => stream.get(index));
const lastMessage = (generated: GeneratedRequest) => generated.request.messages.at(-1)!.content.toLowerCase();

/** A naive router's vocabulary: the words a person would pick for each domain. */
const KEYWORDS: Record<Domain, string[]> = {
  'chit-chat': [
    'hey',
    'hi ',
    'lol',
    'friend',
    'weekend',
    'favourite',
    'song',
    'recommend',
    'fun',
    'movie',
    'chat',
    'feeling',
    'cook',
    'dinner',
  ],
  'factual-qa': [
    'what is',
    'who wrote',
    'capital',
    'history',
    'treaty',
    'define',
    'mean',
    'explain',
    'population',
    'year',
  ],
  summarization: ['summar', 'tldr', 'tl;dr', 'recap', 'gist', 'shorten', 'compress', 'main points'],
  code: ['function', 'code', 'bug', 'error', 'sql', 'query', 'typescript', 'python', '```', 'regex', 'file'],
  math: ['solve', 'prove', 'x^2', 'probability', 'odds', 'equation', 'compounded', 'chance', 'how much'],
  reasoning: [
    'puzzle',
    'riddle',
    'knight',
    'knave',
    'schedule',
    'heavier',
    'arrangement',
    'a) ',
    'cheaper',
    'argument',
  ],
  legal: [
    'clause',
    'contract',
    'agreement',
    'liability',
    'indemn',
    'landlord',
    'law',
    'gdpr',
    'lawyer',
    'legal',
    'binding',
  ],
  medical: [
    'doctor',
    'patient',
    'dose',
    'egfr',
    'mg',
    'symptom',
    'diabetes',
    'asthma',
    'healthy',
    'medicine',
    'warfarin',
    'fever',
  ],
};

/** Words of "hard" phrasing: specialist constraints and rigour. */
const HARD_MARKERS = [
  'rigorous',
  'justify',
  'edge case',
  'precise',
  'cite',
  'without',
  'prove',
  'exactly',
  'explicitly',
  'ambigu',
  'complexity',
  'differential',
  'conflict',
  'every',
  'constraint',
  'mechanism',
];

describe('difficulty', () => {
  it('is N(μ_d, σ_d²) per domain: mean, sd and two quantiles within sampling error', () => {
    const params = loadDomainParams();
    for (const domain of DOMAINS) {
      const values = requests
        .filter((generated) => generated.hidden.domain === domain)
        .map((generated) => generated.hidden.difficulty);
      const n = values.length;
      const { mu, sigma } = params[domain];
      const mean = values.reduce((sum, value) => sum + value, 0) / n;
      const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1));
      expect(Math.abs(mean - mu)).toBeLessThan((4 * sigma) / Math.sqrt(n));
      expect(Math.abs(sd / sigma - 1)).toBeLessThan(4 / Math.sqrt(2 * n));
      // Shape, not just moments: P(b < μ − σ) = Φ(−1), P(b < μ + 2σ) = Φ(2).
      for (const z of [-1, 2]) {
        const share = values.filter((value) => value < mu + z * sigma).length / n;
        const p = normalCdf(z);
        expect(Math.abs(share - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
      }
    }
  });
});

describe('text signal', () => {
  it('lets a keyword classifier find the domain well above chance (1/8) but far from always: 0.5–0.9', () => {
    let correct = 0;
    for (const generated of requests) {
      const text = lastMessage(generated);
      let best: Domain = 'chit-chat';
      let bestScore = 0;
      for (const domain of DOMAINS) {
        const score = KEYWORDS[domain].filter((word) => text.includes(word)).length;
        if (score > bestScore) {
          best = domain;
          bestScore = score;
        }
      }
      if (best === generated.hidden.domain) correct++;
    }
    const accuracy = correct / requests.length;
    console.info(`keyword classifier accuracy ${accuracy.toFixed(3)} (chance 0.125)`);
    expect(accuracy).toBeGreaterThan(0.5);
    expect(accuracy).toBeLessThan(0.9);
  });

  it('has hard markers that correlate with difficulty, noisily: 0.2 < corr < 0.8', () => {
    const markers = requests.map((generated) => {
      const text = lastMessage(generated);
      return HARD_MARKERS.filter((word) => text.includes(word)).length;
    });
    const value = correlation(
      markers,
      requests.map((generated) => generated.hidden.difficulty),
    );
    console.info(`corr(hard markers, difficulty) ${value.toFixed(3)}`);
    expect(value).toBeGreaterThan(0.2);
    expect(value).toBeLessThan(0.8);
  });

  it('makes length a weak cue: |corr(promptTokens, b)| < 0.2, with short-hard and long-easy requests', () => {
    const tokens = requests.map((generated) => generated.request.promptTokens);
    const difficulty = requests.map((generated) => generated.hidden.difficulty);
    const lengthCorrelation = correlation(tokens, difficulty);
    expect(Math.abs(lengthCorrelation)).toBeLessThan(0.2);
    const sorted = [...difficulty].sort((left, right) => left - right);
    const lowerQuartile = sorted[Math.floor(sorted.length / 4)]!;
    const upperQuartile = sorted[Math.floor((3 * sorted.length) / 4)]!;
    let shortHard = 0;
    let longEasy = 0;
    tokens.forEach((_, index) => {
      if (tokens[index]! < 60 && difficulty[index]! > upperQuartile) shortHard++;
      if (tokens[index]! > 400 && difficulty[index]! < lowerQuartile) longEasy++;
    });
    console.info(
      `corr(promptTokens, difficulty) ${lengthCorrelation.toFixed(3)}; short-hard ${shortHard}, long-easy ${longEasy} of ${requests.length}`,
    );
    expect(shortHard / requests.length).toBeGreaterThan(0.02);
    expect(longEasy / requests.length).toBeGreaterThan(0.02);
  });
});

describe('prompts', () => {
  it('are unique across 100,000 requests (by the final user message)', () => {
    const large = streamOf({ seed: 77, rate: 100, seconds: 1000 });
    const seen = new Set<string>();
    for (const { request } of large) seen.add(request.messages.at(-1)!.content);
    expect(large.count).toBe(100_000);
    expect(seen.size).toBe(100_000);
  });
});

describe("the strategy's view", () => {
  const HIDDEN_KEYS = [
    'hidden',
    'domain',
    'difficulty',
    'template',
    'expectedOutputTokens',
    'cacheablePrefixTokens',
    'prefixId',
    'outcome',
    'correct',
    'margin',
  ];

  function walk(value: unknown, visit: (key: string | undefined, leaf: unknown) => void, key?: string): void {
    visit(key, value);
    if (value !== null && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) walk(child, visit, childKey);
    }
  }

  it('carries no hidden label: no such key anywhere, no value equal to the difficulty, no template id', () => {
    for (const generated of requests.slice(0, 5000)) {
      const view = JSON.parse(JSON.stringify(generated.request)) as unknown;
      walk(view, (key, leaf) => {
        if (key !== undefined) expect(HIDDEN_KEYS).not.toContain(key);
        if (typeof leaf === 'number') expect(leaf).not.toBe(generated.hidden.difficulty);
        if (typeof leaf === 'string') expect(leaf).not.toContain(generated.hidden.template);
      });
      expect(Object.keys(generated.request).sort()).toEqual(
        ['arrivalMs', 'id', 'index', 'maxTokens', 'messages', 'promptTokens', 'tier'].sort(),
      );
    }
  });
});
