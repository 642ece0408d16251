/**
 * The one way a strategy that wraps another (availability, shadow) hands its inner strategy a
 * RouteContext: every member of the outer context, except the ones it overrides, passed through
 * untouched — as vercel/ai's middleware passes through what it does not override. Copying the
 * members one by one is how availability once dropped `judge` (a judge cascade inside it answered
 * nothing); here a member added to RouteContext later is passed through without editing a wrapper.
 */
import type { RouteContext } from './types.ts';

/**
 * A context that answers `overrides` where given and defers everything else to `context`.
 * Members are found on `context` and its prototypes (an engine may build its context as a class);
 * methods are bound to `context` once, so one that reads `this` still sees the outer context;
 * other members (`models`, getters) are read from `context` at each access, never copied. The
 * result holds its members as own enumerable properties, so a wrapper around this wrapper
 * (shadow around availability) passes them on too.
 */
export function wrapRouteContext(context: RouteContext, overrides: Partial<RouteContext>): RouteContext {
  const wrapped: Record<PropertyKey, unknown> = {};
  for (const [key, descriptor] of members(context)) {
    if (Object.hasOwn(overrides, key)) continue;
    const value: unknown = descriptor.value;
    Object.defineProperty(
      wrapped,
      key,
      typeof value === 'function'
        ? { enumerable: true, value: value.bind(context) }
        : {
            enumerable: true,
            get: () => {
              const current: unknown = Reflect.get(context, key);
              return typeof current === 'function' ? current.bind(context) : current;
            },
          },
    );
  }
  for (const key of Reflect.ownKeys(overrides))
    Object.defineProperty(wrapped, key, { enumerable: true, value: Reflect.get(overrides, key) });
  return wrapped as unknown as RouteContext;
}

/**
 * Every member of `context` with its descriptor: its own and its prototypes' (not
 * Object.prototype's, no constructor); an own member hides a prototype's of the same name.
 */
function members(context: object): Map<PropertyKey, PropertyDescriptor> {
  const found = new Map<PropertyKey, PropertyDescriptor>();
  for (
    let object: object | null = context;
    object !== null && object !== Object.prototype;
    object = Object.getPrototypeOf(object)
  ) {
    for (const key of Reflect.ownKeys(object)) {
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (key !== 'constructor' && !found.has(key) && descriptor !== undefined) found.set(key, descriptor);
    }
  }
  return found;
}
