// Invitations to a planned meeting (decision 040): each participant with an e-mail address —
// a person of the office, with an account or not — gets the meeting as a calendar invitation,
// then an update when its day, time or place changes, and a cancellation when it is deleted.
// Written into the outbox inside the caller's transaction: a meeting is never planned, moved
// or cancelled without its mails, nor the other way round. Past meetings (minutes typed
// afterwards) invite nobody.
import type { MeetingsRecord } from "../../../db/records";
import type { Knex } from "knex";
import { formatLongDate, formatTime } from "~/domain/dates";
import { getEnv } from "~/env.server";
import { invitationText } from "../calendar/ics.server";
import { meetingEvent } from "../calendar/rules";
import { meetingInvitationMail } from "../mail/compose";
import { appUrl } from "../mail/links.server";
import { enqueueMail } from "../mail/queries.server";
import type { Scope } from "../scope.server";

/** What makes an invitation out of date: its day, its times, its place. */
export const INVITATION_FIELDS = ["held_on", "start_time", "end_time", "place"] as const;

export function invitationChanged(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  return INVITATION_FIELDS.some((field) => String(before[field] ?? "") !== String(after[field] ?? ""));
}

/** The organizer a calendar shows: the office, at the address mails come from. */
function organizer(officeName: string): { name: string; email: string } {
  const from = getEnv().MAIL_FROM;
  const email = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return { name: officeName, email };
}

/**
 * Enqueues the invitation (REQUEST) or the cancellation (CANCEL) of a meeting for its
 * participants with an e-mail, or only for `personIds` (people just added). The meeting row is
 * read inside `trx`, as the caller has left it (its `ics_sequence` already raised for a change).
 * Returns how many mails were enqueued.
 */
export async function enqueueInvitations(
  trx: Knex.Transaction,
  scope: Scope,
  meetingId: number,
  method: "REQUEST" | "CANCEL",
  options: { update?: boolean; personIds?: readonly number[] } = {},
): Promise<number> {
  const meeting = await trx("meetings as m")
    .join("meeting_series as s", "s.id", "m.series_id")
    .join("offices as o", "o.id", "m.office_id")
    .where({ "m.id": meetingId, "m.office_id": scope.officeId })
    .select<Array<MeetingsRecord & { series_name: string; office_name: string }>>("m.*", "s.name as series_name", "o.name as office_name")
    .first();
  if (!meeting || meeting.held_on < scope.today) return 0;
  const query = trx("meeting_attendees as a")
    .join("people as p", "p.id", "a.person_id")
    .where("a.meeting_id", meetingId)
    .whereNot("p.email", "")
    .select<Array<{ id: number; full_name: string; email: string }>>("p.id", "p.full_name", "p.email");
  if (options.personIds) query.whereIn("p.id", options.personIds);
  const people = await query;
  const officeName = meeting.office_name;
  const event = meetingEvent({
    id: meeting.id,
    officeId: scope.officeId,
    title: meeting.title,
    heldOn: meeting.held_on,
    startTime: meeting.start_time,
    endTime: meeting.end_time || null,
    place: meeting.place,
    url: `${appUrl()}/reunions/${meeting.id}`,
    seriesName: meeting.series_name,
  });
  if (event.kind !== "timed") return 0;
  const when = `${formatLongDate(meeting.held_on)} à ${formatTime(meeting.start_time)}`;
  for (const p of people) {
    const calendarText = invitationText({ method, event, sequence: meeting.ics_sequence, organizer: organizer(officeName), attendee: { name: p.full_name, email: p.email }, now: scope.now });
    const message = meetingInvitationMail({
      method,
      update: options.update ?? false,
      to: p.email,
      toName: p.full_name,
      officeName,
      title: meeting.title,
      seriesName: meeting.series_name,
      when,
      place: meeting.place,
      calendarText,
    });
    await enqueueMail(trx, { officeId: scope.officeId, kind: method === "CANCEL" ? "meeting_cancellation" : "meeting_invitation", message, reminderKey: null, now: scope.now });
  }
  return people.length;
}
