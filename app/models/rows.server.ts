// Small conversions for values that differ between SQLite and PostgreSQL drivers.
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

export function nowIso(now = new Date()): string {
  return now.toISOString();
}
