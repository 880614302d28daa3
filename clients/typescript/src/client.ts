import { SalesgateError, type FieldError } from "./errors.js";
import type { CallInfo, Page, Query, Transport } from "./transport.js";

/** A token, or a function giving the current one (rotation: called for every request). */
export type TokenSource = string | (() => string | Promise<string>);

/** How to reach salesgate. */
export interface ClientOptions {
  /** The API's base URL, e.g. `https://api.example.com` (no trailing `/v1`). */
  baseUrl: string;
  /** The bearer token (HS256 JWT), or a function returning the current one. */
  token: TokenSource;
  /** The request id to send (`x-request-id`), e.g. the incoming request's; none: salesgate makes one. */
  requestId?: () => string | undefined;
  /** How often a read answered 503 is retried (after its `Retry-After`, at most 5 s). Default 2. Writes are never retried. */
  retries?: number;
  /** A `fetch` (default: the global one; Node ≥ 20 and Workers have it). */
  fetch?: typeof fetch;
}

const MAX_RETRY_WAIT_MS = 5000;

/** The HTTP client: one `fetch` per operation call. */
export class SalesgateClient implements Transport {
  private readonly baseUrl: string;
  private readonly token: TokenSource;
  private readonly requestId: (() => string | undefined) | undefined;
  private readonly retries: number;
  private readonly fetcher: typeof fetch;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.token = options.token;
    this.requestId = options.requestId;
    this.retries = options.retries ?? 2;
    this.fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async call<T>(op: CallInfo, path: string, query: Query | undefined, body: unknown): Promise<T> {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(name, String(value));
      }
    }
    const token = typeof this.token === "function" ? await this.token() : this.token;
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json" };
    const requestId = this.requestId?.();
    if (requestId) {
      headers["x-request-id"] = requestId;
    }
    let payload: string | undefined;
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    for (let attempt = 0; ; attempt++) {
      const init: RequestInit = { method: op.method, headers };
      if (payload !== undefined) {
        init.body = payload;
      }
      const response = await this.fetcher(url, init);
      if (response.status === 503 && op.idempotent && attempt < this.retries) {
        const seconds = Number(response.headers.get("retry-after") ?? "1");
        await response.arrayBuffer().catch(() => undefined);
        await sleep(Math.min(MAX_RETRY_WAIT_MS, Math.max(0, Number.isFinite(seconds) ? seconds * 1000 : 1000)));
        continue;
      }
      if (!response.ok) {
        throw await errorOf(op.id, response);
      }
      if (op.kind === "empty" || response.status === 204) {
        await response.arrayBuffer().catch(() => undefined);
        return undefined as T;
      }
      const json: unknown = await response.json();
      if (op.kind === "page") {
        const page: Page<unknown> = { items: json as unknown[], nextCursor: response.headers.get("x-next-cursor") };
        return page as T;
      }
      return json as T;
    }
  }
}

async function errorOf(operation: string, response: Response): Promise<SalesgateError> {
  const requestId = response.headers.get("x-request-id") ?? undefined;
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    parsed = undefined;
  }
  const error = (parsed as { error?: { code?: string; message?: string; details?: FieldError[]; requestId?: string } } | undefined)
    ?.error;
  return new SalesgateError(
    operation,
    response.status,
    error?.code ?? "http_error",
    error?.message ?? response.statusText,
    error?.details ?? [],
    error?.requestId ?? requestId,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
