import { MEMBERS, type Rows } from "./rows.js";

/**
 * The answer `wire` of row or shape `name` with its timestamps as `Date`s, nested rows and
 * arrays of rows included (from the generated `MEMBERS` table). Converts in place: answers are
 * fresh objects of `response.json()`.
 */
export function dated<N extends keyof Rows>(name: N, wire: unknown): Rows[N] {
  convert(name, wire);
  return wire as Rows[N];
}

/** {@link dated} of every row of a list. */
export function datedAll<N extends keyof Rows>(name: N, wire: readonly unknown[]): Rows[N][] {
  for (const row of wire) {
    convert(name, row);
  }
  return wire as Rows[N][];
}

function convert(name: keyof Rows, value: unknown): void {
  if (value === null || typeof value !== "object") {
    return;
  }
  const members = MEMBERS[name];
  const row = value as Record<string, unknown>;
  for (const field of members.dates) {
    const v = row[field];
    if (typeof v === "string") {
      row[field] = new Date(v);
    }
  }
  for (const [field, nested] of Object.entries(members.rows ?? {})) {
    convert(nested, row[field]);
  }
  for (const [field, nested] of Object.entries(members.lists ?? {})) {
    const list = row[field];
    if (Array.isArray(list)) {
      for (const item of list) {
        convert(nested, item);
      }
    }
  }
}

/** An ISO timestamp member of a custom answer (not a table column) as a `Date`. */
export function toDate(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}
