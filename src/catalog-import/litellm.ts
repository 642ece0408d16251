/**
 * Build a Catalog from a LiteLLM price map (model_prices_and_context_window.json). Pure:
 * takes parsed JSON and a parsed facts table, returns the catalog and what was skipped.
 *
 * Entries are taken when `mode` is "chat" and `litellm_provider` is a provider routesim
 * knows (KNOWN_PROVIDERS). The model id is the key without its "<provider>/" prefix, which
 * is the id the provider's own API takes. Named entries (--models, curation) that are
 * unusable are errors; in a bulk import they are skipped and listed.
 */

import type { Catalog, ModelSpec, ProviderSpec, ReasoningSpec } from '../contracts/index.ts';
import { InputError, type InputIssue } from '../errors.ts';
import type { CuratedModel, Curation } from './catalog-curation.ts';
import { type PlaceholderPair, placeholderPairs } from './catalog-latency-placeholders.ts';
import { modelLatency } from './catalog-model-latency.ts';
import { type PriceFields, priceFields } from './catalog-prices.ts';
import { KNOWN_PROVIDERS, type KnownProvider, litellmProviderOf, providerSpec } from './catalog-providers.ts';
import { CONFIDENCE_PROFILES, TIER_VERBOSITY, tierOf } from './catalog-tiers.ts';
import { benchmarkPopulation, type FactsRow, type FactsTable, findFactsRow } from './model-facts.ts';
import { benchmarkDistribution, qualityTargets, standing } from './quality-targets.ts';

export interface LiteLlmImportOptions {
  /** The parsed price map. */
  prices: unknown;
  /** Its file name, for messages and the catalog's `source`. */
  pricesFile: string;
  facts?: FactsTable;
  curation?: Curation;
  /** Curation file name, for messages. */
  curationFile?: string;
  /** LiteLLM keys or model ids to take (default: the curation's, else every usable entry). */
  models?: string[];
  /** Provider keys ("google") or LiteLLM provider names ("gemini") to keep. */
  providers?: string[];
}

export interface LiteLlmImportResult {
  catalog: Catalog;
  /** Entries left out of a bulk import, with why. */
  skipped: { key: string; reason: string }[];
  /**
   * One line per model whose latency is not a measurement: a placeholder row replaced by a
   * stand-in, or no facts row at all. `routesim models import` prints them.
   */
  latencyWarnings: string[];
}

type Entry = Record<string, unknown>;

