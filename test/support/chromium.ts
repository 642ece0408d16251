/**
 * Debian's Chromium for the browser tests (never a downloaded browser), launched headless with the
 * flags that keep it off the network. Without /usr/bin/chromium a browser test is skipped with a
 * message — except with CI=true, where .ci/run installs it and a missing browser fails the test.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests of `suite` run here; says why when they are skipped. */
export function browserTestsRun(suite: string): boolean {
  if (existsSync(CHROMIUM) || process.env['CI'] === 'true') return true;
  console.warn(
    `${suite}: skipped — no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium)`,
  );
  return false;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`CI=true but no Chromium at ${CHROMIUM}: install it (apt-get install -y chromium)`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
