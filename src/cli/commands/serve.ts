/**
 * `routesim serve <scenario>`: the scenario's simulated providers as a real HTTP server on
 * 127.0.0.1 (unless --host says otherwise), each in its wire format (OpenAI, Anthropic, Gemini),
 * plus the control API under /_routesim/. Prints each provider's base URL; runs until SIGINT or
 * SIGTERM, then closes cleanly (exit 0). A busy port exits 2, naming it.
 *
 * Time: --schedule-scale compresses the fault schedule (and the world's minute windows), while
 * --latency-scale paces each call's own latency, so a gateway's timeout meets a realistic 3 s
 * call during a 120× outage drill. --time-scale sets both (the old meaning).
 */

import { Command } from 'commander';
import { escapeControl } from '../../control-characters.ts';
import { UsageError } from '../../errors.ts';
import { type Clock, toDate } from '../../mock/clock.ts';
import { startScenarioServer } from '../../mock/serve-scenario.ts';
import type { CliIo, CommandFactory } from '../command-io.ts';

interface ServeFlags {
  port: string;
  host: string;
  timeScale?: string;
  scheduleScale?: string;
  latencyScale?: string;
  loop?: boolean;
  controlToken?: string;
}

/** How often serve checks whether the fault schedule has ended, real ms. */
const SCHEDULE_END_POLL_MS = 250;

export const serveCommand: CommandFactory = (io: CliIo) =>
  new Command('serve')
    .description(
      'Serve the simulated providers of a scenario over HTTP (OpenAI, Anthropic and Gemini wire formats), with a control API under /_routesim/',
    )
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--port <port>', 'port to listen on (0 = any free port)', '8787')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option(
      '--schedule-scale <factor>',
      'virtual seconds of the fault schedule per real second (120 = a 2 h scenario in 1 min)',
    )
    .option(
      '--latency-scale <factor>',
      'virtual seconds of a call’s latency per real second (1 = real latency)',
      '1',
    )
    .option(
      '--time-scale <factor>',
      'both scales at once (the older flag; prefer --schedule-scale and --latency-scale)',
    )
    .option(
      '--loop',
      'repeat the fault schedule after the scenario’s duration (default: no more faults after it)',
    )
    .option(
      '--control-token <token>',
      'let non-loopback clients use /_routesim/ with Authorization: Bearer <token>',
    )
    .action(async (scenarioPath: string, flags: ServeFlags, command: Command) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be an integer from 0 to 65535, got "${flags.port}"`);
      }
      const { scheduleScale, latencyScale } = readScales(flags, command);
      const server = await startScenarioServer(scenarioPath, {
        port,
        host: flags.host,
        timeScale: scheduleScale,
        latencyScale,
        loop: flags.loop === true,
        ...(flags.controlToken === undefined ? {} : { controlToken: flags.controlToken }),
      });
      io.stdout(
        `routesim serve: ${escapeControl(server.scenarioName)} (${server.requests} simulated requests) on ${server.url}\n`,
      );
      for (const [provider, baseUrl] of Object.entries(server.baseUrls))
        io.stdout(`  ${provider}: ${baseUrl}\n`);
      io.stdout(
        `  control: ${server.controlUrl} (${flags.controlToken === undefined ? 'loopback clients only' : 'bearer token'})\n`,
      );
      io.stdout(
        `  time: schedule ×${scheduleScale}, latency ×${latencyScale}; fault schedule ${flags.loop === true ? 'repeats every' : 'ends after'} ${server.durationMs / 1000} virtual s\n`,
      );
      io.stdout('Press Ctrl+C to stop.\n');
      const watch = flags.loop === true ? undefined : watchScheduleEnd(io, server);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      if (watch !== undefined) clearInterval(watch);
      await server.close();
      io.stdout('routesim serve: stopped\n');
    });

/** The two scales from the flags: --time-scale sets both unless one is given on its own. */
function readScales(flags: ServeFlags, command: Command): { scheduleScale: number; latencyScale: number } {
  const read = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const scale = Number(value);
    if (!(scale > 0) || !Number.isFinite(scale))
      throw new UsageError(`${name} must be a positive number, got "${value}"`);
    return scale;
  };
  const both = read('--time-scale', flags.timeScale);
  const schedule = read('--schedule-scale', flags.scheduleScale);
  const latencyFromFlag = command.getOptionValueSource('latencyScale') === 'cli';
  const latency = read('--latency-scale', flags.latencyScale);
  return {
    scheduleScale: schedule ?? both ?? 1,
    latencyScale: (latencyFromFlag ? latency : both) ?? latency ?? 1,
  };
}

/** Print once, when virtual time passes the scenario's duration, that no faults follow. */
function watchScheduleEnd(io: CliIo, server: { durationMs: number; clock: Clock }): NodeJS.Timeout {
  const timer = setInterval(() => {
    if (server.clock.now() < server.durationMs) return;
    clearInterval(timer);
    io.stdout(
      `routesim serve: fault schedule ended at ${toDate(server.clock, server.durationMs).toISOString()} (virtual ${server.durationMs / 1000} s); no more faults (restart with --loop to repeat it)\n`,
    );
  }, SCHEDULE_END_POLL_MS);
  timer.unref();
  return timer;
}
