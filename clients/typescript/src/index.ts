export { SalesgateClient, type ClientOptions, type TokenSource } from "./client.js";
export { SalesgateError, type FieldError } from "./errors.js";
export type { CallInfo, Page, Query, Transport } from "./transport.js";
export * as ops from "./generated.js";
export type * from "./generated.js";
