/** Shared setup for the traffic tests: a stream over the bundled templates. */

import { DOMAINS } from '../src/contracts/index.ts';
import type { Traffic } from '../src/scenario/types.ts';
import { createRequestStream, type RequestStream } from '../src/traffic/index.ts';
import { loadDomainParams } from '../src/world/domains.ts';

/** Uniform arrivals at `rate`/s for `seconds`: exactly rate × seconds requests. */
export function streamOf(options: {
  seed: number;
  rate: number;
  seconds: number;
  mix?: Traffic['mix'];
  tiers?: Traffic['tiers'];
}): RequestStream {
  return createRequestStream({
    seed: options.seed,
    durationMs: options.seconds * 1000,
    domains: loadDomainParams(),
    traffic: {
      arrival: { process: 'uniform', startRate: options.rate, stages: [], diurnal: undefined, bursts: [] },
      mix: options.mix ?? DOMAINS.map((domain) => ({ domain, weight: 1 })),
      tiers: options.tiers ?? [],
    },
  });
}

export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let meanX = 0;
  let meanY = 0;
  for (let index = 0; index < n; index++) {
    meanX += x[index]! / n;
    meanY += y[index]! / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let index = 0; index < n; index++) {
    const dx = x[index]! - meanX;
    const dy = y[index]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}
