// The rules of procedure sheets, the day always given: who a group is, when a version is new,
// which confirmation counts, when a review is due, and the form's schema.
import { describe, expect, it } from "vitest";
import {
  PROCEDURE_GROUPS,
  PROCEDURE_GROUP_LABELS,
  canConfirm,
  canSeeSheet,
  concernedLine,
  groupsText,
  isConcerned,
  isNewcomer,
  isSheetCode,
  nextReviewOn,
  nextVersionNumber,
  parseGroups,
  personGroups,
  publishProblem,
  readState,
  reviewDayProblem,
  reviewOf,
  sameContent,
  type GroupedPerson,
  type VersionContent,
} from "~/modules/procedure/rules";
import { reviewSchema, sheetSchema } from "~/modules/procedure/schema";
import { validate } from "~/utils/forms.server";

const person = (extra: Partial<GroupedPerson> = {}): GroupedPerson => ({ id: 1, kind: "staff", contract: "permanent", arrivedOn: "2015-01-05", qualityGroupMember: false, active: true, ...extra });

describe("groups", () => {
  it("puts a person in the groups their kind, contract, arrival and membership say", () => {
    expect(personGroups(person(), "2021-03-26")).toEqual(["all_staff"]);
    expect(personGroups(person({ contract: "seasonal" }), "2021-03-26")).toEqual(["all_staff", "seasonal"]);
    expect(personGroups(person({ contract: "intern", arrivedOn: "2021-03-01" }), "2021-03-26")).toEqual(["all_staff", "interns", "newcomers"]);
    expect(personGroups(person({ kind: "elected", contract: "seasonal", qualityGroupMember: true, arrivedOn: "2021-03-01" }), "2021-03-26")).toEqual(["quality_group"]);
  });

  it("counts a member of staff as a newcomer for six months after arriving, and before", () => {
    const arrived = person({ arrivedOn: "2021-03-01" });
    expect(isNewcomer(arrived, "2021-03-01")).toBe(true);
    expect(isNewcomer(arrived, "2021-08-31")).toBe(true);
    expect(isNewcomer(arrived, "2021-09-01")).toBe(false);
    // Someone expected next month is already asked to read what newcomers read.
    expect(isNewcomer(arrived, "2021-02-15")).toBe(true);
    expect(isNewcomer(person({ arrivedOn: null }), "2021-03-01")).toBe(false);
    expect(isNewcomer(person({ kind: "partner", arrivedOn: "2021-03-01" }), "2021-03-02")).toBe(false);
    // 31 August + 6 months is the end of February.
    expect(isNewcomer(person({ arrivedOn: "2021-08-31" }), "2022-02-28")).toBe(false);
    expect(isNewcomer(person({ arrivedOn: "2021-08-31" }), "2022-02-27")).toBe(true);
  });

  it("concerns the people named and the members of the groups named, never someone who has left", () => {
    const concerned = { personIds: [7], groups: ["seasonal" as const] };
    expect(isConcerned(concerned, person({ id: 7 }), "2021-03-26")).toBe(true);
    expect(isConcerned(concerned, person({ id: 8, contract: "seasonal" }), "2021-03-26")).toBe(true);
    expect(isConcerned(concerned, person({ id: 9 }), "2021-03-26")).toBe(false);
    expect(isConcerned(concerned, person({ id: 7, active: false }), "2021-03-26")).toBe(false);
    expect(isConcerned({ personIds: [], groups: ["newcomers"] }, person({ arrivedOn: "2021-03-01" }), "2021-03-26")).toBe(true);
    expect(isConcerned({ personIds: [], groups: ["newcomers"] }, person({ arrivedOn: "2021-03-01" }), "2021-10-01")).toBe(false);
  });

  it("reads stored groups, keeps known ones once, in the header's order, and writes the seed's line", () => {
    expect(parseGroups("newcomers,interns,nope,interns,")).toEqual(["interns", "newcomers"]);
    expect(parseGroups("")).toEqual([]);
    expect(groupsText(["newcomers", "seasonal", "interns"])).toBe("interns,seasonal,newcomers");
    expect(concernedLine(["Directrice", "Référente qualité"], ["newcomers", "seasonal", "interns"])).toBe("Directrice – Référente qualité – Stagiaires – Saisonniers – Tout nouveau personnel");
    expect(concernedLine([], [])).toBe("");
    for (const group of PROCEDURE_GROUPS) expect(PROCEDURE_GROUP_LABELS[group]).toMatch(/^\p{Lu}/u);
  });
});

describe("versions", () => {
  const content: VersionContent = { title: "Accueil", domain: "Accueil", body: "Texte", referentId: 1, followUpId: null, personIds: [3, 2], groups: ["interns", "seasonal"] };

  it("is a new version only when what readers read changes", () => {
    expect(sameContent(content, { ...content, personIds: [2, 3, 3], groups: ["seasonal", "interns"] })).toBe(true);
    for (const change of [{ title: "Autre" }, { domain: "" }, { body: "Texte." }, { referentId: 2 }, { followUpId: 1 }, { personIds: [2] }, { groups: ["interns" as const] }]) {
      expect(sameContent(content, { ...content, ...change }), JSON.stringify(change)).toBe(false);
    }
    expect(nextVersionNumber(0)).toBe(1);
    expect(nextVersionNumber(3)).toBe(4);
  });

  it("asks what changed from the second version on", () => {
    expect(publishProblem({ number: 1, changeNote: "" })).toBeNull();
    expect(publishProblem({ number: 2, changeNote: "  " })).toMatchObject({ field: "changeNote", message: expect.stringMatching(/^Objet de la modification : /) });
    expect(publishProblem({ number: 2, changeNote: "Horaires d'été" })).toBeNull();
  });
});

