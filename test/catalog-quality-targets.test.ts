import { describe, expect, it } from 'vitest';
import {
  benchmarkDistribution,
  benchmarkScore,
  qualityTargets,
  standing,
} from '../src/catalog-import/quality-targets.ts';

// Population: mmlu {0.8, 0.6, 0.7} → mean 0.7, sample sd 0.1;
// gsm8k {0.9, 0.7} → mean 0.8, sample sd sqrt(0.02) = 0.141421...
const population = [{ mmlu: 0.8, gsm8k: 0.9 }, { mmlu: 0.6, gsm8k: 0.7 }, { mmlu: 0.7 }];
const distribution = benchmarkDistribution(population);

describe('benchmark imputation', () => {
  it('computes each benchmark mean and sample sd', () => {
    expect(distribution.mmlu?.mean).toBeCloseTo(0.7, 12);
    expect(distribution.mmlu?.sd).toBeCloseTo(0.1, 12);
    expect(distribution.gsm8k?.sd).toBeCloseTo(0.1414213562, 9);
    expect(distribution.gpqa).toBeUndefined();
  });

  it('maps the mean z of the other scores onto the missing benchmark', () => {
    // mmlu 0.75 → z = 0.5 → gsm8k = 0.8 + 0.5 × 0.141421 = 0.870711
    expect(standing({ mmlu: 0.75 }, distribution).z).toBeCloseTo(0.5, 12);
    expect(benchmarkScore({ mmlu: 0.75 }, 'gsm8k', distribution).value).toBeCloseTo(0.8707107, 6);
    // two scores: z(mmlu 0.6) = −1, z(gsm8k 0.9) = 0.7071 → mean −0.14645 → mmlu-scale 0.68536
    const mixed = { gsm8k: 0.9 };
    expect(benchmarkScore({ ...mixed, mmlu: 0.6 }, 'mmlu', distribution).value).toBe(0.6);
    expect(standing({ ...mixed, mmlu: 0.6 }, distribution).z).toBeCloseTo(-0.1464466, 6);
  });

  it('says in the source how a score was imputed', () => {
    const { source } = benchmarkScore({ mmlu: 0.75 }, 'gsm8k', distribution);
    expect(source).toBe(
      'imputed gsm8k 0.871 = mean 0.800 + z × sd 0.141 over 2 models (z = 0.500, the mean z-value of its mmlu)',
    );
  });

  it('clamps targets to [0.02, 0.98]', () => {
    // mmlu 0.85 → z = 1.5 → gsm8k 0.8 + 1.5 × 0.141421 = 1.0121 → 0.98
    expect(qualityTargets({ mmlu: 0.85 }, distribution).math.accuracy).toBe(0.98);
    // mmlu 0.1 → z = −6 → gsm8k −0.0485 → 0.02
    expect(qualityTargets({ mmlu: 0.1 }, distribution).math.accuracy).toBe(0.02);
  });

  it('takes math from MATH mapped onto the gsm8k scale when gsm8k is missing', () => {
    const withMath = benchmarkDistribution([
      ...population,
      { math: 0.5, mmlu: 0.7 },
      { math: 0.7, mmlu: 0.7 },
    ]);
    // math {0.5, 0.7}: mean 0.6, sd 0.141421; MATH 0.67 → z = 0.49497 → gsm8k 0.8 + 0.49497 × 0.141421 = 0.87
    const target = qualityTargets({ math: 0.67, mmlu: 0.1 }, withMath).math;
    expect(target.accuracy).toBeCloseTo(0.87, 4);
    expect(target.source).toMatch(/^gsm8k 0\.870 from math 0\.670/);
  });

  it('derives legal and medical from mmlu-pro with the stated penalties', () => {
    const targets = qualityTargets({ 'mmlu-pro': 0.7, mmlu: 0.8 }, distribution);
    expect(targets.legal.accuracy).toBeCloseTo(0.55, 10);
    expect(targets.medical.accuracy).toBeCloseTo(0.7, 10);
    expect(targets['factual-qa']).toEqual({ accuracy: 0.8, source: 'mmlu 0.800' });
    expect(targets.legal.source).toMatch(/^assumption: mmlu-pro 0\.700 − 0\.15/);
  });
});
