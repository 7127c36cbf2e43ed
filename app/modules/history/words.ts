// How a history row's fields and values read in French, from the descriptor of the aggregate
// the row belongs to: each field has its own words, so `other` is "Autre" on an action's origin
// and "Autre réunion" on a meeting series' kind.
import { formatDate, formatDateTime } from "../../domain/dates";
import type { FieldWords } from "../descriptor";
import { aggregateOf } from "../registry";
import type { FieldValue } from "./diff";

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
  references: Partial<Record<string, Record<number, string>>> = {},
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
