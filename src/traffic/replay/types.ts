/**
 * Replay: requests (and, for per-prompt tables, their outcomes) read from a file instead of
 * generated. A parser turns a file into a ReplaySource; createReplayStream turns that into the
 * same RequestStream the generator produces, plus the recorded outcomes the world looks up.
 */

import type { ChatMessage, OutcomeSource } from '../../contracts/index.ts';
import type { ReplayFormat } from '../../scenario/types.ts';
import type { RequestStream } from '../generator.ts';

/** One prompt of a table, or one line of a log. */
export interface ReplayItem {
  /** 1-based line of the item in its file (the first line that names it). */
  line: number;
  /** A table row's prompt id (MT-Bench question_id, a CSV's 0-based data row): splits select by it. */
  id?: string;
  /** The request as sent: a table's prompt is one user message. */
  messages: ChatMessage[];
  /** Recorded scores in [0, 1] by the source's model name; several = successive samples. */
  scores: Record<string, number[]>;
  /** The source's own category label (MT-Bench), if any. */
  category?: string;
  /** Log lines: ms since the earliest line of the log. */
  timeMs?: number;
  /** Tokens of the logged answer (usage.completion_tokens or a trailing assistant message). */
  expectedOutputTokens?: number;
  /** `max_tokens` the logged request sent. */
  maxTokens?: number;
  /** Tier named on a log line. */
  tier?: string;
}

export interface ReplaySource {
  format: ReplayFormat;
  /** The file, as named in messages. */
  file: string;
  /** Model names in the source, first-seen order. */
  models: string[];
  /** In replay order (a log is sorted by time). */
  items: ReplayItem[];
}

/** Where a replayed request's domain came from; reports say which. */
export interface DomainProvenance {
  /** From the source's own label (MT-Bench categories). */
  labelled: number;
  /** Assigned by the domain classifier (src/strategies/domain-classifier.ts): a guess, not a label. */
  classified: number;
  /** The scenario's fixed `traffic.replay.domain`. */
  fixed: number;
}

/** What a report needs to say about a replay. */
export interface ReplayInfo {
  format: ReplayFormat;
  /** The file replayed (absolute). */
  path: string;
  /** MT-Bench's question file (absolute). */
  questions?: string;
  /** Prompts (tables) or lines (logs) in the source (a split: in the selected part). */
  itemsInSource: number;
  /** The prompt split replayed (traffic.replay.split), with the part's prompt ids in replay order. */
  split?: { share: number; seed: number; part: 'train' | 'test'; strata: 'category' | 'none'; ids: string[] };
  /** Requests in the stream. */
  replayed: number;
  /** Items left out: past the scenario's duration, or beyond the arrival process's times. */
  leftOut: number;
  /** Source model name → catalog model id, as used. */
  models: Record<string, string>;
  /** Arrival times from the log's `time` fields, or from traffic.arrival. */
  times: 'log' | 'arrival';
  domains: DomainProvenance;
  /**
   * table: every outcome of every candidate is looked up; labels: a log's labels where it has
   * them, the quality model elsewhere; quality-model: nothing recorded, every outcome drawn.
   */
  outcomes: 'table' | 'labels' | 'quality-model';
  /** Requests with at least one recorded outcome. */
  labelledRequests: number;
  /** Recorded scores of models that map to no candidate model (not used). */
  unusedLabels: number;
}

/** A replayed request stream: the generator's interface plus what the world and reports need. */
export interface ReplayRequestStream extends RequestStream {
  /** Pass to worldFromScenario / createWorld: outcomes are looked up here. */
  outcomes: OutcomeSource;
  replay: ReplayInfo;
}
