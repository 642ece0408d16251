#!/usr/bin/env node
import { main } from './main.ts';

// A router module's code runs in this process: if it calls process.exit() before the command has
// finished (its top level, a factory), the run must not end "successfully" with no files.
let finished = false;
process.on('exit', () => {
  if (finished) return;
  process.stderr.write(
    'routesim: the process was ended by process.exit() before the command finished (a router module’s code?)\n',
  );
  process.exitCode = 1;
});
const exitCode = await main(process.argv.slice(2));
finished = true;
// Exit now: a router's real timer or open handle (in this thread) must not keep a finished run alive.
process.exit(exitCode);
