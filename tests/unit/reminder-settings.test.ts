// Reminders set by the office and by each person (decision 046): the stages an office types,
// read within their bounds with a French message otherwise; each kind's rule following them;
// each person's own day for the digest of actions.
import { describe, expect, it } from "vitest";
import { addWorkingDays, workingDaysBetween } from "~/domain/working-days";
import {
  OFFICE_STAGES,
  actionDigests,
  complaintAnswerReminders,
  formatStages,
  labelReminders,
  officeStages,
  parseStages,
  questionnaireCampaignReminders,
  type Campaign,
} from "~/modules/reminder/rules";

const referent = { userId: 9, email: "referente@office.fr", name: "Gisèle Fray" };

describe("the office's stages", () => {
  it("reads months and days as typed, largest first, once each, and says what is expected otherwise", () => {
    expect(parseStages("label_expiry", "1, 6 ;3")).toEqual([6, 3, 1]);
    expect(parseStages("label_expiry", "3, 3")).toEqual([3]);
    expect(parseStages("procedure_review", " 45 ")).toEqual([45]);
    expect(parseStages("complaint_answer", "0")).toEqual([0]);
    expect(parseStages("label_expiry", "0, 3")).toBe("Fin de validité d'un label : des nombres de mois entre 1 et 24, séparés par des virgules (exemple : 6, 3, 1).");
    expect(parseStages("label_expiry", "")).toMatch(/^Fin de validité d'un label : /);
    expect(parseStages("audit_due", "six")).toMatch(/^Prochain audit d'un label : /);
    expect(parseStages("procedure_review", "400")).toMatch(/entre 1 et 365/);
    expect(parseStages("questionnaire_campaign", "7, 3")).toBe("Début d'une campagne de questionnaire : un nombre de jours entre 1 et 60.");
    expect(parseStages("complaint_answer", "-1")).toMatch(/^Réponse à une réclamation : un nombre de jours ouvrés entre 0 et 20\.$/);
    expect(parseStages("label_expiry", "1,2,3,4,5,6,7")).toMatch(/^Fin de validité/);
  });

  it("keeps the defaults for a kind without a row, or with a damaged one", () => {
    const stages = officeStages([
      { kind: "label_expiry", stages: "4,2" },
      { kind: "procedure_review", stages: "pas un nombre" },
      { kind: "inconnu", stages: "1" },
    ]);
    expect(stages.label_expiry).toEqual([4, 2]);
    expect(stages.procedure_review).toEqual(OFFICE_STAGES.procedure_review.defaults);
    expect(stages.audit_due).toEqual([6, 3, 1]);
    expect(formatStages(stages.label_expiry)).toBe("4, 2");
  });
});

describe("each kind follows the office's stages", () => {
  const label = { labelId: 7, labelName: "Qualité Tourisme", validUntil: "2024-09-30", nextAuditDue: "2024-06-15", lateActions: 0, pointsWithoutAction: 0 };

  it("reminds a label's end and its next audit each at their own months", () => {
    const kinds = (today: string) => labelReminders(label, [referent], today, { expiry: [2], audit: [6, 3, 1] }).map((r) => r.key);
    // 3 months before the end: only the audit's 1-month stage is due (15 May); the end waits for 2 months (30 July).
    expect(kinds("2024-05-20")).toEqual(["audit_due:label-7:2024-06-15:m-1:user-9"]);
    expect(kinds("2024-07-30")).toEqual(["label_expiry:label-7:2024-09-30:m-2:user-9"]);
    // The default months still apply when the office set none.
    expect(labelReminders(label, [referent], "2024-07-01").map((r) => r.key)).toEqual(["label_expiry:label-7:2024-09-30:m-3:user-9"]);
  });

  it("reminds a complaint as many working days before its last day as the office set", () => {
    // Received on Monday 13 September 2021: due on Monday 20 September; three working days before is Wednesday 15.
    const complaint = { entryId: 12, subject: "Plan de ville", occurredOn: "2021-09-13", status: "ouverte" as const, answerDueOn: addWorkingDays("2021-09-13", 5), answeredOn: null };
    const keys = (today: string, days: number) => complaintAnswerReminders(complaint, [referent], today, { workingDaysBetween }, days).map((r) => r.key);
    expect(keys("2021-09-14", 3)).toEqual([]);
    expect(keys("2021-09-15", 3)).toEqual(["complaint_answer:entry-12:2021-09-20:j-3:user-9"]);
    // 0: on the last day only.
    expect(keys("2021-09-17", 0)).toEqual([]);
    expect(keys("2021-09-20", 0)).toEqual(["complaint_answer:entry-12:2021-09-20:j-0:user-9"]);
  });

  it("reminds a campaign as many days before its start as the office set", () => {
    const campaign: Campaign = { questionnaireId: 3, title: "Votre avis", startsOn: "2022-06-01", endsOn: "2022-08-31", notHeld: false, channels: ["papier"], responses: 0 };
    expect(questionnaireCampaignReminders(campaign, [referent], "2022-05-17", 14)).toHaveLength(0);
    expect(questionnaireCampaignReminders(campaign, [referent], "2022-05-18", 14)).toHaveLength(1);
    expect(questionnaireCampaignReminders(campaign, [referent], "2022-05-18")).toHaveLength(0);
  });
});

describe("each person's digest day", () => {
  const owner = (personId: number, weekday: number | null) => ({ personId, recipient: { userId: personId, email: `p${personId}@office.fr`, name: `P${personId}` }, actions: [{ id: personId, title: "Fléchage", dueOn: "2026-11-20" }], weekday });

  it("goes out on the day each person chose, or later that week, once a week", () => {
    const owners = [owner(1, null), owner(2, 3), owner(3, 5)];
    // Monday 30 November 2026: the default day; Wednesday 2 December; Friday 4 December.
    expect(actionDigests(owners, "2026-11-30").map((d) => d.recipient.userId)).toEqual([1]);
    expect(actionDigests(owners, "2026-12-01").map((d) => d.recipient.userId)).toEqual([1]);
    expect(actionDigests(owners, "2026-12-02").map((d) => d.recipient.userId)).toEqual([1, 2]);
    expect(actionDigests(owners, "2026-12-04").map((d) => d.recipient.userId)).toEqual([1, 2, 3]);
    // A runner that missed Friday sends it on the weekend, under the week's key.
    expect(actionDigests([owner(3, 5)], "2026-12-05")[0]?.key).toBe("action_digest:person-3:2026-W49:user-3");
    // Next Monday: a new week, the Friday owner waits again.
    expect(actionDigests(owners, "2026-12-07").map((d) => d.recipient.userId)).toEqual([1]);
  });
});
