// Who has read published minutes, who should, and how many each user has still to read.
import type { MeetingsRecord } from "../../../db/records";
import type { Knex } from "knex";
import { nowIso, sortByFrench } from "../../utils/rows.server";
import { type Scope } from "~/modules/scope.server";
import { sharedRead } from "~/request-cache.server";

/** Marks published minutes as read by this user; reading again updates the date. */
export async function markRead(scope: Scope, query: { meetingId: number; userId: number }): Promise<boolean> {
  const { db, officeId } = scope;
  const meeting = await db("meetings").where({ id: query.meetingId, office_id: officeId, status: "published" }).first();
  if (!meeting) return false;
  await db("meeting_reads")
    .insert({ meeting_id: query.meetingId, user_id: query.userId, read_at: nowIso() })
    .onConflict(["meeting_id", "user_id"])
    .merge(["read_at"]);
  return true;
}

export interface ReadReceipt {
  userId: number;
  name: string;
  readAt: string | null;
  /** Read before the minutes last changed. */
  stale: boolean;
}

/**
 * Who has read the minutes, and who should but has not yet: the accounts of the group's members,
 * of people flagged as members, and of the meeting's attendees.
 */
export async function readReceipts(scope: Scope, query: { meetingId: number }): Promise<ReadReceipt[]> {
  const { db, officeId } = scope;
  const meeting = await db("meetings").where({ id: query.meetingId, office_id: officeId }).first();
  if (!meeting) return [];
  const attendeePeople = db("meeting_attendees").where({ meeting_id: query.meetingId }).whereNotNull("person_id").select("person_id");
  const memberPeople = db("people").where({ office_id: officeId, quality_group_member: true }).select("id");
  const [expected, reads] = await Promise.all([
    db("memberships as ms")
      .join("users as u", "u.id", "ms.user_id")
      .where("ms.office_id", officeId)
      .andWhere("u.disabled", false)
      .andWhere((w) => {
        w.where("ms.role", "quality_group_member").orWhereIn("ms.person_id", attendeePeople).orWhereIn("ms.person_id", memberPeople);
      })
      .select<Array<{ id: number; display_name: string }>>("u.id", "u.display_name"),
    db("meeting_reads as r").join("users as u", "u.id", "r.user_id").where("r.meeting_id", query.meetingId).select<Array<{ id: number; display_name: string; read_at: string }>>("u.id", "u.display_name", "r.read_at"),
  ]);
  // The writer and the publisher are not asked to read their own minutes.
  const own = await ownMinutesUsers(db, officeId, meeting);
  const receipts = new Map<number, ReadReceipt>();
  for (const u of expected) if (!own.has(u.id)) receipts.set(u.id, { userId: u.id, name: u.display_name, readAt: null, stale: false });
  for (const r of reads) {
    if (own.has(r.id)) continue;
    receipts.set(r.id, { userId: r.id, name: r.display_name, readAt: r.read_at, stale: r.read_at < meeting.minutes_updated_at });
  }
  return sortByFrench([...receipts.values()], (r) => r.name);
}

/** The accounts of the meeting's writer (through their person) and of whoever published it. */
async function ownMinutesUsers(db: Knex, officeId: number, meeting: MeetingsRecord): Promise<Set<number>> {
  const ids = new Set<number>();
  if (meeting.published_by_user_id) ids.add(meeting.published_by_user_id);
  if (meeting.writer_person_id) {
    const writers = await db("memberships").where({ office_id: officeId, person_id: meeting.writer_person_id }).select("user_id");
    for (const w of writers) ids.add(w.user_id);
  }
  return ids;
}

/** Published minutes this user has not read yet (for "Réunions" and the dashboard); not those they wrote or published. */
export function countUnread(scope: Scope, query: { userId: number }): Promise<number> {
  // Asked by the layout (its badge) and by the dashboard in the same request: read once.
  return sharedRead(`unread-minutes:${scope.officeId}:${query.userId}`, () => readUnread(scope, query));
}

async function readUnread(scope: Scope, query: { userId: number }): Promise<number> {
  const { db, officeId } = scope;
  const row = await db("meetings as m")
    .leftJoin("meeting_reads as r", function () {
      this.on("r.meeting_id", "=", "m.id").andOn("r.user_id", "=", db.raw("?", [query.userId]));
    })
    .where({ "m.office_id": officeId, "m.status": "published" })
    .whereNull("r.read_at")
    .andWhere((w) => w.whereNull("m.published_by_user_id").orWhereNot("m.published_by_user_id", query.userId))
    .andWhere((w) =>
      w.whereNull("m.writer_person_id").orWhereNotIn("m.writer_person_id", db("memberships").where({ office_id: officeId, user_id: query.userId }).whereNotNull("person_id").select("person_id")),
    )
    .count<{ n: number }[]>({ n: "m.id" });
  return Number(row[0]?.n ?? 0);
}
