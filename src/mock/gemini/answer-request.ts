/**
 * A Gemini request's `tools` (functionDeclarations), `toolConfig.functionCallingConfig` and
 * `generationConfig.responseMimeType` / `responseSchema`, read into the format-neutral
 * AnswerRequest (answer-shape.ts). Gemini's schemas are OpenAPI-style with upper-case types
 * (`OBJECT`, `STRING`); they are lower-cased for the sampler. Problems are pushed in Google's
 * words; non-function tools (search, code execution) are refused as not modelled.
 */
import type { AnswerRequest, ToolChoice, ToolSpec } from '../answer-shape.ts';
import { isRecord } from '../parse.ts';

const PREFIX = '* GenerateContentRequest';

export function readGeminiAnswer(
  body: Record<string, unknown>,
  generation: Record<string, unknown>,
  problems: string[],
): AnswerRequest {
  const tools: ToolSpec[] = [];
  const rawTools = body['tools'];
  if (Array.isArray(rawTools)) {
    rawTools.forEach((tool, index) => {
      const declarations = isRecord(tool) ? tool['functionDeclarations'] : undefined;
      if (!Array.isArray(declarations)) {
        const kind = isRecord(tool) ? Object.keys(tool).join(', ') : typeof tool;
        problems.push(
          `${PREFIX}.tools[${index}]: routesim does not model tools other than functionDeclarations (got ${kind})`,
        );
        return;
      }
      declarations.forEach((declaration, inner) => {
        const name = isRecord(declaration) ? declaration['name'] : undefined;
        if (typeof name !== 'string' || name === '') {
          problems.push(
            `${PREFIX}.tools[${index}].function_declarations[${inner}].name: [FIELD_INVALID] Invalid function name.`,
          );
          return;
        }
        const parameters = isRecord(declaration)
          ? (declaration['parametersJsonSchema'] ??
            lowerTypes(declaration['parameters']) ?? { type: 'object' })
          : {};
        tools.push({ name, parameters });
      });
    });
  }
  const toolConfig = body['toolConfig'];
  const calling = isRecord(toolConfig) ? toolConfig['functionCallingConfig'] : undefined;
  const toolChoice = readMode(calling, tools, problems);
  const mime = generation['responseMimeType'];
  const schema = generation['responseJsonSchema'] ?? lowerTypes(generation['responseSchema']);
  const json: AnswerRequest['json'] =
    mime === 'application/json'
      ? schema === undefined
        ? { kind: 'object' }
        : { kind: 'schema', schema }
      : undefined;
  if (mime !== undefined && mime !== 'application/json' && mime !== 'text/plain') {
    problems.push(
      `${PREFIX}.generation_config.response_mime_type: allowed mimetypes are \`text/plain\`, \`application/json\`.`,
    );
  }
  return {
    tools,
    toolChoice,
    toolResultSinceUser: functionResponseSinceUser(body['contents']),
    ...(json === undefined ? {} : { json }),
  };
}

/** AUTO (the default), ANY (one of `allowedFunctionNames` when given), NONE. */
function readMode(calling: unknown, tools: readonly ToolSpec[], problems: string[]): ToolChoice {
  if (!isRecord(calling)) return { kind: 'auto' };
  const mode = calling['mode'] ?? 'AUTO';
  if (mode === 'NONE') return { kind: 'none' };
  if (mode === 'AUTO' || mode === 'VALIDATED') return { kind: 'auto' };
  if (mode !== 'ANY') {
    problems.push(`${PREFIX}.tool_config.function_calling_config.mode: invalid value "${String(mode)}"`);
    return { kind: 'auto' };
  }
  const allowed = calling['allowedFunctionNames'];
  if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === 'string') {
    if (!tools.some((tool) => tool.name === allowed[0])) {
      problems.push(
        `${PREFIX}.tool_config.function_calling_config.allowed_function_names: ${allowed[0]} is not declared`,
      );
      return { kind: 'auto' };
    }
    return { kind: 'named', name: allowed[0] };
  }
  return { kind: 'required' };
}

/** A functionResponse part after the last user content that has text. */
function functionResponseSinceUser(contents: unknown): boolean {
  if (!Array.isArray(contents)) return false;
  for (let index = contents.length - 1; index >= 0; index--) {
    const content = contents[index];
    const parts = isRecord(content) && Array.isArray(content['parts']) ? content['parts'] : [];
    if (parts.some((part) => isRecord(part) && isRecord(part['functionResponse']))) return true;
    if (isRecord(content) && (content['role'] ?? 'user') === 'user') return false;
  }
  return false;
}

/** An OpenAPI-style Gemini schema with its `type` values lower-cased (recursively). */
function lowerTypes(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lowerTypes);
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type' && typeof value === 'string') out[key] = value.toLowerCase();
    else if (key === 'properties' && isRecord(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, lowerTypes(inner)]));
    } else if (key === 'items' || key === 'anyOf') out[key] = lowerTypes(value);
    else out[key] = value;
  }
  return out;
}
