/**
 * What keeping a long in-process stream's encoded chunks deflated (src/run/stream-pack.ts) saves
 * and costs: bytes per request of one encoded chunk as encoded and as packed, and the median time
 * to pack it (once per run) and to inflate it (once per unit that reads it), per request. The
 * chunk is the first `--requests` of the month scenario of bench/month-scenario.ts (the default
 * day at 1 M requests a day).
 *
 * Run: `node bench/stream-pack.bench.ts [--requests 100000]`
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { loadSimulationScenario } from '../src/run/simulate-inputs.ts';
import { chunkOf, packChunk } from '../src/run/stream-pack.ts';
import { encodeRequests, type StreamChunk } from '../src/run/stream-share.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { medianRows } from './median-table.ts';
import { monthYaml } from './month-scenario.ts';

const ARRAYS = ['numbers', 'strings', 'messageStarts', 'messages', 'pool', 'poolOffsets'] as const;

export async function runStreamPackBench(requests: number) {
  const dir = mkdtempSync(join(tmpdir(), 'routesim-pack-'));
  try {
    const file = join(dir, 'month-1d.yaml');
    writeFileSync(file, monthYaml(1, 1_000_000));
    const source = requestStreamFromScenario(loadSimulationScenario(file).scenario);
    const chunk = encodeRequests(source, 0, Math.min(requests, source.count)) as StreamChunk;
    const count = chunk.to - chunk.from;
    const packed = packChunk(chunk);
    const raw = ARRAYS.reduce((sum, name) => sum + chunk[name].byteLength, 0);
    const deflated = ARRAYS.reduce((sum, name) => sum + packed.packed[name].byteLength, 0);
    const bench = new Bench({ name: 'stream-pack', time: 2000, iterations: 5 });
    bench.add('pack (deflate, level 1)', () => {
      packChunk(chunk);
    });
    bench.add('inflate', () => {
      chunkOf(packed);
    });
    await bench.run();
    console.log(
      `stream-pack bench: one chunk of ${count.toLocaleString('en-US')} requests of the month scenario`,
    );
    console.log(
      `bytes per request: ${(raw / count).toFixed(1)} encoded, ${(deflated / count).toFixed(1)} packed ` +
        `(${((100 * deflated) / raw).toFixed(0)} %)`,
    );
    console.table(medianRows(bench, count, 'µs', 2));
    return { count, raw, deflated };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { requests: { type: 'string', default: '100000' } } });
  await runStreamPackBench(Number(values.requests));
}
