/**
 * A number's CSV cell at the written precision: exactly `String(fixed(value))` (precision.ts:
 * integers as they are, other finite numbers at 6 significant digits, NaN/±Infinity as an empty
 * cell), about 4× faster. A day's decisions.csv writes ≈ 3.6 M such cells (arrival, latency, cost
 * and score of 900,000 rows); `toPrecision` + `Number` + `String` cost ≈ 0.5 µs each of them.
 *
 * Why the fast path is exact, for 1e-16 ≤ |v| < 1e15 (everything else takes the slow path):
 * - x = |v| · 10^d with d chosen so x ∈ [1e5, 1e6): 10^|d| (|d| ≤ 22) is exact, so x (a product,
 *   or a quotient for d < 0) is the exact value within half an ulp (< 1.2e-10 at x < 1e6).
 *   Rounding x to an integer k is then the 6-significant-digit rounding toPrecision does, unless
 *   the exact value is within that error of a tie (…​.5): those (fraction within 1e-6 of .5)
 *   take the slow path.
 * - k · 10^-d (k / 10^d correctly rounded; for d < 0 an exact integer below 2^53) has at most 6
 *   significant digits; every decimal of ≤ 15 digits is the shortest round-trip text of its
 *   nearest double (normal range), so Number(toPrecision(6)) followed by String() prints k's
 *   digits (trailing zeros dropped) at k · 10^-d, in the layout of Number::toString (plain for
 *   1e-7 ≤ |v| < 1e21, else "d.ddddde-N").
 * test/report-csv-number.test.ts compares it with the slow formula over millions of values,
 * ties and power-of-ten boundaries included.
 */
import { fixed } from './precision.ts';

/** 10^0 … 10^22: the powers of ten a double holds exactly (parsed: `10 ** n` may be off by an ulp). */
const POW10 = Array.from({ length: 23 }, (_, power) => Number(`1e${power}`));
/** Above this distance from a tie (fraction .5) the computed product rounds as the exact one. */
const TIE_MARGIN = 1e-6;

/** The slow formula the fast path reproduces. */
/** The slow formula the fast path reproduces. */
export function fixedCellSlow(value: number): string {
  const rounded = fixed(value);
  return rounded === null ? '' : String(rounded);
}

/** |v| · 10^decimals, correctly rounded (10^|decimals| is exact for |decimals| ≤ 22). */
function scaledBy(magnitude: number, decimals: number): number {
  return decimals >= 0 ? magnitude * POW10[decimals]! : magnitude / POW10[-decimals]!;
}

export function fixedCell(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude < 1e-16 || magnitude >= 1e15) return fixedCellSlow(value);
  // Decimals that put 6 significant digits before the point (negative: rounding to tens, hundreds…);
  // log10 may be one off near a power of 10.
  let decimals = 5 - Math.floor(Math.log10(magnitude));
  let scaled = scaledBy(magnitude, decimals);
  if (scaled >= 1e6) scaled = scaledBy(magnitude, --decimals);
  else if (scaled < 1e5) scaled = scaledBy(magnitude, ++decimals);
  if (decimals < -10 || decimals > 22 || scaled < 1e5 || scaled >= 1e6) return fixedCellSlow(value);
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) <= TIE_MARGIN) return fixedCellSlow(value);
  let digits = Math.round(scaled);
  while (digits % 10 === 0) {
    digits /= 10;
    decimals--;
  }
  const text = String(digits);
  /** Digits before the decimal point (≤ 0: zeros after it first). */
  const point = text.length - decimals;
  let cell: string;
  if (decimals <= 0) cell = text + '0'.repeat(-decimals);
  else if (point > 0) cell = `${text.slice(0, point)}.${text.slice(point)}`;
  else if (point > -6) cell = `0.${'0'.repeat(-point)}${text}`;
  else cell = `${text.length > 1 ? `${text[0]}.${text.slice(1)}` : text}e-${1 - point}`;
  return value < 0 ? `-${cell}` : cell;
}
