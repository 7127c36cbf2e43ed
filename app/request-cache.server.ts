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

export function runWithRequestCache<T>(run: () => T): T {
  return store.run(new Map(), run);
}

export function requestCache(): Map<string, unknown> | undefined {
  return store.getStore();
}
