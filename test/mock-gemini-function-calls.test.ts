/**
 * Gemini function calling and JSON mode with the official @google/genai client against the
 * in-process mocks: mode ANY answers a functionCall whose args match the declaration's schema
 * (streamed too), AUTO answers text once a functionResponse came back, responseMimeType
 * application/json with a schema answers JSON that matches it, and image parts are refused
 * as not modelled.
 */
import { ApiError, FunctionCallingConfigMode, GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Catalog, World } from '../src/contracts/index.ts';
import { instantClock } from '../src/mock/clock.ts';
import { type InProcessMocks, startInProcessMocks } from '../src/mock/in-process.ts';
import { emptyDirectory } from '../src/mock/request-directory.ts';
import { createFakeWorld, fakeCatalog, fakeModel } from './mock-support-fake-world.ts';

const BASE = 'https://generativelanguage.googleapis.com';
const catalog: Catalog = {
  ...fakeCatalog,
  providers: {
    ...fakeCatalog.providers,
    google: { ...fakeCatalog.providers['openai']!, wire: 'gemini', baseUrl: BASE },
  },
  models: [...fakeCatalog.models, fakeModel('gemini-test', 'google')],
};

let mocks: InProcessMocks | undefined;
afterEach(() => mocks?.close());

function start() {
  const world: World = {
    ...createFakeWorld(),
    catalog,
    model: (id) => catalog.models.find((model) => model.id === id),
  };
  mocks = startInProcessMocks({
    world,
    clock: instantClock(),
    directory: emptyDirectory,
    countMessageTokens: () => 37,
  });
}
const client = () => new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: BASE } });

const Trip = z.object({
  city: z.string(),
  nights: z.number().int().min(1).max(14),
  budget: z.enum(['low', 'mid', 'high']),
});
const declarations = [{ name: 'book_trip', parametersJsonSchema: z.toJSONSchema(Trip) }];
const anyMode = { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY } };

describe('Gemini function calling', () => {
  it('mode ANY: a functionCall whose args match the schema, the same streamed', async () => {
    start();
    const response = await client().models.generateContent({
      model: 'gemini-test',
      contents: 'Book me a trip.',
      config: { tools: [{ functionDeclarations: declarations }], toolConfig: anyMode },
    });
    const call = response.functionCalls?.[0];
    expect(call?.name).toBe('book_trip');
    expect(Trip.safeParse(call?.args).success).toBe(true);

    start();
    const stream = await client().models.generateContentStream({
      model: 'gemini-test',
      contents: 'Book me a trip.',
      config: { tools: [{ functionDeclarations: declarations }], toolConfig: anyMode },
    });
    const streamed = [];
    for await (const chunk of stream) streamed.push(...(chunk.functionCalls ?? []));
    expect(streamed).toEqual([call]);
  });

  it('OpenAPI-style parameters (upper-case types) work too; AUTO answers text after a functionResponse', async () => {
    start();
    const tools = [
      {
        functionDeclarations: [
          {
            name: 'lookup',
            parameters: {
              type: 'OBJECT',
              properties: { query: { type: 'STRING' }, limit: { type: 'INTEGER', minimum: 1, maximum: 5 } },
              required: ['query', 'limit'],
            },
          },
        ],
      },
    ] as never;
    const first = await client().models.generateContent({
      model: 'gemini-test',
      contents: 'Look it up.',
      config: { tools },
    });
    const call = first.functionCalls?.[0];
    expect(
      z.object({ query: z.string(), limit: z.number().int().min(1).max(5) }).safeParse(call?.args).success,
    ).toBe(true);
    const after = await client().models.generateContent({
      model: 'gemini-test',
      config: { tools },
      contents: [
        { role: 'user', parts: [{ text: 'Look it up.' }] },
        { role: 'model', parts: [{ functionCall: call! }] },
        { role: 'user', parts: [{ functionResponse: { name: 'lookup', response: { result: 'found' } } }] },
      ],
    });
    expect(after.functionCalls).toBeUndefined();
    expect(after.text).toContain('forty two');
  });

  it('JSON mode with a schema answers JSON that matches it; image parts are refused as not modelled', async () => {
    start();
    const response = await client().models.generateContent({
      model: 'gemini-test',
      contents: 'Plan it.',
      config: { responseMimeType: 'application/json', responseJsonSchema: z.toJSONSchema(Trip) },
    });
    expect(Trip.safeParse(JSON.parse(response.text!)).success).toBe(true);

    const refused = await client()
      .models.generateContent({
        model: 'gemini-test',
        contents: [
          {
            role: 'user',
            parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: 'AAAA' } }],
          },
        ],
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(400);
    expect((refused as ApiError).message).toContain('routesim does not model');
  });

  it('an unknown field is Google’s 400 naming it', async () => {
    start();
    const response = await fetch(`${BASE}/v1beta/models/gemini-test:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'test-key' },
      body: JSON.stringify({ contents: [{ parts: [{ text: 'Hi' }] }], temprature: 0.2 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { status: 'INVALID_ARGUMENT', message: expect.stringContaining('Unknown name "temprature"') },
    });
  });
});
