/**
 * A V8 heap snapshot's live bytes by kind (strings, plain objects, typed arrays and their backing
 * stores, heap numbers, code …): self sizes summed per constructor or node type, largest first.
 * What bench/README "Round 6" reports of a worker's heap.
 *
 * Run: `node --max-old-space-size=8000 bench/heap-summary.ts <file.heapsnapshot> [--top 20]`
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '20' } },
  allowPositionals: true,
});
const file = positionals[0];
if (file === undefined) throw new Error('usage: node bench/heap-summary.ts <file.heapsnapshot> [--top n]');
const heap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
const fields = heap.snapshot.meta.node_fields;
const types = heap.snapshot.meta.node_types[0];
const width = fields.length;
const typeAt = fields.indexOf('type');
const nameAt = fields.indexOf('name');
const sizeAt = fields.indexOf('self_size');
const byKind = new Map<string, { bytes: number; count: number }>();
let total = 0;
for (let node = 0; node < heap.nodes.length; node += width) {
  const type = types[heap.nodes[node + typeAt]!] ?? '?';
  const kind = type.includes('string')
    ? '(string)'
    : type === 'object' || type === 'native' || type === 'closure'
      ? (heap.strings[heap.nodes[node + nameAt]!] ?? '?')
      : `(${type})`;
  const size = heap.nodes[node + sizeAt]!;
  total += size;
  const entry = byKind.get(kind) ?? { bytes: 0, count: 0 };
  entry.bytes += size;
  entry.count++;
  byKind.set(kind, entry);
}
console.log(`live heap ${(total / 1e6).toFixed(1)} MB`);
for (const [kind, { bytes, count }] of [...byKind]
  .sort((a, b) => b[1].bytes - a[1].bytes)
  .slice(0, Number(values.top))) {
  console.log(
    `${(bytes / 1e6).toFixed(1).padStart(8)} MB ${String(count).padStart(9)}  ${kind.slice(0, 80)}`,
  );
}
