/**
 * "The scenario as run": traffic (generated or replayed), providers with their overrides and
 * faults, candidate models, strategies with their options and the reason for each default they
 * rely on — all from results.json's scenario and its resolved fault windows. Every value is input, so everything goes through `html`.
 */
import { basename } from 'node:path';
import type { FaultWindow } from '../../contracts/index.ts';
import { builtInNameOf } from '../../scenario/strategy-names.ts';
import type { ReplaySplit, Scenario } from '../../scenario/types.ts';
import { defaultReasons } from '../../strategies/default-reasons.ts';
import { formatClock, formatDurationWords, formatMs } from './format.ts';
import { healthSentences } from './health.ts';
import type { ResultsDocument } from './results-document.ts';
import { html, type SafeHtml } from './safe-html.ts';
import { describeFault } from './summary.ts';

const rate = (perSecond: number) => `${Number(perSecond.toPrecision(4))} req/s`;

function arrivalText(scenario: Scenario): string {
  const { arrival } = scenario.traffic;
  const parts = [`${arrival.process} arrivals starting at ${rate(arrival.startRate)}`];
  const flat = arrival.stages.every((stage) => stage.target === arrival.startRate);
  if (!flat) {
    parts.push(
      `stages ${arrival.stages.map((stage) => `${formatDurationWords(stage.durationMs)} → ${rate(stage.target)}`).join(', ')}`,
    );
  }
  if (arrival.diurnal !== undefined) {
    parts.push(
      `daily cycle ±${Math.round(arrival.diurnal.amplitude * 100)}% peaking at ${formatClock(arrival.diurnal.peakMs)}`,
    );
  }
  for (const burst of arrival.bursts) {
    parts.push(
      `burst ×${burst.multiplier} at ${formatClock(burst.startMs)} for ${formatDurationWords(burst.durationMs)}`,
    );
  }
  return parts.join('; ');
}

/** What a replay scenario says about its traffic and where its domains came from. */
export function replayNote(scenario: Scenario): SafeHtml {
  const replay = scenario.traffic.replay;
  if (replay === undefined) return html``;
  const recorded = replay.format !== 'openai-log';
  const classified =
    replay.domain === 'classify' || (replay.domain === undefined && replay.format !== 'mt-bench');
  return html`<p class="callout">Traffic was <strong>replayed</strong> from <code>${basename(replay.path)}</code> (${replay.format}), arrival times from ${replay.times === 'log' ? 'the log' : 'the scenario’s arrival process'}. ${recorded ? 'Answer quality comes from the outcomes recorded in that table, not from the quality model.' : 'Token counts are real; answer quality comes from the simulated quality model.'} ${classified ? html`<strong>Domains were assigned by routesim’s domain classifier</strong> (the log does not label them), so per-domain figures and domain-based routing rest on that classification.` : replay.domain === undefined ? 'Domains come from the data set’s own categories.' : html`Every request was given the domain <code>${replay.domain}</code>.`}${splitNote(replay.split)}</p>`;
}

/** Which part of a keyed train/test split was replayed (traffic.replay.split), and what that means. */
function splitNote(split: ReplaySplit | undefined): SafeHtml {
  if (split === undefined) return html``;
  const heldOut = `${Number((split.share * 100).toPrecision(4))}%`;
  const kept = `${Number(((1 - split.share) * 100).toPrecision(4))}%`;
  return split.part === 'test'
    ? html` Only the <strong>held-out (test) part</strong> of a keyed split of the table was replayed: the ${heldOut} of prompts held out (per category where the table has categories; split seed ${split.seed}). A router trained on the other part (<code>routesim train --split ${split.share} --seed ${split.seed}</code>) is measured here on prompts it never saw.`
    : html` Only the <strong>training part</strong> of a keyed split of the table was replayed: the ${kept} of prompts not held out (share ${split.share} held out per category where the table has categories; split seed ${split.seed}). A router trained on this part is measured here in-sample.`;
}

function faultRow(fault: FaultWindow): SafeHtml {
  return html`<tr><td>${describeFault(fault)}</td><td>${formatClock(fault.startMs)}–${formatClock(fault.endMs)}</td><td class="num">${formatDurationWords(fault.endMs - fault.startMs)}</td><td>${fault.retryAfterMs === undefined ? '' : `retry-after ${formatMs(fault.retryAfterMs)}`}</td></tr>`;
}

