/**
 * Control characters in user strings (scenario, strategy, tier and model names, threshold keys,
 * paths, values echoed in errors), made visible before they reach a terminal, a CI log or a
 * Markdown summary. Printed raw, ESC starts terminal sequences (colours, cursor moves, OSC window
 * titles and hyperlinks) and a newline followed by `::error file=x::…` starts a line GitHub
 * Actions executes as a workflow command. Escaped, each reads as the text it is: "\n", "\x1b".
 *
 * Covered: C0 controls (U+0000–U+001F, incl. tab, CR and LF), DEL, C1 controls (U+0080–U+009F,
 * incl. CSI U+009B), the Unicode line and paragraph separators and the bidirectional overrides
 * and isolates (they reorder what a reader sees). Backslashes are kept as they are, so paths and
 * ordinary names print unchanged.
 *
 * One function, applied at the edges that print: the CLI's error printer and InputError text,
 * the console summary, the progress line, `validate` and `compare` output, and Markdown.
 */

// Matching control characters is the point of this pattern.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters to escape
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control character written as an escape ("\n", "\x1b", "\u202e"). */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (character) => {
    const named = NAMED[character];
    if (named !== undefined) return named;
    const code = character.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Each line of a multi-line text escaped on its own: its own line breaks stay, nothing else. */
export function escapeControlPerLine(text: string): string {
  return text.split('\n').map(escapeControl).join('\n');
}
