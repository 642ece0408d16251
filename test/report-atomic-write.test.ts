import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAtomicStream, writeFileAtomic } from '../src/report/atomic-write.ts';
import { createDecisionLog } from '../src/report/decisions-csv.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-atomic-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('atomic writes', () => {
  it('replaces a file in one step and leaves no temp file', () => {
    const path = join(directory, 'nested', 'results.json');
    writeFileAtomic(path, 'old');
    writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(join(directory, 'nested'))).toEqual(['results.json']);
  });

  it('a stream only appears under its name on commit; abort leaves the old file', async () => {
    const path = join(directory, 'streamed.csv');
    writeFileSync(path, 'baseline');
    const first = createAtomicStream(path);
    await first.write('half a fi');
    expect(readFileSync(path, 'utf8')).toBe('baseline');
    await first.abort();
    expect(readFileSync(path, 'utf8')).toBe('baseline');
    const second = createAtomicStream(path);
    await second.write('a,b\n');
    await second.write('1,2\n');
    await second.commit();
    expect(readFileSync(path, 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(directory).filter((name) => name.includes('streamed'))).toEqual(['streamed.csv']);
  });

  it('decision parts are joined in plan order, not in the order units finished', () => {
    const out = join(directory, 'run');
    const log = createDecisionLog(out, (index) => (index === 0 ? 'free' : 'pro'));
    const record = (strategy: string, requestIndex: number) => ({
      strategy,
      requestIndex,
      requestId: `r${requestIndex}`,
      arrivalMs: requestIndex * 1000,
      model: 'm',
      reason: 'why',
      status: 'answered' as const,
      latencyMs: 10,
      costUsd: 0.5,
      score: 1,
      attempts: [],
    });
    const second = log.unit('second');
    const first = log.unit('first');
    second.write(record('second', 0));
    first.write(record('first', 1));
    first.write(record('first', 0));
    second.end();
    first.end();
    expect(existsSync(join(out, 'decisions.csv'))).toBe(false);
    log.commit(['first', 'second']);
    const lines = readFileSync(join(out, 'decisions.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(
      'strategy,request_index,request_id,arrival_ms,tier,model,status,latency_ms,cost_usd,score,attempts,trail,reason',
    );
    expect(lines.slice(1)).toEqual([
      'first,1,r1,1000,pro,m,answered,10,0.5,1,0,,why',
      'first,0,r0,0,free,m,answered,10,0.5,1,0,,why',
      'second,0,r0,0,free,m,answered,10,0.5,1,0,,why',
    ]);
    expect(readdirSync(out)).toEqual(['decisions.csv']);
  });
});
