/**
 * `routesim validate <file...>`: check scenario files without running them. Prints
 * "✓ <file>: valid (…)" per good file and every problem of each bad one; exit 0 when all are
 * valid, 2 otherwise. Never a stack trace for a bad file.
 */
import { Command } from 'commander';
import { ExitCode, InputError } from '../../errors.ts';
import { formatDuration } from '../../scenario/durations.ts';
import { expectedRequestCount } from '../../scenario/expected-load.ts';
import { loadScenarioFile } from '../../scenario/load.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { CommandIo } from '../main.ts';
import type { CommandFactory } from './index.ts';

const DAY_MS = 86_400_000;

export const validateCommand: CommandFactory = (io: CommandIo) =>
  new Command('validate')
    .description('Check scenario files (YAML or JSON) and report every problem with its line')
    .argument('<file...>', 'scenario files')
    .action((files: string[]) => {
      let failed = false;
      for (const file of files) {
        try {
          io.stdout(`✓ ${file}: valid (${summarise(loadScenarioFile(file))})\n`);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          failed = true;
          io.stderr(`${error.message}\n`);
        }
      }
      io.setExitCode(failed ? ExitCode.input : ExitCode.ok);
    });

/**
 * "≈ 112,320 requests/day expected, 12 models from 6 providers, 9 strategies"; a run that is
 * not one day long also gives its own total: "≈ 56,700 requests expected over 12h (113,400/day)".
 */
export function summarise(scenario: Scenario): string {
  const expected = expectedRequestCount(scenario.traffic.arrival, scenario.durationMs);
  const perDay = (expected * DAY_MS) / scenario.durationMs;
  const count = (value: number) => Math.round(value).toLocaleString('en-US');
  const load =
    scenario.durationMs === DAY_MS || !Number.isInteger(scenario.durationMs)
      ? `≈ ${count(perDay)} requests/day expected`
      : `≈ ${count(expected)} requests expected over ${formatDuration(scenario.durationMs)} (${count(perDay)}/day)`;
  const providers = Object.keys(scenario.providers).length;
  return [
    load,
    `${scenario.models.length} model${scenario.models.length === 1 ? '' : 's'} from ${providers} provider${providers === 1 ? '' : 's'}`,
    `${scenario.strategies.length} strateg${scenario.strategies.length === 1 ? 'y' : 'ies'}`,
  ].join(', ');
}
