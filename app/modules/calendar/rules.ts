// Calendar events as plain data, and Paris wall-clock times turned into instants. Meetings are
// stored as the invitation gives them (a day and a time in Paris); a calendar needs the instant,
// which depends on summer time. Pure: no I/O, nothing read from the server's own time zone.
import { PARIS } from "../../domain/dates";

const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: PARIS,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Paris' offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function parisOffset(ms: number): number {
  const parts = Object.fromEntries(partsFormat.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - ms;
}

/**
 * The instant of a Paris day and time ("2026-03-25", "14:00" → 13:00 UTC; in July → 12:00 UTC).
 * A time that does not exist (the hour skipped in March) is read as the one after the change.
 */
export function parisInstant(day: string, time: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = wall - parisOffset(wall);
  return new Date(wall - parisOffset(first));
}

export type CalendarEvent =
  | { uid: string; kind: "timed"; start: Date; end: Date; summary: string; description: string; location: string; url: string | null }
  | { uid: string; kind: "day"; day: string; summary: string; description: string; url: string | null };

/** A meeting without an end time is shown as two hours long. */
export const DEFAULT_MEETING_MINUTES = 120;

export function meetingEvent(m: { id: number; officeId: number; title: string; heldOn: string; startTime: string; endTime: string | null; place: string; url: string | null; seriesName: string }): CalendarEvent {
  const start = parisInstant(m.heldOn, m.startTime);
  const end = m.endTime ? parisInstant(m.heldOn, m.endTime) : new Date(start.getTime() + DEFAULT_MEETING_MINUTES * 60_000);
  return {
    uid: `reunion-${m.id}-office-${m.officeId}@cap-qualite`,
    kind: "timed",
    start,
    end: end > start ? end : new Date(start.getTime() + DEFAULT_MEETING_MINUTES * 60_000),
    summary: m.title,
    description: `Réunion « ${m.seriesName} ».`,
    location: m.place,
    url: m.url,
  };
}
