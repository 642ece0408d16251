/**
 * Where `routesim simulate` reads and writes when not told: the bundled default scenario and the
 * run directory named after the scenario file (the run program itself knows no directories).
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The scenario `routesim simulate` runs when given none. */
export const DEFAULT_SCENARIO_PATH = fileURLToPath(
  new URL('../../scenarios/assistant-day.yaml', import.meta.url),
);

/** "reports/<slug>" for a scenario file: its name without extension, lower-case, [a-z0-9-]. */
export function defaultOutDir(scenarioPath: string): string {
  const name = basename(scenarioPath).replace(/\.(ya?ml|json)$/i, '');
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `reports/${slug === '' ? 'scenario' : slug}`;
}
