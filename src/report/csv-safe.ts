/**
 * CSV cells that begin with `=`, `+`, `-` or `@` (or a tab / carriage return, which some
 * spreadsheets skip before the formula check) are formulas to Excel, LibreOffice and Google
 * Sheets: a tier or strategy named `=HYPERLINK(...)` would run when the file is opened. OWASP's
 * "CSV injection" advice: prefix such a cell with an apostrophe so it is shown as text.
 *
 * Numbers are written by us and never neutralised (a negative savings stays a number).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A CSV cell from a value: strings neutralised, numbers as given (already at fixed precision). */
export function csvCell(value: string | number | undefined | null): string | number {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return neutraliseCell(value);
}
