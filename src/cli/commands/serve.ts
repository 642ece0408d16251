/**
 * `routesim serve <scenario>`: the scenario's simulated providers as a real HTTP server on
 * 127.0.0.1 (unless --host says otherwise), each in its wire format (OpenAI, Anthropic, Gemini). Prints
 * each provider's base URL; runs until SIGINT or SIGTERM, then closes cleanly (exit 0).
 */

import { Command } from 'commander';
import { escapeControl } from '../../control-characters.ts';
import { UsageError } from '../../errors.ts';
import { startScenarioServer } from '../../mock/serve-scenario.ts';
import type { CliIo, CommandFactory } from '../command-io.ts';

export const serveCommand: CommandFactory = (io: CliIo) =>
  new Command('serve')
    .description(
      'Serve the simulated providers of a scenario over HTTP (OpenAI, Anthropic and Gemini wire formats)',
    )
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--port <port>', 'port to listen on (0 = any free port)', '8787')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--time-scale <factor>', 'virtual seconds per real second', '1')
    .action(async (scenarioPath: string, options: { port: string; host: string; timeScale: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be an integer from 0 to 65535, got "${options.port}"`);
      }
      const timeScale = Number(options.timeScale);
      if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
        throw new UsageError(`--time-scale must be a positive number, got "${options.timeScale}"`);
      }
      const server = await startScenarioServer(scenarioPath, { port, host: options.host, timeScale });
      io.stdout(
        `routesim serve: ${escapeControl(server.scenarioName)} (${server.requests} simulated requests) on ${server.url}\n`,
      );
      for (const [provider, baseUrl] of Object.entries(server.baseUrls))
        io.stdout(`  ${provider}: ${baseUrl}\n`);
      io.stdout('Press Ctrl+C to stop.\n');
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
      io.stdout('routesim serve: stopped\n');
    });
