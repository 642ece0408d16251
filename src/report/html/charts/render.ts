/**
 * Vega-lite spec → static SVG at build time (vega in Node, no canvas, no network), so every chart
 * shows in a mail client or a browser with scripts off. Text widths are estimated from the font
 * size (node-canvas is not installed), which keeps the output identical on every machine.
 *
 * vega and vega-lite are imported on first use: loading them costs ~0.5 s, which every other CLI
 * command (validate, serve, compare) would otherwise pay at startup.
 */
import type { TopLevelSpec } from 'vega-lite';
import { escapeControl } from '../../../control-characters.ts';

export interface RenderedSvg {
  svg: string;
  /** Warnings vega-lite and vega raised (collected, not printed: a reporter must not spam stderr). */
  warnings: string[];
}

/** Render a vega-lite spec to an SVG string. Deterministic for deterministic specs. */
export async function renderSvg(spec: TopLevelSpec): Promise<RenderedSvg> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, _level, input) => {
    warnings.push(Array.from(input as ArrayLike<unknown>, String).join(' '));
  });
  // Names from the scenario become string literals in vega expressions (sort orders, scales): a
  // raw newline or line separator there is a syntax error, so every string is escaped first.
  const { spec: vegaSpec } = vegaLite.compile(escapeStrings(spec) as TopLevelSpec, { logger });
  // No loader access: every chart carries inline data; a spec that asked for a URL would fail here.
  const loader = vega.loader();
  loader.load = () => Promise.reject(new Error('report charts must carry inline data'));
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', loader, logger });
  try {
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}

/** A copy of plain data (a spec: objects, arrays, primitives) with every string control-escaped. */
function escapeStrings(value: unknown): unknown {
  if (typeof value === 'string') return escapeControl(value);
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, escapeStrings(entry)]));
  }
  return value;
}
