// Meeting rules: the cadence and the next due date (with the date given), who sees drafts and
// reads published minutes, and the parsing of the meeting forms.
import { describe, expect, it } from "vitest";
import { attendanceSchema, meetingSchema, minutesSchema, seriesSchema } from "~/modules/meeting/schema";
import { addMonths, canMarkRead, canSeeMeeting, isTimeOfDay, listItems, meetingSchedule, nextMeetingDue, registerPeriod } from "~/modules/meeting/rules";
import { parseFrozenSummary } from "~/modules/register/rules";
import { ROLES } from "~/domain/roles";
import { formatTime } from "~/domain/dates";

const SIX = { cadenceMonths: 6, firstDueOn: null };

describe("addMonths", () => {
  it("keeps the day of the month, or the month's last day when it is shorter", () => {
    expect(addMonths("2021-03-25", 6)).toBe("2021-09-25");
    expect(addMonths("2021-08-31", 6)).toBe("2022-02-28");
    expect(addMonths("2023-08-31", 6)).toBe("2024-02-29");
    expect(addMonths("2021-10-15", 3)).toBe("2022-01-15");
    expect(addMonths("2021-12-31", 12)).toBe("2022-12-31");
  });
});

describe("nextMeetingDue", () => {
  it("is a cadence after the last meeting held", () => {
    expect(nextMeetingDue(SIX, ["2020-09-10", "2021-03-25"], "2021-04-01")).toBe("2021-09-25");
  });

  it("counts a meeting held today, not one planned later", () => {
    expect(nextMeetingDue(SIX, ["2021-03-25"], "2021-03-25")).toBe("2021-09-25");
    expect(nextMeetingDue(SIX, ["2021-03-25", "2021-10-05"], "2021-09-01")).toBe("2021-09-25");
  });

  it("starts again from a meeting held outside the cadence, early or late", () => {
    // An extra meeting in June moves the next one to December.
    expect(nextMeetingDue(SIX, ["2021-03-25", "2021-06-10"], "2021-07-01")).toBe("2021-12-10");
    // A meeting held late (November instead of September) moves the next one to May.
    expect(nextMeetingDue(SIX, ["2021-03-25", "2021-11-20"], "2021-12-01")).toBe("2022-05-20");
  });

  it("is the series' first due date before any meeting, or unknown", () => {
    expect(nextMeetingDue({ cadenceMonths: 6, firstDueOn: "2021-02-01" }, [], "2021-01-01")).toBe("2021-02-01");
    expect(nextMeetingDue(SIX, [], "2021-01-01")).toBeNull();
  });

  it("follows the series' cadence", () => {
    expect(nextMeetingDue({ cadenceMonths: 12, firstDueOn: null }, ["2021-03-25"], "2021-04-01")).toBe("2022-03-25");
  });
});

describe("meetingSchedule", () => {
  it("says a meeting is to be planned when none is and the due date is near or past", () => {
    const late = meetingSchedule(SIX, ["2021-03-25"], "2021-10-01");
    expect(late).toMatchObject({ lastHeldOn: "2021-03-25", plannedOn: null, dueOn: "2021-09-25", state: "overdue" });
    expect(late.countdown?.days).toBe(-6);
    expect(meetingSchedule(SIX, ["2021-03-25"], "2021-09-01").state).toBe("due_soon");
    expect(meetingSchedule(SIX, ["2021-03-25"], "2021-04-01").state).toBe("later");
    expect(meetingSchedule(SIX, [], "2021-04-01").state).toBe("unscheduled");
  });

  it("shows the planned meeting, and whether it falls after the due date", () => {
    const planned = meetingSchedule(SIX, ["2021-03-25", "2021-09-20"], "2021-09-01");
    expect(planned).toMatchObject({ plannedOn: "2021-09-20", state: "planned", plannedLate: false });
    expect(meetingSchedule(SIX, ["2021-03-25", "2021-10-20"], "2021-09-01").plannedLate).toBe(true);
  });
});

describe("who sees and reads minutes", () => {
  it("shows drafts to those who write or chair them, published minutes to everyone", () => {
    const draftReaders = ROLES.filter((r) => canSeeMeeting(r, "draft"));
    expect(draftReaders).toEqual(["admin", "director", "quality_referent"]);
    expect(ROLES.every((r) => canSeeMeeting(r, "published"))).toBe(true);
  });

  it("lets anyone mark published minutes as read, never a draft", () => {
    expect(ROLES.every((r) => canMarkRead(r, "published"))).toBe(true);
    expect(ROLES.some((r) => canMarkRead(r, "draft"))).toBe(false);
  });
});

