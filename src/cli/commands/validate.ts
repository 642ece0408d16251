/**
 * `routesim validate <file...>`: check scenario files without running them. Prints
 * "✓ <file>: valid (…)" per good file and every problem of each bad one; exit 0 when all are
 * valid, 2 otherwise. Never a stack trace for a bad file. A replay scenario's file is read and
 * parsed too (its problems are the scenario's), and its load is the replayed request count, not
 * the arrival process's expectation.
 */
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { escapeControl } from '../../control-characters.ts';
import { ExitCode, InputError } from '../../errors.ts';
import { buildRunStrategies } from '../../scenario/check-strategy-options.ts';
import { formatDuration } from '../../scenario/durations.ts';
import { expectedRequestCount } from '../../scenario/expected-load.ts';
import { loadScenarioFile } from '../../scenario/load.ts';
import type { Scenario } from '../../scenario/types.ts';
import { replayStreamFromScenario } from '../../traffic/replay/load.ts';
import type { ReplayInfo } from '../../traffic/replay/types.ts';
import type { CommandFactory, CommandIo } from '../command-io.ts';

const DAY_MS = 86_400_000;

export const validateCommand: CommandFactory = (io: CommandIo) =>
  new Command('validate')
    .description('Check scenario files (YAML or JSON) and report every problem with its line')
    .argument('<file...>', 'scenario files')
    .action(async (files: string[]) => {
      let failed = false;
      for (const file of files) {
        try {
          const scenario = loadScenarioFile(file);
          // User modules are imported and built as simulate does (built-ins were checked in loading).
          if (scenario.strategies.some((config) => config.module !== undefined)) {
            await buildRunStrategies(scenario, file, dirname(resolve(file)));
          }
          const replay =
            scenario.traffic.replay === undefined ? undefined : replayStreamFromScenario(scenario).replay;
          io.stdout(`✓ ${escapeControl(file)}: valid (${escapeControl(summarise(scenario, replay))})\n`);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          failed = true;
          io.stderr(`${error.message}\n`);
        }
      }
      io.setExitCode(failed ? ExitCode.input : ExitCode.ok);
    });

const count = (value: number) => Math.round(value).toLocaleString('en-US');

/**
 * "≈ 112,320 requests/day expected, 12 models from 6 providers, 9 strategies"; a run that is
 * not one day long also gives its own total: "≈ 56,700 requests expected over 12h (113,400/day)".
 * A replay (`replay` from its stream) gives the exact count instead: "12 requests replayed over
 * 10m (12 of 12 log lines, times from the log)".
 */
export function summarise(scenario: Scenario, replay?: ReplayInfo): string {
  const load = replay === undefined ? expectedLoad(scenario) : replayedLoad(scenario, replay);
  const providers = Object.keys(scenario.providers).length;
  return [
    load,
    `${scenario.models.length} model${scenario.models.length === 1 ? '' : 's'} from ${providers} provider${providers === 1 ? '' : 's'}`,
    `${scenario.strategies.length} strateg${scenario.strategies.length === 1 ? 'y' : 'ies'}`,
  ].join(', ');
}

function expectedLoad(scenario: Scenario): string {
  const expected = expectedRequestCount(scenario.traffic.arrival, scenario.durationMs);
  const perDay = (expected * DAY_MS) / scenario.durationMs;
  return scenario.durationMs === DAY_MS || !Number.isInteger(scenario.durationMs)
    ? `≈ ${count(perDay)} requests/day expected`
    : `≈ ${count(expected)} requests expected over ${formatDuration(scenario.durationMs)} (${count(perDay)}/day)`;
}

/** The replayed count, of how many items in the source, and where times and outcomes come from. */
function replayedLoad(scenario: Scenario, replay: ReplayInfo): string {
  const split = replay.split;
  const items =
    replay.format === 'openai-log'
      ? 'log lines'
      : split === undefined
        ? 'prompts'
        : `prompts in the ${split.part} part of split ${split.share} (seed ${split.seed})`;
  const times = replay.times === 'log' ? 'times from the log' : 'times from traffic.arrival';
  const outcomes =
    replay.outcomes === 'table'
      ? ', outcomes from the table'
      : replay.outcomes === 'labels'
        ? `, ${count(replay.labelledRequests)} with recorded outcomes`
        : '';
  const duration = Number.isInteger(scenario.durationMs)
    ? ` over ${formatDuration(scenario.durationMs)}`
    : '';
  return (
    `${count(replay.replayed)} request${replay.replayed === 1 ? '' : 's'} replayed${duration} ` +
    `(${count(replay.replayed)} of ${count(replay.itemsInSource)} ${items}, ${times}${outcomes})`
  );
}
