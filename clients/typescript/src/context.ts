/**
 * The per-request context of the IStorage layer: the tenant a request acts for (and optionally
 * its token and request id), set once by the application's auth middleware with
 * `storage.withTenant(tenantId, next)` and read by every call made while handling it.
 *
 * It lives in an `AsyncLocalStorage`. This module imports nothing from Node: the store is found
 * by feature detection (`process.getBuiltinModule`, Node ≥ 20.16 and Workers with
 * `nodejs_compat`), so the package stays importable in a Cloudflare Worker without it; where
 * detection finds none, pass `context: asyncLocalContext()` from `@salesgate/client/node`, or a
 * store of your own.
 */

/** What a request acts as. */
export interface RequestContext {
  /** The tenant of tenant-scoped calls that carry none in their arguments. */
  tenantId?: string;
  /** The bearer token for this request's calls (default: the storage's token). */
  token?: string;
  /** The request id to send as `x-request-id` (default: the storage's `requestId` option). */
  requestId?: string;
}

/** The part of `AsyncLocalStorage` the layer uses (any store with these two methods will do). */
export interface ContextStore {
  getStore(): RequestContext | undefined;
  run<R>(store: RequestContext, fn: () => R): R;
}

interface AsyncLocalStorageClass {
  new (): ContextStore;
}

/** An `AsyncLocalStorage`, when the runtime has one without importing a Node module; else `undefined`. */
export function detectContextStore(): ContextStore | undefined {
  const g = globalThis as {
    process?: { getBuiltinModule?: (id: string) => { AsyncLocalStorage?: AsyncLocalStorageClass } | undefined };
    AsyncLocalStorage?: AsyncLocalStorageClass;
  };
  const fromProcess = g.process?.getBuiltinModule?.("node:async_hooks")?.AsyncLocalStorage;
  const Class = fromProcess ?? g.AsyncLocalStorage;
  return Class ? new Class() : undefined;
}
