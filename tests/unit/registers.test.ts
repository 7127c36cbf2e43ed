// The registers' rules with the day given: working days across weekends and French public
// holidays, the late rule, statuses, closing with open actions, who edits, retention.
import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "~/domain/working-days";
import {
  anonymiseClosedUpTo,
  answerDelay,
  canEditEntry,
  checkClosing,
  futureDoneDate,
  isLate,
  kindOfSlug,
  lateAfter,
  retentionEnd,
  statusAfterAnswer,
} from "~/modules/register/rules";
import { complaintSchema, parseRegisterFilters } from "~/modules/register/schema";

const calendar = { addWorkingDays, workingDaysBetween };

describe("French working days", () => {
  it("skips weekends and the public holidays, Easter Monday and Ascension included", () => {
    expect(isWorkingDay("2024-04-01")).toBe(false); // Easter Monday
    expect(isWorkingDay("2024-05-09")).toBe(false); // Ascension
    expect(isWorkingDay("2024-05-20")).toBe(false); // Whit Monday
    expect(isWorkingDay("2024-07-14")).toBe(false); // a Sunday and a holiday
    expect(isWorkingDay("2024-03-29")).toBe(true); // Good Friday is worked outside Alsace-Moselle
    expect(isWorkingDay("2024-12-25")).toBe(false);
    expect(addWorkingDays("2024-03-29", 5)).toBe("2024-04-08");
    expect(addWorkingDays("2024-05-07", 5)).toBe("2024-05-16"); // 8 and 9 May
    expect(addWorkingDays("2021-12-24", 1)).toBe("2021-12-27");
    expect(workingDaysBetween("2024-03-29", "2024-04-08")).toBe(5);
    expect(workingDaysBetween("2024-04-08", "2024-04-08")).toBe(0);
    expect(workingDaysBetween("2024-04-08", "2024-04-01")).toBe(0);
  });
});

describe("answer delay", () => {
  it("is late when answered after the target's last day, or unanswered once it passed", () => {
    const received = { occurredOn: "2024-05-07", answeredOn: null };
    expect(answerDelay(received, 5, "2024-05-16", calendar)).toEqual({ days: 5, dueOn: "2024-05-16", answered: false, late: false });
    expect(answerDelay(received, 5, "2024-05-17", calendar)).toMatchObject({ days: 6, late: true });
    expect(answerDelay({ ...received, answeredOn: "2024-05-16" }, 5, "2024-06-30", calendar)).toMatchObject({ days: 5, late: false, answered: true });
    expect(answerDelay({ ...received, answeredOn: "2024-05-17" }, 5, "2024-05-17", calendar)).toMatchObject({ late: true });
    expect(isLate({ kind: "complaint", answerDueOn: "2024-05-16", answeredOn: null }, "2024-05-17")).toBe(true);
    expect(isLate({ kind: "complaint", answerDueOn: "2024-05-16", answeredOn: "2024-05-16" }, "2024-09-01")).toBe(false);
    expect(isLate({ kind: "dysfunction", answerDueOn: null, answeredOn: null }, "2024-09-01")).toBe(false);
  });

  it("stores the day after which a complaint is late, so that lists count late ones by one comparison", () => {
    const due = "2024-05-16";
    expect(lateAfter({ kind: "complaint", answerDueOn: due, answeredOn: null })).toBe(due);
    expect(lateAfter({ kind: "complaint", answerDueOn: due, answeredOn: "2024-05-16" })).toBeNull();
    expect(lateAfter({ kind: "complaint", answerDueOn: due, answeredOn: "2024-05-17" })).toBe(due);
    expect(lateAfter({ kind: "suggestion", answerDueOn: null, answeredOn: null })).toBeNull();
    // The list's comparison (late_after < today) and the page's rule agree on every day around the target.
    for (const answeredOn of [null, "2024-05-10", "2024-05-16", "2024-05-17", "2024-06-02"]) {
      for (const today of ["2024-05-15", "2024-05-16", "2024-05-17", "2024-07-01"]) {
        if (answeredOn !== null && answeredOn > today) continue;
        const entry = { kind: "complaint" as const, answerDueOn: due, answeredOn };
        const stored = lateAfter(entry);
        expect(stored !== null && stored < today, `${answeredOn ?? "en attente"} au ${today}`).toBe(isLate(entry, today));
        expect(isLate(entry, today), `${answeredOn ?? "en attente"} au ${today}`).toBe(answeredOn === null ? today > due : answeredOn > due);
      }
    }
  });
});

