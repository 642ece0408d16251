/**
 * CLI entry: builds the commander program, runs it, maps errors to exit codes.
 * A user error prints its message (every problem at once) and never a stack trace.
 */
import { CommanderError } from 'commander';
import { escapeControlPerLine } from '../control-characters.ts';
import { ExitCode, RoutesimError } from '../errors.ts';
import type { CliIo, CommandIo } from './command-io.ts';
import { buildProgram } from './program.ts';

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTerminal: process.stderr.isTTY === true,
};

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const commandIo: CommandIo = {
    ...io,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = buildProgram(commandIo);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    if (error.exitCode === 0) return ExitCode.ok;
    // commander already printed its message; usage errors are input errors (2), not 1.
    return ExitCode.input;
  }
  // InputError and UsageError text is escaped where it is made; the rest is escaped line by line.
  if (error instanceof RoutesimError) {
    io.stderr(`${escapeControlPerLine(error.message)}\n`);
    return error.exitCode;
  }
  if (isFileSystemError(error)) {
    // A file the user named (e.g. --junit) could not be written: the cause, not a stack trace.
    io.stderr(
      escapeControlPerLine(`routesim: cannot ${error.syscall ?? 'access'} ${error.path}: ${error.code}`) +
        '\n',
    );
    return ExitCode.runtime;
  }
  const message = escapeControlPerLine(
    error instanceof Error ? (error.stack ?? error.message) : String(error),
  );
  io.stderr(`routesim: unexpected failure (a bug — please report it)\n${message}\n`);
  return ExitCode.runtime;
}

const FILE_SYSTEM_CODES = new Set([
  'ENOSPC',
  'EDQUOT',
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOTDIR',
  'EISDIR',
  'EEXIST',
  'ENOENT',
]);

function isFileSystemError(
  error: unknown,
): error is Error & { code: string; path: string; syscall?: string } {
  if (!(error instanceof Error)) return false;
  const { code, path } = error as { code?: unknown; path?: unknown };
  return typeof code === 'string' && FILE_SYSTEM_CODES.has(code) && typeof path === 'string';
}
