/**
 * The file-reading edge of the model file: read, parse, validate — once per file version.
 * A sweep builds the learned strategy dozens of times; the parsed file (not any per-request
 * state) is reused while the file's size and modification time stay the same.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.ts';
import { parseRouterModelText, type RouterModelFile } from './model-file.ts';

/** The model trained on the default scenario's traffic (different seed, held-out templates). */
export const BUNDLED_MODEL_PATH = fileURLToPath(
  new URL('../../fixtures/learned/assistant-day.json', import.meta.url),
);

/**
 * Where a learned strategy's `model` option points: absolute as given, relative to the scenario's
 * folder, or the bundled model when the option is absent.
 */
export function routerModelPath(model: unknown, baseDir: string): string {
  if (typeof model !== 'string') return BUNDLED_MODEL_PATH;
  return isAbsolute(model) ? model : resolve(baseDir, model);
}

const parsed = new Map<string, { stamp: string; model: RouterModelFile }>();

/** Load a model file; problems become an InputError naming the file and the path inside it. */
export function loadRouterModel(path: string): RouterModelFile {
  let stamp: string;
  try {
    const stats = statSync(path);
    stamp = `${stats.size}:${stats.mtimeMs}`;
  } catch (error) {
    throw new InputError(
      path,
      [{ path: [], message: `cannot read the model file: ${(error as Error).message}` }],
      {
        cause: error,
      },
    );
  }
  const cached = parsed.get(path);
  if (cached !== undefined && cached.stamp === stamp) return cached.model;
  const model = parseRouterModelText(readFileSync(path, 'utf8'), path);
  parsed.set(path, { stamp, model });
  return model;
}
