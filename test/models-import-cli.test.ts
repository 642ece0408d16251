import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { captureIo } from './support/cli-capture.ts';

// A tiny LiteLLM-shaped price map (field names as in model_prices_and_context_window.json).
const prices = {
  sample_spec: { litellm_provider: 'one of …', mode: 'one of: chat, embedding', input_cost_per_token: 0 },
  'gpt-tiny': {
    litellm_provider: 'openai',
    mode: 'chat',
    input_cost_per_token: 2e-7,
    output_cost_per_token: 8e-7,
    cache_read_input_token_cost: 5e-8,
    max_input_tokens: 64000,
    max_output_tokens: 4096,
  },
  'claude-tiny': {
    litellm_provider: 'anthropic',
    mode: 'chat',
    input_cost_per_token: 1e-6,
    output_cost_per_token: 5e-6,
    cache_creation_input_token_cost: 1.25e-6,
    max_tokens: 8192,
    max_input_tokens: 200000,
  },
  'gemini/gemini-tiny': {
    litellm_provider: 'gemini',
    mode: 'chat',
    input_cost_per_token: 1e-7,
    output_cost_per_token: 4e-7,
    max_input_tokens: 1000000,
    max_output_tokens: 8192,
  },
  'text-embedding-tiny': { litellm_provider: 'openai', mode: 'embedding', input_cost_per_token: 1e-8 },
  'bedrock/claude-tiny': {
    litellm_provider: 'bedrock',
    mode: 'chat',
    input_cost_per_token: 1e-6,
    output_cost_per_token: 5e-6,
    max_input_tokens: 200000,
    max_output_tokens: 8192,
  },
};

