/**
 * The mocks inside this process: msw intercepts fetch (and node:http), answers every
 * provider's real base URL, and fails any other request — nothing ever reaches a real
 * provider.
 */
import { setupServer } from 'msw/node';
import { createProviderHandlers, type ProviderHandlerOptions } from './handlers.ts';

export type InProcessMockOptions = ProviderHandlerOptions;

export interface InProcessMocks {
  /** The msw server (for `use()` in tests). */
  server: ReturnType<typeof setupServer>;
  /** Stop intercepting. */
  close(): void;
}

export function startInProcessMocks(options: InProcessMockOptions): InProcessMocks {
  const server = setupServer(...createProviderHandlers(options));
  server.listen({ onUnhandledRequest: 'error' });
  // msw 2.15 tees every mocked response to emit this event; an unread tee branch keeps the
  // client's `body.cancel()` pending forever (a tee's cancel settles only when both branches
  // cancel). The official SDKs cancel the body of every response they retry, so without this
  // a retried 429/5xx deadlocks — and the unread branch would also buffer whole streams.
  server.events.on('response:mocked', ({ response }) => {
    response.body?.cancel().catch(() => {});
  });
  return { server, close: () => server.close() };
}
