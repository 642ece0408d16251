/** The columns.bin reporter: request columns plus each scenario strategy's per-request columns. */
import { join } from 'node:path';
import { DOMAINS } from '../contracts/index.ts';
import { STATUS_NAMES } from '../engine/types.ts';
import type { Reporter } from '../run/reporter.ts';
import { COLUMNS_FILE, type StrategyColumns, writeColumnsFile } from './columns-file.ts';

export function columnsReporter(outDir: string): Reporter {
  return {
    onRunEnd(end) {
      const strategies = new Map<string, StrategyColumns>();
      end.runs.forEach((run, index) => {
        if (end.units[index]?.kind !== 'strategy') return;
        const { cost, score, latency, status } = run.columns;
        strategies.set(run.name, { cost, score, latency, status });
      });
      writeColumnsFile(
        join(outDir, COLUMNS_FILE),
        {
          requestIds: [...end.requestIds],
          arrivalMs: end.requests.arrival,
          domain: end.requests.domain,
          tier: end.requests.tier,
          strategies,
        },
        {
          requestStreamSha256: end.provenance.requestStreamSha256,
          domains: [...DOMAINS],
          tiers: end.scenario.traffic.tiers.map((tier) => tier.name),
          statusNames: [...STATUS_NAMES],
        },
      );
    },
  };
}
