// The history table: who changed what, when, with the values before and after.
// Every write in app/models goes through `recordHistory` inside the same transaction.
import type { Knex } from "knex";
import { diffRecords, type Changes } from "~/modules/history/diff";

export type EntityType =
  | "office"
  | "site"
  | "person"
  | "user"
  | "membership"
  | "invitation"
  | "referential"
  | "label"
  | "audit"
  | "audit_result"
  | "finding"
  | "action"
  | "meeting_series"
  | "meeting";
export type HistoryAction = "create" | "update" | "delete";

export interface Actor {
  userId: number | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: "Système" };

export interface HistoryEntry {
  id: number;
  action: HistoryAction;
  actorName: string;
  at: string;
  changes: Changes;
}

export async function recordHistory(
  trx: Knex.Transaction,
  entry: {
    officeId: number | null;
    entityType: EntityType;
    entityId: number;
    action: HistoryAction;
    actor: Actor;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    redact?: readonly string[];
    now?: Date;
  },
): Promise<void> {
  const changes = diffRecords(entry.before, entry.after, { redact: entry.redact });
  if (entry.action === "update" && Object.keys(changes).length === 0) return;
  await trx("history").insert({
    office_id: entry.officeId,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    action: entry.action,
    actor_user_id: entry.actor.userId,
    actor_name: entry.actor.name,
    at: (entry.now ?? new Date()).toISOString(),
    changes: JSON.stringify(changes),
  });
}

export async function listHistory(
  db: Knex,
  query: { officeId: number; entityType: EntityType; entityId: number; limit?: number },
): Promise<HistoryEntry[]> {
  const rows = await db("history")
    .where({ office_id: query.officeId, entity_type: query.entityType, entity_id: query.entityId })
    .orderBy([
      { column: "at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .limit(query.limit ?? 100);
  return rows.map(toEntry);
}

/** Latest changes in an office, each with the current name of the record it touched. */
export async function listRecentOfficeHistory(db: Knex, officeId: number, limit = 10) {
  const rows = await db("history")
    .where({ office_id: officeId })
    .orderBy([
      { column: "at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .limit(limit);
  const entries = rows.map((r) => ({ ...toEntry(r), entityType: r.entity_type as EntityType, entityId: Number(r.entity_id) }));
  const names = await recordNames(db, officeId, entries);
  // A deleted record has no current name: the one it had is in its last history entry.
  const formerName = (e: (typeof entries)[number]) => {
    for (const field of ["title", "name", "full_name"]) {
      const before = e.changes[field]?.before;
      if (typeof before === "string" && before) return before;
    }
    return null;
  };
  return entries.map((e) => ({ ...e, entityName: names.get(`${e.entityType}:${e.entityId}`) ?? (e.action === "delete" ? formerName(e) : null) }));
}

/** Current names of the records, looked up per type (deleted records keep no name). */
async function recordNames(db: Knex, officeId: number, entries: Array<{ entityType: EntityType; entityId: number }>) {
  const idsOf = (type: EntityType) => [...new Set(entries.filter((e) => e.entityType === type).map((e) => e.entityId))];
  const lookups: Array<[EntityType, Promise<Array<{ id: number | string; label: string }>>]> = [
    ["office", db("offices").where({ id: officeId }).select("id", "name as label")],
    ["site", db("sites").where({ office_id: officeId }).whereIn("id", idsOf("site")).select("id", "name as label")],
    ["person", db("people").where({ office_id: officeId }).whereIn("id", idsOf("person")).select("id", "full_name as label")],
    [
      "membership",
      db("memberships as m")
        .join("users as u", "u.id", "m.user_id")
        .where("m.office_id", officeId)
        .whereIn("m.id", idsOf("membership"))
        .select("m.id", "u.display_name as label"),
    ],
    ["invitation", db("invitations").where({ office_id: officeId }).whereIn("id", idsOf("invitation")).select("id", "email as label")],
    ["referential", db("referentials").where({ office_id: officeId }).whereIn("id", idsOf("referential")).select("id", "label as label")],
    ["label", db("labels").where({ office_id: officeId }).whereIn("id", idsOf("label")).select("id", "name as label")],
    ["audit", db("audits").where({ office_id: officeId }).whereIn("id", idsOf("audit")).select("id", "title as label")],
    ["finding", db("findings").where({ office_id: officeId }).whereIn("id", idsOf("finding")).select("id", "text as label")],
    ["action", db("actions").where({ office_id: officeId }).whereIn("id", idsOf("action")).select("id", "title as label")],
    ["meeting_series", db("meeting_series").where({ office_id: officeId }).whereIn("id", idsOf("meeting_series")).select("id", "name as label")],
    ["meeting", db("meetings").where({ office_id: officeId }).whereIn("id", idsOf("meeting")).select("id", "title as label")],
    [
      "audit_result",
      db("audit_results as r")
        .join("audits as a", "a.id", "r.audit_id")
        .where("a.office_id", officeId)
        .whereIn("r.id", idsOf("audit_result"))
        .select("r.id", db.raw("a.title || ' — critère ' || r.criterion_code as label")),
    ],
    [
      "user",
      db("users as u")
        .join("memberships as m", "m.user_id", "u.id")
        .where("m.office_id", officeId)
        .whereIn("u.id", idsOf("user"))
        .select("u.id", "u.display_name as label"),
    ],
  ];
  const names = new Map<string, string>();
  for (const [type, query] of lookups) {
    for (const row of await query) {
      const label = String(row.label);
      names.set(`${type}:${Number(row.id)}`, label.length > 80 ? `${label.slice(0, 79)}…` : label);
    }
  }
  return names;
}

function toEntry(r: Record<string, unknown>): HistoryEntry {
  return {
    id: Number(r.id),
    action: r.action as HistoryAction,
    actorName: String(r.actor_name),
    at: String(r.at),
    changes: JSON.parse(String(r.changes)) as Changes,
  };
}
