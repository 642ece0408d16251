/**
 * Fixed precision for every number routesim writes to results.json, summary.csv and
 * decisions.csv, so the same scenario and seed give byte-identical files on any machine:
 *
 * - integers (counts, whole milliseconds) are written exactly;
 * - every other finite number is rounded to 6 significant digits (`toPrecision(6)`), which keeps
 *   USD costs of fractions of a cent (1.23457e-5) and rates (0.987654) meaningful;
 * - NaN and ±Infinity (an empty sample, a quantile of nothing) become `null` in JSON and an empty
 *   cell in CSV.
 *
 * Sums over floating-point values can differ in their last bits with summation order; rounding
 * to 6 digits hides that, and the engine sums in request order anyway.
 */
export const SIGNIFICANT_DIGITS = 6;

/** A number at the written precision; null for NaN/±Infinity. */
export function fixed(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  if (Number.isInteger(value)) return value === 0 ? 0 : value;
  const rounded = Number(value.toPrecision(SIGNIFICANT_DIGITS));
  // -0 would print as 0 in JSON but compare unequal in some readers: normalise it.
  return rounded === 0 ? 0 : rounded;
}

/** JSON.stringify replacer applying `fixed` to every number and dropping undefined. */
export function fixedReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number') return fixed(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (entry) => fixed(entry));
  }
  return value;
}

/** Stable JSON at fixed precision, two-space indented, with a final newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, fixedReplacer, 2)}\n`;
}
