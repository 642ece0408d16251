import { escapeControl } from '../control-characters.ts';

/**
 * Markdown building blocks for PR summaries (GitHub-flavoured). Text that came from input —
 * scenario and strategy names, paths — goes through `escapeMarkdown`, so a name like
 * `<script>` or `a|b` renders as the text it is and cannot break a table.
 */

/** Characters with a meaning in Markdown or inline HTML, backslash-escaped; & as an entity. */
const SPECIAL = /[\\`*_[\]<>|#~!]/g;

export function escapeMarkdown(text: string): string {
  return escapeControl(
    text
      .replace(/&/g, '&amp;')
      .replace(SPECIAL, (character) => `\\${character}`)
      .replace(/[\r\n]+/g, ' '),
  );
}

export type MarkdownAlign = 'left' | 'right';

/** A pipe table; cells are used as given (escape input-derived text first). */
export function markdownTable(
  headers: readonly string[],
  align: readonly MarkdownAlign[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = `|${align.map((entry) => (entry === 'right' ? '---:' : ':---')).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
