/**
 * Reads a native Gemini request: `POST /v1beta/models/{model}:generateContent` (or /v1/) or
 * `:streamGenerateContent?alt=sse`, authenticated by the `x-goog-api-key` header or `?key=`,
 * with `contents` (role "user" | "model", text parts), `systemInstruction` and
 * `generationConfig` (maxOutputTokens, temperature, candidateCount, thinkingConfig).
 * Anything malformed gets Google's 400 INVALID_ARGUMENT, every problem at once.
 */
import type { ChatMessage } from '../../contracts/index.ts';
import type { AnswerRequest } from '../answer-shape.ts';
import type { ParsedCall } from '../call.ts';
import { readJudgeHeaders } from '../judge.ts';
import { isRecord, type Parsed } from '../parse.ts';
import { REQUEST_ID_HEADER } from '../request-directory.ts';
import { readGeminiAnswer } from './answer-request.ts';
import { invalidArgument, missingApiKey } from './errors.ts';

export interface GeminiRequest extends ParsedCall {
  /** `generationConfig.thinkingConfig` as sent (thinking.ts checks it against the model). */
  thinkingConfig?: unknown;
  /** `thinkingConfig.includeThoughts`: answer with a thought-summary part. */
  includeThoughts: boolean;
  /** Function declarations, calling mode and JSON mode: the shape of the answer (answer-shape.ts). */
  answer: AnswerRequest;
}

/** `models/{model}:{method}` at the end of the path; undefined for another path. */
export function readModelPath(url: URL): { model: string; method: string } | undefined {
  const match = /\/models\/([^/:]+):([A-Za-z]+)$/.exec(url.pathname);
  return match === null ? undefined : { model: decodeURIComponent(match[1]!), method: match[2]! };
}

export async function parseGeminiRequest(request: Request): Promise<Parsed<GeminiRequest>> {
  const url = new URL(request.url);
  const key = request.headers.get('x-goog-api-key') ?? url.searchParams.get('key');
  if (key === null || key === '') return { ok: false, response: missingApiKey() };
  const path = readModelPath(url);
  const stream = path?.method === 'streamGenerateContent';
  if (path === undefined || (path.method !== 'generateContent' && !stream)) {
    return { ok: false, response: invalidArgument(`Unknown method in ${url.pathname}.`) };
  }
  if (stream && url.searchParams.get('alt') !== 'sse') {
    // The JSON-array stream (no alt=sse) is not simulated; every SDK asks for SSE.
    return {
      ok: false,
      response: invalidArgument('routesim streams streamGenerateContent with alt=sse only.'),
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return { ok: false, response: invalidArgument('Invalid JSON payload received. Unexpected token.') };
  }
  if (!isRecord(body))
    return { ok: false, response: invalidArgument('Invalid JSON payload received. Expected an object.') };

  const problems: string[] = unknownFields(body);
  const messages: ChatMessage[] = [];
  const system = body['systemInstruction'] ?? body['system_instruction'];
  if (system !== undefined) {
    const text = partsText(system);
    if (text === undefined)
      problems.push('* GenerateContentRequest.system_instruction: expected a Content with text parts');
    else messages.push({ role: 'system', content: text });
  }
  const contents = body['contents'];
  if (!Array.isArray(contents) || contents.length === 0) {
    problems.push('* GenerateContentRequest.contents: contents is not specified');
  } else {
    contents.forEach((content, index) => {
      const role = isRecord(content) ? (content['role'] ?? 'user') : undefined;
      const text = partsText(content);
      const unmodelled = unmodelledPart(content);
      if (unmodelled !== undefined) {
        problems.push(
          `* GenerateContentRequest.contents[${index}].parts: routesim does not model ${unmodelled}`,
        );
      }
      if (role !== 'user' && role !== 'model') {
        problems.push(
          `* GenerateContentRequest.contents[${index}].role: Please use a valid role: user, model.`,
        );
      } else if (text === undefined) {
        problems.push(`* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.`);
      } else messages.push({ role: role === 'model' ? 'assistant' : 'user', content: text });
    });
  }
  const config = body['generationConfig'] ?? {};
  const generation = isRecord(config) ? config : {};
  if (!isRecord(config)) problems.push('* GenerateContentRequest.generation_config: expected an object');
  const maxTokens = generation['maxOutputTokens'];
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && (maxTokens as number) >= 1)) {
    problems.push('* GenerateContentRequest.generation_config.max_output_tokens: must be a positive integer');
  }
  const temperature = generation['temperature'];
  if (
    temperature !== undefined &&
    !(typeof temperature === 'number' && temperature >= 0 && temperature <= 2)
  ) {
    problems.push('* GenerateContentRequest.generation_config.temperature: must be in [0.0, 2.0]');
  }
  const candidates = generation['candidateCount'];
  if (candidates !== undefined && candidates !== 1) {
    // The world serves one answer per call.
    problems.push(
      '* GenerateContentRequest.generation_config.candidate_count: routesim simulates candidateCount 1 only',
    );
  }
  const answer = readGeminiAnswer(body, generation, problems);
  const judge = readJudgeHeaders(request.headers);
  if (!judge.ok) problems.push(judge.message);
  if (problems.length > 0) return { ok: false, response: invalidArgument(problems.join('\n')) };
  const thinkingConfig = generation['thinkingConfig'];
  return {
    ok: true,
    value: {
      model: path.model,
      messages,
      maxTokens: maxTokens as number | undefined,
      stream,
      requestId: request.headers.get(REQUEST_ID_HEADER),
      ...(judge.ok && judge.judge !== undefined ? { judge: judge.judge } : {}),
      ...(thinkingConfig === undefined ? {} : { thinkingConfig }),
      includeThoughts: isRecord(thinkingConfig) && thinkingConfig['includeThoughts'] === true,
      answer,
    },
  };
}

