/**
 * A model's latency from a third-party measurement named in the curation
 * (fixtures/catalog-curation.json, `latency` block per model): medians and, where published,
 * the 5th–95th percentiles, turned into the catalog's log-normal medians and σs.
 *
 * σ of a log-normal from its P5 and P95: ln(P95 / P5) / (2 · 1.645), since P5 and P95 lie
 * 1.645 standard deviations either side of the log-median (realism-anchors.md §3 uses 3.29).
 * Without published percentiles the simulation-model.md defaults apply (0.35 TTFT, 0.2 decode).
 */
import { z } from 'zod';

/** Log-normal spreads when no percentiles are published (simulation-model.md defaults). */
export const DEFAULT_TTFT_SIGMA = 0.35;
/** @see DEFAULT_TTFT_SIGMA */
export const DEFAULT_DECODE_SIGMA = 0.2;

/** Standard-normal quantile of 0.95: P5 and P95 are this many σ from the log-median. */
const Z95 = 1.6448536269514722;

const spread = z
  .strictObject({
    median: z.number().positive(),
    p5: z.number().positive().optional(),
    p95: z.number().positive().optional(),
  })
  .refine((value) => (value.p5 === undefined) === (value.p95 === undefined), {
    message: 'give both p5 and p95, or neither',
  })
  .refine((value) => (value.p5 ?? 0) <= value.median && value.median <= (value.p95 ?? Infinity), {
    message: 'expected p5 ≤ median ≤ p95',
  });

export type MeasuredSpread = z.infer<typeof spread>;

export const curatedLatencySchema = z
  .strictObject({
    /** The measurement: who measured, which API, when, where the figures were read. */
    source: z.string().min(1),
    /** Output tokens per second after the first chunk. */
    decodeTokensPerSecond: spread,
    /**
     * Time to the first visible token for a short prompt, seconds. For a reasoning model, the
     * part without hidden thinking (the world adds thinking on top): then `ttftSource` says
     * where it comes from and `measuredFirstChunkSeconds` keeps the measured figure.
     */
    ttftSeconds: spread,
    /** Where `ttftSeconds` comes from when it is not `source`'s own figure (an assumption and why). */
    ttftSource: z.string().min(1).optional(),
    /** A reasoning model's measured first-chunk time, seconds: it includes hidden thinking. */
    measuredFirstChunkSeconds: spread.optional(),
  })
  .refine((value) => value.measuredFirstChunkSeconds === undefined || value.ttftSource !== undefined, {
    message: 'with measuredFirstChunkSeconds, ttftSource must say where the non-thinking TTFT comes from',
  });

export type CuratedLatency = z.infer<typeof curatedLatencySchema>;

/** The catalog's latency fields of one model. */
export interface MeasuredLatency {
  ttftMedianMs: number;
  ttftSigma: number;
  decodeTokensPerSecond: number;
  decodeSigma: number;
  latencySource: string;
  measuredFirstChunkMs?: number;
}

/** σ of a log-normal whose P5 and P95 are given; undefined without them. Rounded to 0.001. */
export function sigmaFromPercentiles(p5: number | undefined, p95: number | undefined): number | undefined {
  if (p5 === undefined || p95 === undefined) return undefined;
  return Math.round((Math.log(p95 / p5) / (2 * Z95)) * 1000) / 1000;
}

export function measuredLatency(latency: CuratedLatency): MeasuredLatency {
  const { decodeTokensPerSecond: decode, ttftSeconds: ttft, measuredFirstChunkSeconds: firstChunk } = latency;
  const ttftSigma = sigmaFromPercentiles(ttft.p5, ttft.p95);
  const decodeSigma = sigmaFromPercentiles(decode.p5, decode.p95);
  const parts = [`${latency.source}: ${figure(decode, ' tok/s')}`];
  if (firstChunk === undefined) parts[0] += `, first chunk ${figure(ttft, ' s')}`;
  else {
    parts.push(
      `measured first chunk ${figure(firstChunk, ' s')} includes hidden thinking`,
      `TTFT without thinking ${figure(ttft, ' s')}: ${latency.ttftSource}`,
    );
  }
  if (ttftSigma === undefined || decodeSigma === undefined)
    parts.push('no P5–P95 published: σ from the simulation-model.md defaults');
  return {
    ttftMedianMs: Math.round(ttft.median * 1000),
    ttftSigma: ttftSigma ?? DEFAULT_TTFT_SIGMA,
    decodeTokensPerSecond: decode.median,
    decodeSigma: decodeSigma ?? DEFAULT_DECODE_SIGMA,
    latencySource: parts.join('; '),
    ...(firstChunk === undefined ? {} : { measuredFirstChunkMs: Math.round(firstChunk.median * 1000) }),
  };
}

/** "72.1 tok/s [64.6–79.1]" */
function figure(value: MeasuredSpread, unit: string): string {
  const range = value.p5 === undefined ? '' : ` [${value.p5}–${value.p95}]`;
  return `${value.median}${unit}${range}`;
}
