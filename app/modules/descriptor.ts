// What each aggregate tells the rest of the app about itself, in French: what one record is
// called, the label of every field its history records, the words for its stored values, and
// its page. Plain data (no knex, no React), so that pages, the history panel, the dashboard's
// recent changes and later the reminders and reports all read the same words.

/** How a stored value is shown; a field with `values` is a choice whatever its kind. */
export type FieldKind = "text" | "boolean" | "day" | "instant" | "reference" | "rates" | "number";

export interface FieldWords {
  label: string;
  /** Defaults: "boolean" for true/false values, "instant" for *_at, "day" for YYYY-MM-DD, else text. */
  kind?: FieldKind;
  /** French words for every value the field stores (enumerations): per field, never shared. */
  values?: Readonly<Record<string, string>>;
}

/**
 * Where the current name of a record is read, for lists of changes that name their record.
 * `table` holds the record; `officeColumn` (default "office_id") scopes it; `joins` reach the
 * name or the office through another table (aliases allowed: "users as u").
 */
export interface NameSource {
  table: string;
  column: string;
  officeColumn?: string;
  idColumn?: string;
  joins?: ReadonlyArray<readonly [table: string, left: string, right: string]>;
}

export interface AggregateDescriptor<Type extends string = string> {
  /** The `entity_type` of its history rows. */
  type: Type;
  /** The table whose columns the history records (checked by a test: each has a label). */
  table?: string;
  /** Columns of `table` that history never shows (ids of parents, bookkeeping). */
  unrecorded?: readonly string[];
  /** "Action": a record of this kind without its name. */
  noun: string;
  /** "Action « Installer les oriflammes »". */
  named: (name: string) => string;
  fields: Readonly<Record<string, FieldWords>>;
  names: NameSource;
  /** The record's page, when it has one. */
  url?: (id: number) => string | null;
}

export function defineAggregate<const Type extends string>(descriptor: AggregateDescriptor<Type>): AggregateDescriptor<Type> {
  return descriptor;
}

/** "Oui"/"Non" words for a checkbox field. */
export const YES_NO = { true: "Oui", false: "Non" } as const;
