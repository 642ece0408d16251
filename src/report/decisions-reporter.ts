/** The decisions.csv reporter: one part file per scenario-strategy unit, joined in plan order. */
import type { RequestColumns } from '../engine/types.ts';
import { createDecisionLog, type DecisionLog, type DecisionSink } from './decisions-csv.ts';
import type { Reporter, UnitInfo } from './types.ts';

export function decisionsReporter(
  outDir: string,
  tiers: readonly string[],
  requestColumns: () => RequestColumns,
): Reporter {
  let log: DecisionLog | undefined;
  const sinks = new Map<string, DecisionSink>();
  const logged: string[] = [];
  const tierOf = (index: number) => tiers[requestColumns().tier[index] ?? -1] ?? '';
  const ensureLog = () => {
    log ??= createDecisionLog(outDir, tierOf);
    return log;
  };
  return {
    onDecisionPart(unit, path) {
      ensureLog().adopt(unit.label, path);
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
