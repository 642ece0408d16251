/** A tinybench run as a console table: each task's median and its median per request. */
import type { Bench } from 'tinybench';

/**
 * Rows of `bench`'s tasks: median ms, the median per request in `unit` (`perMs` of it in a
 * millisecond: 1,000 for µs, 10^6 for ns) over `requests`, and the sample count.
 */
export function medianRows(bench: Bench, requests: number, unit: 'µs' | 'ns', digits: number) {
  const perMs = unit === 'µs' ? 1000 : 1e6;
  return bench.tasks.map((task) => {
    const result = task.result;
    if (!('latency' in result)) throw new Error(`bench task ${task.name} did not complete`);
    return {
      task: task.name,
      'median ms': result.latency.p50.toFixed(1),
      [`${unit} per request`]: ((perMs * result.latency.p50) / requests).toFixed(digits),
      samples: result.latency.samplesCount,
    };
  });
}
