/**
 * One CSV record, byte for byte what csv-stringify writes with its defaults (delimiter ",",
 * quote and escape '"', record delimiter "\n"), for cells that are strings or numbers: a
 * number as JavaScript prints it; a string quoted when it holds a quote (doubled), a comma,
 * "\n" or "\r"; an empty string as nothing. csv-stringify's general machinery (casts, options,
 * per-cell closures) costs ~15 µs a decisions.csv row; a day writes ~900,000 of them.
 */
const NEEDS_QUOTES = /[",\n\r]/;
const QUOTE = /"/g;

export function csvRecord(cells: readonly (string | number)[]): string {
  let line = '';
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index]!;
    if (index > 0) line += ',';
    if (typeof cell === 'number') line += String(cell);
    else if (NEEDS_QUOTES.test(cell)) line += `"${cell.replace(QUOTE, '""')}"`;
    else line += cell;
  }
  return `${line}\n`;
}
