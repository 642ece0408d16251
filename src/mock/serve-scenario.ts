/**
 * `serve` for a scenario file: the scenario's world (scenario-world.ts) exposed by
 * startMockServer. Virtual time 0 is the moment the server starts. The world looks faults up
 * in a schedule the control API can inject into, repeated every scenario duration with `loop`;
 * it keeps only the latest ungraded answers, so memory stays flat under sustained traffic.
 */
import { createFaultSchedule, type FaultSchedule } from '../world/fault-schedule.ts';
import { loadScenarioWorld } from './scenario-world.ts';
import {
  type MockServer,
  type MockServerOptions,
  SERVE_MAX_UNGRADED_ANSWERS,
  startMockServer,
} from './serve.ts';

export interface ScenarioServerOptions
  extends Pick<
    MockServerOptions,
    'port' | 'host' | 'controlToken' | 'callLogSize' | 'maxBodyBytes' | 'hangLimitMs' | 'onUnexpected'
  > {
  /** Virtual ms per real ms of the schedule (faults, traffic time). @default 1 */
  timeScale?: number;
  /** Virtual ms per real ms of a call's latency. @default timeScale */
  latencyScale?: number;
  /** Repeat the fault schedule every scenario duration. @default false (faults end with it) */
  loop?: boolean;
}

export interface ScenarioServer extends MockServer {
  scenarioName: string;
  requests: number;
  /** The scenario's duration, virtual ms. */
  durationMs: number;
  schedule: FaultSchedule;
}

export async function startScenarioServer(
  scenarioPath: string,
  options: ScenarioServerOptions = {},
): Promise<ScenarioServer> {
  let schedule: FaultSchedule | undefined;
  const loaded = loadScenarioWorld(scenarioPath, {
    maxUngradedAnswers: SERVE_MAX_UNGRADED_ANSWERS,
    faultIndex: (windows) => {
      schedule = createFaultSchedule(windows);
      return schedule;
    },
  });
  const { world, directory, scenarioName, requests, durationMs } = loaded;
  if (schedule === undefined) throw new Error('the world did not build its fault schedule');
  if (options.loop === true) schedule.setLoop(durationMs);
  const { timeScale, latencyScale, loop: _loop, ...rest } = options;
  const server = await startMockServer({
    ...rest,
    world,
    directory,
    schedule,
    scenario: { name: scenarioName, durationMs },
    ...(timeScale === undefined ? {} : { timeScale }),
    ...(latencyScale === undefined ? {} : { latencyScale }),
  });
  return { ...server, scenarioName, requests, durationMs, schedule };
}
