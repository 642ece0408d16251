/**
 * Number formatting for the plain-text outputs (console summary, summary.md): four-digit USD, one
 * decimal for shares, a real minus sign. Pure and locale-independent (en-US grouping), so the same
 * metrics give the same bytes. The HTML report has its own (html/format.ts).
 */
import type { Interval } from '../metrics/types.ts';

export const MINUS = '−';

/** "+1.2" / "−3.4" / "0.0" with `digits` decimals (0 has no sign). */
export const signed = (value: number, digits: number) =>
  `${value < 0 ? MINUS : value > 0 ? '+' : ''}${Math.abs(value).toFixed(digits)}`;

export const formatUsd = (value: number) => `$${value.toFixed(value >= 100 ? 2 : 4)}`;

export const formatPercent = (value: number | null) =>
  value === null ? '—' : `${(value * 100).toFixed(1)}%`;

export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value >= 10_000
    ? `${(value / 1000).toFixed(1)} s`
    : `${Math.round(value).toLocaleString('en-US')} ms`;
}

/** "−3.1 [−3.9, −2.3]" in points, " ~" when not significant; "ref" for the reference itself. */
export function formatQualityDelta(interval: Interval | undefined): string {
  if (interval === undefined) return 'ref';
  const points = (value: number) => signed(value, 1);
  return `${points(interval.estimate)} [${points(interval.low)}, ${points(interval.high)}]${interval.significant ? '' : ' ~'}`;
}
