// The history table: who changed what, when, with the values before and after.
// Every write in app/models goes through `recordHistory` inside the same transaction.
import type { Knex } from "knex";
import { diffRecords, type Changes } from "~/domain/history";

export type EntityType = "office" | "site" | "person" | "user" | "membership" | "invitation";
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

export async function listRecentOfficeHistory(db: Knex, officeId: number, limit = 10) {
  const rows = await db("history")
    .where({ office_id: officeId })
    .orderBy([
      { column: "at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .limit(limit);
  return rows.map((r) => ({ ...toEntry(r), entityType: r.entity_type as EntityType, entityId: Number(r.entity_id) }));
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
