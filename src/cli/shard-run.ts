/**
 * `simulate --shard i/n`: run one shard's share of the work (src/run/shard-run.ts) into a shard
 * folder (src/report/shard-folder.ts), staged and swapped in whole like a run folder. No metrics
 * and no thresholds here: `routesim merge` computes them over every shard.
 */
import type { DecisionsFormat } from '../report/decisions-csv.ts';
import { beginRunFolder, runFolderError } from '../report/run-folder.ts';
import { shardDecisionParts, shardResultsWriter, writeShardManifest } from '../report/shard-folder.ts';
import type { ShardSpec } from '../run/shard-plan.ts';
import { simulateShard } from '../run/shard-run.ts';
import type { LoadedScenario } from '../run/simulate-inputs.ts';
import type { EngineKind } from '../run/unit-runner.ts';
import type { CommandIo } from './command-io.ts';

export interface ShardCommandOptions {
  scenario: LoadedScenario;
  shard: ShardSpec;
  outDir: string;
  decisions: DecisionsFormat;
  engine: EngineKind;
  strategies?: readonly string[];
  /** --seeds k. @default the scenario's */
  seeds?: number;
  blockMs?: number;
  robustness: boolean;
  /** false: --no-research. @default true */
  research?: boolean;
  quiet: boolean;
  /** @default 1 */
  workers?: number;
  /** --route-budget, ms. @default the pool's */
  routeBudgetMs?: number;
  /** --timeout, ms. @default no limit */
  timeoutMs?: number;
}

export async function runShardCommand(io: CommandIo, options: ShardCommandOptions): Promise<void> {
  const folder = beginRunFolder(options.outDir);
  // results.bin is written run by run while the shard runs; the manifest last, once it is whole.
  let results: ReturnType<typeof shardResultsWriter> | undefined;
  try {
    results = shardResultsWriter(folder.stageDir);
    const outcome = await simulateShard({
      results,
      scenario: options.scenario,
      shard: options.shard,
      decisions: options.decisions,
      engine: options.engine,
      robustness: options.robustness,
      ...(options.research === false ? { research: false } : {}),
      wallClock: () => performance.now(),
      ...(options.decisions === 'none'
        ? {}
        : { decisionParts: shardDecisionParts(folder.stageDir, options.decisions) }),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.routeBudgetMs === undefined ? {} : { routeBudgetMs: options.routeBudgetMs }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.strategies === undefined ? {} : { strategies: options.strategies }),
      ...(options.seeds === undefined ? {} : { seeds: options.seeds }),
      ...(options.blockMs === undefined ? {} : { blockMs: options.blockMs }),
    });
    results.close();
    results = undefined;
    writeShardManifest(folder.stageDir, outcome);
    folder.commit();
    if (!options.quiet) {
      const { manifest } = outcome;
      const { index, count } = manifest.shard;
      io.stdout(
        `shard ${index}/${count}: ran ${manifest.assigned.length} of ${manifest.work.length} pieces of work (${outcome.contents.units.length} of ${manifest.units.length} units); wrote ${options.outDir}\n` +
          `merge all ${count} with: routesim merge <shard folders…> --out <run folder>\n`,
      );
    }
  } catch (error) {
    results?.close();
    folder.abort();
    throw runFolderError(error, options.outDir, folder.stageDir);
  }
}
