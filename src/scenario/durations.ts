/**
 * Durations in scenario files, k6 style: a number is milliseconds; a string is one or more
 * `<amount><unit>` parts in descending unit order, e.g. "250ms", "30s", "20m", "24h", "1h30m",
 * "1.5s", "2d". Units: d, h, m, s, ms. No spaces, no signs, no bare numbers in strings
 * ("250" is ambiguous — ms or s? — so it is rejected with a hint).
 */

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
type Unit = keyof typeof UNIT_MS;
const UNITS_DESCENDING: readonly Unit[] = ['d', 'h', 'm', 's', 'ms'];

const AMOUNT = String.raw`\d+(?:\.\d+)?`;

/** The string form, also published in the JSON Schema as the pattern of a duration string. */
export const DURATION_PATTERN = new RegExp(
  `^(?=\\d)(?:(${AMOUNT})d)?(?:(${AMOUNT})h)?(?:(${AMOUNT})m(?!s))?(?:(${AMOUNT})s)?(?:(${AMOUNT})ms)?$`,
);

/** Shown in error messages: what a valid duration looks like. */
export const DURATION_EXAMPLE = 'a duration like "30s", "20m", "1h30m" or a number of milliseconds';

/**
 * Milliseconds of a duration, or undefined when `text` is not a duration.
 * Decimal parts are converted exactly ("1.1s" → 1100, not 1100.0000000000002).
 */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : undefined;
  const match = DURATION_PATTERN.exec(text);
  if (match === null) return undefined;
  let total = 0;
  UNITS_DESCENDING.forEach((unit, position) => {
    const amount = match[position + 1];
    if (amount !== undefined) total += amountToMs(amount, UNIT_MS[unit]);
  });
  return total;
}

function amountToMs(amount: string, unitMs: number): number {
  const [whole = '0', fraction = ''] = amount.split('.');
  // Integer arithmetic on the fraction digits keeps "0.3s" exactly 300.
  const fractionMs = fraction === '' ? 0 : (Number(fraction) * unitMs) / 10 ** fraction.length;
  return Number(whole) * unitMs + fractionMs;
}

/**
 * The shortest exact string for a whole number of milliseconds, in hours at most (people write
 * "24h", not "1d"): 5_400_000 → "1h30m", 90_000_000 → "25h", 250 → "250ms", 0 → "0ms".
 * parseDuration(formatDuration(ms)) === ms for every integer ms ≥ 0.
 */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`formatDuration needs a whole ms ≥ 0, got ${ms}`);
  if (ms === 0) return '0ms';
  let rest = ms;
  let out = '';
  for (const unit of UNITS_DESCENDING.slice(1)) {
    const amount = Math.floor(rest / UNIT_MS[unit]);
    if (amount > 0) {
      out += `${amount}${unit}`;
      rest -= amount * UNIT_MS[unit];
    }
  }
  return out;
}

/** Why `text` is not a duration, phrased as what was expected. */
export function describeBadDuration(value: unknown): string {
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? `expected a duration ≥ 0, got ${value}`
      : `expected ${DURATION_EXAMPLE}, got ${value}`;
  }
  if (typeof value === 'string' && /^\d+(?:\.\d+)?$/.test(value)) {
    return `expected ${DURATION_EXAMPLE}, got "${value}" — add a unit, e.g. "${value}ms" or "${value}s"`;
  }
  return `expected ${DURATION_EXAMPLE}, got ${describeValue(value)}`;
}

/** A short rendering of an input value for messages: strings quoted, objects by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
