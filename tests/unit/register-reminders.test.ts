// The registers' reminders (decision 044): complaints to answer, procedure sheets to review,
// questionnaire campaigns; every day is given, working days are the French ones.
import { describe, expect, it } from "vitest";
import { addWorkingDays, workingDaysBetween } from "~/domain/working-days";
import { REMINDER_KIND_LABELS, REMINDER_KINDS, complaintAnswerReminders, procedureReviewReminders, questionnaireCampaignReminders, reminderKindsFor, type Campaign, type ComplaintToAnswer, type SheetToReview } from "~/modules/reminder/rules";

const handler = { userId: 4, email: "accueil@office.fr", name: "Léa Accueil" };
const referent = { userId: 9, email: "referente@office.fr", name: "Gisèle Fray" };
const calendar = { workingDaysBetween };

// Received on Monday 13 September 2021; five working days: due on Monday 20 September.
const complaint: ComplaintToAnswer = { entryId: 12, subject: "Plan de ville introuvable", occurredOn: "2021-09-13", status: "ouverte", answerDueOn: addWorkingDays("2021-09-13", 5), answeredOn: null };
const complaintKeys = (today: string, c: ComplaintToAnswer = complaint) => complaintAnswerReminders(c, [handler], today, calendar).map((r) => r.key);

describe("complaints to answer", () => {
  it("reminds on the working day before the last day, and keeps that key until the last day", () => {
    expect(complaint.answerDueOn).toBe("2021-09-20");
    expect(complaintKeys("2021-09-16")).toEqual([]);
    expect(complaintKeys("2021-09-17")).toEqual(["complaint_answer:entry-12:2021-09-20:j-1:user-4"]);
    // The weekend and the last day itself: the same reminder (a runner that missed Friday sends it).
    expect(complaintKeys("2021-09-18")).toEqual(["complaint_answer:entry-12:2021-09-20:j-1:user-4"]);
    expect(complaintKeys("2021-09-20")).toEqual(["complaint_answer:entry-12:2021-09-20:j-1:user-4"]);
  });

  it("counts the day before in working days: a bank holiday before the last day moves it back", () => {
    // Due on Tuesday 2 November 2021; Monday 1 November is All Saints' Day: reminded on Friday 29 October.
    const c = { ...complaint, answerDueOn: "2021-11-02" };
    expect(complaintKeys("2021-10-28", c)).toEqual([]);
    expect(complaintKeys("2021-10-29", c)).toEqual(["complaint_answer:entry-12:2021-11-02:j-1:user-4"]);
  });

  it("repeats each week while late, from the day after the last day", () => {
    expect(complaintKeys("2021-09-21")).toEqual(["complaint_answer:entry-12:2021-09-20:retard-s0:user-4"]);
    expect(complaintKeys("2021-09-27")).toEqual(["complaint_answer:entry-12:2021-09-20:retard-s0:user-4"]);
    expect(complaintKeys("2021-09-28")).toEqual(["complaint_answer:entry-12:2021-09-20:retard-s1:user-4"]);
    expect(complaintKeys("2021-12-14")).toEqual(["complaint_answer:entry-12:2021-09-20:retard-s12:user-4"]);
  });

  it("is quiet once answered or no longer open, late or not", () => {
    for (const today of ["2021-09-17", "2021-09-28"]) {
      expect(complaintKeys(today, { ...complaint, answeredOn: "2021-09-16", status: "repondue" })).toEqual([]);
      // An answer typed without the status changed yet still stops it.
      expect(complaintKeys(today, { ...complaint, answeredOn: "2021-09-16" })).toEqual([]);
      expect(complaintKeys(today, { ...complaint, status: "close" })).toEqual([]);
      expect(complaintKeys(today, { ...complaint, status: "repondue" })).toEqual([]);
    }
  });

  it("tells each recipient under their own key, in French, linking to the complaint", () => {
    const [first, second] = complaintAnswerReminders(complaint, [handler, referent], "2021-09-17", calendar);
    expect(first?.key).not.toBe(second?.key);
    expect(first).toMatchObject({
      kind: "complaint_answer",
      url: "/registres/entrees/12",
      title: "Réclamation à répondre : « Plan de ville introuvable » au plus tard le lundi 20 septembre 2021",
    });
    expect(first?.body).toContain("La réclamation n° 12 reçue le lundi 13 septembre 2021");
    expect(first?.body).toContain("(dans 3 jours)");
    const late = complaintAnswerReminders(complaint, [handler], "2021-09-28", calendar)[0];
    expect(late?.title).toBe("Réclamation en retard : « Plan de ville introuvable », réponse attendue le lundi 20 septembre 2021");
    expect(late?.body).toContain("dépassé depuis 8 jours");
    expect(late?.body).toContain("chaque semaine");
  });
});

// Published, last reviewed on 26 March 2021, reviewed every 12 months: due on 26 March 2022.
const sheet: SheetToReview = { sheetId: 5, code: "FQ-07", title: "Accueil des groupes", reviewedOn: "2021-03-26", reviewMonths: 12, currentVersion: 2 };
const sheetKeys = (today: string, s: SheetToReview = sheet) => procedureReviewReminders(s, [referent], today).map((r) => r.key);

