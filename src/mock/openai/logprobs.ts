/**
 * Logprobs that carry the world's logprob confidence. Mapping: every content token gets
 * logprob = ln(conf). Both readings clients use then recover conf exactly:
 * exp(first token's logprob) = conf and exp(mean logprob) = conf (the geometric mean of
 * token probabilities). When top_logprobs ≥ 2 is asked for, one alternative "…" carries
 * the remaining mass ln(1 − conf), so top-1 − top-2 margins are meaningful too.
 *
 * Tokens are the answer's whitespace-led word pieces, not BPE tokens: their text
 * concatenates back to the answer, which is what a client reconstructing it needs.
 */

export interface TokenLogprob {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: { token: string; logprob: number; bytes: number[] }[];
}

const encoder = new TextEncoder();
const ALTERNATIVE = '…';

/** Word pieces of a text; joined they give the text back. */
export function tokenPieces(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? (text === '' ? [] : [text]);
}

export function tokenLogprobs(
  pieces: readonly string[],
  confidence: number,
  topLogprobs: number,
): TokenLogprob[] {
  const logprob = Math.log(confidence);
  const alternative = Math.log(Math.max(Number.MIN_VALUE, 1 - confidence));
  return pieces.map((token) => {
    const bytes = Array.from(encoder.encode(token));
    const top: TokenLogprob['top_logprobs'] = [];
    if (topLogprobs >= 1) top.push({ token, logprob, bytes });
    if (topLogprobs >= 2) {
      top.push({ token: ALTERNATIVE, logprob: alternative, bytes: Array.from(encoder.encode(ALTERNATIVE)) });
    }
    return { token, logprob, bytes, top_logprobs: top };
  });
}
