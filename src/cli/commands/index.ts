/**
 * Every CLI command, one module each, in one map. A command module exports a
 * factory that returns a commander Command; its action does I/O and calls the core.
 */
import type { CommandFactory } from '../command-io.ts';
import { compareCommand } from './compare.ts';
import { drillCommand } from './drill.ts';
import { initCommand } from './init.ts';
import { mergeCommand } from './merge.ts';
import { modelsCommand } from './models-import.ts';
import { reportCommand } from './report.ts';
import { serveCommand } from './serve.ts';
import { simulateCommand } from './simulate.ts';
import { trainCommand } from './train.ts';
import { validateCommand } from './validate.ts';

export const commands: Record<string, CommandFactory> = {
  compare: compareCommand,
  drill: drillCommand,
  init: initCommand,
  merge: mergeCommand,
  models: modelsCommand,
  report: reportCommand,
  serve: serveCommand,
  simulate: simulateCommand,
  train: trainCommand,
  validate: validateCommand,
};
