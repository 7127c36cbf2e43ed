// Private calendar feeds: the secret address of each account in an office (its hash only is
// stored), and the events it shows — the account's meetings, its person's open actions' due
// dates, the office's audits, and its labels' expiries and next audits.
import crypto from "node:crypto";
import type { Knex } from "knex";
import { AUDIT_KIND_LABELS, type AuditKind } from "../audit/rules";
import { isClosed, type ActionStatus } from "../action/rules";
import { canSeeMeeting, type MeetingStatus } from "../meeting/rules";
import type { Role } from "../../domain/roles";
import { officeScope, type Scope } from "../scope.server";
import { meetingEvent, type CalendarEvent } from "./rules";
import type { ActionsRecord, MeetingsRecord } from "../../../db/records";
import { bool } from "../../utils/rows.server";

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export interface FeedStatus {
  createdAt: string;
  lastReadAt: string | null;
}

export async function activeFeed(scope: Scope): Promise<FeedStatus | null> {
  const row = await scope.db("calendar_feeds").where({ user_id: scope.actor.userId ?? -1, office_id: scope.officeId }).whereNull("revoked_at").orderBy("id", "desc").first();
  return row ? { createdAt: row.created_at, lastReadAt: row.last_read_at || null } : null;
}

/** A new secret address for the signed-in account in this office; the previous one stops working. */
export async function createFeed(scope: Scope): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const userId = scope.actor.userId;
  if (userId === null) throw new Error("createFeed: un compte est nécessaire");
  await scope.db.transaction(async (trx) => {
    await trx("calendar_feeds").where({ user_id: scope.actor.userId ?? -1, office_id: scope.officeId }).whereNull("revoked_at").update({ revoked_at: scope.now.toISOString() });
    await trx("calendar_feeds").insert({ user_id: userId, office_id: scope.officeId, token_hash: hash(token), created_at: scope.now.toISOString() });
  });
  return token;
}

export async function revokeFeed(scope: Scope): Promise<number> {
  return scope.db("calendar_feeds").where({ user_id: scope.actor.userId ?? -1, office_id: scope.officeId }).whereNull("revoked_at").update({ revoked_at: scope.now.toISOString() });
}

export interface FeedOwner {
  scope: Scope;
  personId: number | null;
  officeName: string;
}

/**
 * Whose feed a token opens, as a scope of that account in that office; null when the token is
 * unknown, revoked, or the account has lost its access (disabled, or no longer a member).
 */
export async function openFeed(db: Knex, token: string, now: Date): Promise<FeedOwner | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db("calendar_feeds as f")
    .join("memberships as m", (j) => j.on("m.user_id", "f.user_id").andOn("m.office_id", "f.office_id"))
    .join("users as u", "u.id", "f.user_id")
    .join("offices as o", "o.id", "f.office_id")
    .where("f.token_hash", hash(token))
    .whereNull("f.revoked_at")
    .select<Array<{ id: number; user_id: number; office_id: number; role: string; person_id: number | null; display_name: string; disabled: boolean | number; office_name: string }>>(
      "f.id",
      "f.user_id",
      "f.office_id",
      "m.role",
      "m.person_id",
      "u.display_name",
      "u.disabled",
      "o.name as office_name",
    )
    .first();
  if (!row || bool(row.disabled)) return null;
  await db("calendar_feeds").where({ id: row.id }).update({ last_read_at: now.toISOString() });
  return {
    scope: officeScope(db, { officeId: row.office_id, actor: { userId: row.user_id, name: row.display_name }, role: row.role as Role, now }),
    personId: row.person_id,
    officeName: row.office_name,
  };
}

/** Events of the last year and all to come: what a calendar needs without growing forever. */
export async function feedEvents(owner: FeedOwner): Promise<CalendarEvent[]> {
  const { scope, personId } = owner;
  const since = `${Number(scope.today.slice(0, 4)) - 1}${scope.today.slice(4)}`;
  const events: CalendarEvent[] = [];

  const meetings = await scope
    .db("meetings as m")
    .join("meeting_series as s", "s.id", "m.series_id")
    .where("m.office_id", scope.officeId)
    .andWhere("m.held_on", ">=", since)
    .andWhere((w) => {
      w.whereExists(scope.db("meeting_attendees as a").whereRaw("a.meeting_id = m.id").andWhere("a.person_id", personId ?? -1));
    })
    .select<Array<Pick<MeetingsRecord, "id" | "title" | "held_on" | "start_time" | "end_time" | "place" | "status"> & { series_name: string }>>(
      "m.id",
      "m.title",
      "m.held_on",
      "m.start_time",
      "m.end_time",
      "m.place",
      "m.status",
      "s.name as series_name",
    );
  for (const m of meetings) {
    events.push(
      meetingEvent({
        id: m.id,
        officeId: scope.officeId,
        title: m.title,
        heldOn: m.held_on,
        startTime: m.start_time,
        endTime: m.end_time || null,
        place: m.place,
        // Staff invited to a meeting whose minutes are still a draft see the date, not the page.
        url: canSeeMeeting(scope.role, m.status as MeetingStatus) ? `/reunions/${m.id}` : null,
        seriesName: m.series_name,
      }),
    );
  }

  if (personId !== null) {
    const actions = await scope.db("actions").where({ office_id: scope.officeId, owner_person_id: personId }).whereNotNull("due_on").andWhere("due_on", ">=", since).select<Array<Pick<ActionsRecord, "id" | "title" | "status"> & { due_on: string }>>("id", "title", "due_on", "status");
    for (const a of actions) {
      if (isClosed(a.status as ActionStatus)) continue;
      events.push({ uid: `action-${a.id}-office-${scope.officeId}@cap-qualite`, kind: "day", day: a.due_on, summary: `Échéance : ${a.title}`, description: "Action du plan dont vous êtes responsable.", url: `/plan-d-actions/${a.id}` });
    }
  }

  const audits = await scope.db("audits").where({ office_id: scope.officeId }).andWhere("starts_on", ">=", since).select("id", "title", "kind", "starts_on");
  for (const a of audits) {
    events.push({ uid: `audit-${a.id}-office-${scope.officeId}@cap-qualite`, kind: "day", day: a.starts_on, summary: `Audit : ${a.title}`, description: AUDIT_KIND_LABELS[a.kind as AuditKind] ?? "", url: `/audits/${a.id}` });
  }

  const labels = await scope.db("labels").where({ office_id: scope.officeId }).select("id", "name", "valid_until", "next_audit_due");
  for (const l of labels) {
    if (l.valid_until && l.valid_until >= since) {
      events.push({ uid: `label-${l.id}-expiry-office-${scope.officeId}@cap-qualite`, kind: "day", day: l.valid_until, summary: `Fin du label : ${l.name}`, description: "Dernier jour de validité du label.", url: `/audits/labels/${l.id}` });
    }
    if (l.next_audit_due && l.next_audit_due >= since) {
      events.push({ uid: `label-${l.id}-audit-office-${scope.officeId}@cap-qualite`, kind: "day", day: l.next_audit_due, summary: `Prochain audit attendu : ${l.name}`, description: "Date limite du prochain audit du label.", url: `/audits/labels/${l.id}` });
    }
  }
  return events;
}
