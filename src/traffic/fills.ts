/**
 * Per-request randomness for prompt text: a private Faker instance whose randomizer is a
 * counter-based hash, so `faker.seed(keyedInt(seed, Stream.text, i))` costs nanoseconds (the
 * default Mersenne Twister takes ~50 µs to seed, more than a whole request's budget) and
 * request i's text depends on (seed, i) only.
 */
import { base, en, Faker, type Randomizer } from '@faker-js/faker';
import { inverseNormalCdf, mix32 } from '../world/random.ts';

/** The random source of one request's text. */
export interface TextRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
}

export interface TextSource {
  faker: Faker;
  random: TextRandom;
  /** Restart the stream: the same value gives the same text. */
  seed(value: number): void;
}

export function createTextSource(): TextSource {
  let state = 0;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    const high = mix32(state);
    const low = mix32(high ^ 0x5bd1e995) >>> 11;
    return (high * 2097152 + low) / 9007199254740992;
  };
  const randomizer: Randomizer = {
    next,
    seed(value) {
      state = mix32((Array.isArray(value) ? (value[0] ?? 0) : value) >>> 0);
    },
  };
  const faker = new Faker({ locale: [en, base], randomizer });
  const random: TextRandom = {
    next,
    // Shifted by half a step so the draw is never 0 (Φ⁻¹(0) = −∞).
    normal: () => inverseNormalCdf(next() + 2 ** -54),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)]!,
  };
  return {
    faker,
    random,
    seed(value) {
      faker.seed(value);
    },
  };
}

/** What a placeholder sees while one request renders. */
export interface FillContext {
  faker: Faker;
  random: TextRandom;
  /** The request's unique reference number (see generator.ts). */
  ref: string;
}

export type Fill = (context: FillContext) => string;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

// Faker's locale data, read once; picks go through the request's random source.
const lists = (() => {
  const definitions = new Faker({ locale: [en, base] }).definitions;
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  return {
    first: strings(definitions.person.first_name?.generic),
    last: strings(definitions.person.last_name?.generic),
    jobDescriptor: strings(definitions.person.job_descriptor),
    jobArea: strings(definitions.person.job_area),
    jobType: strings(definitions.person.job_type),
    entity: strings(definitions.company.legal_entity_type),
    companyNoun: strings(definitions.company.noun),
    city: strings(definitions.location.city_name),
    country: strings(definitions.location.country),
    state: strings(definitions.location.state),
    street: strings(definitions.location.street_name),
    productAdjective: strings(definitions.commerce.product_name?.adjective),
    productMaterial: strings(definitions.commerce.product_name?.material),
    product: strings(definitions.commerce.product_name?.product),
    hackerVerb: strings(definitions.hacker.verb).filter((verb) => !verb.includes(' ')),
    hackerNoun: strings(definitions.hacker.noun),
    noun: strings(definitions.word.noun),
    adjective: strings(definitions.word.adjective),
    verb: strings(definitions.word.verb),
    dish: strings(definitions.food.dish),
    ingredient: strings(definitions.food.ingredient),
    animal: strings(definitions.animal.type),
    song: strings(definitions.music.song_name),
    artist: strings(definitions.music.artist),
    genre: strings(definitions.music.genre),
    book: strings(definitions.book.title),
    lorem: strings(definitions.lorem.word),
  };
})();

// Intl formatting costs microseconds per call; a regex does the same for integers.
const thousands = (value: number): string => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const simple: Record<string, Fill> = {
  first: ({ random }) => random.pick(lists.first),
  last: ({ random }) => random.pick(lists.last),
  name: ({ random }) => `${random.pick(lists.first)} ${random.pick(lists.last)}`,
  company: ({ random }) => {
    const roll = random.next();
    if (roll < 0.4) return `${random.pick(lists.last)} ${random.pick(lists.entity)}`;
    if (roll < 0.7) return `${random.pick(lists.last)} ${capitalize(random.pick(lists.companyNoun))}`;
    return `${random.pick(lists.last)}, ${random.pick(lists.last)} and ${random.pick(lists.last)}`;
  },
  jobTitle: ({ random }) =>
    `${random.pick(lists.jobDescriptor)} ${random.pick(lists.jobArea)} ${random.pick(lists.jobType)}`,
  city: ({ random }) => random.pick(lists.city),
  country: ({ random }) => random.pick(lists.country),
  state: ({ random }) => random.pick(lists.state),
  street: ({ random }) => `${random.int(2, 9899)} ${random.pick(lists.street)}`,
  product: ({ random }) =>
    `${random.pick(lists.productAdjective)} ${random.pick(lists.productMaterial)} ${random.pick(lists.product)}`,
  identifier: ({ random }) => `${random.pick(lists.hackerVerb)}${capitalize(random.pick(lists.hackerNoun))}`,
  Identifier: ({ random }) =>
    `${capitalize(random.pick(lists.hackerNoun))}${capitalize(random.pick(lists.noun))}`,
  snake: ({ random }) => `${random.pick(lists.hackerNoun)}_${random.pick(lists.noun)}`.replace(/\W/g, '_'),
  noun: ({ random }) => random.pick(lists.noun),
  adjective: ({ random }) => random.pick(lists.adjective),
  verb: ({ random }) => random.pick(lists.verb),
  dish: ({ random }) => random.pick(lists.dish),
  ingredient: ({ random }) => random.pick(lists.ingredient),
  animal: ({ random }) => random.pick(lists.animal),
  song: ({ random }) => random.pick(lists.song),
  artist: ({ random }) => random.pick(lists.artist),
  genre: ({ random }) => random.pick(lists.genre),
  book: ({ random }) => random.pick(lists.book),
  lorem: ({ random }) => random.pick(lists.lorem),
  month: ({ random }) => random.pick(MONTHS),
  weekday: ({ random }) => random.pick(WEEKDAYS),
  date: ({ random }) => `${random.pick(MONTHS)} ${random.int(1, 28)}`,
  ref: ({ ref }) => ref,
  // Faker's own generators, for the variety its formatting adds.
  email: ({ faker }) => faker.internet.email(),
  phrase: ({ faker }) => faker.hacker.phrase(),
};

const ranged: Record<string, (low: number, high: number) => Fill> = {
  int:
    (low, high) =>
    ({ random }) =>
      String(random.int(low, high)),
  money:
    (low, high) =>
    ({ random }) =>
      `$${thousands(random.int(low, high))}`,
  pct:
    (low, high) =>
    ({ random }) =>
      `${random.int(low, high)}%`,
  year:
    (low, high) =>
    ({ random }) =>
      String(random.int(low, high)),
  decimal:
    (low, high) =>
    ({ random }) =>
      (low + random.next() * (high - low)).toFixed(1),
};

/** Names of the built-in placeholders, for the template README and validation messages. */
export const BUILTIN_FILLS = [
  ...Object.keys(simple),
  ...Object.keys(ranged).map((name) => `${name}:low-high`),
];

/** A built-in placeholder `name` or `name:low-high`, or undefined when unknown. */
export function builtinFill(expression: string): Fill | undefined {
  const direct = simple[expression];
  if (direct !== undefined) return direct;
  const match = /^(\w+):(-?\d+)-(-?\d+)$/.exec(expression);
  if (match === null) return undefined;
  const factory = ranged[match[1]!];
  const low = Number(match[2]);
  const high = Number(match[3]);
  return factory === undefined || high < low ? undefined : factory(low, high);
}