describe("meeting forms", () => {
  const meeting = { seriesId: "1", title: "Réunion du Groupe Local Qualité", heldOn: "2021-03-25", startTime: "14:00", endTime: "16:30" };

  it("accepts a meeting and refuses an end before its start, an impossible day or time", () => {
    expect(meetingSchema.safeParse(meeting).success).toBe(true);
    const early = meetingSchema.safeParse({ ...meeting, endTime: "13:00" });
    expect(early.success).toBe(false);
    expect(early.error?.issues[0]).toMatchObject({ path: ["endTime"], message: "Heure de fin : après l'heure de début." });
    expect(meetingSchema.safeParse({ ...meeting, heldOn: "2021-02-30" }).error?.issues[0]?.message).toBe("Date : date attendue (jj/mm/aaaa).");
    expect(meetingSchema.safeParse({ ...meeting, startTime: "25:00" }).error?.issues[0]?.message).toMatch(/^Heure de début : heure attendue/);
    expect(meetingSchema.safeParse({ ...meeting, title: "  " }).error?.issues[0]?.message).toBe("Titre : ce champ est obligatoire.");
  });

  it("checks the cadence of a series", () => {
    const series = { name: "GLQ", kind: "quality_group", cadenceMonths: "6" };
    expect(seriesSchema.parse(series).cadenceMonths).toBe(6);
    expect(seriesSchema.safeParse({ ...series, cadenceMonths: "0" }).error?.issues[0]?.message).toBe("Cadence : un nombre de mois entre 1 et 24.");
    expect(seriesSchema.safeParse({ ...series, cadenceMonths: "2,5" }).success).toBe(false);
    expect(seriesSchema.safeParse({ ...series, kind: "apero" }).error?.issues[0]?.message).toBe("Type : choisissez dans la liste.");
  });

  it("reads one agenda point and one decision per line, without bullets", () => {
    expect(listItems("1. Actualité\n\n- Rapport d'activité\r\n  Suggestions  ")).toEqual(["Actualité", "Rapport d'activité", "Suggestions"]);
    expect(listItems("• Demander le fléchage\n2) Rack à vélos\n\n")).toEqual(["Demander le fléchage", "Rack à vélos"]);
  });

  it("needs a guest's name with its role, and known attendance statuses", () => {
    expect(attendanceSchema.safeParse({ guestRole: "Journaliste" }).error?.issues[0]).toMatchObject({ path: ["guestName"] });
    expect(attendanceSchema.safeParse({ attendees: [{ id: "1", status: "parti" }] }).error?.issues[0]?.message).toBe("Présence : choisissez dans la liste.");
    expect(attendanceSchema.parse({ attendees: [{ id: "3", status: "excused", role: " Élue " }] }).attendees[0]).toEqual({ id: 3, status: "excused", role: "Élue", remove: false });
  });

  it("needs a title for every agenda point of the minutes", () => {
    const parsed = minutesSchema.safeParse({ sections: [{ id: "1", title: "", body: "Texte" }] });
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["sections", 0, "title"], message: "Titre du point : ce champ est obligatoire." });
    expect(minutesSchema.parse({ sections: [{ id: "", title: "Nouveau", body: "" }], endTime: "16:30" })).toMatchObject({ sections: [{ id: null }], endTime: "16:30" });
  });

  it("knows a time of day and writes it the French way", () => {
    expect(isTimeOfDay("14:00")).toBe(true);
    expect(isTimeOfDay("24:00")).toBe(false);
    expect(isTimeOfDay("9:00")).toBe(false);
    expect(formatTime("14:00")).toBe("14\u00a0h");
    expect(formatTime("16:30")).toBe("16\u00a0h\u00a030");
    expect(formatTime("09:05")).toBe("9\u00a0h\u00a005");
  });
});

