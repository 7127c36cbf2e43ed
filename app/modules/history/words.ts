// How a history row's fields and values read in French, from the descriptor of the aggregate
// the row belongs to: each field has its own words, so `other` is "Autre" on an action's origin
// and "Autre réunion" on a meeting series' kind. Server-side only: the loaders send the panel
// lines already in words (`wordHistory`), so no aggregate's words reach the browser (decision 051).
import { formatDate, formatDateTime } from "../../domain/dates";
import type { FieldWords } from "../descriptor";
import { aggregateOf } from "../registry";
import type { Changes, FieldValue } from "./diff";

/** Names of the records a field points to, by field: `{ owner_person_id: { 3: "Directrice" } }`. */
export type References = Partial<Record<string, Record<number, string>>>;

/** One history row as the panel shows it: every word already French. */
export interface HistoryLine {
  id: number;
  /** "Création", "Modification", "Suppression". */
  action: string;
  /** "26/03/2021 10:00" (Paris time). */
  at: string;
  actorName: string;
  /** The fields an update changed (none for a creation or a deletion). */
  changes: Array<{ field: string; label: string; before: string; after: string }>;
}

export const HISTORY_ACTION_LABELS = { create: "Création", update: "Modification", delete: "Suppression" } as const;

export function fieldWords(entityType: string, field: string): FieldWords | undefined {
  return aggregateOf(entityType)?.fields[field];
}

/** The field's French label; an unknown field shows its code rather than nothing. */
export function fieldLabel(entityType: string, field: string): string {
  return fieldWords(entityType, field)?.label ?? field;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function describeValue(
  entityType: string,
  field: string,
  value: FieldValue,
  references: References = {},
): string {
  if (value === null || value === "") return "—";
  const words = fieldWords(entityType, field);
  const kind = words?.kind ?? (typeof value === "boolean" ? "boolean" : field.endsWith("_at") ? "instant" : undefined);
  if (kind === "boolean") return value === true || value === 1 || value === "1" || value === "true" ? "Oui" : "Non";
  if (words?.values) {
    const word = words.values[String(value)];
    if (word) return word;
  }
  if (kind === "instant" && typeof value === "string" && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
  if ((kind === "day" || kind === undefined) && typeof value === "string" && DAY.test(value)) return formatDate(value);
  if (kind === "rates" && typeof value === "string") return describeRates(value);
  if (kind === "number" && typeof value === "number") return value.toLocaleString("fr-FR");
  const ref = references[field];
  if (ref && typeof value === "number") return ref[value] ?? `n° ${value}`;
  return String(value);
}

function describeRates(value: string): string {
  try {
    const rates = Object.entries(JSON.parse(value) as Record<string, number | null>).filter(([, v]) => v !== null);
    return rates.length ? rates.map(([k, v]) => `${k} ${String(v).replace(".", ",")} %`).join(", ") : "—";
  } catch {
    return value;
  }
}

/** "Bureau « Amou »", "Compte de Directrice (démo)": what a change touched, in words. */
export function describeRecord(entityType: string, name: string | null): string {
  const aggregate = aggregateOf(entityType);
  if (!aggregate) return name ?? entityType;
  return name ? aggregate.named(name) : aggregate.noun;
}

/** The page of the record a change touched, when it still exists and has one. */
export function recordUrl(entityType: string, id: number): string | null {
  return aggregateOf(entityType)?.url?.(id) ?? null;
}

/** A history row as `listHistory` reads it (the panel's input before words). */
export type HistoryRow = { id: number; entityType: string; action: keyof typeof HISTORY_ACTION_LABELS; actorName: string; at: string; changes: Changes };

/**
 * A record's history rows in the words of the panel (app/components/history-panel.tsx), for a
 * loader to send; null (history the role may not read, see `historyFor`) stays null.
 */
export function wordHistory(entries: readonly HistoryRow[], references?: References): HistoryLine[];
export function wordHistory(entries: readonly HistoryRow[] | null, references?: References): HistoryLine[] | null;
export function wordHistory(entries: readonly HistoryRow[] | null, references: References = {}): HistoryLine[] | null {
  if (entries === null) return null;
  return entries.map((entry) => ({
    id: entry.id,
    action: HISTORY_ACTION_LABELS[entry.action],
    at: formatDateTime(entry.at),
    actorName: entry.actorName,
    changes:
      entry.action === "update"
        ? Object.entries(entry.changes).map(([field, change]) => ({
            field,
            label: fieldLabel(entry.entityType, field),
            before: describeValue(entry.entityType, field, change.before, references),
            after: describeValue(entry.entityType, field, change.after, references),
          }))
        : [],
  }));
}
