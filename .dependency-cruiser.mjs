/**
 * The layering of src/, as rules `npm run lint` checks (docs/architecture.md explains them).
 * Today's violations are listed in .dependency-cruiser-known-violations.json and ignored
 * (`--ignore-known`), so lint fails on a NEW violation only; fixing one shrinks that list
 * (`npm run lint:architecture:baseline`).
 *
 * Folder names are matched as `^src/<folder>/` so that `src/engine/wire/` counts as engine and
 * `src/world/` never matches a file merely named `world.ts` elsewhere.
 */

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import cycle: two modules (or two folders) that cannot be understood, tested or moved apart. ' +
        'Break it by moving the shared piece down into the module both import (often a types file).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'engine-not-to-upper-layers',
      severity: 'error',
      comment:
        'The engine is the virtual-time core: it runs one unit and returns data. Wiring a run (files, ' +
        'workers, reporters, training) belongs to src/run, src/report, src/cli and src/learn, which ' +
        'call the engine — never the other way round.',
      from: { path: '^src/engine/' },
      to: { path: '^src/(run|report|cli|learn)/' },
    },
    {
      name: 'run-not-to-cli-or-report',
      severity: 'error',
      comment:
        'The run program (src/run/: simulate, the plan, the worker pool) is called by the CLI and by ' +
        'library users; it calls the reporters it is handed (src/run/reporter.ts) and writes no file ' +
        'itself, so it imports neither the CLI nor the file reporters of src/report/.',
      from: { path: '^src/run/' },
      to: { path: '^src/(cli|report)/' },
    },
    {
      name: 'core-not-to-run',
      severity: 'error',
      comment:
        'The run program sits above the simulation core: the engine, the world, the strategies and ' +
        'the metrics are what it wires together, so none of them imports src/run/.',
      from: { path: '^src/(engine|world|strategies|metrics)/' },
      to: { path: '^src/run/' },
    },
    {
      name: 'world-not-to-upper-layers',
      severity: 'error',
      comment:
        'The world (providers, prices, latency, quality, faults) is the bottom layer: pure functions ' +
        'of a request, a clock and a random stream. It must not know how scenarios are written, which ' +
        'strategies exist, how the engine drives it or how the mocks put it on the wire. Pass what it ' +
        'needs in as data. Nor does it need the catalog import tooling (src/catalog-import/, used by ' +
        '`routesim models import` only): a run reads the finished catalog JSON.',
      from: { path: '^src/world/' },
      to: { path: '^src/(scenario|strategies|engine|mock|catalog-import)/' },
    },
    {
      name: 'strategies-not-to-engine',
      severity: 'error',
      comment:
        'A strategy is a plug-in: `route(request, context)` over the RouteContext it is given. It must ' +
        'not reach into the engine that calls it; what it needs belongs in the context.',
      from: { path: '^src/strategies/' },
      to: { path: '^src/engine/' },
    },
    {
      name: 'strategies-not-to-world-internals',
      severity: 'error',
      comment:
        'Strategies take their vocabulary (requests, messages, usage, domains) from src/contracts/ and ' +
        "nothing from the world: a router in production cannot read the simulator's prices tables, " +
        'quality model or random streams, so a strategy gets such facts through its RouteContext.',
      from: { path: '^src/strategies/' },
      to: { path: '^src/world/' },
    },
    {
      name: 'contracts-are-the-bottom',
      severity: 'error',
      comment:
        'src/contracts/ is the vocabulary every layer imports (requests, messages, usage, catalog and ' +
        'call types, the World interface). It imports nothing of routesim outside itself, or the ' +
        'layer it imported would be below everyone.',
      from: { path: '^src/contracts/' },
      to: { path: '^src/', pathNot: '^src/contracts/' },
    },
    {
      name: 'mock-not-to-engine',
      severity: 'error',
      comment:
        'The mocks put the world on the wire (msw handlers, `serve`); the engine is one of their ' +
        'clients. A mock that imports the engine makes the server depend on its caller.',
      from: { path: '^src/mock/' },
      to: { path: '^src/engine/' },
    },
    {
      name: 'wire-format-not-to-other-format',
      severity: 'error',
      comment:
        'A wire format (src/mock/<format>/) is an adapter: its server half and client half over the ' +
        'shared lifecycle (src/mock/*.ts). One format importing another ties two provider APIs together; ' +
        'move the shared piece up into src/mock/ instead.',
      from: { path: '^src/mock/([^/]+)/' },
      to: { path: '^src/mock/[^/]+/', pathNot: '^src/mock/$1/' },
    },
    {
      name: 'formats-only-through-registry',
      severity: 'error',
      comment:
        'Outside src/mock/, a wire format is reached only through the registry (src/mock/formats.ts) ' +
        'and the adapter contract (src/mock/wire-format.ts), so adding a format never touches its callers.',
      from: { path: '^src/', pathNot: '^src/mock/' },
      to: { path: '^src/mock/[^/]+/' },
    },
  ],
  options: {
    // Only our own code is checked; packages are leaves.
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle or an upward import through types still ties the layers.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
    },
    baseline: {
      // A fixed violation must leave the baseline too, or its entry would silently permit the same
      // import again later: a stale entry fails lint until `npm run lint:architecture:baseline`.
      staleEntriesSeverity: 'error',
    },
  },
};
