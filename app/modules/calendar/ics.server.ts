// ICS text from calendar events, with ical-generator (decision 026). Timed events are given as
// UTC instants and written as such ("…T130000Z"): ical-generator reads a plain Date in the
// server's own zone when a time zone is set, which shifts Paris times on a UTC server. All-day
// events are given as the day's UTC midnight: without a time zone it writes dates with the UTC
// getters (a local midnight came out a day early on a server east of Greenwich).
import ical, { ICalCalendarMethod } from "ical-generator";
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
