// Files attached to an action (its proof), to a meeting (the activity report "ci-joint") or to
// a procedure sheet (its annexes), kept by the storage module; never served to another office.
import type { Knex } from "knex";
import type { AllowedType } from "~/domain/uploads";
import type { FileStore } from "~/storage.server";
import { recordHistory } from "../history/queries.server";
import type { AttachmentsRecord } from "../../../db/records";
import { insertedId, nowIso } from "../../utils/rows.server";
import type { Scope } from "~/modules/scope.server";

export interface Attachment {
  id: number;
  originalName: string;
  contentType: string;
  size: number;
  uploadedByName: string;
  createdAt: string;
}

function toAttachment(r: AttachmentsRecord): Attachment {
  return {
    id: r.id,
    originalName: r.original_name,
    contentType: r.content_type,
    size: r.size,
    uploadedByName: r.uploaded_by_name,
    createdAt: r.created_at,
  };
}

/** What a file is attached to: an action (its proof), a meeting or a procedure sheet. */
export type Owner = { kind: "action"; id: number } | { kind: "meeting"; id: number } | { kind: "procedure_sheet"; id: number };

/** The owner's table and the attachment's column that points to it. */
const OWNER_LINKS: Record<Owner["kind"], { table: string; column: string }> = {
  action: { table: "actions", column: "action_id" },
  meeting: { table: "meetings", column: "meeting_id" },
  procedure_sheet: { table: "procedure_sheets", column: "procedure_sheet_id" },
};

/**
 * Writes the file, then its row, and the change in the history of what it is attached to; a
 * failed row removes the file again. Null when the action or meeting is not the office's.
 */
export async function attachFile(
  scope: Scope,
  store: FileStore,
  input: { owner: Owner; name: string; type: AllowedType; bytes: Uint8Array },
): Promise<number | null> {
  const { db, officeId, actor } = scope;
  const { table, column } = OWNER_LINKS[input.owner.kind];
  const record = await db(table).where({ id: input.owner.id, office_id: officeId }).first();
  if (!record) return null;
  const key = await store.put(officeId, input.bytes);
  try {
    return await db.transaction(async (trx) => {
      const row = {
        office_id: officeId,
        [column]: input.owner.id,
        storage_key: key,
        original_name: input.name,
        content_type: input.type,
        size: input.bytes.byteLength,
        uploaded_by_user_id: actor.userId,
        uploaded_by_name: actor.name,
        created_at: nowIso(),
      };
      const id = insertedId(await trx("attachments").insert(row).returning("id"));
      await trx(table).where({ id: input.owner.id }).update({ updated_at: nowIso() });
      await recordHistory(trx, { officeId, entityType: input.owner.kind, entityId: input.owner.id, action: "update", actor, before: { attachment: null }, after: { attachment: input.name } });
      return id;
    });
  } catch (error) {
    await store.remove(key);
    throw error;
  }
}

export async function listActionAttachments(scope: Scope, query: { actionId: number }): Promise<Attachment[]> {
  const { db, officeId } = scope;
  const rows = await db("attachments").where({ office_id: officeId, action_id: query.actionId }).orderBy("id");
  return rows.map(toAttachment);
}

export async function listMeetingAttachments(scope: Scope, query: { meetingId: number }): Promise<Attachment[]> {
  const { db, officeId } = scope;
  const rows = await db("attachments").where({ office_id: officeId, meeting_id: query.meetingId }).orderBy("id");
  return rows.map(toAttachment);
}

export async function listSheetAttachments(scope: Scope, query: { sheetId: number }): Promise<Attachment[]> {
  const { db, officeId } = scope;
  const rows = await db("attachments").where({ office_id: officeId, procedure_sheet_id: query.sheetId }).orderBy("id");
  return rows.map(toAttachment);
}

/** A file of the office, with what it belongs to so that the caller can check who may see it. */
export async function getAttachment(scope: Scope, query: { attachmentId: number }) {
  const { db, officeId } = scope;
  const row = await db("attachments as at")
    .leftJoin("meetings as m", "m.id", "at.meeting_id")
    .leftJoin("procedure_sheets as ps", "ps.id", "at.procedure_sheet_id")
    .where({ "at.id": query.attachmentId, "at.office_id": officeId })
    .select<Array<AttachmentsRecord & { meeting_status: string | null; sheet_current_version: number | null }>>("at.*", "m.status as meeting_status", "ps.current_version as sheet_current_version")
    .first();
  if (!row) return null;
  return {
    ...toAttachment(row),
    storageKey: row.storage_key,
    actionId: row.action_id,
    meetingId: row.meeting_id,
    meetingStatus: row.meeting_status ? (row.meeting_status as "draft" | "published") : null,
    procedureSheetId: row.procedure_sheet_id,
    /** The sheet's version in force (0: never published, a draft's files), when the file is a sheet's. */
    sheetCurrentVersion: row.sheet_current_version,
  };
}

/** A file younger than this may belong to an upload whose row is not committed yet. */
export const ORPHAN_MIN_AGE_MS = 2 * 60_000;

/**
 * Removes stored files that no row names (left by a crash between the file and its row, or
 * between a deletion and its file's removal) among those written before `writtenBefore`: a
 * moment no upload still in flight can be older than (app/housekeeping.server.ts). Returns the
 * keys removed.
 */
export async function sweepOrphanFiles(db: Knex, store: FileStore, writtenBefore: Date): Promise<string[]> {
  const candidates: string[] = [];
  for await (const file of store.list()) {
    if (file.writtenAt.getTime() < writtenBefore.getTime()) candidates.push(file.key);
  }
  const removed: string[] = [];
  for (let i = 0; i < candidates.length; i += 500) {
    const batch = candidates.slice(i, i + 500);
    const named = new Set((await db("attachments").whereIn("storage_key", batch).select("storage_key")).map((r) => r.storage_key));
    for (const key of batch) {
      if (named.has(key)) continue;
      await store.remove(key);
      removed.push(key);
    }
  }
  return removed;
}
