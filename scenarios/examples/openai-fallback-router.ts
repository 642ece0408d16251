/**
 * A router as a team would write it for production: the official `openai` client, no
 * retries of its own (`maxRetries: 0`), and an ordered fallback list — the first model that
 * answers wins. Nothing here knows about routesim except `defineStrategy` and the route
 * signature; on `--engine wire` the client's requests go to the simulated providers at their
 * real base URLs, in virtual time.
 *
 * Options: `models` — the fallback order (@default ["gpt-4o-mini", "gpt-4o", "o3-mini"]);
 * `baseURL` (@default "https://api.openai.com/v1"); `timeoutMs` per attempt (@default 20000).
 */
import OpenAI from 'openai';
import { defineStrategy } from 'routesim';

export default function openaiFallbackRouter(options: Record<string, unknown>) {
  const models = (options['models'] as string[] | undefined) ?? ['gpt-4o-mini', 'gpt-4o', 'o3-mini'];
  const timeout = (options['timeoutMs'] as number | undefined) ?? 20_000;
  const client = new OpenAI({
    baseURL: (options['baseURL'] as string | undefined) ?? 'https://api.openai.com/v1',
    apiKey: 'test',
    maxRetries: 0,
  });
  return defineStrategy({
    name: 'openai-fallback',
    async route(request) {
      const failures: string[] = [];
      for (const model of models) {
        try {
          const completion = await client.chat.completions.create(
            { model, messages: request.messages, max_tokens: request.maxTokens },
            { timeout },
          );
          const fellBack = failures.length === 0 ? '' : ` after ${failures.join(', ')}`;
          return { responseId: completion.id, reason: `${model} answered${fellBack}` };
        } catch (error) {
          const status = error instanceof OpenAI.APIError ? (error.status ?? 'no status') : 'error';
          failures.push(`${model} ${status}`);
        }
      }
      return { responseId: undefined, reason: `every model failed: ${failures.join(', ')}` };
    },
  });
}
