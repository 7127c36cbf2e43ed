import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import { calendarText } from "~/modules/calendar/ics.server";
import { meetingEvent, parisInstant } from "~/modules/calendar/rules";

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const event = new ICAL.Event(v);
    return { uid: event.uid, summary: event.summary, start: event.startDate, end: event.endDate, location: event.location };
  });
}

const meeting = (heldOn: string, startTime = "14:00", endTime: string | null = "16:30") =>
  meetingEvent({ id: 4, officeId: 1, title: "Groupe local qualité", heldOn, startTime, endTime, place: "Saint-Sever", url: "https://q.office.fr/reunions/4", seriesName: "GLQ" });

describe("Paris times", () => {
  it("turns a Paris day and time into the right instant in winter and in summer", () => {
    expect(parisInstant("2021-03-25", "14:00").toISOString()).toBe("2021-03-25T13:00:00.000Z");
    expect(parisInstant("2021-07-08", "14:00").toISOString()).toBe("2021-07-08T12:00:00.000Z");
    // Around the changes: the last Sunday of March and of October.
    expect(parisInstant("2027-03-27", "23:30").toISOString()).toBe("2027-03-27T22:30:00.000Z");
    expect(parisInstant("2027-03-28", "09:00").toISOString()).toBe("2027-03-28T07:00:00.000Z");
    expect(parisInstant("2027-10-31", "09:00").toISOString()).toBe("2027-10-31T08:00:00.000Z");
    // 02:30 does not exist on 28 March 2027: read as after the change.
    expect(parisInstant("2027-03-28", "02:30").toISOString()).toBe("2027-03-28T01:30:00.000Z");
  });

  it("gives a meeting without an end time two hours", () => {
    const e = meeting("2027-01-14", "09:30", null);
    expect(e.kind === "timed" && e.end.getTime() - e.start.getTime()).toBe(2 * 3_600_000);
  });
});

describe("ICS", () => {
  const now = new Date("2026-12-01T08:00:00.000Z");
  const events = [
    meeting("2027-01-14"),
    meeting("2027-07-08"),
    { uid: "action-9-office-1@cap-qualite", kind: "day" as const, day: "2027-02-01", summary: "Échéance : Fléchage", description: "", url: null },
  ];

  // The server's own zone must not move anything (the ical-generator trap).
  for (const tz of ["UTC", "Europe/Paris", "America/New_York", "Pacific/Auckland"]) {
    it(`reads back the Paris times and the days, on a server in ${tz}`, () => {
      process.env.TZ = tz;
      const text = calendarText({ name: "Cap Qualité — Office", events, now });
      const parsed = parse(text);
      const [winter, summer, due] = parsed as [ReturnType<typeof parse>[number], ReturnType<typeof parse>[number], ReturnType<typeof parse>[number]];
      expect(winter.start.toJSDate().toISOString()).toBe("2027-01-14T13:00:00.000Z");
      expect(winter.end.toJSDate().toISOString()).toBe("2027-01-14T15:30:00.000Z");
      expect(summer.start.toJSDate().toISOString()).toBe("2027-07-08T12:00:00.000Z");
      expect(winter).toMatchObject({ uid: "reunion-4-office-1@cap-qualite", summary: "Groupe local qualité", location: "Saint-Sever" });
      expect(due.start.isDate).toBe(true);
      expect(due.start.toString()).toBe("2027-02-01");
      expect(text).toContain("METHOD:PUBLISH");
    });
  }
});
