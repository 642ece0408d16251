/**
 * The registry of wire formats: format name → its adapter (server half and client half,
 * wire-format.ts). The catalog's `providers.<key>.wire` (or a scenario's override) names the
 * entry; the mocks, `serve` and the wire engine look the format up here and nowhere else.
 * Typed over WireFormat, so a format named in contracts without an adapter does not compile.
 */
import type { WireFormat } from '../contracts/index.ts';
import { anthropicClient } from './anthropic/client.ts';
import { anthropicServer } from './anthropic/server.ts';
import { geminiClient } from './gemini/client.ts';
import { geminiServer } from './gemini/server.ts';
import { openAIClient } from './openai/client.ts';
import { openAIServer } from './openai/server.ts';
import type { WireFormatAdapter } from './wire-format.ts';

export const WIRE_FORMATS: Readonly<Record<WireFormat, WireFormatAdapter>> = {
  openai: { server: openAIServer, client: openAIClient },
  anthropic: { server: anthropicServer, client: anthropicClient },
  gemini: { server: geminiServer, client: geminiClient },
};

/** The adapter of a format. */
export function wireFormat(format: WireFormat): WireFormatAdapter {
  return WIRE_FORMATS[format];
}
