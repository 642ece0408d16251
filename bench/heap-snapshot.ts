/**
 * Preloaded into a measured process (`node --import ./bench/peak-rss.ts` style): writes a V8 heap
 * snapshot of one thread at a set moment, for bench/heap-summary.ts. Workers inherit the preload,
 * so any thread of a pooled run can be chosen (thread 0 is the main thread, 1… the workers).
 *
 *   ROUTESIM_HEAP_SNAPSHOT_DIR=/tmp/snap ROUTESIM_HEAP_SNAPSHOT_THREAD=1 ROUTESIM_HEAP_SNAPSHOT_AT_MS=38000 \
 *     node --import ./bench/heap-snapshot.ts src/cli/bin.ts simulate --out /tmp/day --quiet
 *
 * A snapshot collects garbage first, so it shows the live heap (bench/README "Round 6").
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { threadId } from 'node:worker_threads';

const dir = process.env.ROUTESIM_HEAP_SNAPSHOT_DIR;
if (dir !== undefined && dir !== '' && threadId === Number(process.env.ROUTESIM_HEAP_SNAPSHOT_THREAD ?? 1)) {
  setTimeout(
    () => {
      mkdirSync(dir, { recursive: true });
      const file = writeHeapSnapshot(join(dir, `thread-${threadId}.heapsnapshot`));
      process.stderr.write(`heap snapshot: ${file}\n`);
    },
    Number(process.env.ROUTESIM_HEAP_SNAPSHOT_AT_MS ?? 30_000),
  ).unref();
}
