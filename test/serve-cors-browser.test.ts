import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScenarioServer, startScenarioServer } from '../src/mock/serve-scenario.ts';
import { browserTestsRun, launchChromium } from './support/chromium.ts';
import { repoPath } from './wire-support.ts';

describe.runIf(browserTestsRun('serve-cors-browser'))(
  'routesim serve called from a web page in Chromium',
  () => {
    let serve: ScenarioServer | undefined;
    let site: Server | undefined;
    let browser: Browser | undefined;
    let page: Page | undefined;

    beforeAll(async () => {
      serve = await startScenarioServer(repoPath('test/fixtures/serve/three-wires.yaml'), {
        port: 0,
        latencyScale: 1000,
      });
      // The page's own origin: another port, so every call to serve is cross-origin.
      site = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>agent</title>');
      });
      await new Promise<void>((resolve) => site!.listen(0, '127.0.0.1', resolve));
      browser = await launchChromium();
      page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => (site === undefined ? resolve(undefined) : site.close(resolve)));
      await serve?.close();
    });

    /** Run `fetch(url, init)` in the page; the outcome as the page's script sees it. */
    async function pageFetch(
      url: string,
      init: { method: string; headers?: Record<string, string>; body?: string; mode?: string },
    ) {
      return page!.evaluate(
        async ({ url, init }) => {
          try {
            const response = await fetch(url, init as RequestInit);
            return {
              ok: true as const,
              status: response.status,
              type: response.type,
              requestId: response.headers.get('x-request-id') ?? response.headers.get('request-id'),
              body: await response.text(),
            };
          } catch (error) {
            return { ok: false as const, error: String(error) };
          }
        },
        { url, init },
      );
    }

    const openaiBody = JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hi.' }],
      max_tokens: 20,
    });
    const anthropicBody = JSON.stringify({
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 20,
      messages: [{ role: 'user', content: 'Say hi.' }],
    });

    it('OpenAI: the page’s call (Authorization → preflight) is answered and readable, request id included', async () => {
      const outcome = await pageFetch(`${serve!.baseUrls['openai']}/chat/completions`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer k',
          'content-type': 'application/json',
          'x-stainless-os': 'Unknown',
        },
        body: openaiBody,
      });
      expect(outcome).toMatchObject({ ok: true, status: 200, type: 'cors' });
      expect(outcome.ok && outcome.requestId).toMatch(/^req_/);
      expect(outcome.ok && JSON.parse(outcome.body).object).toBe('chat.completion');
    });

    it('Anthropic: answered with the opt-in header, a readable 401 without it', async () => {
      const url = `${serve!.baseUrls['anthropic']}/v1/messages`;
      const headers = {
        'x-api-key': 'k',
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
      };
      const allowed = await pageFetch(url, {
        method: 'POST',
        headers: { ...headers, 'anthropic-dangerous-direct-browser-access': 'true' },
        body: anthropicBody,
      });
      expect(allowed).toMatchObject({ ok: true, status: 200 });
      expect(allowed.ok && JSON.parse(allowed.body).type).toBe('message');

      const refused = await pageFetch(url, { method: 'POST', headers, body: anthropicBody });
      expect(refused).toMatchObject({ ok: true, status: 401 });
      expect(refused.ok && refused.body).toContain('anthropic-dangerous-direct-browser-access');
    });

    it('the control API: a JSON POST is blocked, a no-cors POST is refused, no fault is injected', async () => {
      const url = `${serve!.controlUrl}/faults`;
      const fault = JSON.stringify({ provider: 'openai', kind: 'error', status: 503 });
      const json = await pageFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: fault,
      });
      expect(json).toMatchObject({ ok: false });
      // The request a page can always send: no preflight, an opaque answer it cannot read.
      const blind = await pageFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: fault,
        mode: 'no-cors',
      });
      expect(blind).toMatchObject({ ok: true, type: 'opaque' });
      const faults = (await (await fetch(url)).json()) as { injected: unknown[] };
      expect(faults.injected).toEqual([]);
    });
  },
);
