import { describe, expect, it } from "vitest";
import { meetingSchedule } from "~/modules/meeting/rules";
import { actionDigests, dueStage, isoWeek, labelReminders, MAX_ATTEMPTS, meetingDueReminders, minutesPublishedReminders, monthStage, nextAttemptAt, parseReminderDays, stageKey } from "~/modules/reminder/rules";
import { reminderMail } from "~/modules/mail/compose";
import { reminderCron } from "~/modules/reminder/scheduler.server";

const director = { userId: 7, email: "directrice@office.fr", name: "Virginie Masson" };
const referent = { userId: 9, email: "referente@office.fr", name: "Gisèle Fray" };
// Last meeting held on 25 March 2021, six-monthly: due on 25 September 2021.
const series = { cadenceMonths: 6, firstDueOn: null };
const input = (today: string, days: readonly string[] = ["2021-03-25"], daysBefore = [30, 7]) => ({
  seriesId: 3,
  seriesName: "Groupe local qualité",
  schedule: meetingSchedule(series, days, today),
  daysBefore,
});
const keysOn = (today: string, days?: readonly string[], daysBefore?: number[]) =>
  meetingDueReminders(input(today, days, daysBefore), [director], today).map((r) => r.key);

describe("meeting due reminders", () => {
  it("says nothing before the first reminder day", () => {
    expect(keysOn("2021-08-25")).toEqual([]);
    expect(keysOn("2021-08-26")).toEqual(["meeting_due:serie-3:2021-09-25:j-30:user-7"]);
  });

  it("keeps the same key through the window, so that a day skipped still sends it once", () => {
    expect(keysOn("2021-08-27")).toEqual(["meeting_due:serie-3:2021-09-25:j-30:user-7"]);
    expect(keysOn("2021-09-17")).toEqual(["meeting_due:serie-3:2021-09-25:j-30:user-7"]);
    expect(keysOn("2021-09-18")).toEqual(["meeting_due:serie-3:2021-09-25:j-7:user-7"]);
    // The due day itself still belongs to the 7-day reminder.
    expect(keysOn("2021-09-25")).toEqual(["meeting_due:serie-3:2021-09-25:j-7:user-7"]);
  });

  it("repeats each week while the meeting is late", () => {
    expect(keysOn("2021-09-26")).toEqual(["meeting_due:serie-3:2021-09-25:retard-s0:user-7"]);
    expect(keysOn("2021-10-02")).toEqual(["meeting_due:serie-3:2021-09-25:retard-s0:user-7"]);
    expect(keysOn("2021-10-03")).toEqual(["meeting_due:serie-3:2021-09-25:retard-s1:user-7"]);
    expect(keysOn("2021-12-25")).toEqual(["meeting_due:serie-3:2021-09-25:retard-s12:user-7"]);
  });

  it("is quiet once a meeting is planned, even after the due date", () => {
    expect(keysOn("2021-09-20", ["2021-03-25", "2021-10-07"])).toEqual([]);
    expect(keysOn("2021-10-01", ["2021-03-25", "2021-10-07"])).toEqual([]);
  });

  it("starts a new cycle after the next meeting is held", () => {
    expect(keysOn("2022-03-10", ["2021-03-25", "2021-10-07"])).toEqual(["meeting_due:serie-3:2022-04-07:j-30:user-7"]);
  });

  it("follows the series' own days, and none at all before the due date when it has none", () => {
    expect(keysOn("2021-09-11", undefined, [15])).toEqual(["meeting_due:serie-3:2021-09-25:j-15:user-7"]);
    expect(keysOn("2021-09-20", undefined, [])).toEqual([]);
    expect(keysOn("2021-09-26", undefined, [])).toEqual(["meeting_due:serie-3:2021-09-25:retard-s0:user-7"]);
  });

  it("reminds every recipient under their own key, in French with the due date", () => {
    const reminders = meetingDueReminders(input("2021-09-18"), [director, referent], "2021-09-18");
    expect(reminders.map((r) => r.recipient.userId)).toEqual([7, 9]);
    expect(new Set(reminders.map((r) => r.key)).size).toBe(2);
    expect(reminders[0]).toMatchObject({ kind: "meeting_due", url: "/reunions", title: "Réunion à planifier : « Groupe local qualité » avant le samedi 25 septembre 2021" });
    expect(reminders[0]!.body).toContain("dans 7 jours");
    expect(reminders[0]!.body).toContain("La dernière s'est tenue le jeudi 25 mars 2021");
    const late = meetingDueReminders(input("2021-10-05"), [director], "2021-10-05")[0]!;
    expect(late.title).toBe("Réunion en retard : « Groupe local qualité » devait se tenir avant le samedi 25 septembre 2021");
    expect(late.body).toContain("(dépassé depuis 10 jours)");
  });

  it("uses the series' first due date before any meeting, and nothing without one", () => {
    const first = { seriesId: 1, seriesName: "Revue", schedule: meetingSchedule({ cadenceMonths: 12, firstDueOn: "2027-01-31" }, [], "2027-01-01"), daysBefore: [30] };
    expect(meetingDueReminders(first, [director], "2027-01-01").map((r) => r.key)).toEqual(["meeting_due:serie-1:2027-01-31:j-30:user-7"]);
    const none = { ...first, schedule: meetingSchedule({ cadenceMonths: 12, firstDueOn: null }, [], "2027-01-01") };
    expect(meetingDueReminders(none, [director], "2027-01-01")).toEqual([]);
  });
});