/** Why each default a strategy entry relies on is the one a team would deploy (default-reasons.ts). */
function defaultsFacts(scenario: Scenario): SafeHtml {
  const entries = scenario.strategies.flatMap((config) => {
    if (config.module !== undefined) return [];
    const reasons = defaultReasons(builtInNameOf(config), config.options);
    return reasons.length === 0 ? [] : [{ name: config.name, reasons }];
  });
  if (entries.length === 0) return html``;
  return html`<dt>Defaults used</dt><dd><ul>${entries.map((entry) => html`<li><code>${entry.name}</code>: ${entry.reasons.join('; ')}.</li>`)}</ul></dd>`;
}

export function scenarioSection(results: ResultsDocument): SafeHtml {
  const { scenario } = results;
  const { traffic } = scenario;
  const totalWeight = (entries: readonly { weight: number }[]) =>
    entries.reduce((sum, entry) => sum + entry.weight, 0);
  const mixWeight = totalWeight(traffic.mix);
  const tierWeight = totalWeight(traffic.tiers);
  const share = (weight: number, total: number) =>
    total > 0 ? `${Math.round((weight / total) * 100)}%` : '';
  return html`<dl class="facts">
<dt>Scenario</dt><dd>${scenario.name}${scenario.description === '' ? '' : html` — <span class="muted">${scenario.description}</span>`}</dd>
<dt>Duration</dt><dd>${formatDurationWords(results.durationMs)} of virtual time, ${results.requestCount.toLocaleString('en-US')} requests, windows of ${formatDurationWords(results.window.ms)}</dd>
<dt>Arrivals</dt><dd>${traffic.replay === undefined || traffic.replay.times === 'arrival' ? arrivalText(scenario) : 'timestamps from the replayed log'}</dd>
${traffic.mix.length === 0 ? '' : html`<dt>Task mix</dt><dd>${traffic.mix.map((entry, index) => html`${index > 0 ? ', ' : ''}${entry.domain ?? entry.template ?? '?'} ${share(entry.weight, mixWeight)}`)}</dd>`}
<dt>User tiers</dt><dd>${traffic.tiers.map((tier, index) => html`${index > 0 ? ', ' : ''}${tier.name} ${share(tier.weight, tierWeight)}`)}</dd>
<dt>Providers</dt><dd>${Object.entries(scenario.providers).map(([name, provider], index) => html`${index > 0 ? '; ' : ''}<strong>${name}</strong>${provider.models === undefined ? ' (all catalog models)' : html` (${provider.models.join(', ')})`}${provider.capacity === undefined ? '' : `, capacity ${provider.capacity}`}${provider.rpm === undefined ? '' : `, ${provider.rpm} RPM`}${provider.tpm === undefined ? '' : `, ${provider.tpm} TPM`}${provider.prices === undefined ? '' : `, price overrides for ${Object.keys(provider.prices).join(', ')}`}`)}</dd>
<dt>Candidate models</dt><dd>${scenario.models.join(', ')}</dd>
<dt>Latency SLO</dt><dd>${scenario.slo === undefined ? 'none' : formatMs(scenario.slo.latencyMs)}</dd>
<dt>Reference</dt><dd>${scenario.reference}</dd>
<dt>Strategies</dt><dd>${scenario.strategies.map((strategy, index) => html`${index > 0 ? ', ' : ''}<code>${strategy.name}${Object.keys(strategy.options).length === 0 ? '' : ` ${JSON.stringify(strategy.options)}`}</code>${strategy.module === undefined ? '' : html` (module <code>${strategy.module}</code>)`}${strategy.strategy === undefined ? '' : html` (built-in <code>${strategy.strategy}</code>)`}`)}</dd>
${defaultsFacts(scenario)}
<dt>Catalog</dt><dd>${scenario.catalog === undefined ? 'bundled (fixtures/catalog.json)' : scenario.catalog}</dd>
</dl>
${replayNote(scenario)}
${
  results.faults.length === 0
    ? html`${healthSentences(results).map((sentence) => html`<p>${sentence}</p>`)}`
    : html`<div class="table-wrap"><table class="data compact"><thead><tr><th scope="col">fault</th><th scope="col">virtual time</th><th scope="col">length</th><th scope="col"></th></tr></thead><tbody>${results.faults.map(faultRow)}</tbody></table></div>`
}`;
}
