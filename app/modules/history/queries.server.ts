// The history table: who changed what, when, with the values before and after.
// Every write in app/modules goes through `recordHistory` inside the same transaction.
import type { Knex } from "knex";
import { can } from "../../domain/roles";
import type { NameSource } from "../descriptor";
import { AGGREGATES, aggregateOf, type EntityType } from "../registry";
import type { Scope } from "../scope.server";
import { consumeFormToken, type FormTokenUse } from "../form-token/queries.server";
import { diffRecords, type Changes } from "./diff";
import type { HistoryRecord } from "../../../db/records";

export type { EntityType };
// The words of history rows, for loaders: routes take them from this .server module, so that no
// page's chunk links to the aggregates' words and rules (decision 051).
export { describeRecord, HISTORY_ACTION_LABELS, recordUrl, wordHistory } from "./words";

export type HistoryAction = "create" | "update" | "delete";

export interface Actor {
  userId: number | null;
  name: string;
  /** the one-time token of the form this request posted (decision 021), recorded with the write */
  formToken?: FormTokenUse;
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: "Système" };

export interface HistoryEntry {
  id: number;
  entityType: EntityType;
  action: HistoryAction;
  actorName: string;
  at: string;
  changes: Changes;
}

export async function recordHistory(
  trx: Knex | Knex.Transaction,
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
  const changes = diffRecords(entry.before, entry.after, { redact: entry.redact, omit: aggregateOf(entry.entityType)?.unrecorded });
  if (entry.action === "update" && Object.keys(changes).length === 0) return;
  await consumeFormToken(trx, entry.actor.formToken, entry.actor.userId, entry.now ?? new Date());
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

/**
 * A record's history for the page that shows it, or null when the role may not read history
 * (`history:view`): the loader then sends nothing, and the page shows no panel. The loader
 * sends it through `wordHistory` (./words), which words it for the panel.
 */
export async function historyFor(scope: Scope, entityType: EntityType, entityId: number): Promise<HistoryEntry[] | null> {
  if (!can(scope.role, "history:view")) return null;
  return listHistory(scope, { entityType, entityId });
}

export async function listHistory(
  scope: Scope,
  query: { entityType: EntityType; entityId: number; limit?: number },
): Promise<HistoryEntry[]> {
  const { db, officeId } = scope;
  const rows = await db("history")
    .where({ office_id: officeId, entity_type: query.entityType, entity_id: query.entityId })
    .orderBy([
      { column: "at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .limit(query.limit ?? 100);
  return rows.map(toEntry);
}

/** Latest changes in the office, each with the current name of the record it touched. */
export async function listRecentOfficeHistory(scope: Scope, limit = 10) {
  const rows = await scope.db("history")
    .where({ office_id: scope.officeId })
    .orderBy([
      { column: "at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .limit(limit);
  const entries = rows.map((r) => ({ ...toEntry(r), entityId: r.entity_id }));
  const names = await recordNames(scope, entries);
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

/** Current names of the records, read where each aggregate's descriptor says (deleted records keep none). */
async function recordNames(scope: Scope, entries: Array<{ entityType: EntityType; entityId: number }>) {
  const names = new Map<string, string>();
  for (const aggregate of AGGREGATES) {
    const ids = [...new Set(entries.filter((e) => e.entityType === aggregate.type).map((e) => e.entityId))];
    if (ids.length === 0) continue;
    for (const row of await nameQuery(scope, aggregate.names, ids)) {
      const label = String(row.label);
      names.set(`${aggregate.type}:${Number(row.id)}`, label.length > 80 ? `${label.slice(0, 79)}…` : label);
    }
  }
  return names;
}

function nameQuery(scope: Scope, source: NameSource, ids: number[]): Promise<Array<{ id: number | string; label: unknown }>> {
  const idColumn = source.idColumn ?? "id";
  let query = scope.db(source.table);
  for (const [table, left, right] of source.joins ?? []) query = query.join(table, left, right);
  return query
    .where(source.officeColumn ?? "office_id", scope.officeId)
    .whereIn(idColumn, ids)
    .select(`${idColumn} as id`, `${source.column} as label`);
}

function toEntry(r: HistoryRecord): HistoryEntry {
  return {
    id: r.id,
    entityType: r.entity_type as EntityType,
    action: r.action as HistoryAction,
    actorName: r.actor_name,
    at: r.at,
    changes: JSON.parse(r.changes) as Changes,
  };
}
