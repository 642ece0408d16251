/**
 * A long in-process stream is encoded in chunks of at most CHUNK_MAX_REQUESTS (stream-share.ts):
 * one chunk interned every distinct string in one Map, and V8 caps a Map at 2^24 entries, which a
 * month at 1 M requests a day passes. Here the cap is made 100 requests against ≈ 1,200, so the
 * stream spans a dozen chunks and readers are dropped and made again (stream-window.ts): the
 * requests and the stream facts (hash, ids, columns) must be those of one whole chunk. Such chunks
 * are kept deflated, in a spill file removed from its directory as soon as it is opened
 * (stream-pack.ts).
 */
import { existsSync, fstatSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RoutesimError } from '../src/errors.ts';
import { loadSimulationScenario, preparedFrom } from '../src/run/simulate-inputs.ts';
import { chunkOf, openStreamSpill, packChunk, spillChunk } from '../src/run/stream-pack.ts';
import { CHUNK_MAX_REQUESTS, chunkRanges, encodeRequests } from '../src/run/stream-share.ts';
import { sharedStream } from '../src/run/stream-window.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';

const SMALL = new URL('./fixtures/simulate/small.yaml', import.meta.url).pathname;
const serialised = (value: unknown) => JSON.stringify(value);
const spillRoot = mkdtempSync(join(tmpdir(), 'routesim-spill-test-'));
afterAll(() => rmSync(spillRoot, { recursive: true, force: true }));

/** This process's open files in `directory`, removed or not, and their sizes (Linux: /proc; elsewhere undefined). */
function openFilesIn(directory: string): { path: string; size: number }[] | undefined {
  if (!existsSync('/proc/self/fd')) return undefined;
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const path = readlinkSync(`/proc/self/fd/${fd}`);
      return path.startsWith(`${directory}/`) ? [{ path, size: fstatSync(Number(fd)).size }] : [];
    } catch {
      return []; // closed meanwhile (the directory listing's own descriptor)
    }
  });
}

describe('chunkRanges', () => {
  it('keeps the slices asked for and splits them below the cap', () => {
    expect(chunkRanges(10, 2)).toEqual([
      { from: 0, to: 5 },
      { from: 5, to: 10 },
    ]);
    expect(chunkRanges(10, 1, 4)).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 6 },
      { from: 6, to: 10 },
    ]);
    const month = chunkRanges(30_000_000, 2);
    expect(month.length).toBe(Math.ceil(30_000_000 / CHUNK_MAX_REQUESTS));
    expect(Math.max(...month.map((range) => range.to - range.from))).toBeLessThanOrEqual(CHUNK_MAX_REQUESTS);
    expect(month.at(-1)?.to).toBe(30_000_000);
  });
});

describe('packChunk', () => {
  it('deflates a chunk to well under its size and inflates it to the same arrays', () => {
    const generator = requestStreamFromScenario(loadSimulationScenario(SMALL).scenario);
    const chunk = encodeRequests(generator, 0, generator.count)!;
    const packed = packChunk(chunk);
    const size = (arrays: ArrayBufferView[]) => arrays.reduce((sum, array) => sum + array.byteLength, 0);
    const { from: _from, to: _to, ...arrays } = chunk;
    expect(size(Object.values(packed.packed))).toBeLessThan(size(Object.values(arrays)) / 2);
    const back = chunkOf(packed);
    expect(back).toEqual({ ...chunk });
    expect(chunkOf(chunk)).toBe(chunk);
  });

  it('spills packed chunks to a file that leaves nothing in its directory, and reads each back', () => {
    const generator = requestStreamFromScenario(loadSimulationScenario(SMALL).scenario);
    const chunks = [encodeRequests(generator, 0, 500)!, encodeRequests(generator, 500, generator.count)!];
    const directory = mkdtempSync(join(spillRoot, 'pack-'));
    const spill = openStreamSpill(directory);
    expect(readdirSync(directory)).toEqual([]);
    const spilled = chunks.map((chunk) => spillChunk(spill, packChunk(chunk)));
    const packedBytes = chunks.reduce(
      (sum, chunk) =>
        sum + Object.values(packChunk(chunk).packed).reduce((bytes, array) => bytes + array.length, 0),
      0,
    );
    expect(spill.size).toBe(packedBytes);
    expect(spilled[1]?.offset).toBe(
      spilled[0]!.offset + Object.values(spilled[0]!.lengths).reduce((a, b) => a + b),
    );
    // Out of order, and twice: each read stands alone.
    for (const at of [1, 0, 1]) expect(chunkOf(spilled[at]!)).toEqual({ ...chunks[at]! });
    expect(readdirSync(directory)).toEqual([]);
  });

  it('says which directory could not take the spill file, and that TMPDIR moves it', () => {
    const missing = join(spillRoot, 'no-such-directory');
    let thrown: unknown;
    try {
      openStreamSpill(missing);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RoutesimError);
    expect((thrown as RoutesimError).exitCode).toBe(1);
    expect((thrown as Error).message).toContain(`in ${missing} (ENOENT)`);
    expect((thrown as Error).message).toContain('set TMPDIR');
  });
});

