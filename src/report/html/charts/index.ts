/**
 * Every chart of the report, as vega-lite specs built only from results.json, with the caption
 * that explains how to read it. Rendering to SVG is render.ts's job.
 */
import type { TopLevelSpec } from 'vega-lite';
import { researchRan } from '../../../metrics/research-not-run.ts';
import type { ResultsDocument } from '../results-document.ts';
import { apgrOverOneCaption, apgrSpec, drawableKnobbed } from './apgr.ts';
import { costQualitySpec } from './cost-quality.ts';
import { judgeEpsilonSpec } from './judge-epsilon.ts';
import { latencySpec } from './latency.ts';
import { modelShareSpec } from './model-share.ts';
import { overTimeSpec } from './over-time.ts';
import { strategyColour } from './theme.ts';

export interface ChartDefinition {
  /** Stable element id, e.g. "chart-cost-quality". */
  id: string;
  title: string;
  /** How to read the chart, plain text. */
  caption: string;
  spec: TopLevelSpec;
}

export function chartDefinitions(results: ResultsDocument): ChartDefinition[] {
  const strategies = results.strategies.filter((strategy) => strategy.kind === 'strategy');
  const names = strategies.map((strategy) => strategy.name);
  const colourOf = (name: string) => {
    const index = names.indexOf(name);
    return strategyColour(index < 0 ? names.length : index);
  };
  const charts: ChartDefinition[] = [
    {
      id: 'chart-cost-quality',
      title: 'Cost vs quality',
      caption: researchRan(results.research)
        ? 'Each large dot is a strategy as configured, small dots are its knob sweep, grey squares are single models. ' +
          'Lines are each strategy’s non-decreasing convex hull (NDCH); the dashed line is the zero router (mixtures of single models) — a router below it has learned nothing. ' +
          'The diamond is the oracle: the best any routing could do on this traffic. Up and to the left is better.'
        : 'Each dot is a strategy as configured (a grey square: the reference’s single model, when the scenario does not run it). ' +
          'This run did not run the research units (simulate --no-research), so there are no knob sweeps, hulls or zero router. ' +
          'The diamond is the oracle: the best any routing could do on this traffic. Up and to the left is better.',
      spec: costQualitySpec(results, names),
    },
    {
      id: 'chart-latency',
      title: 'Latency distribution',
      caption:
        'End-to-end latency of answered requests (queueing, retries, escalations and fallbacks included): the bar spans p50 to p95, the thin line reaches p99; dots mark each quantile.',
      spec: latencySpec(strategies),
    },
    {
      id: 'chart-over-time',
      title: 'Cost, errors and p95 latency over virtual time',
      caption:
        results.faults.length === 0
          ? `Per ${Math.round(results.window.ms / 60_000)}-minute window of virtual time, by arrival. This scenario has no fault windows.`
          : `Per ${Math.round(results.window.ms / 60_000)}-minute window of virtual time, by arrival. Shaded bands are fault windows (outages, 429 storms, slowdowns) from the scenario.`,
      spec: overTimeSpec(strategies, results.faults, results.durationMs, results.window.ms),
    },
    {
      id: 'chart-model-share',
      title: 'Model share',
      caption:
        'Which model gave the final answer, as a share of each strategy’s answered requests; the oracle row shows the cheapest correct choice per request.',
      spec: modelShareSpec(
        [
          ...strategies.map((strategy) => ({ label: strategy.name, modelShare: strategy.modelShare })),
          { label: 'oracle', modelShare: results.oracle.modelShare },
        ],
        results.scenario.models,
      ),
    },
  ];
  const { research } = results;
  if (!researchRan(research)) return charts;
  if (drawableKnobbed(research.knobbed).length > 0) {
    charts.push({
      id: 'chart-apgr',
      title: 'APGR: quality gained per share of strong-model calls',
      caption:
        'For each knobbed strategy, sweeping its threshold trades strong-model calls (c) for recovered quality (PGR = share of the weak→strong quality gap closed). ' +
        'The area under the curve is APGR; the dashed diagonal is a random router (≈ 0.5). ' +
        apgrOverOneCaption(research.knobbed),
      spec: apgrSpec(research.knobbed, colourOf),
    });
  }
  const study = research.judgeEpsilon;
  if (study !== undefined) {
    charts.push({
      id: 'chart-judge-epsilon',
      title: `Judge ε study: quality and cost of ${study.strategy} against the judge’s ε`,
      caption:
        `${study.strategy} re-run over the first ${study.count.toLocaleString('en-US')} requests at each ε (the chance the judge ${study.judgeModel}’s verdict is flipped), same requests and draws at every point. ` +
        'A flipped verdict either accepts a wrong cheap answer (quality falls) or escalates a right one (cost rises, and the stronger model may be wrong too). The dashed line marks the ε this scenario runs.',
      spec: judgeEpsilonSpec(study, colourOf(study.strategy)),
    });
  }
  return charts;
}
