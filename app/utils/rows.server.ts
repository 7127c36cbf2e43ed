// Small conversions for values that differ between SQLite and PostgreSQL drivers.
import type { Knex } from "knex";
export function bool(value: unknown): boolean {
  return value === true || value === 1 || value === "1" || value === "true";
}

export function num(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** `insert(...).returning("id")` gives [{ id }] on both engines. */
export function insertedId(rows: unknown[]): number {
  const first = rows[0] as { id: number | string } | number | undefined;
  if (first === undefined) throw new Error("insert returned no id");
  return typeof first === "object" ? Number(first.id) : Number(first);
}

/** A row the code has just written or locked, read back: its absence is a broken invariant, not a user's mistake. */
export function present<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new Error(`${what} introuvable`);
  return row;
}

export function nowIso(now = new Date()): string {
  return now.toISOString();
}

/** A unique index refused the row (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === "23505" || (e?.code === "SQLITE_CONSTRAINT" && /UNIQUE/i.test(e.message ?? ""));
}

/** Key for comparing names as a French reader would: same letters whatever the case. */
export function nameKey(name: string): string {
  return name.normalize("NFC").trim().toLocaleLowerCase("fr");
}

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/** Sorted as in a French index (É with E, lower and upper case together), the same on both engines. */
export function sortByFrench<T>(items: T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => collator.compare(key(a), key(b)));
}

/** SELECT … FOR UPDATE on PostgreSQL; SQLite has one writer at a time and no such clause. */
export function lockForUpdate<Q extends Knex.QueryBuilder>(db: Knex | Knex.Transaction, query: Q): Q {
  return db.client.config.client === "pg" ? (query.forUpdate() as Q) : query;
}
