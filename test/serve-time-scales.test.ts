/**
 * Time you can reason about under `serve` (issue 11, item 3): the schedule and a call's
 * latency on separate scales (--schedule-scale, --latency-scale; --time-scale sets both), and
 * every instant the client reads — Anthropic's reset headers, OpenAI's `created` — on the
 * client's wall clock, however far the schedule is compressed or advanced.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import FakeTimers from '@sinonjs/fake-timers';
import { afterEach, describe, expect, it } from 'vitest';
import { realClock, toClientMs, toDate } from '../src/mock/clock.ts';
import { type ScenarioServer, startScenarioServer } from '../src/mock/serve-scenario.ts';
import { repoPath } from './wire-support.ts';

describe('a real clock with separate schedule and latency scales (fake timers)', () => {
  it('compresses the schedule 120× while a 3 s call still takes 3 s', async () => {
    const timers = FakeTimers.install({ toFake: ['performance', 'Date', 'setTimeout', 'clearTimeout'] });
    try {
      const clock = realClock({ timeScale: 120, latencyScale: 1 });
      timers.tick(1000);
      expect(clock.now()).toBe(120_000);
      // A rate-limit wait of 60 virtual s is half a second for the client.
      expect(toClientMs(clock, 60_000)).toBe(500);
      const call = clock.forCall!(clock.now());
      let done = false;
      void call.sleep(3000).then(() => {
        done = true;
      });
      await timers.tickAsync(2999);
      expect(done).toBe(false);
      await timers.tickAsync(1);
      expect(done).toBe(true);
      // Meanwhile the schedule moved 120 × 3 s.
      expect(clock.now()).toBe(120_000 + 360_000);
    } finally {
      timers.uninstall();
    }
  });

  it('maps virtual instants to the client’s wall clock, also after the clock is advanced', () => {
    const timers = FakeTimers.install({ now: Date.UTC(2026, 0, 1, 13, 33), toFake: ['performance', 'Date'] });
    try {
      const clock = realClock({ timeScale: 120, latencyScale: 1 });
      timers.tick(10_000);
      expect(toDate(clock, clock.now()).getTime()).toBe(Date.now());
      expect(toDate(clock, clock.now() + 60_000).getTime()).toBe(Date.now() + 500);
      clock.advance!(3_600_000);
      expect(toDate(clock, clock.now()).getTime()).toBe(Date.now());
    } finally {
      timers.uninstall();
    }
  });
});

describe('headers and bodies over serve read on the client’s wall clock', () => {
  let server: ScenarioServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('after an hour of schedule, reset headers and `created` are still “now”', async () => {
    server = await startScenarioServer(repoPath('test/fixtures/serve/three-wires.yaml'), {
      port: 0,
      timeScale: 120,
      latencyScale: 1000,
    });
    server.clock.advance!(3_600_000);
    const anthropic = await fetch(`${server.baseUrls['anthropic']}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: 'claude-haiku-4-5-20251001',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(anthropic.status).toBe(200);
    await anthropic.arrayBuffer();
    const reset = Date.parse(anthropic.headers.get('anthropic-ratelimit-requests-reset')!);
    // The minute window resets within 60 virtual s = 0.5 real s (rounded up to the second).
    expect(Math.abs(reset - Date.now())).toBeLessThan(5_000);

    const openai = await fetch(`${server.baseUrls['openai']}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    const created = ((await openai.json()) as { created: number }).created * 1000;
    expect(Math.abs(created - Date.now())).toBeLessThan(5_000);
  });
});

describe('routesim serve time flags', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGTERM');
    child = undefined;
  });

  async function printed(flags: string[], until: RegExp): Promise<string> {
    const args = [
      repoPath('src/cli/bin.ts'),
      'serve',
      repoPath('test/fixtures/serve/three-wires.yaml'),
      '--port',
      '0',
    ];
    child = spawn(process.execPath, [...args, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout!.setEncoding('utf8');
    while (!until.test(text)) {
      const [chunk] = (await once(child.stdout!, 'data')) as [string];
      text += chunk;
    }
    return text;
  }

  it('--schedule-scale alone keeps real latency; after the scenario it says no more faults', async () => {
    // 60 virtual s at 600× is a tenth of a real second.
    const text = await printed(['--schedule-scale', '600'], /no more faults/);
    expect(text).toContain('time: schedule ×600, latency ×1;');
    expect(text).toMatch(/fault schedule ended at \S+ \(virtual 60 s\); no more faults/);
  }, 30_000);

  it('--time-scale sets both scales; --loop repeats the schedule', async () => {
    const text = await printed(['--time-scale', '50', '--loop'], /Ctrl\+C/);
    expect(text).toContain('time: schedule ×50, latency ×50; fault schedule repeats every 60 virtual s');
  }, 30_000);
});
