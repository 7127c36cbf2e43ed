// ICS text from calendar events, with ical-generator (decision 026). Timed events are given as
// UTC instants and written as such ("…T130000Z"): ical-generator reads a plain Date in the
// server's own zone when a time zone is set, which shifts Paris times on a UTC server. All-day
// events are given as the day's UTC midnight: without a time zone it writes dates with the UTC
// getters (a local midnight came out a day early on a server east of Greenwich).
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { CalendarEvent } from "./rules";

/** `now` is written as each event's DTSTAMP (when this copy was made). */
export function calendarText(input: { name: string; events: readonly CalendarEvent[]; now: Date }): string {
  const calendar = ical({
    name: input.name,
    prodId: { company: "Cap Qualité", product: "cap-qualite", language: "FR" },
    method: ICalCalendarMethod.PUBLISH,
    // Outlook and Google read it again every few hours.
    ttl: 60 * 60 * 4,
  });
  for (const e of input.events) {
    if (e.kind === "timed") {
      calendar.createEvent({ id: e.uid, start: e.start, end: e.end, summary: e.summary, description: e.description, location: e.location || null, url: e.url, stamp: input.now });
    } else {
      const [y, m, d] = e.day.split("-").map(Number) as [number, number, number];
      calendar.createEvent({ id: e.uid, start: new Date(Date.UTC(y, m - 1, d)), allDay: true, summary: e.summary, description: e.description, url: e.url, stamp: input.now });
    }
  }
  return calendar.toString();
}

/**
 * One meeting as an invitation (RFC 5546): METHOD REQUEST for a new or changed meeting, CANCEL
 * when it is cancelled; the same UID as the feed's, and the meeting's SEQUENCE, so that a
 * calendar replaces its copy instead of adding one (decision 040).
 */
export function invitationText(input: {
  method: "REQUEST" | "CANCEL";
  event: Extract<CalendarEvent, { kind: "timed" }>;
  sequence: number;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  now: Date;
}): string {
  const calendar = ical({
    prodId: { company: "Cap Qualité", product: "cap-qualite", language: "FR" },
    method: input.method === "REQUEST" ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  const e = input.event;
  calendar.createEvent({
    id: e.uid,
    sequence: input.sequence,
    start: e.start,
    end: e.end,
    summary: e.summary,
    description: e.description,
    location: e.location || null,
    url: e.url,
    stamp: input.now,
    status: input.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: input.organizer,
    attendees: [{ name: input.attendee.name, email: input.attendee.email, rsvp: input.method === "REQUEST", role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION }],
  });
  return calendar.toString();
}
