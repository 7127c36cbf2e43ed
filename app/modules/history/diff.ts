// What changed between two versions of a record, as stored in the history table.

export type FieldValue = string | number | boolean | null;
export type Changes = Record<string, { before: FieldValue; after: FieldValue }>;

/** Fields never copied into history (secrets, or bookkeeping that changes on every write). */
export const NEVER_RECORDED: ReadonlySet<string> = new Set(["office_id", "password_hash", "token_hash", "updated_at", "created_at", "name_key", "search_text", "due_sort", "priority_rank", "minutes_updated_at"]);
const REDACTED = "••••";

function normalise(value: unknown): FieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/**
 * Field-by-field difference. `before` null means a creation, `after` null a deletion.
 * Booleans stored as 0/1 by SQLite compare equal to true/false.
 */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  options: { redact?: readonly string[]; omit?: readonly string[] } = {},
): Changes {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Changes = {};
  for (const key of keys) {
    if (NEVER_RECORDED.has(key) || key === "id" || options.omit?.includes(key)) continue;
    const b = normalise(before?.[key]);
    const a = normalise(after?.[key]);
    if (sameValue(b, a)) continue;
    if (options.redact?.includes(key)) {
      changes[key] = { before: b === null ? null : REDACTED, after: a === null ? null : REDACTED };
    } else {
      changes[key] = { before: b, after: a };
    }
  }
  return changes;
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (typeof a === "boolean" || typeof b === "boolean") {
    return toBool(a) === toBool(b);
  }
  return a === b;
}

function toBool(v: FieldValue): boolean | null {
  if (v === null) return null;
  if (typeof v === "boolean") return v;
  if (v === 1 || v === "1" || v === "true") return true;
  if (v === 0 || v === "0" || v === "false") return false;
  return Boolean(v);
}