describe("procedure sheets to review", () => {
  it("reminds 30 and 7 days before the review is due", () => {
    expect(sheetKeys("2022-02-23")).toEqual([]);
    expect(sheetKeys("2022-02-24")).toEqual(["procedure_review:sheet-5:2022-03-26:j-30:user-9"]);
    expect(sheetKeys("2022-03-18")).toEqual(["procedure_review:sheet-5:2022-03-26:j-30:user-9"]);
    expect(sheetKeys("2022-03-19")).toEqual(["procedure_review:sheet-5:2022-03-26:j-7:user-9"]);
    expect(sheetKeys("2022-03-26")).toEqual(["procedure_review:sheet-5:2022-03-26:j-7:user-9"]);
  });

  it("repeats each week while overdue", () => {
    expect(sheetKeys("2022-03-27")).toEqual(["procedure_review:sheet-5:2022-03-26:retard-s0:user-9"]);
    expect(sheetKeys("2022-04-02")).toEqual(["procedure_review:sheet-5:2022-03-26:retard-s0:user-9"]);
    expect(sheetKeys("2022-04-03")).toEqual(["procedure_review:sheet-5:2022-03-26:retard-s1:user-9"]);
  });

  it("is quiet once reviewed (the next review a cadence later), and for a sheet never published", () => {
    expect(sheetKeys("2022-03-27", { ...sheet, reviewedOn: "2022-03-20" })).toEqual([]);
    expect(sheetKeys("2023-02-18", { ...sheet, reviewedOn: "2022-03-20" })).toEqual(["procedure_review:sheet-5:2023-03-20:j-30:user-9"]);
    expect(sheetKeys("2022-03-27", { ...sheet, currentVersion: 0 })).toEqual([]);
  });

  it("says in French what to do, linking to the sheet", () => {
    const [soon] = procedureReviewReminders(sheet, [referent], "2022-03-19");
    expect(soon).toMatchObject({ kind: "procedure_review", url: "/fiches-qualite/5", title: "Fiche qualité à revoir : FQ-07 « Accueil des groupes » avant le samedi 26 mars 2022" });
    expect(soon?.body).toContain("Sa dernière revue date du vendredi 26 mars 2021 ; elle se revoit tous les 12 mois.");
    expect(soon?.body).toContain("enregistrez la revue sans modification");
    const [late] = procedureReviewReminders(sheet, [referent], "2022-04-03");
    expect(late?.title).toBe("Revue en retard : fiche FQ-07 « Accueil des groupes », à revoir depuis le samedi 26 mars 2022");
  });
});

const campaign: Campaign = { questionnaireId: 3, title: "Satisfaction 2022", startsOn: "2022-06-01", endsOn: "2022-08-31", notHeld: false, channels: ["papier", "qr_code"], responses: 41 };
const campaignKeys = (today: string, c: Campaign = campaign) => questionnaireCampaignReminders(c, [referent], today).map((r) => r.key);

describe("questionnaire campaigns", () => {
  it("reminds 7 days before the first day, until that day", () => {
    expect(campaignKeys("2022-05-24")).toEqual([]);
    expect(campaignKeys("2022-05-25")).toEqual(["questionnaire_campaign:questionnaire-3:debut:2022-06-01:user-9"]);
    expect(campaignKeys("2022-06-01")).toEqual(["questionnaire_campaign:questionnaire-3:debut:2022-06-01:user-9"]);
    expect(campaignKeys("2022-06-02")).toEqual([]);
  });

  it("reminds on the day after the end, for a week, then no more", () => {
    expect(campaignKeys("2022-08-31")).toEqual([]);
    expect(campaignKeys("2022-09-01")).toEqual(["questionnaire_campaign:questionnaire-3:fin:2022-08-31:user-9"]);
    expect(campaignKeys("2022-09-07")).toEqual(["questionnaire_campaign:questionnaire-3:fin:2022-08-31:user-9"]);
    expect(campaignKeys("2022-09-08")).toEqual([]);
  });

  it("says nothing of a campaign recorded as not held", () => {
    for (const today of ["2022-05-25", "2022-06-01", "2022-09-01"]) expect(campaignKeys(today, { ...campaign, notHeld: true })).toEqual([]);
  });

  it("names the tasks of the campaign's channels, and links to its diffusion, then its results", () => {
    const [before] = questionnaireCampaignReminders(campaign, [referent], "2022-05-25");
    expect(before).toMatchObject({ kind: "questionnaire_campaign", url: "/registres/questionnaires/3/diffusion", title: "Questionnaire à diffuser : « Satisfaction 2022 » à partir du mercredi 1er juin 2022" });
    expect(before?.body).toContain("imprimez le questionnaire papier pour les bureaux, posez le QR code aux guichets");
    const online = questionnaireCampaignReminders({ ...campaign, channels: ["en_ligne"] }, [referent], "2022-05-25")[0];
    expect(online?.body).not.toContain("imprimez");
    const [after] = questionnaireCampaignReminders(campaign, [referent], "2022-09-01");
    expect(after).toMatchObject({ url: "/registres/questionnaires/3", title: "Questionnaire terminé : « Satisfaction 2022 », saisissez les réponses papier" });
    expect(after?.body).toContain("41 feuilles de réponse sont enregistrées");
    expect(questionnaireCampaignReminders({ ...campaign, channels: ["email"], responses: 1 }, [referent], "2022-09-01")[0]?.title).toBe("Questionnaire terminé : « Satisfaction 2022 », lisez les résultats");
  });
});

describe("the registers' kinds in the preferences", () => {
  it("has a French label for each, offered to those who may receive it", () => {
    for (const kind of ["complaint_answer", "procedure_review", "questionnaire_campaign"] as const) {
      expect(REMINDER_KINDS).toContain(kind);
      expect(REMINDER_KIND_LABELS[kind]).toMatch(/^[A-ZÉ]/);
    }
    expect(reminderKindsFor("quality_referent")).toEqual(expect.arrayContaining(["complaint_answer", "procedure_review", "questionnaire_campaign"]));
    // Anyone may handle a complaint or follow a sheet; campaigns are the référente's.
    expect(reminderKindsFor("staff")).toEqual(["action_digest", "complaint_answer", "procedure_review"]);
    expect(reminderKindsFor("director")).not.toContain("questionnaire_campaign");
  });
});