describe('sharedStream over many chunks', () => {
  it('drops and remakes chunk readers as units move through them, decoding the same requests', () => {
    const generator = requestStreamFromScenario(loadSimulationScenario(SMALL).scenario);
    const chunks = chunkRanges(generator.count, 1, 100).map(
      ({ from, to }) => encodeRequests(generator, from, to)!,
    );
    expect(chunks.length).toBeGreaterThan(10);
    const stream = sharedStream(chunks, generator.arrivals, { windowRequests: 32 });
    for (const index of [0, 1, 99, 100, 101, 250, 1000, 3, 150, 999, generator.count - 1, 0]) {
      expect(serialised(stream.get(index))).toBe(serialised(generator.get(index)));
    }
  });
});

describe('an in-process stream above the memo budget', () => {
  it('encoded in many chunks replays the generator exactly, back and forth, with the same facts', () => {
    const { scenario } = loadSimulationScenario(SMALL);
    const generator = requestStreamFromScenario(scenario);
    const tiers = scenario.traffic.tiers.map((tier) => tier.name);
    const spillDirectory = mkdtempSync(join(spillRoot, 'prepared-'));
    const chunked = preparedFrom(requestStreamFromScenario(scenario), undefined, {
      maxRequests: 10,
      windowRequests: 32,
      chunkRequests: 100,
      spillDirectory,
    });
    // The chunks went to a spill file, already gone from the directory but open in this process.
    expect(readdirSync(spillDirectory)).toEqual([]);
    const open = openFilesIn(spillDirectory);
    if (open !== undefined) {
      expect(open).toEqual([
        { path: expect.stringMatching(/routesim-stream-.*\(deleted\)$/), size: expect.any(Number) },
      ]);
      expect(open[0]!.size).toBeGreaterThan(50_000); // ≈ 1,200 requests packed
    }
    const whole = preparedFrom(requestStreamFromScenario(scenario), undefined, {
      maxRequests: 10,
      windowRequests: 32,
    });
    const count = generator.count;
    expect(count).toBeGreaterThan(1000);
    for (let index = 0; index < count; index++) {
      expect(serialised(chunked.stream.get(index))).toBe(serialised(generator.get(index)));
    }
    // Back to chunks whose readers were dropped, then forward again.
    for (const index of [0, 150, count - 1, 5, 420]) {
      expect(serialised(chunked.stream.get(index))).toBe(serialised(generator.get(index)));
    }
    const facts = chunked.facts(tiers);
    const wholeFacts = whole.facts(tiers);
    expect(facts.sha256).toBe(wholeFacts.sha256);
    expect(facts.requestIds).toEqual(wholeFacts.requestIds);
    expect(facts.requests).toEqual(wholeFacts.requests);
  });
});
