import { Command } from 'commander';
import { version } from '../version.ts';
import type { CommandIo } from './command-io.ts';
import { commands } from './commands/index.ts';

export function buildProgram(io: CommandIo): Command {
  const program = new Command('routesim')
    .description('Simulate, compare and report LLM routing strategies against simulated providers.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');
  for (const register of Object.values(commands)) {
    const command = register(io);
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    program.addCommand(command);
  }
  return program;
}
