/** Formats both providers use for rate-limit figures. */

/**
 * OpenAI's reset durations: "12ms" under a second, "1.5s" under a minute, "6m0s" above
 * (as in x-ratelimit-reset-* and "Please try again in 1.574s").
 */
export function formatOpenAIDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole < 1000) return `${whole}ms`;
  if (whole < 60_000) return `${trimDecimals(whole / 1000)}s`;
  const minutes = Math.floor(whole / 60_000);
  return `${minutes}m${trimDecimals((whole - minutes * 60_000) / 1000)}s`;
}

function trimDecimals(value: number): string {
  return String(Number(value.toFixed(3)));
}

/** `retry-after` in whole seconds, rounded up so a client that reads only it never retries early. */
export function retryAfterSeconds(clientMs: number): string {
  return String(Math.ceil(Math.max(0, clientMs) / 1000));
}
