/**
 * The shared vocabulary of routesim: requests, messages, usage, domains, catalog and call types,
 * and the World interface. Every layer may import it (scenario, traffic, world, strategies,
 * engine, mock, metrics, report, learn, cli); it imports nothing but itself. Pure types and
 * constant lists: no I/O, no clock, no behaviour.
 *
 * Data flow: scenario → traffic generator (GeneratedRequest = visible RouteRequest +
 * HiddenLabels) → engine / msw mocks → World.call(CallInput) → CallResult → ledger.
 */

export * from './call.ts';
export * from './catalog.ts';
export * from './request.ts';
export * from './world.ts';