export function catalogFromLiteLlm(options: LiteLlmImportOptions): LiteLlmImportResult {
  const { prices, pricesFile } = options;
  if (typeof prices !== 'object' || prices === null || Array.isArray(prices)) {
    throw new InputError(pricesFile, [{ path: [], message: 'expected an object of LiteLLM model entries' }]);
  }
  const entries = prices as Record<string, unknown>;
  const issues: InputIssue[] = [];
  const skipped: { key: string; reason: string }[] = [];

  const providerFilter = resolveProviderFilter(options.providers ?? [], issues);
  const curated = new Map((options.curation?.models ?? []).map((model) => [model.litellm, model]));
  const named = options.models ?? options.curation?.models.map((model) => model.litellm);
  const keys = named === undefined ? bulkKeys(entries) : named.map((name) => findKey(entries, name) ?? name);

  const distribution = benchmarkDistribution(
    options.facts === undefined ? [] : benchmarkPopulation(options.facts),
  );
  const placeholders = options.facts === undefined ? new Map() : placeholderPairs(options.facts);
  const latencyWarnings: string[] = [];
  const models: ModelSpec[] = [];
  const providers: Record<string, ProviderSpec> = {};
  keys.forEach((key, index) => {
    const problem = (path: (string | number)[], message: string) => {
      if (named === undefined) skipped.push({ key, reason: message });
      else issues.push({ path: [key, ...path], message });
    };
    const raw = entries[key];
    if (raw === undefined || key === 'sample_spec') {
      issues.push({ path: ['models', index], message: `no LiteLLM entry "${key}" in ${pricesFile}` });
      return;
    }
    if (typeof raw !== 'object' || raw === null) {
      problem([], 'expected an object');
      return;
    }
    const entry = raw as Entry;
    if (entry.mode !== 'chat') {
      problem(['mode'], `expected mode "chat", got ${JSON.stringify(entry.mode)}`);
      return;
    }
    const litellmProvider = String(entry.litellm_provider);
    const known = KNOWN_PROVIDERS[litellmProvider];
    if (known === undefined) {
      problem(
        ['litellm_provider'],
        `unsupported provider ${JSON.stringify(entry.litellm_provider)}; routesim knows ${Object.keys(KNOWN_PROVIDERS).join(', ')}`,
      );
      return;
    }
    if (providerFilter !== undefined && !providerFilter.has(litellmProvider)) return;
    const fields = priceFields(entry, (path, message) => problem(path, message));
    if (fields === undefined) return;
    const id = modelId(key, litellmProvider);
    if (models.some((model) => model.id === id)) {
      problem([], `duplicate model id "${id}"`);
      return;
    }
    const curation = curated.get(key);
    const row = joinFacts(options.facts, id, known, curation, (message) =>
      issues.push({
        path: ['models', [...curated.keys()].indexOf(key), 'facts'],
        message: `${message} (in ${options.curationFile ?? 'the curation'})`,
      }),
    );
    const built = buildModel({
      id,
      known,
      fields,
      row,
      curation,
      facts: options.facts,
      placeholders,
      distribution,
    });
    models.push(built.model);
    if (built.latencyWarning !== undefined) latencyWarnings.push(`${id}: ${built.latencyWarning}`);
    providers[known.key] ??= withLimits(providerSpec(known), options.curation?.providers?.[known.key]);
  });
  if (issues.length > 0)
    throw new InputError(named === undefined ? pricesFile : `${pricesFile} (selected models)`, issues);
  if (models.length === 0) {
    throw new InputError(pricesFile, [
      { path: [], message: 'no usable chat model entries matched the filters' },
    ]);
  }
  const catalog: Catalog = {
    source: sourceText(options, models.length),
    providers: sortKeys(providers),
    models,
  };
  return { catalog, skipped, latencyWarnings };
}

function buildModel(options: {
  id: string;
  known: KnownProvider;
  fields: PriceFields;
  row: FactsRow | undefined;
  curation: CuratedModel | undefined;
  facts: FactsTable | undefined;
  placeholders: Map<string, PlaceholderPair>;
  distribution: ReturnType<typeof benchmarkDistribution>;
}): { model: ModelSpec; latencyWarning?: string } {
  const { id, known, fields, row, curation, distribution } = options;
  const benchmarks = row?.benchmarks ?? {};
  const { z } = standing(benchmarks, distribution);
  const tier = tierOf(z, Object.keys(benchmarks).length);
  const notes: string[] = [];
  if (row !== undefined) notes.push(`benchmarks from model-facts.csv row ${row.provider}/${row.model}`);
  const latency = modelLatency(options);
  notes.push(...latency.notes);
  const verbosity = curation?.verbosity ?? TIER_VERBOSITY[tier];
  notes.push(
    `tier ${tier} (mean benchmark z ${z.toFixed(2)}): confidence profile and verbosity ${verbosity}`,
  );
  if (curation?.notes !== undefined) notes.push(curation.notes);
  const model: ModelSpec = {
    id,
    provider: known.key,
    displayName: row?.modelName ?? id,
    ...fields,
    ...latency.fields,
    verbosity,
    benchmarks,
    quality: qualityTargets(benchmarks, distribution),
    confidence: { ...CONFIDENCE_PROFILES[tier] },
    ...(curation?.reasoning === undefined ? {} : { reasoning: curation.reasoning as ReasoningSpec }),
    notes: `${notes.join('; ')}.`,
  };
  return latency.warning === undefined ? { model } : { model, latencyWarning: latency.warning };
}