describe("statuses and closing", () => {
  it("answers an open complaint when an answer is dated, and needs a reason to close with open actions", () => {
    expect(statusAfterAnswer("complaint", "ouverte", "2024-05-10")).toBe("repondue");
    expect(statusAfterAnswer("complaint", "close", "2024-05-10")).toBe("close");
    expect(statusAfterAnswer("dysfunction", "ouvert", null)).toBe("ouvert");
    expect(checkClosing({ status: "clos", openActions: 2, closeReason: "" })).toMatch(/2 actions liées sont encore ouvertes/);
    expect(checkClosing({ status: "clos", openActions: 1, closeReason: " " })).toMatch(/1 action liée est encore ouverte/);
    expect(checkClosing({ status: "clos", openActions: 1, closeReason: "Suivi au plan" })).toBeNull();
    expect(checkClosing({ status: "traite", openActions: 3, closeReason: "" })).toBeNull();
    expect(checkClosing({ status: "retenue", openActions: 0, closeReason: "" })).toBeNull();
  });

  it("refuses an answer or a decision dated after today, today itself allowed", () => {
    expect(futureDoneDate({ answeredOn: "2026-12-04" }, "2026-12-04")).toBeNull();
    expect(futureDoneDate({ answeredOn: "2026-12-05" }, "2026-12-04")).toEqual({ field: "answeredOn", message: "Répondue le : la date ne peut pas être après aujourd'hui ; corrigez-la (au plus tard la date du jour)." });
    expect(futureDoneDate({ decidedOn: "2027-01-01" }, "2026-12-31")).toMatchObject({ field: "decidedOn" });
    expect(futureDoneDate({ answeredOn: null, decidedOn: null }, "2026-12-04")).toBeNull();
  });

  it("lets the author edit until handled, the référente always", () => {
    const entry = { kind: "complaint" as const, status: "ouverte" as const, createdByUserId: 7, answeredOn: null };
    const staff = { canEditAll: false, canLog: true, userId: 7 };
    expect(canEditEntry(staff, entry)).toBe(true);
    expect(canEditEntry({ ...staff, userId: 8 }, entry)).toBe(false);
    expect(canEditEntry(staff, { ...entry, answeredOn: "2024-01-02" })).toBe(false);
    expect(canEditEntry(staff, { ...entry, status: "repondue" })).toBe(false);
    expect(canEditEntry({ canEditAll: false, canLog: false, userId: 7 }, entry)).toBe(false);
    expect(canEditEntry({ canEditAll: true, canLog: true, userId: 1 }, { ...entry, status: "close" })).toBe(true);
  });
});

describe("retention", () => {
  it("keeps personal data the office's number of years after closing, 29 February included", () => {
    expect(retentionEnd("2021-03-25", 3)).toBe("2024-03-25");
    expect(retentionEnd("2024-02-29", 1)).toBe("2025-02-28");
    expect(anonymiseClosedUpTo("2024-06-01", 3)).toBe("2021-06-01");
    expect(anonymiseClosedUpTo("2028-02-29", 1)).toBe("2027-02-28");
  });
});

describe("forms and filters", () => {
  it("reads the complaint form and the list's filters leniently from the address", () => {
    const ok = complaintSchema.safeParse({ occurredOn: "2024-05-07", channel: "guichet", status: "ouverte", subject: "Attente" });
    expect(ok.success).toBe(true);
    const review = complaintSchema.safeParse({ occurredOn: "2024-05-07", channel: "avis_en_ligne", status: "ouverte", subject: "Avis" });
    expect(review.error?.issues.map((i) => i.path.join("."))).toEqual(["platform"]);
    const f = parseRegisterFilters("complaint", new URLSearchParams("du=2024-01-01&au=2024-02-31&bureau=office&statut=clos&en-retard=1&page=0"));
    expect(f).toMatchObject({ from: "2024-01-01", to: null, wholeOffice: true, siteId: null, status: null, late: true, page: 1 });
    expect(parseRegisterFilters("suggestion", new URLSearchParams("en-retard=1&statut=retenue"))).toMatchObject({ late: false, status: "retenue" });
    expect(kindOfSlug("reclamations")).toBe("complaint");
    expect(kindOfSlug("constructor")).toBeNull();
  });
});
