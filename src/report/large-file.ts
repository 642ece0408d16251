/**
 * Whole-buffer file I/O that holds past 2 GiB. A month at production volume writes runs and
 * columns of several GiB: `fs.readFileSync` refuses a file over 2 GiB (ERR_FS_FILE_TOO_LARGE),
 * `fs.readSync` and `fs.writeSync` refuse a length over 2^31 − 1 (ERR_OUT_OF_RANGE), and one
 * write() on Linux moves at most 0x7ffff000 bytes, returning the count — a caller that ignores it
 * truncates silently just under 2 GiB. These helpers move bytes in pieces and loop until every
 * byte is moved.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

/** @default 1 GiB: below every limit above; a parameter so tests can exercise the loop. */
const PIECE_BYTES = 2 ** 30;

/** Write every byte of `bytes` at the fd's current position. */
export function writeAll(fd: number, bytes: Uint8Array, pieceBytes = PIECE_BYTES): void {
  let done = 0;
  while (done < bytes.byteLength) {
    done += writeSync(fd, bytes, done, Math.min(pieceBytes, bytes.byteLength - done));
  }
}

/**
 * `length` bytes from `position` of `fd`, into `into` (its first `length` bytes) when given.
 * Throws when the file ends first, naming `what` and the byte where it ended.
 */
export function readExactly(
  fd: number,
  position: number,
  length: number,
  what: string,
  into?: Buffer,
  pieceBytes = PIECE_BYTES,
): Buffer {
  const buffer = into === undefined ? Buffer.allocUnsafe(length) : into.subarray(0, length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, Math.min(pieceBytes, length - done), position + done);
    if (read === 0) throw new Error(`${what} ends early (at byte ${position + done})`);
    done += read;
  }
  return buffer;
}

/** The whole of the file at `path`, of any size the Buffer type allows. */
export function readWholeFile(path: string, pieceBytes = PIECE_BYTES): Buffer {
  const fd = openSync(path, 'r');
  try {
    return readExactly(fd, 0, fstatSync(fd).size, path, undefined, pieceBytes);
  } finally {
    closeSync(fd);
  }
}
