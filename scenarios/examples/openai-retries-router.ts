/**
 * The simplest production router: one model, and the official `openai` client's built-in
 * retries (429s after `retry-after-ms`, 5xx and dropped connections with exponential backoff
 * and jitter). On `--engine wire` that backoff runs on the virtual clock — seconds of waiting
 * cost no wall time — and the client's Math.random() jitter is a keyed draw, so runs repeat.
 * No options: gpt-4o, 3 retries, 30 s per attempt, OpenAI's real base URL. A route that
 * throws (retries exhausted) is a failed request.
 */
import OpenAI from 'openai';
import { defineStrategy } from 'routesim';

export default defineStrategy({
  name: 'openai-retries',
  async route(request) {
    const completion = await client.chat.completions.create(
      { model: MODEL, messages: request.messages, max_tokens: request.maxTokens },
      { timeout: 30_000 },
    );
    return { responseId: completion.id, reason: `${MODEL} answered (client retries only)` };
  },
});

const MODEL = 'gpt-4o';
// Built when the module loads, as production code often does.
const client = new OpenAI({ baseURL: 'https://api.openai.com/v1', apiKey: 'test', maxRetries: 3 });
