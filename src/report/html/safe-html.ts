/**
 * A tagged template that escapes every interpolated value unless it is already SafeHtml, so input
 * (scenario names, descriptions, model and tier names) cannot inject markup by being forgotten.
 * Arrays are joined; null/undefined/false render as nothing.
 */
import { escapeHtml } from './escape.ts';

export interface SafeHtml {
  readonly safeHtml: string;
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

const isSafe = (value: unknown): value is SafeHtml =>
  typeof value === 'object' && value !== null && 'safeHtml' in value;

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (isSafe(value)) return value.safeHtml;
  if (Array.isArray(value)) return value.map((entry: Interpolation) => render(entry)).join('');
  return escapeHtml(value as string | number);
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return { safeHtml: out };
}

/** Trusted markup produced by code (rendered SVG, the stylesheet): never input text. */
export function trusted(markup: string): SafeHtml {
  return { safeHtml: markup };
}
