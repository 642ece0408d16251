/**
 * `routesim drill <scenario> --gateway <url>`: play the scenario's traffic through a gateway the
 * team has pointed at routesim (serve starts in-process on --serve-port), compress the fault
 * schedule, and report per incident what the gateway did — beside the scenario's strategies on
 * the same requests. Writes drill.json and drill.html; exit 99 when a threshold fails, 2 on a bad
 * flag (every problem at once). README "Test your gateway" and docs/drill.md explain the columns.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { renderDrillHtml } from '../../drill/render-html.ts';
import { renderDrillText } from '../../drill/render-text.ts';
import { runDrill } from '../../drill/run-drill.ts';
import { checkDrillThresholds, type DrillThresholds } from '../../drill/thresholds.ts';
import { ExitCode, UsageError } from '../../errors.ts';
import { writeFileAtomic } from '../../report/atomic-write.ts';
import { parseDuration } from '../../scenario/durations.ts';
import type { CommandFactory, CommandIo } from '../command-io.ts';
import { defaultOutDir } from '../simulate-defaults.ts';

interface DrillFlags {
  gateway?: string;
  header: string[];
  wire: string;
  model?: string;
  servePort: string;
  scheduleScale?: string;
  latencyScale: string;
  from: string;
  duration?: string;
  sample: string;
  concurrency: string;
  timeout: string;
  strategies?: string | boolean;
  out?: string;
  maxFailedShare?: string;
  maxFailover?: string;
  requireRetryAfter?: boolean;
}

export const drillCommand: CommandFactory = (io: CommandIo) =>
  new Command('drill')
    .description(
      'Play a scenario’s traffic through your gateway (pointed at the routesim serve this starts) and report per incident what it did: failures, retries, retry-after, failover and failback, extra latency and cost — beside the routesim strategies',
    )
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--gateway <url>', 'the gateway’s base URL, e.g. http://127.0.0.1:8787/v1')
    .option(
      '--header <header>',
      "a header sent to the gateway with every request, 'name: value' (repeatable)",
      collect,
      [],
    )
    .option(
      '--wire <wire>',
      'what the client speaks to the gateway: openai (chat completions) or anthropic (messages)',
      'openai',
    )
    .option('--model <id>', 'model named in each request (default: the scenario’s first model)')
    .option('--serve-port <port>', 'port of the routesim serve the gateway calls (0 = any free port)', '8788')
    .option(
      '--schedule-scale <factor>',
      'virtual seconds of the scenario per real second (default: the drill lasts about 60 s)',
    )
    .option(
      '--latency-scale <factor>',
      'virtual seconds of a call’s latency per real second (1 = real latency)',
      '1',
    )
    .option('--from <duration>', 'start this far into the scenario, e.g. 50m', '0s')
    .option('--duration <duration>', 'play this much of the scenario (default: to its end)')
    .option('--sample <n>', 'send at most this many requests, spread evenly over the window', '600')
    .option(
      '--concurrency <n>',
      'requests in flight at most (open loop: keep it above rate × latency)',
      '256',
    )
    .option('--timeout <duration>', 'the client gives up on a request after this long (real time)', '60s')
    .option(
      '--strategies <names>',
      'comma-separated scenario strategies to run beside the gateway (default: all)',
    )
    .option('--no-strategies', 'do not run the scenario’s strategies beside the gateway')
    .option('--out <dir>', 'where drill.json and drill.html go (default: reports/<scenario file name>-drill)')
    .option(
      '--max-failed-share <share>',
      'threshold: fail (exit 99) when more of the requests failed, e.g. 0.01',
    )
    .option(
      '--max-failover <duration>',
      'threshold: fail when an incident took longer to fail over (scenario time), e.g. 2m',
    )
    .option('--require-retry-after', 'threshold: fail when a retry after a 429 came before its retry-after')
    .action(async (scenarioPath: string, flags: DrillFlags) => {
      const problems: string[] = [];
      const gateway = readGateway(flags.gateway, problems);
      const headers = readHeaders(flags.header, problems);
      if (flags.wire !== 'openai' && flags.wire !== 'anthropic')
        problems.push(`--wire must be openai or anthropic, got "${flags.wire}"`);
      const servePort = integer('--serve-port', flags.servePort, 0, 65535, problems);
      const scheduleScale =
        flags.scheduleScale === undefined
          ? undefined
          : positive('--schedule-scale', flags.scheduleScale, problems);
      const latencyScale = positive('--latency-scale', flags.latencyScale, problems);
      const fromMs = duration('--from', flags.from, problems, true);
      const durationMs =
        flags.duration === undefined ? undefined : duration('--duration', flags.duration, problems);
      const sample = integer('--sample', flags.sample, 1, 1_000_000, problems);
      const concurrency = integer('--concurrency', flags.concurrency, 1, 10_000, problems);
      const timeoutMs = duration('--timeout', flags.timeout, problems);
      const thresholds: DrillThresholds = {};
      if (flags.maxFailedShare !== undefined) {
        const value = Number(flags.maxFailedShare);
        if (!(value >= 0 && value <= 1))
          problems.push(`--max-failed-share must be a share from 0 to 1, got "${flags.maxFailedShare}"`);
        else thresholds.maxFailedShare = value;
      }
      if (flags.maxFailover !== undefined)
        thresholds.maxFailoverMs = duration('--max-failover', flags.maxFailover, problems, true);
      if (flags.requireRetryAfter === true) thresholds.requireRetryAfter = true;
      if (problems.length > 0) throw new UsageError(problems);

      const strategies =
        flags.strategies === false
          ? false
          : typeof flags.strategies === 'string'
            ? flags.strategies
                .split(',')
                .map((name) => name.trim())
                .filter((name) => name !== '')
            : undefined;
      const report = await runDrill({
        scenarioPath,
        gateway,
        wire: flags.wire as 'openai' | 'anthropic',
        headers,
        ...(flags.model === undefined ? {} : { model: flags.model }),
        servePort,
        ...(scheduleScale === undefined ? {} : { scheduleScale }),
        latencyScale,
        fromMs,
        ...(durationMs === undefined ? {} : { durationMs }),
        sample,
        concurrency,
        timeoutMs,
        ...(strategies === undefined ? {} : { strategies }),
        log: (line) => io.stderr(`${line}\n`),
        onServing: (server, plan) => {
          io.stderr(
            `routesim drill: serve on ${server.url} (control ${server.controlUrl}); ${plan.requests} requests over ~${Math.round(plan.realSeconds)} s (schedule ×${plan.scheduleScale.toFixed(2)}) through ${gateway}\n`,
          );
          for (const [provider, baseUrl] of Object.entries(server.baseUrls))
            io.stderr(`  ${provider}: ${baseUrl}\n`);
        },
      });
      const checks = checkDrillThresholds(report, thresholds);
      const outDir = flags.out ?? `${defaultOutDir(scenarioPath)}-drill`;
      mkdirSync(outDir, { recursive: true });
      writeFileAtomic(
        join(outDir, 'drill.json'),
        `${JSON.stringify({ ...report, thresholds: checks }, null, 2)}\n`,
      );
      writeFileAtomic(join(outDir, 'drill.html'), renderDrillHtml(report, checks));
      io.stdout(renderDrillText(report, checks));
      io.stdout(`\nwrote ${outDir}/ (drill.json, drill.html)\n`);
      io.setExitCode(checks.every((check) => check.ok) ? ExitCode.ok : ExitCode.threshold);
    });

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function readGateway(value: string | undefined, problems: string[]): string {
  if (value === undefined) {
    problems.push('--gateway is required: the base URL your gateway serves, e.g. http://127.0.0.1:8787/v1');
    return '';
  }
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    problems.push(`--gateway must be an http(s) URL, got "${value}"`);
  }
  return value;
}

function readHeaders(values: readonly string[], problems: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values) {
    const colon = value.indexOf(':');
    const name = colon < 0 ? '' : value.slice(0, colon).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      problems.push(`--header expects 'name: value', got "${value}"`);
      continue;
    }
    headers[name.toLowerCase()] = value.slice(colon + 1).trim();
  }
  return headers;
}

function integer(flag: string, value: string, min: number, max: number, problems: string[]): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max)
    problems.push(`${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  return number;
}

function positive(flag: string, value: string, problems: string[]): number {
  const number = Number(value);
  if (!(number > 0) || !Number.isFinite(number))
    problems.push(`${flag} must be a positive number, got "${value}"`);
  return number;
}

function duration(flag: string, value: string, problems: string[], zeroAllowed = false): number {
  // A bare number is milliseconds, as in a scenario file.
  const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) : parseDuration(value);
  if (ms === undefined || (!zeroAllowed && ms <= 0))
    problems.push(`${flag} must be a duration like "30s", "20m" or "1h30m", got "${value}"`);
  return ms ?? 0;
}
