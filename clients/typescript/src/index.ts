export { SalesgateClient, type ClientOptions, type TokenSource } from "./client.js";
export { SalesgateError, type FieldError } from "./errors.js";
export type { CallInfo, Page, Query, Transport } from "./transport.js";
/** The typed operations generated from the route table, one function per operation id (wire types: timestamps as ISO strings). */
export * as ops from "./generated.js";
export {
  SalesgateStorage,
  ListTooLongError,
  TenantRequiredError,
  type StorageOptions,
  type OwnedTable,
  type FlagName,
  type FingerprintType,
  type BillingStatus,
} from "./storage.js";
export { detectContextStore, type ContextStore, type RequestContext } from "./context.js";
/** The IStorage interface and the old insert types. */
export type * from "./istorage.js";
/** The rows, bodies and answers of the IStorage layer (timestamps as `Date`). */
export type * from "./rows.js";