/** GenerateContentRequest's fields, as JSON (camelCase) and proto (snake_case) names. */
const REQUEST_FIELDS = new Set(
  [
    'model',
    'contents',
    'systemInstruction',
    'generationConfig',
    'tools',
    'toolConfig',
    'safetySettings',
    'cachedContent',
    'labels',
    'serviceTier',
  ].flatMap((name) => [name, name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)]),
);

/** Google rejects a field its request message does not have, naming it. */
function unknownFields(body: Record<string, unknown>): string[] {
  return Object.keys(body)
    .filter((name) => !REQUEST_FIELDS.has(name))
    .map((name) => `Invalid JSON payload received. Unknown name "${name}": Cannot find field.`);
}

/** Parts a simulated model cannot read (images, audio, files), named; undefined when all can be read. */
function unmodelledPart(content: unknown): string | undefined {
  if (!isRecord(content) || !Array.isArray(content['parts'])) return undefined;
  for (const part of content['parts']) {
    if (isRecord(part) && (part['inlineData'] !== undefined || part['fileData'] !== undefined)) {
      return 'inlineData / fileData parts (images, audio, files): a simulated answer would ignore them';
    }
  }
  return undefined;
}

/** The text of a Content's parts joined (thought parts a client sends back are not prompt text). */
function partsText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!isRecord(content) || !Array.isArray(content['parts']) || content['parts'].length === 0)
    return undefined;
  let text = '';
  for (const part of content['parts']) {
    if (!isRecord(part)) continue;
    if (typeof part['text'] === 'string' && part['thought'] !== true) text += part['text'];
    // A function call or its response is prompt text too (its JSON), as a model reads it.
    else if (isRecord(part['functionCall'])) text += JSON.stringify(part['functionCall']['args'] ?? {});
    else if (isRecord(part['functionResponse']))
      text += JSON.stringify(part['functionResponse']['response'] ?? {});
  }
  return text;
}
