/**
 * A valid scenario file → the normalised Scenario: durations in ms, rates per second, defaults
 * filled in, a constant `rate` as one flat stage, paths resolved. Pure: the caller passes how
 * to resolve paths relative to the scenario file.
 */

import type { Catalog, FaultConfig } from '../contracts/index.ts';
import type { ConfidenceTargets } from '../world/confidence-targets.ts';
import { candidateModels, ms } from './check-context.ts';
import type { ScenarioFile, ScenarioFileFault, ScenarioFileProvider, ScenarioFileTraffic } from './schema.ts';
import { isSingleModelName, moduleLabel } from './strategy-names.ts';
import { thresholdExpressions } from './thresholds.ts';
import type {
  MixEntry,
  PriceOverride,
  ProviderConfig,
  ReasoningKnob,
  ReplayConfig,
  Scenario,
  StrategyConfig,
  Traffic,
} from './types.ts';

/** @default 1 */
export const DEFAULT_SEED = 1;
export const DEFAULT_REFERENCE = 'always-strongest';
export const DEFAULT_TIER = 'default';
/** HTTP status of an `error` fault without one. */
export const DEFAULT_ERROR_STATUS = 503;

export interface NormaliseOptions {
  catalog: Catalog;
  /** Resolve a path written in the scenario (relative to the scenario file). */
  resolvePath: (relativePath: string) => string;
}

export function normaliseScenario(file: ScenarioFile, options: NormaliseOptions): Scenario {
  const durationMs = ms(file.duration);
  const models = candidateModels(options.catalog, file);
  const reference = file.reference ?? DEFAULT_REFERENCE;
  const listed = file.strategies.map((entry) => normaliseStrategy(entry, options.resolvePath));
  return {
    version: 1,
    name: file.name,
    description: file.description ?? '',
    seed: file.seed ?? DEFAULT_SEED,
    durationMs,
    windowMs: file.window === undefined ? undefined : ms(file.window),
    catalog: file.catalog === undefined ? undefined : options.resolvePath(file.catalog),
    traffic: normaliseTraffic(file.traffic, durationMs, options.resolvePath),
    providers: Object.fromEntries(
      Object.entries(file.providers).map(([key, provider]) => [key, normaliseProvider(provider)]),
    ),
    models,
    slo: file.slo === undefined ? undefined : { latencyMs: ms(file.slo.latency) },
    reference,
    strategies: withReference(listed, reference, models),
    thresholds: Object.fromEntries(
      Object.entries(file.thresholds ?? {}).map(([key, value]) => [key, thresholdExpressions(value)]),
    ),
    ...(file.seeds === undefined ? {} : { seeds: file.seeds }),
    // Only when written: a scenario without limits keeps its results.json bytes.
    ...(file.limits === undefined
      ? {}
      : {
          limits: {
            ...(file.limits.failedShare === undefined ? {} : { failedShare: file.limits.failedShare }),
            ...(file.limits.callsPerRequest === undefined
              ? {}
              : { callsPerRequest: file.limits.callsPerRequest }),
          },
        }),
    ...(file.world?.confidence === undefined
      ? {}
      : { world: { confidence: confidenceTargets(file.world.confidence) } }),
  };
}

/**
 * The scenario's strategies, and its reference after them when nothing else would run under that
 * name: a built-in such as the default `always-strongest` that the scenario does not list. An
 * `always-<model>` of a candidate model is left out, as the single-model run of that name is the
 * reference (simulate plans it; `--no-research` keeps it). Before, such a scenario ran with no
 * reference at all: no savings, no paired Δ, and nothing said so.
 */
function withReference(
  listed: StrategyConfig[],
  reference: string,
  models: readonly string[],
): StrategyConfig[] {
  if (listed.some((config) => config.name === reference)) return listed;
  if (isSingleModelName(reference, models)) return listed;
  return [...listed, { name: reference, options: {} }];
}

/** The arrival of a replay that takes its times from its log: nothing is generated. */
export function noArrivals(): Traffic['arrival'] {
  return { process: 'uniform', startRate: 0, stages: [], diurnal: undefined, bursts: [] };
}

export function normaliseTraffic(
  traffic: ScenarioFileTraffic,
  durationMs: number,
  resolvePath: (relativePath: string) => string = (path) => path,
): Traffic {
  const out: Traffic = {
    arrival: traffic.arrival === undefined ? noArrivals() : normaliseArrival(traffic.arrival, durationMs),
    mix: (traffic.mix ?? []).map((entry) => {
      const mixEntry: MixEntry = { weight: entry.weight ?? 1 };
      if (entry.domain !== undefined) mixEntry.domain = entry.domain;
      if (entry.template !== undefined) mixEntry.template = entry.template;
      return mixEntry;
    }),
    tiers: (traffic.tiers ?? [{ name: DEFAULT_TIER }]).map((tier) => ({
      name: tier.name,
      weight: tier.weight ?? 1,
    })),
  };
  if (traffic.replay !== undefined) {
    const replay = traffic.replay;
    const config: ReplayConfig = {
      format: replay.format,
      path: resolvePath(replay.path),
      models: { ...(replay.models ?? {}) },
      times: replay.format === 'openai-log' && traffic.arrival === undefined ? 'log' : 'arrival',
    };
    if (replay.questions !== undefined) config.questions = resolvePath(replay.questions);
    if (replay.domain !== undefined) config.domain = replay.domain;
    if (replay.split !== undefined) config.split = { ...replay.split, part: replay.split.part ?? 'test' };
    if (replay.sample === true) config.sample = true;
    out.replay = config;
  }
  return out;
}

