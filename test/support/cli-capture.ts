import { main } from '../../src/cli/main.ts';
/** A CommandIo for `main(argv, io)` that records what a command prints, for CLI tests. */
export function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) },
    out,
    err,
  };
}

/** Run the CLI in-process (`main(argv, io)`) and collect its exit status, stdout and stderr. */
export async function runMain(
  ...argv: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { io, out, err } = captureIo();
  const status = await main(argv, io);
  return { status, stdout: out.join(''), stderr: err.join('') };
}
