/**
 * Atomic file output: write to a temp file in the same directory, then rename over the target.
 * A rename within one directory is atomic on POSIX file systems, so a reader (or a CI job that
 * keeps the previous run as a baseline) sees the old file or the new one, never half of one.
 */
import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Suffix of in-progress files; an interrupted run may leave one behind, never a half target. */
export const TEMP_SUFFIX = '.partial';

let sequence = 0;

/** A temp path next to `path`, unique within this process (pid + counter). */
export function tempPathFor(path: string): string {
  sequence += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${sequence}${TEMP_SUFFIX}`);
}

/** Write `data` to `path` atomically, creating the directory when needed. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** A streamed file that only appears under its name once `commit()` resolves. */
export interface AtomicStream {
  /** The underlying stream; write with backpressure (`write` returning false → wait for 'drain'). */
  readonly stream: WriteStream;
  /** Write a chunk, waiting for the stream to drain when its buffer is full. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flush, close and rename into place. */
  commit(): Promise<void>;
  /** Close and delete the temp file (after a failure). */
  abort(): Promise<void>;
}

export function createAtomicStream(path: string): AtomicStream {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  const stream = createWriteStream(temp);
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  const close = () =>
    new Promise<void>((resolve, reject) => {
      if (stream.closed) {
        if (failure === undefined) resolve();
        else reject(failure);
        return;
      }
      stream.end(() => (failure === undefined ? resolve() : reject(failure)));
      stream.once('error', reject);
    });
  return {
    stream,
    write: (chunk) => {
      if (failure !== undefined) return Promise.reject(failure);
      if (stream.write(chunk)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const onDrain = () => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (error: Error) => {
          stream.off('drain', onDrain);
          reject(error);
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    },
    commit: async () => {
      await close();
      renameSync(temp, path);
    },
    abort: async () => {
      await close().catch(() => undefined);
      rmSync(temp, { force: true });
    },
  };
}
