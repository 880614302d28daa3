/** One bad field of a refused request: a JSON pointer into the body, or a parameter name. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/**
 * Every error answer of salesgate, thrown by every call: its HTTP status, its stable `code`
 * (`not_found`, `validation_failed`, `conflict`, …), the field details and the request id to
 * find it in the server's log.
 */
export class SalesgateError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldError[];
  readonly requestId: string | undefined;
  /** The operation that failed. */
  readonly operation: string;

  constructor(operation: string, status: number, code: string, message: string, details: FieldError[], requestId?: string) {
    const fields = details.map((d) => `${d.path}: ${d.code}`).join(", ");
    super(`${operation}: ${status} ${code}: ${message}${fields ? ` (${fields})` : ""}`);
    this.name = "SalesgateError";
    this.operation = operation;
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }

  /** A unique key is taken (409 `conflict`); `details` names the fields. */
  get isConflict(): boolean {
    return this.status === 409 && this.code === "conflict";
  }

  /** No such row in this tenant (404 `not_found`). */
  get isNotFound(): boolean {
    return this.status === 404 && this.code === "not_found";
  }

  /** The body broke the schema (422); `details` lists every bad field. */
  get isValidation(): boolean {
    return this.status === 422;
  }

  /** The database was unavailable (503); safe to retry later. */
  get isUnavailable(): boolean {
    return this.status === 503;
  }
}
