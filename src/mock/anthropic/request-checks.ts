/**
 * The checks Anthropic runs on a Messages body, worded as its validator words them ("<path>:
 * <problem>", all at once), and routesim's refusal of what it does not model (images,
 * documents, server tools): a 400 that says so, never an answer that ignored the input.
 * Also the body's `tools` and `tool_choice`, read into the format-neutral AnswerRequest.
 */
import type { AnswerRequest, ToolChoice, ToolSpec } from '../answer-shape.ts';
import { isRecord } from '../parse.ts';

/** Every Messages argument the real API accepts (its API reference, 2025). */
const MESSAGES_ARGUMENTS = new Set([
  'model',
  'messages',
  'max_tokens',
  'metadata',
  'stop_sequences',
  'stream',
  'system',
  'temperature',
  'thinking',
  'tool_choice',
  'tools',
  'top_k',
  'top_p',
  'service_tier',
  'container',
  'mcp_servers',
  'context_management',
  // Sent by @anthropic-ai/sdk 1.x (its MessageCreateParams).
  'cache_control',
  'diagnostics',
  'inference_geo',
  'output_config',
  'speed',
  'user_profile_id',
  'workspace_id',
]);

/** Arguments routesim does not model. */
const NOT_MODELLED: Record<string, string> = {
  container: 'code-execution containers',
  mcp_servers: 'MCP servers',
  context_management: 'context management',
};

/** Content blocks a simulated model can read: text, and the blocks of a tool round trip. */
const READABLE_BLOCKS = new Set(['text', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking']);

/** The refusal of something routesim does not simulate, as an Anthropic message. */
export function notModelledMessage(path: string, what: string): string {
  return `${path}: routesim does not model ${what}: a simulated answer would ignore it, so the request is refused`;
}

/** Problems with the body's arguments, in Anthropic's words. */
export function argumentProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(body)) {
    if (!MESSAGES_ARGUMENTS.has(name)) problems.push(`${name}: Extra inputs are not permitted`);
    else if (NOT_MODELLED[name] !== undefined && body[name] !== null) {
      problems.push(notModelledMessage(name, NOT_MODELLED[name]));
    }
  }
  for (const [name, maximum] of [
    ['temperature', 1],
    ['top_p', 1],
  ] as const) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number') problems.push(`${name}: Input should be a valid number`);
    else if (value < 0) problems.push(`${name}: Input should be greater than or equal to 0`);
    else if (value > maximum) problems.push(`${name}: Input should be less than or equal to ${maximum}`);
  }
  const topK = body['top_k'];
  if (topK !== undefined && topK !== null && !(Number.isInteger(topK) && (topK as number) >= 0)) {
    problems.push('top_k: Input should be a valid integer greater than or equal to 0');
  }
  return problems;
}

/** Problems with one message's content blocks (a string is always fine). */
export function contentProblems(content: unknown, index: number): string[] {
  if (!Array.isArray(content)) return [];
  const problems: string[] = [];
  for (const [blockIndex, block] of content.entries()) {
    const type = isRecord(block) ? block['type'] : undefined;
    if (typeof type === 'string' && READABLE_BLOCKS.has(type)) continue;
    const path = `messages.${index}.content.${blockIndex}`;
    if (type === 'image' || type === 'document') problems.push(notModelledMessage(path, `${type} inputs`));
    else
      problems.push(
        `${path}: Input tag '${String(type)}' found using 'type' does not match any of the expected tags`,
      );
  }
  return problems;
}

/** The text a message's content carries for the token count: text, tool inputs and tool results. */
export function blocksText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  let text = '';
  for (const block of content) {
    if (!isRecord(block)) continue;
    if (typeof block['text'] === 'string') text += block['text'];
    else if (block['type'] === 'tool_use') text += JSON.stringify(block['input'] ?? {});
    else if (block['type'] === 'tool_result') text += blocksText(block['content']) ?? '';
  }
  return text;
}

