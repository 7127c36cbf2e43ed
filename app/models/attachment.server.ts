// Files attached to an action (its proof) or to a meeting (the activity report "ci-joint"),
// kept by the storage module; never served to another office.
import type { Knex } from "knex";
import type { AllowedType } from "~/domain/uploads";
import type { FileStore } from "~/storage.server";
import { recordHistory, type Actor } from "./history.server";
import { insertedId, nowIso, num, numOrNull } from "./rows.server";

export interface Attachment {
  id: number;
  originalName: string;
  contentType: string;
  size: number;
  uploadedByName: string;
  createdAt: string;
}

function toAttachment(r: Record<string, unknown>): Attachment {
  return {
    id: num(r.id),
    originalName: String(r.original_name),
    contentType: String(r.content_type),
    size: num(r.size),
    uploadedByName: String(r.uploaded_by_name),
    createdAt: String(r.created_at),
  };
}

/** Writes the file, then its row and history; a failed row removes the file again. */
export async function attachToAction(
  db: Knex,
  store: FileStore,
  input: { officeId: number; actionId: number; name: string; type: AllowedType; bytes: Uint8Array },
  actor: Actor,
): Promise<number | null> {
  const action = await db("actions").where({ id: input.actionId, office_id: input.officeId }).first();
  if (!action) return null;
  const key = await store.put(input.officeId, input.bytes);
  try {
    return await db.transaction(async (trx) => {
      const row = {
        office_id: input.officeId,
        action_id: input.actionId,
        storage_key: key,
        original_name: input.name,
        content_type: input.type,
        size: input.bytes.byteLength,
        uploaded_by_user_id: actor.userId,
        uploaded_by_name: actor.name,
        created_at: nowIso(),
      };
      const id = insertedId(await trx("attachments").insert(row).returning("id"));
      await trx("actions").where({ id: input.actionId }).update({ updated_at: nowIso() });
      await recordHistory(trx, { officeId: input.officeId, entityType: "action", entityId: input.actionId, action: "update", actor, before: { attachment: null }, after: { attachment: input.name } });
      return id;
    });
  } catch (error) {
    await store.remove(key);
    throw error;
  }
}

export async function listActionAttachments(db: Knex, query: { officeId: number; actionId: number }): Promise<Attachment[]> {
  const rows = await db("attachments").where({ office_id: query.officeId, action_id: query.actionId }).orderBy("id");
  return rows.map(toAttachment);
}

/** Writes the file, then its row and the meeting's history; a failed row removes the file again. */
export async function attachToMeeting(
  db: Knex,
  store: FileStore,
  input: { officeId: number; meetingId: number; name: string; type: AllowedType; bytes: Uint8Array },
  actor: Actor,
): Promise<number | null> {
  const meeting = await db("meetings").where({ id: input.meetingId, office_id: input.officeId }).first();
  if (!meeting) return null;
  const key = await store.put(input.officeId, input.bytes);
  try {
    return await db.transaction(async (trx) => {
      const row = {
        office_id: input.officeId,
        meeting_id: input.meetingId,
        storage_key: key,
        original_name: input.name,
        content_type: input.type,
        size: input.bytes.byteLength,
        uploaded_by_user_id: actor.userId,
        uploaded_by_name: actor.name,
        created_at: nowIso(),
      };
      const id = insertedId(await trx("attachments").insert(row).returning("id"));
      await trx("meetings").where({ id: input.meetingId }).update({ updated_at: nowIso() });
      await recordHistory(trx, { officeId: input.officeId, entityType: "meeting", entityId: input.meetingId, action: "update", actor, before: { attachment: null }, after: { attachment: input.name } });
      return id;
    });
  } catch (error) {
    await store.remove(key);
    throw error;
  }
}

export async function listMeetingAttachments(db: Knex, query: { officeId: number; meetingId: number }): Promise<Attachment[]> {
  const rows = await db("attachments").where({ office_id: query.officeId, meeting_id: query.meetingId }).orderBy("id");
  return rows.map(toAttachment);
}

/** A file of the office, with what it belongs to so that the caller can check who may see it. */
export async function getAttachment(db: Knex, query: { officeId: number; attachmentId: number }) {
  const row = await db("attachments as at")
    .leftJoin("meetings as m", "m.id", "at.meeting_id")
    .where({ "at.id": query.attachmentId, "at.office_id": query.officeId })
    .select("at.*", "m.status as meeting_status")
    .first();
  if (!row) return null;
  return {
    ...toAttachment(row),
    storageKey: String(row.storage_key),
    actionId: numOrNull(row.action_id),
    meetingId: numOrNull(row.meeting_id),
    meetingStatus: row.meeting_status ? (String(row.meeting_status) as "draft" | "published") : null,
  };
}