export function normaliseArrival(
  arrival: NonNullable<ScenarioFileTraffic['arrival']>,
  durationMs: number,
): Traffic['arrival'] {
  // Rates are written per timeUnit; the Scenario carries requests per second.
  const perSecond = 1000 / ms(arrival.timeUnit ?? '1s');
  const constant = arrival.rate;
  return {
    process: arrival.process ?? 'poisson',
    startRate: (constant ?? arrival.startRate ?? 0) * perSecond,
    stages:
      constant !== undefined
        ? [{ durationMs, target: constant * perSecond }]
        : (arrival.stages ?? []).map((stage) => ({
            durationMs: ms(stage.duration),
            target: stage.target * perSecond,
          })),
    diurnal:
      arrival.diurnal === undefined
        ? undefined
        : { amplitude: arrival.diurnal.amplitude, peakMs: ms(arrival.diurnal.peak) },
    bursts: (arrival.bursts ?? []).map((burst) => ({
      startMs: ms(burst.at),
      durationMs: ms(burst.duration),
      multiplier: burst.multiplier,
    })),
  };
}

function normaliseProvider(provider: ScenarioFileProvider): ProviderConfig {
  const out: ProviderConfig = { faults: (provider.faults ?? []).map(normaliseFault) };
  if (provider.capacity !== undefined) out.capacity = provider.capacity;
  if (provider.rpm !== undefined) out.rpm = provider.rpm;
  if (provider.tpm !== undefined) out.tpm = provider.tpm;
  if (provider.models !== undefined) out.models = [...provider.models];
  if (provider.wire !== undefined) out.wire = provider.wire;
  if (provider.baseUrl !== undefined) out.baseUrl = provider.baseUrl;
  if (provider.prices !== undefined) {
    out.prices = Object.fromEntries(
      Object.entries(provider.prices).map(([model, price]) => [
        model,
        withoutUndefined(price) as PriceOverride,
      ]),
    );
  }
  if (provider.reasoning !== undefined) {
    out.reasoning = Object.fromEntries(
      Object.entries(provider.reasoning).map(([model, knob]) => [
        model,
        withoutUndefined(knob) as ReasoningKnob,
      ]),
    );
  }
  return out;
}

function normaliseFault(fault: ScenarioFileFault): FaultConfig {
  const out: FaultConfig = { kind: fault.kind };
  if (fault.model !== undefined) out.model = fault.model;
  if (fault.start !== undefined) out.startMs = ms(fault.start);
  if (fault.duration !== undefined) out.durationMs = ms(fault.duration);
  if (fault.mtbf !== undefined) out.mtbfMs = ms(fault.mtbf);
  if (fault.mttr !== undefined) out.mttrMs = ms(fault.mttr);
  if (fault.kind === 'error') out.status = fault.status ?? DEFAULT_ERROR_STATUS;
  if (fault.probability !== undefined) out.probability = fault.probability;
  if (fault.factor !== undefined) out.factor = fault.factor;
  if (fault.retryAfter !== undefined) out.retryAfterMs = ms(fault.retryAfter);
  return out;
}

export function normaliseStrategy(
  entry: ScenarioFile['strategies'][number],
  resolvePath: (relativePath: string) => string,
): StrategyConfig {
  if (typeof entry === 'string') return { name: entry, options: {} };
  const out: StrategyConfig = {
    name: entry.name ?? entry.strategy ?? moduleLabel(entry.module ?? ''),
    options: structuredClone(entry.options ?? {}),
  };
  // Kept only when it differs from the label, so { name: cascade, strategy: cascade } is cascade.
  if (entry.strategy !== undefined && entry.strategy !== out.name) out.strategy = entry.strategy;
  if (entry.module !== undefined) out.module = resolvePath(entry.module);
  return out;
}

/** exactOptionalPropertyTypes: an absent field must be absent, not undefined. */
function withoutUndefined(value: object): object {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));
}

/** The `world.confidence` block without the keys zod leaves undefined. */
function confidenceTargets(
  block: NonNullable<NonNullable<ScenarioFile['world']>['confidence']>,
): ConfidenceTargets {
  return {
    ...(block.logprob === undefined ? {} : { logprob: { auroc: block.logprob.auroc } }),
    ...(block.selfRated === undefined ? {} : { selfRated: { auroc: block.selfRated.auroc } }),
  };
}
