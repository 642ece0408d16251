import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExactly, readWholeFile, writeAll } from '../src/report/large-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'routesim-large-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TWO_GIB = 2 ** 31;

describe('large-file I/O', () => {
  it('moves every byte in pieces, whatever the piece size', () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
    const path = join(dir, 'pieces.bin');
    const fd = openSync(path, 'w');
    writeAll(fd, bytes, 3);
    writeAll(fd, bytes.subarray(0, 10), 1000);
    closeSync(fd);
    expect(readFileSync(path)).toEqual(Buffer.concat([bytes, bytes.subarray(0, 10)]));
    expect(readWholeFile(path, 7)).toEqual(Buffer.concat([bytes, bytes.subarray(0, 10)]));
    const reading = openSync(path, 'r');
    try {
      expect(readExactly(reading, 995, 10, 'pieces.bin', undefined, 4)).toEqual(
        Buffer.concat([bytes.subarray(995), bytes.subarray(0, 5)]),
      );
      expect(() => readExactly(reading, 1005, 10, 'pieces.bin')).toThrow(
        'pieces.bin ends early (at byte 1010)',
      );
    } finally {
      closeSync(reading);
    }
  });

  // The sizes a month at production volume reaches: one write() moves at most 0x7ffff000 bytes on
  // Linux, and fs.readFileSync refuses a file over 2 GiB. One buffer, written and read back whole.
  it('writes a buffer past 2 GiB whole and reads it back (readFileSync refuses it)', () => {
    const path = join(dir, 'big.bin');
    const bytes = Buffer.alloc(TWO_GIB + 16);
    bytes.write('last', TWO_GIB + 12);
    const fd = openSync(path, 'w');
    try {
      writeAll(fd, bytes);
      expect(fstatSync(fd).size).toBe(TWO_GIB + 16);
    } finally {
      closeSync(fd);
    }
    expect(() => readFileSync(path)).toThrow(/2 GiB|ERR_FS_FILE_TOO_LARGE|greater than/);
    const whole = readWholeFile(path);
    expect(whole.byteLength).toBe(TWO_GIB + 16);
    expect(whole.subarray(TWO_GIB + 12).toString()).toBe('last');
    rmSync(path);
  });
});
