/**
 * The decision log reporter (decisions.csv, or decisions.csv.gz when `compressed`): one part file per scenario-strategy unit, joined in plan order. On a
 * worker pool the workers write the parts themselves, at paths this reporter hands out, with
 * createDecisionPart of decisions-csv.ts (named by URL: the run imports no reporter).
 */
import type { RequestColumns } from '../engine/types.ts';
import { runtimeModuleUrl } from '../module-url.ts';
import type { Reporter, UnitInfo } from '../run/reporter.ts';
import { createDecisionLog, type DecisionLog, type DecisionSink } from './decisions-csv.ts';

/** The module a worker imports to write decision rows (exports createDecisionPart). */
export const DECISION_PART_WRITER = runtimeModuleUrl('./decisions-csv', import.meta.url).href;

export function decisionsReporter(outDir: string, compressed: boolean): Reporter {
  let log: DecisionLog | undefined;
  const sinks = new Map<string, DecisionSink>();
  const logged: string[] = [];
  // Known at onRunStart, read only when rows are written (after it).
  let tiers: readonly string[] = [];
  let requests: RequestColumns | undefined;
  const tierOf = (index: number) => tiers[requests?.tier[index] ?? -1] ?? '';
  const ensureLog = () => {
    log ??= createDecisionLog(outDir, tierOf, compressed);
    return log;
  };
  return {
    onRunStart(context) {
      tiers = context.scenario.traffic.tiers.map((tier) => tier.name);
      requests = context.requests;
    },
    decisionPartTarget(unit) {
      return { file: ensureLog().reserve(unit.label), writerModule: DECISION_PART_WRITER };
    },
    onDecisionPart(unit) {
      logged.push(unit.label);
    },
    onUnitStart(_index, unit: UnitInfo) {
      if (unit.kind !== 'strategy' || logged.includes(unit.label)) return;
      sinks.set(unit.label, ensureLog().unit(unit.label));
      logged.push(unit.label);
    },
    onDecision(unit, record) {
      sinks.get(unit.label)?.write(record);
    },
    onUnitEnd({ unit }) {
      sinks.get(unit.label)?.end();
      sinks.delete(unit.label);
    },
    onRunEnd(end) {
      const order = end.units.filter((unit) => unit.kind === 'strategy').map((unit) => unit.label);
      ensureLog().commit(order.filter((label) => logged.includes(label)));
    },
    onRunError() {
      for (const sink of sinks.values()) sink.end();
      log?.abort();
    },
  };
}
