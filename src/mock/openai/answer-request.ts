/**
 * A Chat Completions body's `tools`, `tool_choice` and `response_format`, read into the
 * format-neutral AnswerRequest (answer-shape.ts), with OpenAI's 400s for what it rejects.
 */
import type { AnswerRequest, ToolChoice, ToolSpec } from '../answer-shape.ts';
import { isRecord, type Parsed } from '../parse.ts';
import { invalidValue, missingParameter, openAIErrorBody, openAIErrorResponse } from './errors.ts';
import { notModelled } from './request-checks.ts';

export function readChatAnswerRequest(
  body: Record<string, unknown>,
  messages: unknown[],
): Parsed<AnswerRequest> {
  const tools = readTools(
    body['tools'],
    (tool) => (isRecord(tool['function']) ? tool['function'] : undefined),
    'function.',
  );
  if (!Array.isArray(tools)) return { ok: false, response: tools };
  const choice = readToolChoice(body['tool_choice'], tools, (value) =>
    isRecord(value['function']) ? value['function']['name'] : undefined,
  );
  if (!('kind' in choice)) return { ok: false, response: choice };
  const json = readResponseFormat(body['response_format'], messages);
  if (json instanceof Response) return { ok: false, response: json };
  return {
    ok: true,
    value: {
      tools,
      toolChoice: choice,
      toolResultSinceUser: toolResultSinceUser(messages),
      ...(json === undefined ? {} : { json }),
    },
  };
}

/**
 * Function tools, or OpenAI's 400. `functionOf` finds the name/parameters object of one tool
 * (`tool.function` on Chat Completions, the tool itself on the Responses API); `prefix` is its
 * path for messages.
 */
export function readTools(
  value: unknown,
  functionOf: (tool: Record<string, unknown>) => Record<string, unknown> | undefined,
  prefix: string,
): ToolSpec[] | Response {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    return invalidValue('tools', "Invalid type for 'tools': expected an array of objects.");
  const tools: ToolSpec[] = [];
  for (const [index, tool] of value.entries()) {
    if (!isRecord(tool))
      return invalidValue(`tools[${index}]`, `Invalid type for 'tools[${index}]': expected an object.`);
    if (tool['type'] !== 'function') {
      return notModelled(
        `tools[${index}].type`,
        `tools of type '${String(tool['type'])}' (only function tools are simulated)`,
      );
    }
    const fn = functionOf(tool);
    if (fn === undefined) return missingParameter(`tools[${index}].function`);
    const name = fn['name'];
    if (typeof name !== 'string' || name === '') return missingParameter(`tools[${index}].${prefix}name`);
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
      return invalidValue(
        `tools[${index}].${prefix}name`,
        `Invalid 'tools[${index}].${prefix}name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      );
    }
    const parameters = fn['parameters'] ?? { type: 'object', properties: {} };
    if (!isRecord(parameters)) {
      return invalidValue(
        `tools[${index}].${prefix}parameters`,
        `Invalid type for 'tools[${index}].${prefix}parameters': expected an object.`,
      );
    }
    tools.push({ name, parameters });
  }
  return tools;
}

/** `tool_choice`: 'auto' (the default with tools), 'none' (without), 'required', or one named tool. */
export function readToolChoice(
  value: unknown,
  tools: readonly ToolSpec[],
  nameOf: (choice: Record<string, unknown>) => unknown,
): ToolChoice | Response {
  if (value === undefined || value === null) return { kind: tools.length > 0 ? 'auto' : 'none' };
  if (tools.length === 0) {
    return invalidValue(
      'tool_choice',
      "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
    );
  }
  if (value === 'auto' || value === 'none' || value === 'required') return { kind: value };
  if (typeof value === 'string') {
    return invalidValue(
      'tool_choice',
      `Invalid value: '${value}'. Supported values are: 'none', 'auto', and 'required'.`,
    );
  }
  if (!isRecord(value) || value['type'] !== 'function') {
    return invalidValue(
      'tool_choice',
      "Invalid value for 'tool_choice': expected 'none', 'auto', 'required' or a function tool.",
    );
  }
  const name = nameOf(value);
  if (typeof name !== 'string') return missingParameter('tool_choice.function.name');
  if (!tools.some((tool) => tool.name === name)) {
    return invalidValue(
      'tool_choice',
      `Invalid value for 'tool_choice': function '${name}' is not one of the 'tools'.`,
    );
  }
  return { kind: 'named', name };
}

/** `response_format`: text (undefined), json_object, or json_schema with its schema. */
function readResponseFormat(value: unknown, messages: unknown[]): AnswerRequest['json'] | Response {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value))
    return invalidValue('response_format', "Invalid type for 'response_format': expected an object.");
  const type = value['type'];
  if (type === 'text') return undefined;
  if (type === 'json_object') {
    // The real API refuses JSON mode unless the prompt asks for JSON (else the model may loop on whitespace).
    const mentionsJson = messages.some(
      (message) => isRecord(message) && /json/i.test(JSON.stringify(message['content'] ?? '')),
    );
    if (!mentionsJson) {
      return openAIErrorResponse(
        400,
        openAIErrorBody(
          "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
          'invalid_request_error',
          'messages',
          null,
        ),
      );
    }
    return { kind: 'object' };
  }
  if (type === 'json_schema') return readJsonSchema(value['json_schema'], 'response_format.json_schema');
  return invalidValue(
    'response_format.type',
    `Invalid value: '${String(type)}'. Supported values are: 'json_object', 'json_schema', and 'text'.`,
  );
}

/** A `{ name, schema, strict? }` object (Chat's json_schema, the Responses API's text.format). */
export function readJsonSchema(value: unknown, path: string): AnswerRequest['json'] | Response {
  if (!isRecord(value)) return missingParameter(path);
  if (typeof value['name'] !== 'string' || value['name'] === '') return missingParameter(`${path}.name`);
  const schema = value['schema'] ?? { type: 'object', properties: {} };
  if (!isRecord(schema))
    return invalidValue(`${path}.schema`, `Invalid type for '${path}.schema': expected an object.`);
  return { kind: 'schema', schema };
}

/** A `tool` (or legacy `function`) message after the last user message. */
function toolResultSinceUser(messages: unknown[]): boolean {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    const role = isRecord(message) ? message['role'] : undefined;
    if (role === 'user') return false;
    if (role === 'tool' || role === 'function') return true;
  }
  return false;
}