function withLimits(
  spec: ProviderSpec,
  limits: { capacity?: number | undefined; rpm?: number | undefined; tpm?: number | undefined } | undefined,
): ProviderSpec {
  return {
    ...spec,
    ...(limits?.capacity === undefined ? {} : { capacity: limits.capacity }),
    ...(limits?.rpm === undefined ? {} : { rpm: limits.rpm }),
    ...(limits?.tpm === undefined ? {} : { tpm: limits.tpm }),
  };
}

/** "gemini/gemini-2.0-flash" → "gemini-2.0-flash"; "gpt-4o" stays. */
export function modelId(key: string, litellmProvider: string): string {
  return key.startsWith(`${litellmProvider}/`) ? key.slice(litellmProvider.length + 1) : key;
}

/** For facts joins: lower case, no date stamp, no "-latest", no "-instruct". */
export function normalizeModelName(name: string): string {
  return name
    .toLowerCase()
    .replace(/^.*\//, '')
    .replace(/-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/, '')
    .replace(/-instruct$/, '');
}

function joinFacts(
  facts: FactsTable | undefined,
  id: string,
  known: KnownProvider,
  curation: CuratedModel | undefined,
  report: (message: string) => void,
): FactsRow | undefined {
  if (facts === undefined) return undefined;
  if (curation?.facts !== undefined) {
    const { provider, model } = curation.facts;
    const row = facts.rows.find((candidate) => candidate.provider === provider && candidate.model === model);
    if (row === undefined) report(`no row ${provider}/${model} in ${facts.file}`);
    return row;
  }
  const exact = findFactsRow(facts, id, known.key);
  if (exact !== undefined) return exact;
  const wanted = normalizeModelName(id);
  const rows = facts.rows.filter((row) => normalizeModelName(row.model) === wanted);
  return rows.find((row) => row.provider === known.key) ?? rows[0];
}

function bulkKeys(entries: Record<string, unknown>): string[] {
  return Object.keys(entries).filter((key) => {
    const entry = entries[key];
    if (key === 'sample_spec' || typeof entry !== 'object' || entry === null) return false;
    const { mode, litellm_provider: provider } = entry as Entry;
    return mode === 'chat' && typeof provider === 'string' && provider in KNOWN_PROVIDERS;
  });
}

/** A LiteLLM key as given, else the one chat entry of a known provider whose model id is `name`. */
function findKey(entries: Record<string, unknown>, name: string): string | undefined {
  if (name in entries) return name;
  return bulkKeys(entries).find((key) => {
    const provider = String((entries[key] as Entry).litellm_provider);
    return modelId(key, provider) === name;
  });
}

function resolveProviderFilter(names: string[], issues: InputIssue[]): Set<string> | undefined {
  if (names.length === 0) return undefined;
  const filter = new Set<string>();
  names.forEach((name, index) => {
    const litellm = litellmProviderOf(name);
    if (litellm === undefined) {
      const keys = Object.values(KNOWN_PROVIDERS).map((known) => known.key);
      issues.push({
        path: ['--provider', index],
        message: `unknown provider "${name}"; expected one of ${keys.join(', ')}`,
      });
    } else filter.add(litellm);
  });
  return filter;
}

function sourceText(options: LiteLlmImportOptions, count: number): string {
  const parts = [
    `${count} models imported by \`routesim models import\`.`,
    `Prices and context limits: LiteLLM model_prices_and_context_window.json (BerriAI/litellm, MIT), file ${basename(options.pricesFile)}.`,
  ];
  if (options.facts !== undefined) {
    parts.push(
      `Benchmarks, and latency where the curation names no measurement: ${basename(options.facts.file)} (llm-stats.com data, JonathanChavezTamales/llm-leaderboard, CC BY 4.0).`,
    );
  }
  if (options.curationFile !== undefined) parts.push(`Curation: ${basename(options.curationFile)}.`);
  parts.push("Each model's latencySource names where its latency figures come from.");
  parts.push('Provider limits are assumptions (see fixtures/README.md).');
  return parts.join(' ');
}

function basename(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
