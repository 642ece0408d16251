/**
 * The URL of a module that is named at run time (a worker entry, a lazily loaded engine, a writer a
 * worker imports): `.ts` when routesim runs from its sources, `.js` in the built package. tsc rewrites
 * the extensions of static imports, not of a specifier computed at run time, so such names go
 * through here.
 *
 * @param relativePath path without extension, relative to `importMetaUrl` (e.g. `./worker-entry`)
 * @param importMetaUrl the calling module's `import.meta.url`
 */
export function runtimeModuleUrl(relativePath: string, importMetaUrl: string): URL {
  const extension = importMetaUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`${relativePath}${extension}`, importMetaUrl);
}
