/**
 * Every CLI command, one module each, in one map. A command module exports a
 * factory that returns a commander Command; its action does I/O and calls the core.
 */
import type { Command } from 'commander';
import type { CliIo } from '../main.ts';
import { modelsCommand } from './models-import.ts';
import { validateCommand } from './validate.ts';

export type CommandFactory = (io: CliIo) => Command;

export const commands: Record<string, CommandFactory> = {
  models: modelsCommand,
  validate: validateCommand,
};
