/**
 * A small RFC 4180 CSV reader that remembers where each record starts, so a bad row can be
 * reported by its line. Quoted fields may hold commas, doubled quotes and newlines.
 */
import type { InputIssue } from '../errors.ts';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

/** Records of `text`; structural problems (an unterminated quote, a stray quote) go to `issues`. */
export function parseCsv(text: string, issues: InputIssue[]): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let column = 1;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          column += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
        if (char === '\n') {
          line++;
          column = 0;
        }
      }
    } else if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      endRecord();
      line++;
      column = 0;
      recordLine = line;
    } else {
      if (char === '"') {
        issues.push({ path: [], message: 'stray quote inside an unquoted field', line, column });
      }
      field += char;
      fieldStarted = true;
    }
    index++;
    column++;
  }
  if (quoted) {
    issues.push({ path: [], message: 'unterminated quoted field', line: recordLine });
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
