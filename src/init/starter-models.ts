/**
 * Which models a starter scenario uses: the user's `--models`, checked against the catalog with a
 * "did you mean", or a default pair from each of two providers (a cheap and a strong model, so
 * routing has a real cost–quality choice to make).
 */
import type { Catalog } from '../contracts/index.ts';
import { closest } from '../scenario/suggest.ts';

/** A cheap and a strong model from each of the two providers most users start with. */
export const DEFAULT_STARTER_MODELS = [
  'gpt-4o-mini',
  'gpt-4o',
  'claude-haiku-4-5-20251001',
  'claude-sonnet-4-20250514',
] as const;

export type StarterModels =
  | { ok: true; models: string[]; providers: Map<string, string[]> }
  | { ok: false; problems: string[] };

/** `requested`: model ids in the user's order (duplicates dropped); empty means the defaults. */
export function starterModels(catalog: Catalog, requested: readonly string[]): StarterModels {
  const ids = catalog.models.map((model) => model.id);
  const wanted = [...new Set(requested.length === 0 ? DEFAULT_STARTER_MODELS : requested)];
  const problems = wanted.flatMap((id) => {
    if (ids.includes(id)) return [];
    const suggestion = closest(id, ids);
    return [
      `unknown model "${id}"${suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`}; the bundled catalog has ${ids.join(', ')}`,
    ];
  });
  if (problems.length > 0) return { ok: false, problems };
  const providers = new Map<string, string[]>();
  for (const id of wanted) {
    const provider = catalog.models.find((model) => model.id === id)!.provider;
    providers.set(provider, [...(providers.get(provider) ?? []), id]);
  }
  return { ok: true, models: wanted, providers };
}
