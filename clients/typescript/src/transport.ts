/** What a generated operation function needs from a client: one call. */

/** A page of a list: its rows and the `after` cursor of the next page (`null` on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** How an operation is called and how its answer is read. */
export interface CallInfo {
  /** The operation id (the old storage method name). */
  id: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Reads may be retried on a 503; writes never are. */
  idempotent: boolean;
  /** `json`: the body; `page`: the body as rows plus the `x-next-cursor` header; `empty`: 204. */
  kind: "json" | "page" | "empty";
}

/** Query values; `undefined` ones are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

/** Sends one request of an operation and reads its answer. */
export interface Transport {
  call<T>(op: CallInfo, path: string, query: Query | undefined, body: unknown): Promise<T>;
}
