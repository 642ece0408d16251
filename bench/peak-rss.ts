/**
 * Preloaded into a measured process (`node --import ./bench/peak-rss.ts …`): at exit, writes the
 * process's peak resident set size (every thread: workers included) and its CPU seconds as one
 * JSON line to the file named by ROUTESIM_PEAK_RSS_FILE. bench/scale.bench.ts reads it.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.ROUTESIM_PEAK_RSS_FILE;
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      `${JSON.stringify({ maxRssBytes: usage.maxRSS * 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 })}\n`,
    );
  });
}
