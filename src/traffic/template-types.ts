/**
 * The task-template format of fixtures/tasks/*.json (documented in fixtures/tasks/README.md).
 *
 * A template renders a prompt conditional on the request's difficulty b, which is drawn first
 * (b ~ N(μ_d, σ_d²) exactly); the text only leans on b through noisy choices, so it carries a
 * real but imperfect signal.
 */
import type { Domain } from '../contracts/index.ts';

/**
 * A piece of prompt text:
 * - a string with `{placeholders}` (see fills.ts; `{a|b|c}` picks one alternative);
 * - an array: the parts in order, joined with single spaces (a part starting with a newline
 *   joins without one);
 * - `{ pick }`: one alternative, uniformly;
 * - `{ level }`: an easy / medium / hard phrasing, chosen by a noisy reading of the difficulty;
 * - `{ hard, max }`: specialist constraints, each included with a probability rising with b;
 * - `{ easy, max }`: beginner framing, each included with a probability falling with b;
 * - `{ maybe, p }`: included with probability p whatever the difficulty.
 */
export type Segment =
  | string
  | Segment[]
  | { pick: Segment[] }
  | { level: { easy: Segment[]; medium?: Segment[]; hard: Segment[] } }
  | { hard: Segment[]; max?: number }
  | { easy: Segment[]; max?: number }
  | { maybe: Segment; p: number };

/** Output length of a verbosity-1 answer: log-normal with this median, clamped to [min, max]. */
export interface OutputSpec {
  /** Median output tokens. */
  median: number;
  /** Log-normal σ. @default 0.4 */
  sigma: number;
  /** @default 8 */
  min: number;
  /** @default 4 × maxTokens */
  max: number;
  /** How much harder requests lengthen the answer: median × exp(slope·standardised b). @default 0.1 */
  difficultySlope: number;
}

/** A long document sent as its own user message before the instruction (RAG style). */
export interface DocumentSpec {
  /** Key of the domain file's `documents`. */
  source: string;
  /** Sentences (or code lines) per document, inclusive range. */
  length: [number, number];
  /**
   * Documents are drawn from a finite pool per template and seed, so their token counts are
   * counted once; difficulty is drawn independently of the document.
   * @default 64
   */
  pool: number;
  /** Text that introduces the document, e.g. "Here is the agreement:". */
  lead: Segment;
}

export interface TaskTemplate {
  /** kebab-case, globally unique, starts with a domain-ish word: "legal-clause-rewrite". */
  id: string;
  domain: Domain;
  /** Share of the domain's traffic (relative to the domain's other templates). @default 1 */
  weight: number;
  /** System prompt: a shared prefix id from shared.json `prefixes`, or literal text. */
  system: { prefix: string } | { text: string } | undefined;
  /** `max_tokens` the application sends. */
  maxTokens: number;
  output: OutputSpec;
  document: DocumentSpec | undefined;
  /** The final user message. Must contain `{ref}` at its top level (keeps prompts unique). */
  user: Segment;
  /** Probability of a casual / cross-domain framing (shared.json `framings`). */
  framing: number;
  /**
   * How strongly this template's wording follows the difficulty: correlation of the noisy
   * reading with the standardised b. @default 0.6
   */
  signal: number;
  /** Why the template exists and how its text reflects difficulty. */
  notes: string;
}

/** A generated document source: a title and sentences drawn with replacement. */
export interface DocumentSource {
  title: Segment;
  sentences: string[];
  /** Sentences per paragraph (code: lines per block). @default [3, 5] */
  paragraph: [number, number];
  /** Separator between sentences of one paragraph. @default " " */
  joiner: string;
}

export interface DomainFile {
  domain: Domain;
  notes: string;
  /** Named word lists usable as `{name}` placeholders in this domain's templates. */
  vocab: Record<string, string[]>;
  documents: Record<string, DocumentSource>;
  templates: TaskTemplate[];
}

/** A long shared system prompt: authored text plus a deterministic generated appendix. */
export interface PrefixSpec {
  /** Paragraphs of the authored part. */
  paragraphs: string[];
  /** A reference appendix (policy table, glossary) rendered once with a fixed seed. */
  appendix: { title: string; items: number; item: string } | undefined;
}

export interface SharedFile {
  prefixes: Record<string, PrefixSpec>;
  vocab: Record<string, string[]>;
  framings: { openers: string[]; closers: string[] };
}
