/**
 * `routesim merge <shard-dir>… --out <dir>`: the shard folders of `simulate --shard i/n` made into
 * the run folder an unsharded `simulate` writes (byte-identical but timings.json). Refuses, exit 2,
 * when the folders are not the n shards of one run (merge-check.ts names every problem). Exit 99
 * when a threshold fails, as simulate.
 */
import { join, relative, resolve, sep } from 'node:path';
import { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { decisionsFileFor } from '../../report/decisions-csv.ts';
import { fileReporters, reporters } from '../../report/index.ts';
import { beginRunFolder, runFolderError } from '../../report/run-folder.ts';
import { readShardFolders } from '../../report/shard-folder.ts';
import { mergeShards } from '../../run/merge.ts';
import { shardProblems } from '../../run/merge-check.ts';
import type { Reporter } from '../../run/reporter.ts';
import { loadSimulationScenario } from '../../run/simulate-inputs.ts';
import type { CommandFactory, CommandIo } from '../command-io.ts';
import { parseInteger } from '../integer-flag.ts';

interface MergeFlags {
  out?: string;
  scenario?: string;
  junit?: string;
  quiet?: boolean;
  workers?: string;
}

export const mergeCommand: CommandFactory = (io: CommandIo) =>
  new Command('merge')
    .description(
      'Combine the shard folders of `simulate --shard i/n` into one run folder, as an unsharded run writes it',
    )
    .argument('<shard-dirs...>', 'every shard folder of the run (1/n … n/n), in any order')
    .requiredOption('--out <dir>', 'output run folder')
    .option('--scenario <file>', "the scenario file, when it is not where the shards' manifest says")
    .option('--junit <file>', 'also write the thresholds as JUnit XML to this file')
    .option(
      '--workers <n>',
      'threads for the paired bootstrap, most of a large merge (default 1); the output is the same',
    )
    .option('--quiet', 'print nothing but errors')
    .action(async (dirs: string[], flags: MergeFlags) => {
      const workers = flags.workers === undefined ? undefined : parseInteger('--workers', flags.workers, 1);
      const outDir = flags.out ?? '';
      if (outDir.trim() === '') throw new UsageError('--out expects a folder, got ""');
      const clash = dirs.find((dir) => resolve(dir) === resolve(outDir));
      if (clash !== undefined)
        throw new UsageError(`--out ${outDir} is one of the shard folders; name a folder of its own`);
      const shards = readShardFolders(dirs);
      const problems = shardProblems(shards);
      if (problems.length > 0) throw new UsageError(problems);
      const manifest = shards[0]?.manifest;
      if (manifest === undefined) throw new UsageError('merge needs at least one shard folder');
      const scenario = loadSimulationScenario(flags.scenario ?? manifest.scenarioFile, manifest.seed);
      const folder = beginRunFolder(outDir);
      const decisionsFile = decisionsFileFor(manifest.decisions);
      const runReporters: Reporter[] = fileReporters({
        outDir: folder.stageDir,
        scenarioDir: scenario.scenarioDir,
        decisions: manifest.decisions,
      });
      if (flags.junit !== undefined) {
        // Inside the run folder it is written into the stage, so it moves in with the run.
        const inside = relative(resolve(outDir), resolve(flags.junit));
        const staged =
          inside === '' || inside.startsWith('..') || inside.startsWith(sep)
            ? flags.junit
            : join(folder.stageDir, inside);
        runReporters.push(reporters.junit(staged));
      }
      runReporters.push({ onRunEnd: () => folder.commit(), onRunError: () => folder.abort() });
      if (flags.quiet !== true) runReporters.push(reporters.console(io.stdout, outDir, decisionsFile));
      let outcome: Awaited<ReturnType<typeof mergeShards>>;
      try {
        outcome = await mergeShards({
          scenario,
          shards,
          reporters: runReporters,
          wallClock: () => performance.now(),
          ...(workers === undefined ? {} : { workers }),
        });
      } catch (error) {
        folder.abort();
        throw runFolderError(error, outDir, folder.stageDir);
      }
      for (const failing of outcome.failing) {
        const percent = ((100 * failing.failed) / failing.requestCount).toFixed(1);
        io.stderr(
          `routesim: strategy "${failing.name}" failed ${failing.failed} of ${failing.requestCount} requests (${percent}%) by its own code — more than the scenario's limits.failedShare ${failing.limit}\n`,
        );
      }
      io.setExitCode(outcome.exitCode);
    });
