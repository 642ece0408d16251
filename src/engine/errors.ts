/** Errors the engine raises about a strategy (runtime failures: exit 1). */
import { RoutesimError } from '../errors.ts';

/**
 * A strategy awaited something the engine does not control (a real timer, I/O, a promise that
 * never settles): virtual time cannot advance past it, so the run stops instead of hanging.
 */
export class StrategyStalledError extends RoutesimError {
  readonly strategy: string;
  readonly requestId: string;
  constructor(strategy: string, requestId: string, requestIndex: number) {
    super(
      'runtime',
      `strategy "${strategy}" stalled on request ${requestId} (index ${requestIndex}): its route awaits ` +
        'something the engine does not control (a real timer, I/O, or a promise that never settles). ' +
        'Wait with context.sleep() and call models with context.call() only.',
    );
    this.name = 'StrategyStalledError';
    this.strategy = strategy;
    this.requestId = requestId;
  }
}
