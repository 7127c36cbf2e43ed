// A meeting's invitation as a calendar reads it: parsed by ical.js, an independent parser.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { invitationText } from "~/modules/calendar/ics.server";
import { meetingEvent } from "~/modules/calendar/rules";
import { meetingInvitationMail } from "~/modules/mail/compose";
import { invitationChanged } from "~/modules/meeting/invitations.server";

const event = (heldOn: string, startTime = "14:00", endTime: string | null = "16:30") => {
  const e = meetingEvent({ id: 12, officeId: 3, title: "Groupe Local Qualité", heldOn, startTime, endTime, place: "Saint-Sever", url: "https://qualite.example/reunions/12", seriesName: "Groupe Local Qualité" });
  if (e.kind !== "timed") throw new Error("timed");
  return e;
};
const parse = (text: string) => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  return { calendar, vevent, e: new ICAL.Event(vevent) };
};
const organizer = { name: "Office de Tourisme", email: "qualite@office.fr" };
const attendee = { name: "Président de la SPL", email: "president@example.org" };
const now = new Date("2026-11-20T08:00:00Z");

describe("meeting invitations", () => {
  it("asks (METHOD REQUEST) with a stable UID, the sequence given, the organizer and the attendee, at Paris times in winter and summer", () => {
    const winter = parse(invitationText({ method: "REQUEST", event: event("2026-12-10"), sequence: 0, organizer, attendee, now }));
    expect(winter.calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(winter.e.uid).toBe("reunion-12-office-3@cap-qualite");
    expect(winter.e.sequence).toBe(0);
    expect(winter.e.startDate.toJSDate().toISOString()).toBe("2026-12-10T13:00:00.000Z");
    expect(winter.e.endDate.toJSDate().toISOString()).toBe("2026-12-10T15:30:00.000Z");
    expect(String(winter.vevent.getFirstPropertyValue("organizer")).toLowerCase()).toBe("mailto:qualite@office.fr");
    expect(String(winter.vevent.getFirstPropertyValue("attendee")).toLowerCase()).toBe("mailto:president@example.org");
    expect(winter.vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    const summer = parse(invitationText({ method: "REQUEST", event: event("2027-06-10"), sequence: 2, organizer, attendee, now }));
    expect(summer.e.startDate.toJSDate().toISOString()).toBe("2027-06-10T12:00:00.000Z");
    expect(summer.e.sequence).toBe(2);
    expect(summer.e.uid).toBe(winter.e.uid);
  });

  it("cancels (METHOD CANCEL, STATUS CANCELLED) under the same UID with a higher sequence", () => {
    const cancel = parse(invitationText({ method: "CANCEL", event: event("2026-12-10"), sequence: 3, organizer, attendee, now }));
    expect(cancel.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancel.vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancel.e.uid).toBe("reunion-12-office-3@cap-qualite");
    expect(cancel.e.sequence).toBe(3);
  });

  it("is out of date when the day, a time or the place changes, not the title", () => {
    const before = { held_on: "2026-12-10", start_time: "14:00", end_time: null, place: "Saint-Sever", title: "A" };
    expect(invitationChanged(before, { ...before, title: "B" })).toBe(false);
    expect(invitationChanged(before, { ...before, held_on: "2026-12-11" })).toBe(true);
    expect(invitationChanged(before, { ...before, end_time: "16:00" })).toBe(true);
    expect(invitationChanged(before, { ...before, place: "Amou" })).toBe(true);
  });

  it("says in French whether it is an invitation, a change or a cancellation, with the calendar part", () => {
    const base = { to: "p@example.org", toName: "Président", officeName: "Office", title: "Groupe Local Qualité", seriesName: "Groupe Local Qualité", when: "jeudi 10 décembre 2026 à 14 h", place: "Saint-Sever", calendarText: "BEGIN:VCALENDAR" };
    expect(meetingInvitationMail({ ...base, method: "REQUEST", update: false }).subject).toBe("[Office] Invitation : Groupe Local Qualité (jeudi 10 décembre 2026 à 14 h)");
    expect(meetingInvitationMail({ ...base, method: "REQUEST", update: true }).text).toContain("La réunion a changé");
    const cancel = meetingInvitationMail({ ...base, method: "CANCEL", update: false });
    expect(cancel.subject).toMatch(/^\[Office\] Annulée : /);
    expect(cancel.calendar).toEqual({ method: "CANCEL", text: "BEGIN:VCALENDAR" });
  });
});
