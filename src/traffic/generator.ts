/**
 * The request stream: arrival times up front (8 bytes per request), each request generated on
 * demand from keyed draws of (seed, index) only — so request i is the same whichever other
 * requests were generated, and any shard can regenerate any index.
 *
 * Order of draws for request i: mix entry (Stream.mix), template (Stream.template), tier
 * (Stream.tier), difficulty b_i = μ_d + σ_d·keyedNormal(seed, Stream.difficulty, i) — exactly
 * normal, drawn before any text — then the text, conditional on b_i, from a Faker seeded with
 * keyedInt(seed, Stream.text, i).
 */

import type {
  ChatMessage,
  Domain,
  DomainParams,
  GeneratedRequest,
  RouteRequest,
} from '../contracts/index.ts';
import type { Traffic } from '../scenario/types.ts';
import { keyedInt, keyedNormal, keyedUniform, mix32, Stream, stringKey } from '../world/random.ts';
import { arrivalTimes } from './arrivals.ts';
import type { CompiledTemplate } from './compiled-template.ts';
import { createTextSource } from './fills.ts';
import { choose, resolveMix, resolveTiers } from './mix.ts';
import type { RenderContext } from './render.ts';
import { loadTemplates } from './templates.ts';
import { countTokens, messageTokens, REPLY_PRIMING_TOKENS } from './tokenizer.ts';

export interface RequestStreamOptions {
  seed: number;
  /** Virtual duration, ms. */
  durationMs: number;
  traffic: Traffic;
  /** Quality-model parameters (difficulty is drawn from N(mu, sigma²) of the request's domain). */
  domains: Record<Domain, DomainParams>;
}

export interface RequestStream {
  count: number;
  /** Arrival times, ms, sorted. */
  arrivals: Float64Array;
  /** Request `index` (0-based); throws RangeError outside [0, count). */
  get(index: number): GeneratedRequest;
  [Symbol.iterator](): Iterator<GeneratedRequest>;
}

// Sub-keys of Stream.template draws for one request.
const TEMPLATE_PICK = 0;
const OUTPUT_LENGTH = 1;
const DOCUMENT_PICK = 2;

interface Document {
  content: string;
  tokens: number;
  key: number;
}

