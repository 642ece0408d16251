/**
 * Which latency a catalog model gets, in order: the curation's third-party measurement
 * (catalog-latency-measured.ts), else its model-facts.csv row with placeholders replaced
 * (catalog-latency.ts), else the routesim defaults. Anything but a measurement comes with a
 * warning for `routesim models import` to print.
 */
import type { CuratedModel } from '../catalog-import/catalog-curation.ts';
import {
  DEFAULT_DECODE_TOKENS_PER_SECOND,
  DEFAULT_TTFT_MS,
  resolveLatency,
} from '../catalog-import/catalog-latency.ts';
import {
  DEFAULT_DECODE_SIGMA,
  DEFAULT_TTFT_SIGMA,
  type MeasuredLatency,
  measuredLatency,
} from '../catalog-import/catalog-latency-measured.ts';
import {
  describePair,
  type PlaceholderPair,
  pairKey,
} from '../catalog-import/catalog-latency-placeholders.ts';
import type { FactsRow, FactsTable } from './model-facts.ts';

/** The latency fields of one model, the notes saying where they come from, and any warning. */
export function modelLatency(options: {
  row: FactsRow | undefined;
  curation: CuratedModel | undefined;
  facts: FactsTable | undefined;
  placeholders: Map<string, PlaceholderPair>;
}): { fields: MeasuredLatency; notes: string[]; warning?: string } {
  const { row, curation, facts, placeholders } = options;
  if (curation?.latency !== undefined) {
    const notes = ["latency from the curation's measurement (latencySource)"];
    const key = row === undefined ? undefined : pairKey(row);
    const pair = key === undefined ? undefined : placeholders.get(key);
    if (row !== undefined && pair !== undefined)
      notes.push(
        `it replaces ${row.provider}/${row.model}'s repeated placeholder pair ${describePair(pair)}`,
      );
    return { fields: measuredLatency(curation.latency), notes };
  }
  if (facts !== undefined && row !== undefined) {
    const resolved = resolveLatency(facts, row, curation?.family ?? [], placeholders);
    const fields: MeasuredLatency = {
      ttftMedianMs: resolved.ttftMedianMs,
      ttftSigma: DEFAULT_TTFT_SIGMA,
      decodeTokensPerSecond: resolved.decodeTokensPerSecond,
      decodeSigma: DEFAULT_DECODE_SIGMA,
      latencySource: `${resolved.source}; σ from the simulation-model.md defaults`,
    };
    return {
      fields,
      notes: resolved.notes,
      ...(resolved.warning === undefined ? {} : { warning: resolved.warning }),
    };
  }
  const source = `no measurement and no model-facts.csv row: routesim defaults ${DEFAULT_TTFT_MS} ms / ${DEFAULT_DECODE_TOKENS_PER_SECOND} tok/s (assumption: a typical hosted mid-size model)`;
  return {
    fields: {
      ttftMedianMs: DEFAULT_TTFT_MS,
      ttftSigma: DEFAULT_TTFT_SIGMA,
      decodeTokensPerSecond: DEFAULT_DECODE_TOKENS_PER_SECOND,
      decodeSigma: DEFAULT_DECODE_SIGMA,
      latencySource: source,
    },
    notes: [`${source}; benchmark means`],
    warning: source,
  };
}