describe("stages", () => {
  it("picks the nearest reminder day reached", () => {
    expect(dueStage("2021-09-25", [7, 30], "2021-08-01")).toBeNull();
    expect(dueStage("2021-09-25", [7, 30], "2021-09-01")).toEqual({ stage: "before", days: 30 });
    expect(dueStage("2021-09-25", [7, 30], "2021-09-20")).toEqual({ stage: "before", days: 7 });
    expect(stageKey({ stage: "late", week: 2 })).toBe("retard-s2");
  });

  it("reads reminder days typed by a person", () => {
    expect(parseReminderDays("30,7")).toEqual([30, 7]);
    expect(parseReminderDays(" 7 ; 30 30, 400, -2, x")).toEqual([30, 7]);
    expect(parseReminderDays("")).toEqual([]);
  });
});

describe("mail retries", () => {
  it("waits longer after each failure, then gives up", () => {
    const now = new Date("2026-12-01T08:00:00.000Z");
    expect(nextAttemptAt(1, now)?.toISOString()).toBe("2026-12-01T08:05:00.000Z");
    expect(nextAttemptAt(2, now)?.toISOString()).toBe("2026-12-01T08:30:00.000Z");
    expect(nextAttemptAt(4, now)?.toISOString()).toBe("2026-12-01T20:00:00.000Z");
    expect(nextAttemptAt(MAX_ATTEMPTS, now)).toBeNull();
  });
});

describe("reminder mail", () => {
  it("is French text and escaped HTML with a one-click unsubscribe", () => {
    const mail = reminderMail({
      to: "d@o.fr",
      toName: "Virginie <Masson>",
      officeName: "Office Landes Chalosse",
      title: "Réunion à planifier",
      body: "La prochaine réunion « GLQ & co » doit se tenir.",
      link: "https://q.office.fr/reunions",
      unsubscribeLink: "https://q.office.fr/desabonnement/abc",
      kindLabel: "Prochaine réunion à planifier",
    });
    expect(mail.subject).toBe("[Office Landes Chalosse] Réunion à planifier");
    expect(mail.text).toContain("Bonjour Virginie <Masson>,");
    expect(mail.text).toContain("Ouvrir Cap Qualité : https://q.office.fr/reunions");
    expect(mail.html).toContain("Bonjour Virginie &lt;Masson&gt;,");
    expect(mail.html).toContain("« GLQ &amp; co »");
    expect(mail.headers["List-Unsubscribe"]).toBe("<https://q.office.fr/desabonnement/abc>");
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  });
});

describe("scheduler", () => {
  it("reads its pattern in Paris time, summer and winter alike", () => {
    const job = reminderCron("0 7 * * *");
    expect(job.nextRun(new Date("2026-07-01T00:00:00.000Z"))?.toISOString()).toBe("2026-07-01T05:00:00.000Z");
    expect(job.nextRun(new Date("2026-12-01T00:00:00.000Z"))?.toISOString()).toBe("2026-12-01T06:00:00.000Z");
    expect(() => reminderCron("pas une heure")).toThrow();
  });
});

