/**
 * A replay source → a RequestStream (the generator's interface) plus the recorded outcomes.
 *
 * Per request i (the i-th item in replay order):
 * - arrival: the log's time, or the i-th time of traffic.arrival (tables have no timestamps);
 *   items past the duration, or beyond the last time the arrival process gives, are left out
 *   (counted in `replay.leftOut`);
 * - prompt tokens: o200k_base with OpenAI's chat framing (tokenizer.ts), as for generated traffic;
 * - domain: the scenario's fixed one, the source's label (MT-Bench categories), or the domain
 *   classifier's guess — counted by kind in `replay.domains`, so a report can say it was classified;
 * - difficulty: drawn as the generator draws it, b_i = μ_d + σ_d·keyedNormal(seed, difficulty, i):
 *   it only matters where no outcome is recorded, and keeps the quality model calibrated there;
 * - tier: the log line's, else drawn from traffic.tiers as the generator does;
 * - cacheable prefix: the leading system messages (the same text → the same prefix id).
 */

import type {
  Domain,
  DomainParams,
  GeneratedRequest,
  HiddenLabels,
  RouteRequest,
} from '../../contracts/index.ts';
import { InputError, type InputIssue } from '../../errors.ts';
import type { Arrival, ReplayConfig, TierEntry } from '../../scenario/types.ts';
import { keyedNormal, keyedUniform, Stream, stringKey } from '../../world/random.ts';
import { arrivalTimes } from '../arrivals.ts';
import { choose, resolveTiers } from '../mix.ts';
import { messageTokens, REPLY_PRIMING_TOKENS } from '../tokenizer.ts';
import { MT_BENCH_DOMAINS } from './from-table.ts';
import { issueList } from './jsonl.ts';
import { resolveModels } from './models.ts';
import { outcomeTable } from './outcome-table.ts';
import type { DomainProvenance, ReplayItem, ReplayRequestStream, ReplaySource } from './types.ts';

/** Expected answer length when the source does not say, tokens (as for an ungraded call). */
export const DEFAULT_REPLAY_OUTPUT_TOKENS = 256;
/** `max_tokens` sent when the source does not say. */
export const DEFAULT_REPLAY_MAX_TOKENS = 2048;

export interface ReplayStreamOptions {
  source: ReplaySource;
  config: ReplayConfig;
  seed: number;
  /** Virtual duration, ms. */
  durationMs: number;
  /** Spaces the items when config.times is 'arrival'. */
  arrival: Arrival;
  tiers: TierEntry[];
  domains: Record<Domain, DomainParams>;
  /** The scenario's candidate catalog model ids. */
  candidates: readonly string[];
  /** The domain classifier, e.g. classifyDomain from src/strategies/domain-classifier.ts. */
  classify: (text: string) => { domain: Domain };
}

export function createReplayStream(options: ReplayStreamOptions): ReplayRequestStream {
  const { source, config, seed, domains, candidates } = options;
  const { mapping, issues: mappingIssues } = resolveModels(source, config.models, candidates);
  const isTable = source.format !== 'openai-log';
  const issues = issueList();
  for (const issue of mappingIssues) issues.add(issue);
  const used = [...mapping.entries()].filter(([, id]) => candidates.includes(id));
  if (isTable) checkCoverage(source, used, candidates, issues);
  if (issues.issues.length > 0) throw new InputError(source.file, issues.finish());

  const times = arrivalsFor(options);
  const count = Math.min(times.length, source.items.length);
  if (config.times === 'arrival' && count < source.items.length && config.sample !== true) {
    throw new InputError(source.file, [
      tooFewSlotsIssue(count, source.items.length, source.file, options.durationMs),
    ]);
  }
  const tiers = resolveTiers(options.tiers);
  const tierNames = new Set(options.tiers.map((tier) => tier.name));
  const provenance: DomainProvenance = { labelled: 0, classified: 0, fixed: 0 };
  const table = outcomeTable(count, candidates);
  const requests: GeneratedRequest[] = [];
  let labelledRequests = 0;
  let unusedLabels = 0;
  for (let index = 0; index < count; index++) {
    const item = source.items[index]!;
    const domain = domainOf(item, options, provenance);
    let labelled = false;
    for (const [name, scores] of Object.entries(item.scores)) {
      const id = mapping.get(name);
      if (id === undefined || !candidates.includes(id)) unusedLabels += scores.length;
      else {
        table.set(index, id, scores);
        labelled = true;
      }
    }
    if (labelled) labelledRequests++;
    const tier =
      item.tier !== undefined && tierNames.has(item.tier)
        ? item.tier
        : choose(tiers, keyedUniform(seed, Stream.tier, index));
    requests.push(requestOf(item, index, times[index]!, tier, domain, domains[domain], seed));
  }
  const arrivals = Float64Array.from(requests, (generated) => generated.request.arrivalMs);
  const replay: ReplayRequestStream['replay'] = {
    format: source.format,
    path: config.path,
    itemsInSource: source.items.length,
    replayed: count,
    leftOut: source.items.length - count,
    models: Object.fromEntries(used),
    times: config.times,
    domains: provenance,
    outcomes: isTable ? 'table' : labelledRequests > 0 ? 'labels' : 'quality-model',
    labelledRequests,
    unusedLabels,
  };
  if (config.questions !== undefined) replay.questions = config.questions;
  const get = (index: number): GeneratedRequest => {
    const generated = requests[index];
    if (generated === undefined || !Number.isInteger(index)) {
      throw new RangeError(`request index ${index} is outside [0, ${count})`);
    }
    return generated;
  };
  return {
    count,
    arrivals,
    get,
    outcomes: table.build(),
    replay,
    *[Symbol.iterator]() {
      for (let index = 0; index < count; index++) yield get(index);
    },
  };
}