describe("lu et compris", () => {
  it("counts a confirmation of the version in force only", () => {
    expect(readState([1, 2], 2)).toBe("confirmed");
    expect(readState([1], 2)).toBe("previous");
    expect(readState([], 2)).toBe("missing");
    expect(readState([], 0)).toBe("missing");
  });

  it("lets everyone who reads sheets confirm a published one; a sheet never published is for those who read drafts", () => {
    expect(canSeeSheet("staff", 1)).toBe(true);
    expect(canSeeSheet("quality_group_member", 1)).toBe(true);
    expect(canSeeSheet("staff", 0)).toBe(false);
    expect(canSeeSheet("director", 0)).toBe(true);
    expect(canConfirm("quality_group_member", 2)).toBe(true);
    expect(canConfirm("admin", 0)).toBe(false);
  });
});

describe("reviews", () => {
  it("is due a review interval after the last review, soon within 30 days, late after", () => {
    expect(nextReviewOn("2021-03-26", 12)).toBe("2022-03-26");
    expect(nextReviewOn("2021-08-31", 6)).toBe("2022-02-28");
    expect(nextReviewOn(null, 12)).toBeNull();
    const sheet = { reviewedOn: "2021-03-26", reviewMonths: 12, currentVersion: 1 };
    expect(reviewOf(sheet, "2022-02-20")).toMatchObject({ dueOn: "2022-03-26", state: "ok" });
    expect(reviewOf(sheet, "2022-02-24")).toMatchObject({ state: "soon" });
    expect(reviewOf(sheet, "2022-03-26")).toMatchObject({ state: "soon", countdown: { text: "aujourd'hui" } });
    expect(reviewOf(sheet, "2022-03-27")).toMatchObject({ state: "late", countdown: { text: "dépassé depuis 1 jour" } });
    expect(reviewOf({ ...sheet, currentVersion: 0 }, "2030-01-01")).toEqual({ dueOn: null, state: "unpublished", countdown: null });
  });

  it("dates a review without change on a day that has come, not before the version reviewed", () => {
    expect(reviewDayProblem("2021-10-01", { today: "2021-10-01", versionUpdatedOn: "2021-03-26" })).toBeNull();
    expect(reviewDayProblem("2021-10-02", { today: "2021-10-01", versionUpdatedOn: "2021-03-26" })).toMatch(/à venir/);
    expect(reviewDayProblem("2021-03-25", { today: "2021-10-01", versionUpdatedOn: "2021-03-26" })).toMatch(/précède/);
  });
});

describe("the sheet's form", () => {
  const good = { code: "FQ-07", title: "Réunions du groupe qualité", reviewMonths: "12" };

  it("accepts what a référente types and gives the defaults", () => {
    const parsed = validate(sheetSchema, { ...good, personIds: ["3", "4"], groups: "seasonal" });
    expect(parsed).toMatchObject({ ok: true, data: { code: "FQ-07", domain: "", body: "", referentId: null, personIds: [3, 4], groups: ["seasonal"], reviewMonths: 12, changeNote: "" } });
    for (const code of ["FQ-07", "PRO 3.1", "ACC/02", "Accueil_1", "É1"]) expect(isSheetCode(code), code).toBe(true);
  });

  it("says in French, beside the field, what is wrong", () => {
    const errors = (values: Record<string, unknown>) => {
      const parsed = validate(sheetSchema, { ...good, ...values });
      return parsed.ok ? {} : parsed.errors.fieldErrors;
    };
    expect(errors({ code: "" }).code).toBe("Code : ce champ est obligatoire.");
    expect(errors({ code: "<b>" }).code).toMatch(/^Code : lettres, chiffres/);
    expect(errors({ code: "-07" }).code).toMatch(/^Code : /);
    expect(errors({ code: "F".repeat(41) }).code).toMatch(/^Code : /);
    expect(errors({ title: " " }).title).toBe("Titre : ce champ est obligatoire.");
    expect(errors({ reviewMonths: "0" }).reviewMonths).toBe("Revue : un nombre de mois entre 1 et 60.");
    expect(errors({ reviewMonths: "1,5" }).reviewMonths).toMatch(/^Revue : /);
    expect(errors({ groups: ["seasonal", "chefs"] })["groups.1"] ?? errors({ groups: ["seasonal", "chefs"] }).groups).toBe("Groupes concernés : choisissez dans la liste.");
    expect(errors({ personIds: "abc" })["personIds.0"] ?? errors({ personIds: "abc" }).personIds).toBe("Personnes concernées : choix invalide.");
    expect(errors({ body: "x".repeat(30_001) }).body).toBe("Contenu de la fiche : 30000 caractères au maximum.");
    expect(validate(reviewSchema, { reviewedOn: "2021-02-30" })).toMatchObject({ ok: false, errors: { fieldErrors: { reviewedOn: "Revue faite le : date attendue (jj/mm/aaaa)." } } });
  });
});
