/**
 * Number formatting for the report: plain words, fixed digits, a real minus sign. Every function
 * is pure and locale-independent (en-US grouping) so the same results give the same bytes.
 */

export const MINUS = '−';

/** "1,234" */
export const formatCount = (value: number) => Math.round(value).toLocaleString('en-US');

/** "+1.2" / "−3.4" / "0.0" with `digits` decimals. */
export function formatSigned(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return `${value < 0 ? MINUS : '+'}${text}`;
}

/** A share in [0, 1] as "46%" (digits = 0) or "99.9%"; "—" for null. */
export function formatShare(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** USD with enough digits for fractions of a cent: "$0.0012", "$1.46", "$1,234". */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const sign = value < 0 ? MINUS : '';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return `${sign}$${formatCount(magnitude)}`;
  if (magnitude >= 1) return `${sign}$${magnitude.toFixed(2)}`;
  if (magnitude === 0) return '$0';
  return `${sign}$${magnitude.toPrecision(2)}`;
}

/** Milliseconds as "850 ms" or "12.3 s"; "—" for null. */
export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const sign = value < 0 ? MINUS : '';
  const magnitude = Math.abs(value);
  return magnitude >= 10_000
    ? `${sign}${(magnitude / 1000).toFixed(1)} s`
    : `${sign}${formatCount(magnitude)} ms`;
}

/** A virtual-time offset as "01:20" (hh:mm) or "1d 02:00" past a day; seconds when not whole minutes. */
export function formatClock(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  const clock = `${pad(hours)}:${pad(minutes)}${seconds === 0 ? '' : `:${pad(seconds)}`}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** A duration in words: "20 minutes", "1 hour 30 minutes", "45 seconds", "24 hours". */
export function formatDurationWords(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const unit = (value: number, name: string) => `${value} ${name}${value === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (hours > 0) parts.push(unit(hours, 'hour'));
  if (minutes > 0) parts.push(unit(minutes, 'minute'));
  if (seconds > 0 || parts.length === 0) parts.push(unit(seconds, 'second'));
  return parts.join(' ');
}