export function createRequestStream(options: RequestStreamOptions): RequestStream {
  const { seed, domains } = options;
  const arrivals = arrivalTimes({ seed, durationMs: options.durationMs, arrival: options.traffic.arrival });
  const library = loadTemplates();
  const mix = resolveMix(options.traffic.mix, library);
  const tiers = resolveTiers(options.traffic.tiers);
  const text = createTextSource();
  const documents = new Map<string, Document>();
  const refOffset = mix32(seed ^ 0x2545f491);

  const documentFor = (template: CompiledTemplate, index: number): Document | undefined => {
    const spec = template.document;
    if (spec === undefined) return undefined;
    const slot = Math.floor(keyedUniform(seed, Stream.template, index, DOCUMENT_PICK) * spec.pool);
    const cacheKey = `${template.id}#${slot}`;
    let document = documents.get(cacheKey);
    if (document === undefined) {
      // Document `slot` of this template and seed: independent of the request that first needs it.
      text.seed(keyedInt(seed, Stream.text, slot, stringKey(template.id)));
      const context = renderContext(text, '', 0, 0);
      const { source } = spec;
      const lines: string[] = [];
      const target = text.random.int(spec.length[0], spec.length[1]);
      let written = 0;
      while (written < target) {
        const size = Math.min(target - written, text.random.int(source.paragraph[0], source.paragraph[1]));
        const sentences: string[] = [];
        for (let count = 0; count < size; count++)
          sentences.push(text.random.pick(source.sentences)(context));
        lines.push(sentences.join(source.joiner));
        written += size;
      }
      const title = source.title(context);
      const lead = spec.lead(context);
      const content = `${lead}${lead === '' ? '' : '\n\n'}${title}${title === '' ? '' : '\n\n'}${lines.join('\n\n')}`;
      document = { content, tokens: countTokens(content), key: stringKey(content) };
      documents.set(cacheKey, document);
    }
    return document;
  };

  const get = (index: number): GeneratedRequest => {
    if (!Number.isInteger(index) || index < 0 || index >= arrivals.length) {
      throw new RangeError(`request index ${index} is outside [0, ${arrivals.length})`);
    }
    const entry = choose(mix.entries, keyedUniform(seed, Stream.mix, index));
    const template = choose(entry, keyedUniform(seed, Stream.template, index, TEMPLATE_PICK));
    const tier = choose(tiers, keyedUniform(seed, Stream.tier, index));
    const params = domains[template.domain];
    const standardized = keyedNormal(seed, Stream.difficulty, index);
    const difficulty = params.mu + params.sigma * standardized;

    const messages: ChatMessage[] = [];
    let prefixTokens = 0;
    let prefixKey = 0;
    if (template.system !== undefined) {
      const message: ChatMessage = { role: 'system', content: template.system.content };
      messages.push(message);
      prefixTokens += messageTokens(message, template.system.contentTokens);
      prefixKey = template.system.key;
    }
    const document = documentFor(template, index);
    if (document !== undefined) {
      const message: ChatMessage = { role: 'user', content: document.content };
      messages.push(message);
      prefixTokens += messageTokens(message, document.tokens);
      prefixKey = mix32(prefixKey ^ document.key) || 1;
    }

    text.seed(keyedInt(seed, Stream.text, index));
    const context = renderContext(text, referenceNumber(index, refOffset), standardized, template.signal);
    const user = { role: 'user', content: frame(template, context) } satisfies ChatMessage;
    messages.push(user);
    const promptTokens = prefixTokens + messageTokens(user) + REPLY_PRIMING_TOKENS;

    const output = template.output;
    const drawn =
      output.median *
      Math.exp(
        output.difficultySlope * standardized +
          output.sigma * keyedNormal(seed, Stream.template, index, OUTPUT_LENGTH),
      );
    const expectedOutputTokens = Math.round(Math.min(output.max, Math.max(output.min, drawn)));

    const request: RouteRequest = {
      id: `r${String(index).padStart(7, '0')}`,
      index,
      arrivalMs: arrivals[index]!,
      messages,
      tier,
      promptTokens,
      maxTokens: template.maxTokens,
    };
    return {
      request,
      hidden: {
        domain: template.domain,
        difficulty,
        template: template.id,
        expectedOutputTokens,
        cacheablePrefixTokens: prefixTokens,
        prefixId: prefixKey,
      },
    };
  };

  return {
    count: arrivals.length,
    arrivals,
    get,
    *[Symbol.iterator]() {
      for (let index = 0; index < arrivals.length; index++) yield get(index);
    },
  };
}

/**
 * A per-request number that reads like a ticket or order number. mix32 is a bijection of 32-bit
 * integers, so distinct indices below 2³² get distinct numbers: with the number in the final
 * user message, no two prompts of a stream are equal.
 */
export function referenceNumber(index: number, offset: number): string {
  return String(mix32((index + offset) >>> 0));
}

function renderContext(
  text: ReturnType<typeof createTextSource>,
  ref: string,
  standardized: number,
  signal: number,
): RenderContext {
  return { faker: text.faker, random: text.random, ref, standardized, signal };
}

/** The final user message, sometimes wrapped in a casual or cross-domain opener / closer. */
function frame(template: CompiledTemplate, context: RenderContext): string {
  const body = template.user(context);
  if (context.random.next() >= template.framing) return body;
  const { openers, closers } = loadTemplates().shared;
  const roll = context.random.next();
  const opener = roll < 0.7 ? context.random.pick(openers)(context) : '';
  const closer = roll >= 0.45 ? context.random.pick(closers)(context) : '';
  return `${opener}${opener === '' ? '' : ' '}${body}${closer === '' ? '' : ' '}${closer}`;
}
