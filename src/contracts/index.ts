/**
 * The shared vocabulary of routesim: requests, messages, usage, domains, catalog and call types,
 * and the World interface. Every layer may import it (scenario, traffic, world, strategies,
 * engine, mock, metrics, report, learn, cli); it imports nothing but itself. Pure types, constant
 * lists, and the two pieces of pure arithmetic every layer must compute alike (keyed hashing, the
 * blended price): no I/O, no clock, no state.
 *
 * Data flow: scenario → traffic generator (GeneratedRequest = visible RouteRequest +
 * HiddenLabels) → engine / msw mocks → World.call(CallInput) → CallResult → ledger.
 */

export * from './blended-price.ts';
export * from './call.ts';
export * from './catalog.ts';
export * from './keyed-hash.ts';
export * from './request.ts';
export * from './response-id.ts';
export * from './world.ts';
export * from './world-seed.ts';
