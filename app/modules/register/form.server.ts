// What the entry forms offer (sites, people, categories, earlier dysfunctions), their default
// values, and reading a posted entry with its register's schema.
import { listSites } from "../office/queries.server";
import { listPeople } from "../person/queries.server";
import type { Scope } from "../scope.server";
import { validate, type Validation } from "../../utils/forms.server";
import { categoriesOf, recurrenceChoices, type EntryDetail } from "./queries.server";
import { INITIAL_STATUS, type RegisterKind } from "./rules";
import { ENTRY_SCHEMAS, type EntryValues } from "./schema";

export async function entryFormChoices(scope: Scope, kind: RegisterKind, current?: EntryDetail) {
  const [people, sites, categories, earlier] = await Promise.all([
    listPeople(scope),
    listSites(scope),
    categoriesOf(scope, kind),
    kind === "dysfunction" ? recurrenceChoices(scope, current?.id ?? null) : Promise.resolve([]),
  ]);
  return {
    people: people.filter((p) => p.active || p.id === current?.personId).map((p) => ({ id: p.id, name: p.fullName })),
    sites: sites.filter((s) => s.active || s.id === current?.siteId).map((s) => ({ id: s.id, name: s.name })),
    categories,
    // Only earlier ones: a dysfunction repeats what came before it.
    earlier: current ? earlier.filter((e) => e.occurredOn <= current.occurredOn) : earlier,
  };
}

const s = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/** The form's values: blank for a new entry (today, the desk, open), or the entry's own. */
export function entryDefaults(kind: RegisterKind, today: string, entry?: EntryDetail): Record<string, string> {
  if (!entry) {
    return {
      occurredOn: today,
      siteId: "",
      category: "",
      subject: "",
      description: "",
      personId: "",
      closeReason: "",
      status: INITIAL_STATUS[kind],
      ...(kind === "dysfunction" ? { impact: "", immediateFix: "", recurrenceOfId: "" } : {}),
      ...(kind === "complaint" ? { channel: "guichet", platform: "", reviewUrl: "", contactName: "", contactDetails: "", answer: "", answeredOn: "", answeredBy: "" } : {}),
      ...(kind === "suggestion" ? { source: "visitor", contactName: "", decisionReason: "", decidedOn: "" } : {}),
    };
  }
  return {
    occurredOn: entry.occurredOn,
    siteId: s(entry.siteId),
    category: entry.category,
    subject: entry.subject,
    description: entry.description,
    personId: s(entry.personId),
    closeReason: entry.closeReason,
    status: entry.status,
    ...(kind === "dysfunction" ? { impact: entry.impact, immediateFix: entry.immediateFix, recurrenceOfId: s(entry.recurrenceOfId) } : {}),
    ...(kind === "complaint"
      ? {
          channel: s(entry.channel),
          platform: entry.platform,
          reviewUrl: entry.reviewUrl,
          contactName: s(entry.contactName),
          contactDetails: s(entry.contactDetails),
          answer: entry.answer,
          answeredOn: s(entry.answeredOn),
          answeredBy: entry.answeredBy,
        }
      : {}),
    ...(kind === "suggestion" ? { source: s(entry.source), contactName: s(entry.contactName), decisionReason: entry.decisionReason, decidedOn: s(entry.decidedOn) } : {}),
  };
}

/** A posted entry read with its register's schema. */
export function parseEntry(kind: RegisterKind, values: Record<string, unknown>): Validation<EntryValues> {
  const parsed = validate(ENTRY_SCHEMAS[kind], values);
  if (!parsed.ok) return parsed;
  return { ok: true, data: { ...parsed.data, kind } as EntryValues };
}
