// What one HTTP request has already read, shared by all its loaders (decision 055). Remix gives
// each loader its own copy of the Request, so the request itself cannot be the key: server.js
// runs every request inside `runWithRequestCache`, and code asks `requestCache()` for the Map of
// the request it is running for. Outside a request (tests, scripts) there is none, and nothing
// is shared.
import { AsyncLocalStorage } from "node:async_hooks";

const KEY = Symbol.for("cap-qualite.request-cache");
type Store = AsyncLocalStorage<Map<string, unknown>>;
// One instance for server.js and the app's bundle, which each load this file separately.
const store: Store = ((globalThis as Record<symbol, unknown>)[KEY] as Store | undefined) ?? ((globalThis as Record<symbol, unknown>)[KEY] = new AsyncLocalStorage<Map<string, unknown>>());

/** The request's method, under this key of its Map (server.js sets it too). */
export const METHOD_KEY = "request:method";

export function runWithRequestCache<T>(run: () => T, method = "GET"): T {
  return store.run(new Map([[METHOD_KEY, method.toUpperCase()]]), run);
}

/** The request's Map when the request writes nothing (GET, HEAD); undefined otherwise. */
function readOnlyRequestCache(): Map<string, unknown> | undefined {
  const cache = store.getStore();
  return cache && ["GET", "HEAD"].includes(String(cache.get(METHOD_KEY))) ? cache : undefined;
}

/**
 * A read that several loaders of one page ask for (the layout's badge and the dashboard's list of
 * sheets to confirm, say) runs once for the request. Only for a request that writes nothing: a
 * write's reads must see what it wrote. Outside a request, it simply runs. `key` must name
 * everything the read depends on (office, user…).
 */
export function sharedRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  const cache = readOnlyRequestCache();
  if (!cache) return read();
  const slot = `read:${key}`;
  let shared = cache.get(slot) as Promise<T> | undefined;
  if (!shared) {
    shared = read();
    // A failed read is not kept: the next loader that asks tries again.
    shared.catch(() => cache.delete(slot));
    cache.set(slot, shared);
  }
  return shared;
}

/** Forgets what `sharedRead` kept under `key` in this request (its record was just written). */
export function forgetSharedRead(key: string): void {
  store.getStore()?.delete(`read:${key}`);
}

export function requestCache(): Map<string, unknown> | undefined {
  return store.getStore();
}
