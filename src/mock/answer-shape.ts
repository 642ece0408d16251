/**
 * What an answer looks like when the request asked for more than text: a tool call whose
 * arguments match the tool's JSON Schema, or JSON-mode content. Format-neutral: each format
 * reads its own parameters into an AnswerRequest and writes the shape in its own blocks.
 *
 * When the model calls a tool (an assumption, stated in docs/wire-fidelity.md; no published
 * rate of tool use to anchor it on):
 * - `required` or a named tool: always (the providers guarantee it);
 * - `auto`: when no tool result has come back since the last user message — an agent's model
 *   asks for a tool once per user turn and answers in text from its result, so agent loops end;
 * - `none`, or no tools: never.
 * The tool (under `auto`/`required`) is a keyed draw over the declared tools, its arguments a
 * keyed sample of its schema (json-schema-sample.ts), both keyed by the response id. The billed
 * tokens stay the world's (the answer's length is drawn for the request, not for the
 * arguments).
 */
import { hashKey, stringKey } from '../contracts/index.ts';
import { keyedUniforms, sampleJson } from './json-schema-sample.ts';

/** A declared function tool: its name and the JSON Schema of its arguments. */
export interface ToolSpec {
  name: string;
  parameters: unknown;
}

export type ToolChoice =
  | { kind: 'auto' }
  | { kind: 'none' }
  | { kind: 'required' }
  | { kind: 'named'; name: string };

/** What a request asks of its answer's shape, read by the format's parser. */
export interface AnswerRequest {
  /** Declared function tools (empty: none). */
  tools: readonly ToolSpec[];
  toolChoice: ToolChoice;
  /** A tool result came back after the last user message. */
  toolResultSinceUser: boolean;
  /** JSON mode: any JSON object, or one matching a schema; undefined for text. */
  json?: { kind: 'object' } | { kind: 'schema'; schema: unknown };
}

/** One tool call: a deterministic id suffix, the tool, and its arguments. */
export interface ToolCall {
  /** 24 lowercase hex digits; the format adds its prefix (`call_`, `toolu_`). */
  idSuffix: string;
  name: string;
  /** The arguments as a value (Anthropic's `input`) and as JSON text (OpenAI's `arguments`). */
  input: unknown;
  arguments: string;
}

export type AnswerShape = { kind: 'text'; text: string } | { kind: 'tool'; call: ToolCall };

/** A request that asks nothing beyond text. */
export const TEXT_ONLY: AnswerRequest = {
  tools: [],
  toolChoice: { kind: 'auto' },
  toolResultSinceUser: false,
};

/** The shape of world answer `responseId` (its text `text`) for `request`. */
export function shapeAnswer(request: AnswerRequest, responseId: string, text: string): AnswerShape {
  const key = stringKey(responseId);
  const tool = chosenTool(request, key);
  if (tool !== undefined) {
    const input = sampleJson(tool.parameters, keyedUniforms(hashKey(key, 1)));
    return {
      kind: 'tool',
      call: { idSuffix: hexId(key), name: tool.name, input, arguments: JSON.stringify(input) },
    };
  }
  if (request.json?.kind === 'object') return { kind: 'text', text: JSON.stringify({ answer: text }) };
  if (request.json?.kind === 'schema') {
    return {
      kind: 'text',
      text: JSON.stringify(sampleJson(request.json.schema, keyedUniforms(hashKey(key, 2)))),
    };
  }
  return { kind: 'text', text };
}

function chosenTool(request: AnswerRequest, key: number): ToolSpec | undefined {
  const { tools, toolChoice } = request;
  if (tools.length === 0) return undefined;
  switch (toolChoice.kind) {
    case 'none':
      return undefined;
    case 'named':
      return tools.find((tool) => tool.name === toolChoice.name);
    case 'auto':
      if (request.toolResultSinceUser) return undefined;
      break;
    case 'required':
      break;
  }
  return tools[Math.floor((hashKey(key, 3) / 4294967296) * tools.length)];
}

function hexId(key: number): string {
  return [4, 5, 6].map((stream) => hashKey(key, stream).toString(16).padStart(8, '0')).join('');
}
