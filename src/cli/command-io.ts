/**
 * What the CLI hands its commands: where to print and how to report an exit code, and the shape
 * of a command module's factory. A leaf module, so that `main.ts`, `program.ts`, the command map
 * and every command can import these types without importing one another (they used to reach
 * them through `main.ts` and `commands/index.ts`, which closed an import cycle through the map).
 */
import type { Command } from 'commander';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard error is a terminal: progress lines may be drawn there. @default false */
  stderrIsTerminal?: boolean;
}

/**
 * What a command's action gets: the io plus a way to report its exit code. Commands never set
 * the process-global `process.exitCode`, so `main` can run many times in one process (tests).
 */
export interface CommandIo extends CliIo {
  /** The exit code `main` returns when the action finishes without throwing. @default 0 */
  setExitCode: (code: number) => void;
}

/**
 * A command module's export: builds its commander Command. Commands report their exit code
 * through `io.setExitCode`, never `process.exitCode`.
 */
export type CommandFactory = (io: CommandIo) => Command;