/** `tools` and `tool_choice` as an AnswerRequest (JSON mode does not exist on Messages), or problems. */
export function readAnthropicAnswer(body: Record<string, unknown>, problems: string[]): AnswerRequest {
  const tools: ToolSpec[] = [];
  const rawTools = body['tools'];
  if (rawTools !== undefined && rawTools !== null) {
    if (!Array.isArray(rawTools)) problems.push('tools: Input should be a valid list');
    else {
      for (const [index, tool] of rawTools.entries()) {
        if (!isRecord(tool)) {
          problems.push(`tools.${index}: Input should be a valid dictionary`);
          continue;
        }
        if (tool['type'] !== undefined && tool['type'] !== 'custom') {
          problems.push(notModelledMessage(`tools.${index}`, `server tools ('${String(tool['type'])}')`));
          continue;
        }
        if (typeof tool['name'] !== 'string') problems.push(`tools.${index}.custom.name: Field required`);
        if (!isRecord(tool['input_schema']))
          problems.push(`tools.${index}.custom.input_schema: Field required`);
        else if (typeof tool['name'] === 'string')
          tools.push({ name: tool['name'], parameters: tool['input_schema'] });
      }
    }
  }
  const json = readOutputFormat(body['output_config'], problems);
  return {
    tools,
    toolChoice: readAnthropicToolChoice(body['tool_choice'], tools, problems),
    toolResultSinceUser: lastUserHasToolResult(body['messages']),
    ...(json === undefined ? {} : { json }),
  };
}

/**
 * `output_config`: `format: {type: "json_schema", schema}` (structured outputs) answers JSON
 * drawn from the schema; `effort` is not modelled (the world's reasoning control on this wire is
 * `thinking.budget_tokens`), so it is refused rather than ignored.
 */
function readOutputFormat(value: unknown, problems: string[]): AnswerRequest['json'] {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) {
    problems.push('output_config: Input should be a valid dictionary');
    return undefined;
  }
  if (value['effort'] !== undefined && value['effort'] !== null) {
    problems.push(notModelledMessage('output_config.effort', 'effort (send thinking.budget_tokens)'));
  }
  const format = value['format'];
  if (format === undefined || format === null) return undefined;
  if (!isRecord(format) || format['type'] !== 'json_schema') {
    problems.push("output_config.format.type: Input should be 'json_schema'");
    return undefined;
  }
  if (!isRecord(format['schema'])) {
    problems.push('output_config.format.schema: Field required');
    return undefined;
  }
  return { kind: 'schema', schema: format['schema'] };
}

function readAnthropicToolChoice(value: unknown, tools: readonly ToolSpec[], problems: string[]): ToolChoice {
  if (value === undefined || value === null) return { kind: 'auto' };
  const type = isRecord(value) ? value['type'] : undefined;
  if (type === 'auto') return { kind: 'auto' };
  if (type === 'none') return { kind: 'none' };
  if (type === 'any') return { kind: 'required' };
  if (type === 'tool') {
    const name = isRecord(value) ? value['name'] : undefined;
    if (typeof name !== 'string') problems.push('tool_choice.tool.name: Field required');
    else if (!tools.some((tool) => tool.name === name)) {
      problems.push(`tool_choice: Tool '${name}' not found in provided tools`);
    } else return { kind: 'named', name };
    return { kind: 'auto' };
  }
  problems.push(
    "tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'",
  );
  return { kind: 'auto' };
}

/** The last user message carries a tool_result block (Anthropic's tool results are user turns). */
function lastUserHasToolResult(messages: unknown): boolean {
  if (!Array.isArray(messages)) return false;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (!isRecord(message) || message['role'] !== 'user') continue;
    const content = message['content'];
    return (
      Array.isArray(content) && content.some((block) => isRecord(block) && block['type'] === 'tool_result')
    );
  }
  return false;
}
