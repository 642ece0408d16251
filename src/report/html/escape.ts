/**
 * Escaping for everything that reaches report.html from input (scenario names, descriptions, tier
 * and model names, strategy labels, fault fields). Text goes through `escapeHtml`; JSON embedded
 * in a <script> element goes through `jsonForScript`, which keeps `</script>` and `<!--` inside
 * the data from ending the element or starting a comment.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * JSON safe inside `<script type="application/json">`: every `<`, `>` and `&` becomes a JSON
 * unicode escape, so neither `</script>` nor `<!--` can appear; U+2028/U+2029 are escaped too
 * (they end lines in older JavaScript parsers). `JSON.parse` of the result equals the input.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