/**
 * traffic.arrival gives fewer slots than the source has rows: replaying the first `slots` only
 * would measure a different (and unsaid) sample, so it is an error unless the scenario says
 * `sample: true`. (A log at its own times is cut at the duration instead: that is a time window.)
 */
export function tooFewSlotsIssue(
  slots: number,
  rowCount: number,
  file: string,
  durationMs: number,
): InputIssue {
  const rows = rowCount.toLocaleString('en-US');
  const minutes = Math.round(durationMs / 60_000).toLocaleString('en-US');
  return {
    path: ['traffic', 'replay', 'sample'],
    message:
      `traffic.arrival gives ${slots.toLocaleString('en-US')} arrival slots in ${minutes} min but ${file} has ${rows} rows: ` +
      `lengthen duration or raise the rate to replay every row, or set traffic.replay.sample: true to replay the first ${slots.toLocaleString('en-US')} on purpose`,
  };
}

/** Tables are looked up, never drawn: every candidate needs a source model and every row its score. */
function checkCoverage(
  source: ReplaySource,
  used: [string, string][],
  candidates: readonly string[],
  issues: ReturnType<typeof issueList>,
): void {
  const covered = new Set(used.map(([, id]) => id));
  for (const id of candidates) {
    if (!covered.has(id)) {
      issues.add({
        path: ['traffic', 'replay', 'models'],
        message: `candidate model ${id} has no outcomes in ${source.file} (models there: ${source.models.join(', ')}); map one to it in traffic.replay.models, or leave ${id} out of the scenario's models`,
      });
    }
  }
  for (const item of source.items) {
    for (const [name, id] of used) {
      if (item.scores[name] === undefined) {
        issues.add({
          path: [name],
          message: `no outcome of ${name} (replayed as ${id}) for this prompt`,
          line: item.line,
        });
      }
    }
  }
}

function arrivalsFor(options: ReplayStreamOptions): Float64Array {
  const { source, config, durationMs } = options;
  if (config.times === 'arrival') {
    return arrivalTimes({ seed: options.seed, durationMs, arrival: options.arrival });
  }
  const times: number[] = [];
  for (const item of source.items) {
    const time = item.timeMs ?? 0;
    if (time >= durationMs) break;
    times.push(time);
  }
  return Float64Array.from(times);
}

function domainOf(item: ReplayItem, options: ReplayStreamOptions, provenance: DomainProvenance): Domain {
  const fixed = options.config.domain;
  if (fixed !== undefined && fixed !== 'classify') {
    provenance.fixed++;
    return fixed;
  }
  const labelled = item.category === undefined ? undefined : MT_BENCH_DOMAINS[item.category];
  if (fixed === undefined && labelled !== undefined) {
    provenance.labelled++;
    return labelled;
  }
  provenance.classified++;
  const lastUser = item.messages.findLast((message) => message.role === 'user');
  return options.classify(lastUser?.content ?? '').domain;
}

function requestOf(
  item: ReplayItem,
  index: number,
  arrivalMs: number,
  tier: string,
  domain: Domain,
  params: DomainParams,
  seed: number,
): GeneratedRequest {
  let promptTokens = REPLY_PRIMING_TOKENS;
  let prefixTokens = 0;
  let prefixText = '';
  let leading = true;
  for (const message of item.messages) {
    const tokens = messageTokens(message);
    promptTokens += tokens;
    if (leading && message.role === 'system') {
      prefixTokens += tokens;
      prefixText += message.content;
    } else leading = false;
  }
  const request: RouteRequest = {
    id: `r${String(index).padStart(7, '0')}`,
    index,
    arrivalMs,
    messages: item.messages,
    tier,
    promptTokens,
    maxTokens: item.maxTokens ?? DEFAULT_REPLAY_MAX_TOKENS,
  };
  const hidden: HiddenLabels = {
    domain,
    difficulty: params.mu + params.sigma * keyedNormal(seed, Stream.difficulty, index),
    template: `replay:${item.category ?? domain}`,
    expectedOutputTokens: item.expectedOutputTokens ?? DEFAULT_REPLAY_OUTPUT_TOKENS,
    cacheablePrefixTokens: prefixTokens,
    prefixId: prefixTokens === 0 ? 0 : stringKey(prefixText) || 1,
  };
  return { request, hidden };
}
