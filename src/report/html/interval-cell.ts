/**
 * A difference from the reference as a table cell: the estimate, its 95% interval under it, and
 * "n.s." (not significant) when the interval contains 0.
 */
import type { Interval } from '../../metrics/types.ts';
import { formatSigned } from './format.ts';
import { html, type SafeHtml } from './safe-html.ts';

/** The reference's own row (no interval) reads "reference". */
export function deltaCell(interval: Interval | undefined, digits: number, unit: string): SafeHtml {
  if (interval === undefined) return html`<td class="num muted">reference</td>`;
  return intervalCell(interval, digits, unit);
}

export function intervalCell(interval: Interval, digits: number, unit: string): SafeHtml {
  const text = `${formatSigned(interval.estimate, digits)}${unit}`;
  const range = `[${formatSigned(interval.low, digits)}, ${formatSigned(interval.high, digits)}]`;
  return interval.significant
    ? html`<td class="num">${text}<br><span class="ci">${range}</span></td>`
    : html`<td class="num ns">${text}<br><span class="ci">${range}</span> <abbr title="not significant: the 95% interval contains 0">n.s.</abbr></td>`;
}