describe("a label's dates", () => {
  const people = [
    { userId: 1, email: "directrice@office.fr", name: "Directrice" },
    { userId: 2, email: "referente@office.fr", name: "Référente" },
  ];
  const label = { labelId: 7, labelName: "Qualité Tourisme", validUntil: "2024-09-30", nextAuditDue: "2024-06-15", lateActions: 2, pointsWithoutAction: 1 };

  it("reminds 6, 3 and 1 month before, the nearest stage once its day has come, nothing after the date", () => {
    expect(monthStage("2024-09-30", [6, 3, 1], "2024-03-29")).toBeNull();
    expect(monthStage("2024-09-30", [6, 3, 1], "2024-03-30")).toBe(6);
    expect(monthStage("2024-09-30", [6, 3, 1], "2024-06-29")).toBe(6);
    expect(monthStage("2024-09-30", [6, 3, 1], "2024-06-30")).toBe(3);
    // A runner that missed two months sends only the nearest stage.
    expect(monthStage("2024-09-30", [1, 6, 3], "2024-09-02")).toBe(1);
    expect(monthStage("2024-09-30", [6, 3, 1], "2024-09-30")).toBe(1);
    expect(monthStage("2024-09-30", [6, 3, 1], "2024-10-01")).toBeNull();
    // The month's last day when the month before is shorter: 31 August - 6 months = 29 February.
    expect(monthStage("2024-08-31", [6], "2024-02-29")).toBe(6);
  });

  it("tells both the end of validity and the next audit, with what is not ready, to each recipient under a stable key", () => {
    const due = labelReminders(label, people, "2024-04-01");
    expect(due.map((r) => r.key)).toEqual([
      "label_expiry:label-7:2024-09-30:m-6:user-1",
      "label_expiry:label-7:2024-09-30:m-6:user-2",
      "audit_due:label-7:2024-06-15:m-3:user-1",
      "audit_due:label-7:2024-06-15:m-3:user-2",
    ]);
    expect(due[0]).toMatchObject({ kind: "label_expiry", url: "/audits/labels/7", title: "Label « Qualité Tourisme » : fin de validité le lundi 30 septembre 2024" });
    expect(due[2]?.title).toBe("Label « Qualité Tourisme » : prochain audit le samedi 15 juin 2024");
    expect(due[2]?.body).toContain("À préparer : 2 actions en retard et 1 point à améliorer sans action faite");
    expect(due[2]?.body).toContain("dans 3 mois");
    // Everything ready: it says so.
    expect(labelReminders({ ...label, lateActions: 0, pointsWithoutAction: 0 }, people, "2024-05-20")[2]?.body).toContain("Aucune action en retard");
  });

  it("is quiet without dates, before the first stage and once the dates have passed", () => {
    expect(labelReminders({ ...label, validUntil: null, nextAuditDue: null }, people, "2024-05-01")).toEqual([]);
    expect(labelReminders(label, people, "2023-12-01")).toEqual([]);
    expect(labelReminders(label, people, "2024-10-01")).toEqual([]);
    expect(labelReminders(label, [], "2024-05-01")).toEqual([]);
  });
});

describe("published minutes", () => {
  it("announce once per member and publication, linking to the meeting", () => {
    const due = minutesPublishedReminders({ meetingId: 4, title: "Groupe Local Qualité", heldOn: "2021-03-25", publishedAt: "2021-03-26T10:00:00.000Z" }, [{ userId: 9, email: "membre@office.fr", name: "Membre" }]);
    expect(due).toEqual([
      {
        kind: "minutes_published",
        key: "minutes_published:meeting-4:2021-03-26T10:00:00.000Z:user-9",
        recipient: { userId: 9, email: "membre@office.fr", name: "Membre" },
        title: "Compte rendu à lire : « Groupe Local Qualité » du jeudi 25 mars 2021",
        body: expect.stringContaining("est publié"),
        url: "/reunions/4",
      },
    ]);
  });
});

describe("the owners' weekly digest", () => {
  const owner = (actions: Array<{ id: number; title: string; dueOn: string }>, userId: number | null = 4) => ({ personId: 7, recipient: { userId, email: "pilote@office.fr", name: "Pilote" }, actions });
  const actions = [
    { id: 1, title: "Fléchage", dueOn: "2026-11-20" },
    { id: 2, title: "Rack à vélos", dueOn: "2026-12-09" },
    { id: 3, title: "Façades", dueOn: "2026-12-30" },
  ];

  it("is one digest per owner and week, with the late actions and those due within 7 days", () => {
    // Wednesday 2 December 2026, week 49: the Monday was missed, the digest still goes.
    const [digest, ...more] = actionDigests([owner(actions)], "2026-12-02");
    expect(more).toEqual([]);
    expect(digest).toMatchObject({ kind: "action_digest", key: "action_digest:person-7:2026-W49:user-4", title: "Vos actions : 2 actions, dont 1 en retard", url: "/plan-d-actions?pilote=7&statut=a_faire&statut=en_cours&statut=bloquee" });
    expect(digest?.body).toContain("– Fléchage : en retard depuis le vendredi 20 novembre 2026");
    expect(digest?.body).toContain("– Rack à vélos : échéance le mercredi 9 décembre 2026");
    expect(digest?.body).not.toContain("Façades");
    // The same week again: the same key (sent once); the next week, a new one.
    expect(actionDigests([owner(actions)], "2026-12-06")[0]?.key).toBe(digest?.key);
    expect(actionDigests([owner(actions)], "2026-12-07")[0]?.key).toBe("action_digest:person-7:2026-W50:user-4");
  });

  it("waits for the digest's day, says nothing without actions to tell, and names a partner by address", () => {
    expect(actionDigests([owner(actions)], "2026-12-01", 3)).toEqual([]);
    expect(actionDigests([owner([{ id: 3, title: "Façades", dueOn: "2026-12-30" }])], "2026-12-02")).toEqual([]);
    expect(actionDigests([owner(actions, null)], "2026-12-02")[0]?.key).toBe("action_digest:person-7:2026-W49:mail-pilote@office.fr");
  });

  it("counts ISO weeks across a year's end", () => {
    expect(isoWeek("2026-12-28")).toBe("2026-W53");
    expect(isoWeek("2027-01-04")).toBe("2027-W01");
    expect(isoWeek("2021-01-03")).toBe("2020-W53");
  });
});
