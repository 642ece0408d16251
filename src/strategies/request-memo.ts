/**
 * A pure function of a request's content, computed once per request object. A worker replays the
 * same request objects in every unit it runs (the stream is decoded once per thread), so a
 * strategy's per-request work that reads only the request — the domain guess, the vocabulary
 * count — is the same in each unit and in each of its robustness re-runs. Entries go with their
 * request when the stream drops it. Only for functions of the request alone: nothing a call
 * returned, no option of the strategy instance.
 */
export function memoPerRequest<Request extends object, Value>(
  compute: (request: Request) => Value,
): (request: Request) => Value {
  const values = new WeakMap<Request, Value>();
  return (request) => {
    const known = values.get(request);
    // One lookup on a hit; `has` only tells a kept undefined from a miss.
    if (known !== undefined || values.has(request)) return known as Value;
    const value = compute(request);
    values.set(request, value);
    return value;
  };
}
