/** A task template after validation and compilation (see template-types.ts for the source format). */
import type { Domain } from '../contracts/index.ts';
import type { Render } from './render.ts';

/** A fixed system prompt: its text is counted once. */
export interface SystemPrompt {
  content: string;
  /** o200k_base tokens of the content alone (counted on first read). */
  readonly contentTokens: number;
  /** stringKey of the content: equal ids are equal bytes. */
  key: number;
}

export interface CompiledDocumentSource {
  title: Render;
  sentences: Render[];
  paragraph: [number, number];
  joiner: string;
}

export interface CompiledTemplate {
  id: string;
  domain: Domain;
  weight: number;
  system: SystemPrompt | undefined;
  maxTokens: number;
  output: { median: number; sigma: number; min: number; max: number; difficultySlope: number };
  document:
    | { source: CompiledDocumentSource; length: [number, number]; pool: number; lead: Render }
    | undefined;
  user: Render;
  framing: number;
  signal: number;
}
