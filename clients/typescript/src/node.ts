/**
 * `@salesgate/client/node`: the request context on Node's `AsyncLocalStorage`, imported
 * statically (for runtimes where `process.getBuiltinModule` is missing, Node < 20.16). The main
 * entry point never imports this module, so it stays loadable in a Cloudflare Worker.
 */

import { AsyncLocalStorage } from "node:async_hooks";
import type { ContextStore, RequestContext } from "./context.js";

/** A context store for `new SalesgateStorage({ …, context: asyncLocalContext() })`. */
export function asyncLocalContext(): ContextStore {
  return new AsyncLocalStorage<RequestContext>();
}