const facts = [
  'provider,model_id,model_name,input_usd_cents_per_mtok,output_usd_cents_per_mtok,max_input_tokens,max_output_tokens,throughput_tok_s,ttft_s,mmlu,mmlu-pro,gsm8k,math,humaneval,mbpp,gpqa,arena-hard',
  'openai,gpt-tiny-2025-01-01,GPT Tiny,20,80,64000,4096,150.0,0.45,0.8,,0.9,,,,0.5,',
  'google,gemini-tiny,Gemini Tiny,10,40,1000000,8192,200.0,0.3,0.7,,,,0.8,,0.4,',
].join('\n');

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'routesim-import-'));
  writeFileSync(join(directory, 'prices.json'), JSON.stringify(prices));
  writeFileSync(join(directory, 'facts.csv'), facts);
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('routesim models import', () => {
  it('imports the chat models of known providers and writes a loadable catalog', async () => {
    const { io: cli, err } = captureIo();
    const out = join(directory, 'catalog.json');
    const code = await main(
      [
        'models',
        'import',
        join(directory, 'prices.json'),
        '--facts',
        join(directory, 'facts.csv'),
        '--out',
        out,
      ],
      cli,
    );
    expect(code, err.join('')).toBe(0);
    const catalog = loadCatalog(out);
    expect(catalog.models.map((model) => [model.id, model.provider])).toEqual([
      ['gpt-tiny', 'openai'],
      ['claude-tiny', 'anthropic'],
      ['gemini-tiny', 'google'],
    ]);
    expect(Object.keys(catalog.providers)).toEqual(['anthropic', 'google', 'openai']);
    expect(catalog.providers.anthropic).toMatchObject({
      wire: 'anthropic',
      baseUrl: 'https://api.anthropic.com',
    });
    const [gpt, claude, gemini] = catalog.models;
    expect(gpt).toMatchObject({
      input_cost_per_token: 2e-7,
      output_cost_per_token: 8e-7,
      cache_read_input_token_cost: 5e-8,
      max_input_tokens: 64000,
      max_output_tokens: 4096,
      // joined to gpt-tiny-2025-01-01 (date stamp dropped): 150 tok/s, 0.45 s
      decodeTokensPerSecond: 150,
      ttftMedianMs: 450,
      displayName: 'GPT Tiny',
      benchmarks: { mmlu: 0.8, gsm8k: 0.9, gpqa: 0.5 },
    });
    expect(gpt?.quality.math).toEqual({ accuracy: 0.9, source: 'gsm8k 0.900' });
    // max_output_tokens missing → LiteLLM's legacy max_tokens; no facts row → documented defaults
    expect(claude).toMatchObject({ max_output_tokens: 8192, ttftMedianMs: 600, decodeTokensPerSecond: 80 });
    expect(claude?.cache_creation_input_token_cost).toBe(1.25e-6);
    expect(gemini).toMatchObject({ decodeTokensPerSecond: 200, ttftMedianMs: 300 });
    // written atomically: no temp file left behind
    expect(readdirSync(directory).sort()).toEqual(['catalog.json', 'facts.csv', 'prices.json']);
  });

  it('filters by --models and --provider', async () => {
    const { io: cli, out } = captureIo();
    expect(
      await main(['models', 'import', join(directory, 'prices.json'), '--provider', 'google,openai'], cli),
    ).toBe(0);
    const catalog = JSON.parse(out.join(''));
    expect(catalog.models.map((model: { id: string }) => model.id)).toEqual(['gpt-tiny', 'gemini-tiny']);

    const second = captureIo();
    expect(
      await main(['models', 'import', join(directory, 'prices.json'), '--models', 'gemini-tiny'], second.io),
    ).toBe(0);
    expect(JSON.parse(second.out.join('')).models.map((model: { id: string }) => model.id)).toEqual([
      'gemini-tiny',
    ]);
  });

  it('exits 2 naming the file and the paths of bad named entries', async () => {
    const broken = { ...prices, 'gpt-tiny': { ...prices['gpt-tiny'], input_cost_per_token: 'cheap' } };
    writeFileSync(join(directory, 'prices.json'), JSON.stringify(broken));
    const { io: cli, err } = captureIo();
    const out = join(directory, 'catalog.json');
    const code = await main(
      [
        'models',
        'import',
        join(directory, 'prices.json'),
        '--models',
        'gpt-tiny,text-embedding-tiny,bedrock/claude-tiny,nope',
        '--out',
        out,
      ],
      cli,
    );
    expect(code).toBe(2);
    const message = err.join('');
    expect(message).toContain('prices.json (selected models): 4 problems');
    expect(message).toContain(
      'expected a non-negative number (USD per token), got "cheap" → at gpt-tiny.input_cost_per_token',
    );
    expect(message).toContain('expected mode "chat", got "embedding" → at text-embedding-tiny.mode');
    expect(message).toContain('unsupported provider "bedrock"');
    expect(message).toContain('no LiteLLM entry "nope"');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on a price map that is not JSON, and on an unknown --provider', async () => {
    writeFileSync(join(directory, 'prices.json'), '{"gpt-tiny": ');
    const first = captureIo();
    expect(await main(['models', 'import', join(directory, 'prices.json')], first.io)).toBe(2);
    expect(first.err.join('')).toMatch(/prices\.json: 1 problem\n {2}✖ expected JSON/);

    writeFileSync(join(directory, 'prices.json'), JSON.stringify(prices));
    const second = captureIo();
    expect(
      await main(['models', 'import', join(directory, 'prices.json'), '--provider', 'acme'], second.io),
    ).toBe(2);
    expect(second.err.join('')).toContain('unknown provider "acme"');
  });

  it('warns about every model whose latency is a repeated placeholder pair, unless the curation measures it', async () => {
    // (42, 0.4) on three different models: a placeholder pair, not a measurement.
    const placeholderFacts = [
      facts,
      'anthropic,claude-tiny,Claude Tiny,100,500,200000,8192,42.0,0.4,,,,,,,,',
      'google,gemini-other,Gemini Other,10,40,1000000,8192,42.0,0.4,,,,,,,,',
      'google,gemini-third,Gemini Third,10,40,1000000,8192,42.0,0.4,,,,,,,,',
    ].join('\n');
    writeFileSync(join(directory, 'facts.csv'), placeholderFacts);
    const curation = {
      models: [
        { litellm: 'claude-tiny' },
        {
          litellm: 'gemini/gemini-tiny',
          latency: {
            source: 'a third-party measurement',
            decodeTokensPerSecond: { median: 210, p5: 190, p95: 230 },
            ttftSeconds: { median: 0.3 },
          },
        },
      ],
    };
    writeFileSync(join(directory, 'curation.json'), JSON.stringify(curation));
    const { io: cli, err } = captureIo();
    const out = join(directory, 'catalog.json');
    const code = await main(
      [
        'models',
        'import',
        join(directory, 'prices.json'),
        '--facts',
        join(directory, 'facts.csv'),
        '--curation',
        join(directory, 'curation.json'),
        '--out',
        out,
      ],
      cli,
    );
    expect(code, err.join('')).toBe(0);
    const message = err.join('');
    expect(message).toContain('warning: 1 model has no measured latency');
    expect(message).toContain(
      'claude-tiny: anthropic/claude-tiny carries (42 tok/s, 0.4 s) on 3 rows of 3 models; using 80 tok/s (routesim default, an assumption)',
    );
    const [claude, gemini] = loadCatalog(out).models;
    expect(claude).toMatchObject({ decodeTokensPerSecond: 80, ttftMedianMs: 600 });
    expect(claude?.notes).toMatch(/repeated placeholder pair/);
    expect(claude?.latencySource).toMatch(/is a placeholder/);
    // the curation's measurement wins and is named; σ from its P5–P95, TTFT σ the default
    expect(gemini).toMatchObject({ decodeTokensPerSecond: 210, ttftMedianMs: 300, ttftSigma: 0.35 });
    expect(gemini?.decodeSigma).toBeCloseTo(Math.log(230 / 190) / 3.29, 3);
    expect(gemini?.latencySource).toMatch(
      /^a third-party measurement: 210 tok\/s \[190–230\], first chunk 0.3 s/,
    );
  });

  it('keeps the old file when the import fails', async () => {
    const out = join(directory, 'catalog.json');
    writeFileSync(out, 'previous');
    writeFileSync(join(directory, 'prices.json'), '[]');
    expect(
      await main(['models', 'import', join(directory, 'prices.json'), '--out', out], captureIo().io),
    ).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous');
  });
});
