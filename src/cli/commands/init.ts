/**
 * `routesim init [dir]`: set routesim up in the user's own repository — a starter scenario for
 * their models, a router stub importing `routesim`, a GitHub Actions workflow, and a first
 * baseline made by running the scenario once, so the workflow passes on its first run. Never
 * overwrites a file without --force; every conflict and unknown model is reported at once (exit 2).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { ExitCode, RoutesimError, UsageError } from '../../errors.ts';
import { starterModels } from '../../init/starter-models.ts';
import { starterRouter } from '../../init/starter-router.ts';
import { STARTER_PATHS, starterScenario } from '../../init/starter-scenario.ts';
import { starterWorkflow } from '../../init/starter-workflow.ts';
import { writeFileAtomic } from '../../report/atomic-write.ts';
import { loadCatalog } from '../../world/catalog.ts';
import type { CommandFactory, CommandIo } from '../command-io.ts';

interface InitFlags {
  models?: string;
  force?: boolean;
  baseline: boolean;
}

/** The files of a run that `compare` reads (results.json, columns.bin) and one for people. */
const BASELINE_FILES = ['results.json', 'columns.bin', 'summary.md'] as const;

/** The `routesim` command itself: bin/ sits two levels above src/cli/commands and dist/cli/commands. */
const BIN = fileURLToPath(new URL('../../../bin/routesim.js', import.meta.url));

export const initCommand: CommandFactory = (io: CommandIo) =>
  new Command('init')
    .description(
      'Set routesim up in this repository: a starter scenario, a router stub, a GitHub Actions workflow and a first baseline',
    )
    .argument('[dir]', 'the repository root', '.')
    .option(
      '--models <ids>',
      'your models, comma-separated catalog ids (default: gpt-4o-mini, gpt-4o, claude-haiku-4-5, claude-sonnet-4)',
    )
    .option('--force', 'replace files that already exist')
    .option(
      '--no-baseline',
      'do not run the scenario now; the workflow passes without a baseline until one is committed',
    )
    .action((dir: string, flags: InitFlags) => {
      const root = resolve(dir);
      const requested = (flags.models ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
      const chosen = starterModels(loadCatalog(), requested);
      if (!chosen.ok) throw new UsageError(`--models: ${chosen.problems.join('\n--models: ')}`);

      const files: [path: string, text: string][] = [
        [STARTER_PATHS.scenario, starterScenario(chosen.models, chosen.providers)],
        [STARTER_PATHS.router, starterRouter(chosen.models)],
        [STARTER_PATHS.workflow, starterWorkflow({ lockfile: existsSync(join(root, 'package-lock.json')) })],
      ];
      const targets = [...files.map(([path]) => path), ...(flags.baseline ? [STARTER_PATHS.baseline] : [])];
      const existing = targets.filter((path) => existsSync(join(root, path)));
      if (existing.length > 0 && flags.force !== true) {
        throw new UsageError(
          `routesim init: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} in ${root}; nothing was written (--force replaces them)`,
        );
      }

      io.stdout(
        `routesim init: ${chosen.models.length} models from ${chosen.providers.size} provider(s): ${chosen.models.join(', ')}\n`,
      );
      for (const [path, text] of files) {
        writeFileAtomic(join(root, path), text);
        io.stdout(`  wrote ${path}\n`);
      }
      if (flags.baseline) makeBaseline(root, io);
      else
        io.stdout(
          `  no baseline yet (--no-baseline): the workflow's compare step passes and says so until ${STARTER_PATHS.baseline}/ is committed\n`,
        );
      io.stdout(nextSteps(flags.baseline));
    });

/** Run the starter scenario once and keep the files `compare` reads as the baseline. */
function makeBaseline(root: string, io: CommandIo): void {
  const out = mkdtempSync(join(tmpdir(), 'routesim-init-'));
  try {
    const args = ['simulate', STARTER_PATHS.scenario, '--out', out, '--quiet'];
    io.stdout(`  making the first baseline: routesim ${args.slice(0, 2).join(' ')} …\n`);
    const run = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8' });
    if (run.status !== ExitCode.ok) {
      const detail = `${run.stderr ?? ''}${run.error === undefined ? '' : run.error.message}`.trim();
      throw new RoutesimError(
        run.status === ExitCode.threshold ? 'threshold' : 'runtime',
        `routesim init: the starter files are written, but the first run of ${STARTER_PATHS.scenario} failed (exit ${run.status}):\n${detail}\n` +
          `Is routesim installed in this repository (npm i -D routesim)? Then make the baseline with:\n` +
          `  npx routesim simulate ${STARTER_PATHS.scenario} --out ${STARTER_PATHS.baseline}`,
      );
    }
    const baseline = join(root, STARTER_PATHS.baseline);
    rmSync(baseline, { recursive: true, force: true });
    mkdirSync(baseline, { recursive: true });
    for (const file of BASELINE_FILES) copyFileSync(join(out, file), join(baseline, file));
    io.stdout(`  wrote ${relative(root, baseline)}/ (${BASELINE_FILES.join(', ')})\n`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function nextSteps(baseline: boolean): string {
  const paths = ['routesim', STARTER_PATHS.workflow].join(' ');
  return `
Next:
  npx routesim simulate ${STARTER_PATHS.scenario}     # run it yourself (report in reports/scenario/)
  git add ${paths} && git commit -m "routesim: starter scenario, router, CI workflow${baseline ? ' and baseline' : ''}"
On every pull request the workflow simulates, compares with ${STARTER_PATHS.baseline}/, writes the job summary
and comments on the pull request. Refresh the baseline on purpose: node_modules/routesim/docs/ci/README.md
`;
}
