/**
 * Parse the tolerance flags of `routesim compare`. Percentages are relative to the baseline's
 * value ("5%" or the fraction "0.05"); quality is in points ("1pt" or the score fraction "0.01").
 * A bare number must be a fraction below 1: "5" could mean 5% or 500%, so it is refused rather
 * than guessed.
 */
import type { ParseResult } from '../scenario/thresholds.ts';

const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)`;
const PERCENT_PATTERN = new RegExp(String.raw`^\s*${NUMBER}\s*%\s*$`);
const POINTS_PATTERN = new RegExp(String.raw`^\s*${NUMBER}\s*(?:pt|pts|points?)\s*$`, 'i');
const FRACTION_PATTERN = new RegExp(String.raw`^\s*${NUMBER}\s*$`);

/** "5%" → 0.05, "0.05" → 0.05. */
export function parsePercent(flag: string, text: string): ParseResult<number> {
  const percent = PERCENT_PATTERN.exec(text);
  if (percent !== null) return { ok: true, value: Number(percent[1]) / 100 };
  const fraction = FRACTION_PATTERN.exec(text);
  if (fraction !== null && Number(fraction[1]) < 1) return { ok: true, value: Number(fraction[1]) };
  return {
    ok: false,
    message: `${flag} expects a percentage like 5% (or a fraction below 1 like 0.05), got "${text}"`,
  };
}

/** "1pt" → 1, "0.01" → 1 (points). */
export function parsePoints(flag: string, text: string): ParseResult<number> {
  const points = POINTS_PATTERN.exec(text);
  if (points !== null) return { ok: true, value: Number(points[1]) };
  const fraction = FRACTION_PATTERN.exec(text);
  // ×100 then rounded to 1e-9 so "0.01" is exactly 1 point, not 1.0000000000000002.
  if (fraction !== null && Number(fraction[1]) < 1)
    return { ok: true, value: Math.round(Number(fraction[1]) * 100 * 1e9) / 1e9 };
  return {
    ok: false,
    message: `${flag} expects points like 1pt (or a score fraction below 1 like 0.01), got "${text}"`,
  };
}