describe("minutes that cannot be saved as typed", () => {
  it("refuses a point beyond the cap and a closing time before the start", async () => {
    const { minutesProblem } = await import("~/modules/meeting/rules");
    expect(minutesProblem({ adding: true, sectionCount: 40, endTime: null, startTime: "14:00" }, 40)).toMatchObject({ field: null, message: "Ordre du jour : 40 points au maximum." });
    expect(minutesProblem({ adding: false, sectionCount: 40, endTime: null, startTime: "14:00" }, 40)).toBeNull();
    expect(minutesProblem({ adding: false, sectionCount: 3, endTime: "13:30", startTime: "14:00" }, 40)).toMatchObject({ field: "endTime", message: expect.stringMatching(/^Fin de réunion : après l'heure de début \(14\sh\)\.$/) });
    expect(minutesProblem({ adding: false, sectionCount: 3, endTime: "16:30", startTime: "14:00" }, 40)).toBeNull();
  });
});

describe("a register's summary in the minutes", () => {
  it("covers by default the days after the previous meeting of the series up to this one's", () => {
    expect(registerPeriod({ heldOn: "2021-03-25", previousHeldOn: "2020-09-24", from: null, to: null })).toEqual({ from: "2020-09-25", to: "2021-03-25" });
    // Across a month's and a year's end, and a leap day.
    expect(registerPeriod({ heldOn: "2021-03-25", previousHeldOn: "2020-12-31", from: null, to: null })).toEqual({ from: "2021-01-01", to: "2021-03-25" });
    expect(registerPeriod({ heldOn: "2020-09-01", previousHeldOn: "2020-02-28", from: null, to: null })).toEqual({ from: "2020-02-29", to: "2020-09-01" });
  });

  it("looks back one year for a series' first meeting", () => {
    expect(registerPeriod({ heldOn: "2021-03-25", previousHeldOn: null, from: null, to: null })).toEqual({ from: "2020-03-26", to: "2021-03-25" });
  });

  it("takes the days chosen, either or both", () => {
    expect(registerPeriod({ heldOn: "2021-03-25", previousHeldOn: "2020-09-24", from: "2020-01-01", to: "2020-12-31" })).toEqual({ from: "2020-01-01", to: "2020-12-31" });
    expect(registerPeriod({ heldOn: "2021-03-25", previousHeldOn: "2020-09-24", from: "2021-01-01", to: null })).toEqual({ from: "2021-01-01", to: "2021-03-25" });
    expect(registerPeriod({ heldOn: "2021-03-25", previousHeldOn: "2020-09-24", from: null, to: "2020-12-31" })).toEqual({ from: "2020-09-25", to: "2020-12-31" });
  });

  it("never ends before it starts: a chosen end before the default start is a one-day period", () => {
    expect(registerPeriod({ heldOn: "2021-03-25", previousHeldOn: "2020-09-24", from: null, to: "2020-06-30" })).toEqual({ from: "2020-06-30", to: "2020-06-30" });
  });

  it("refuses, beside the field, a register that does not exist and a period that ends before it starts", () => {
    const point = { id: "", title: "Dysfonctionnements", body: "", decisions: "" };
    const bad = minutesSchema.safeParse({ sections: [{ ...point, register: "plaintes" }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["sections", 0, "register"], message: expect.stringMatching(/^Synthèse d'un registre : /) });
    const backwards = minutesSchema.safeParse({ sections: [{ ...point, register: "complaint", registerFrom: "2021-03-01", registerTo: "2021-02-01" }] });
    expect(backwards.error?.issues[0]).toMatchObject({ path: ["sections", 0, "registerTo"] });
    // Not sent: left as it is (undefined); sent empty: none.
    const kept = minutesSchema.parse({ sections: [point] });
    expect([kept.sections[0]?.register, kept.sections[0]?.registerFrom, kept.sections[0]?.registerTo]).toEqual([undefined, undefined, undefined]);
    const none = minutesSchema.parse({ sections: [{ ...point, register: "", registerFrom: "", registerTo: "" }] });
    expect(none.sections[0]).toMatchObject({ register: null, registerFrom: null, registerTo: null });
  });

  it("reads a frozen summary back, and a damaged one as none", () => {
    const summary = { kind: "dysfunction", from: "2020-01-01", to: "2020-12-31", total: 0, late: 0, byCategory: [], bySite: [], entries: [], more: 0 };
    expect(parseFrozenSummary(JSON.stringify(summary))).toEqual(summary);
    for (const damaged of ["", "{", "null", JSON.stringify({ ...summary, kind: "plaintes" }), JSON.stringify({ ...summary, entries: "x" }), null, 12]) expect(parseFrozenSummary(damaged)).toBeNull();
  });
});

describe("a series' reminder days", () => {
  const series = { name: "Groupe Local Qualité", kind: "quality_group", cadenceMonths: "6", firstDueOn: "", description: "" };
  it("reads days before the due date, in any order and spacing, and writes them largest first", () => {
    expect(seriesSchema.parse({ ...series, reminderDays: "7, 30" }).reminderDays).toBe("30,7");
    expect(seriesSchema.parse({ ...series, reminderDays: " 14;3 , 14" }).reminderDays).toBe("14,3");
    expect(seriesSchema.parse({ ...series, reminderDays: "" }).reminderDays).toBe("");
    expect(seriesSchema.parse(series).reminderDays).toBe("30,7");
  });
  it("refuses what is not a list of days, beside the field", () => {
    for (const bad of ["trente", "30 7", "400", "1,2,3,4,5,6,7", "-3"]) {
      const result = seriesSchema.safeParse({ ...series, reminderDays: bad });
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ["reminderDays"], message: expect.stringMatching(/^Rappels : /) });
    }
  });
});
