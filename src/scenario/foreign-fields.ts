/**
 * Field names from other load-testing tools that routesim users bring along, and where their
 * meaning lives in a routesim scenario: an unknown `phases` should point at
 * `traffic.arrival.stages`, not at the nearest spelling.
 */

/** Artillery's names → the routesim field that does the same. */
const FOREIGN_FIELDS: Readonly<Record<string, string>> = {
  // Artillery config.phases: [{ duration, arrivalRate, rampTo }]
  phases: 'traffic.arrival.stages (Artillery phases: a ramp is startRate + stages of { duration, target })',
  arrivalRate: 'traffic.arrival.rate (or traffic.arrival.startRate for a ramp)',
  rampTo: 'traffic.arrival.stages (each stage ramps to its target over its duration)',
  arrivalCount: 'traffic.arrival.rate (a rate per timeUnit; routesim has no fixed count)',
  // Artillery's ensure plugin: { p95: 500, maxErrorRate: 1 }
  ensure: 'thresholds (k6 style, e.g. "latency{strategy:cascade}": ["p(95) < 500"])',
};

/** " — did you mean traffic.arrival.stages (…)?" for a known foreign field name, else undefined. */
export function foreignFieldHint(key: string): string | undefined {
  const target = Object.hasOwn(FOREIGN_FIELDS, key) ? FOREIGN_FIELDS[key] : undefined;
  return target === undefined ? undefined : ` — did you mean ${target}?`;
}
