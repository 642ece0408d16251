/**
 * Grading, out of band: the response id a route returned is looked up in the world's ledger.
 * It must be an answer to this very request (not another request's, not a judge's verdict);
 * its hidden score becomes the request's quality. The strategy never sees any of this.
 */
import type { AnsweredCall, Ledger } from '../contracts/index.ts';
import { NO_MODEL, statusOfErrorKind } from './columns.ts';
import type { RequestState } from './request-state.ts';
import { type DecisionRecord, type RunColumns, STATUS_NAMES, Status, type StatusCode } from './types.ts';

export interface GradeContext {
  ledger: Ledger;
  columns: RunColumns;
  /** Model id → index in the run's models. */
  modelIndex: ReadonlyMap<string, number>;
}

export interface Grade {
  status: StatusCode;
  /** The answering call, when answered or ungraded. */
  answer: AnsweredCall | undefined;
  /** Why the answer was rejected, when it was. */
  rejection: string | undefined;
}

/** Judge the route's result of `state` against the ledger. */
export function gradeRequest(state: RequestState, ledger: Ledger): Grade {
  if (state.thrown !== undefined) return { status: Status.other, answer: undefined, rejection: undefined };
  const responseId = state.result?.responseId;
  if (responseId === undefined) {
    const last = state.lastKind;
    const status = last === undefined || last === 'ok' ? Status.other : statusOfErrorKind(last);
    return { status, answer: undefined, rejection: undefined };
  }
  const answer = ledger.get(responseId);
  if (answer === undefined) {
    return {
      status: Status.other,
      answer: undefined,
      rejection: `response id ${responseId} is not in the ledger`,
    };
  }
  if (answer.requestIndex !== state.index) {
    const owner = answer.requestIndex === undefined ? 'no request' : `request ${answer.requestIndex}`;
    return {
      status: Status.other,
      answer: undefined,
      rejection: `response id ${responseId} belongs to ${owner}, not request ${state.index}`,
    };
  }
  if (answer.judgeOf !== undefined) {
    return {
      status: Status.other,
      answer: undefined,
      rejection: `response id ${responseId} is a judge's verdict on ${answer.judgeOf}, not an answer`,
    };
  }
  if (answer.ungraded) return { status: Status.ungraded, answer, rejection: undefined };
  return { status: Status.answered, answer, rejection: undefined };
}

/** Write the request's row of the columns; returns the grade for the decision record. */
export function writeRow(state: RequestState, context: GradeContext): Grade {
  const grade = gradeRequest(state, context.ledger);
  const { columns } = context;
  const i = state.index;
  columns.cost[i] = state.costUsd;
  columns.flags[i] = state.flags;
  columns.status[i] = grade.status;
  if (grade.status === Status.answered && grade.answer !== undefined) {
    const answer = grade.answer;
    const timing = answer.timing;
    columns.score[i] = answer.outcome.score;
    columns.latency[i] = state.finishMs - state.arrivalMs;
    columns.ttft[i] = timing.startMs + timing.queueMs + timing.ttftMs - state.arrivalMs;
    columns.model[i] = context.modelIndex.get(answer.model) ?? NO_MODEL;
  }
  return grade;
}

/** The decision-log row of a graded request. */
export function decisionRecord(
  strategy: string,
  state: RequestState,
  grade: Grade,
  score: number,
): DecisionRecord {
  const base = state.thrown ?? state.result?.reason ?? '';
  const reason =
    grade.rejection === undefined ? base : `${base}${base === '' ? '' : '; '}rejected: ${grade.rejection}`;
  return {
    strategy,
    requestIndex: state.index,
    requestId: state.request.id,
    arrivalMs: state.arrivalMs,
    model: grade.status === Status.answered && grade.answer !== undefined ? grade.answer.model : '',
    reason,
    status: STATUS_NAMES[grade.status],
    latencyMs: state.finishMs - state.arrivalMs,
    costUsd: state.costUsd,
    score,
    attempts: state.attempts ?? [],
  };
}
