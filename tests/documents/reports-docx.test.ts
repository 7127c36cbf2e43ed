// The three Word reports (action plan, audit report, readiness file) built from the demo office
// and from an office with nothing in it, opened by LibreOffice: the conversion succeeds, the
// text carries the facts, the headings are Word's own heading styles. Pages are left as PNG in
// tmp/documents/ to be looked at.
import "../support/integration-setup";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { createAudit } from "~/modules/audit/queries.server";
import { SYSTEM_ACTOR } from "~/modules/history/queries.server";
import { createLabel } from "~/modules/label/queries.server";
import { createOffice } from "~/modules/office/queries.server";
import { importReferential } from "~/modules/referential/queries.server";
import { actionPlanReport, auditReport, readinessReport } from "~/modules/report/queries.server";
import { planReportOptionsSchema } from "~/modules/report/schema";
import { commandScope, officeScope, type Scope } from "~/modules/scope.server";
import { parsePlanFilters } from "~/modules/action/schema";
import type { Role } from "~/domain/roles";
import { renderActionPlanDocx } from "../../templates/action-plan";
import { renderAuditReportDocx } from "../../templates/audit-report";
import { renderReadinessDocx } from "../../templates/readiness";
import { seedDemo } from "../../db/seeds/demo";
import knexFactory from "knex";
import { knexConfig } from "../../db/config";
import { createTestDatabase } from "../support/test-db";
import { docxToPdfText, pdfToPngs } from "../support/libreoffice";
import { SMALL_GRID } from "../support/referentials";

const OUT = path.resolve(__dirname, "../../tmp/documents");
const workDirs: string[] = [];
// The demo's "today": after the minutes of March 2021, before the 2023 audit. The demo is seeded
// that day (decision 030): its story runs up to it, not beyond.
const NOW = new Date("2021-07-15T10:30:00Z");
const SEEDED_ON = "2021-07-15";

afterAll(async () => {
  await Promise.all(workDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

let demo: number;
let empty: { officeId: number; labelId: number; auditId: number };

beforeAll(async () => {
  const db = getDb();
  ({ officeId: demo } = await seedDemo(db, { today: SEEDED_ON }));
  const officeId = await createOffice(db, { name: "Office sans données", legalForm: "", street: "", postalCode: "", city: "", phone: "", email: "", website: "" }, SYSTEM_ACTOR);
  const scope = commandScope(db, officeId);
  const referentialId = await importReferential(scope, { grid: SMALL_GRID, source: "test" });
  const labelId = await createLabel(scope, { name: "Label vide", referentialId, status: "en_cours", grantedOn: null, validUntil: null, nextAuditDue: null, notes: "" });
  const auditId = await createAudit(scope, { labelId, referentialId, kind: "audit_blanc", mode: "rated", stage: "first", title: "Audit blanc", startsOn: "2021-04-01", endsOn: null, auditor: "", status: "planifie", decision: "en_attente", labelValidUntil: null, nextAuditDue: null, summary: "", reportedRates: {} });
  empty = { officeId, labelId, auditId };
}, 120_000);

function scopeOf(officeId: number, role: Role = "quality_referent"): Scope {
  return officeScope(getDb(), { officeId, actor: { userId: null, name: "Test" }, role, now: NOW });
}

async function open(buffer: Buffer, name: string) {
  const pdf = await docxToPdfText(buffer);
  workDirs.push(pdf.dir);
  await mkdir(OUT, { recursive: true });
  const pages = await pdfToPngs(pdf.pdfPath, path.join(OUT, name));
  const { stdout: xml } = await promisify(execFile)("unzip", ["-p", path.join(pdf.dir, "document.docx"), "word/document.xml"], { maxBuffer: 50 * 1024 * 1024 });
  return { text: pdf.text.replace(/\s+/g, " "), pages, xml };
}

/** Heading styles used by the body's paragraphs: Word's own, so the user can restyle and navigate. */
function headingStyles(xml: string): Set<string> {
  return new Set([...xml.matchAll(/<w:pStyle w:val="(Heading\d)"\/>/g)].map((m) => m[1]!));
}

/** The words of a phrase in order, whatever the line breaks and table columns between them. */
function words(phrase: string): RegExp {
  return new RegExp(
    phrase
      .replace(/'/g, "’")
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[\\s\\S]*?"),
  );
}

/** A part of the body, from its heading to the next one's (the last of each: the contents name them first). */
function section(text: string, heading: string, next?: string): string {
  const start = text.lastIndexOf(heading);
  expect(start).toBeGreaterThan(text.indexOf("Sommaire"));
  return text.slice(start, next ? text.lastIndexOf(next) : undefined);
}

const defaultOptions = planReportOptionsSchema.parse({});

describe("the action plan as a Word document", () => {
  it("shows the demo's plan with its summary, groups and every action's facts", async () => {
    const model = await actionPlanReport(scopeOf(demo), { filters: parsePlanFilters(new URLSearchParams()), options: defaultOptions });
    const { text, pages, xml } = await open(await renderActionPlanDocx(model), "report-plan-demo");
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(headingStyles(xml)).toEqual(new Set(["Heading1", "Heading2"]));
    expect(text).toContain("Office de Tourisme Landes Chalosse");
    expect(text).toContain("Plan d’actions");
    expect(text).toContain("Sommaire");
    expect(text).toContain("Données au jeudi 15 juillet 2021 à 12 h 30");
    expect(text).toContain("Synthèse");
    expect(text).toMatch(/Actions : \d+/);
    expect(text).toContain("Avancement du plan d’actions par bureau");
    expect(text).toContain("Actions par origine");
    expect(text).toMatch(/Constat d’audit \(\d+\)/);
    expect(text).toMatch(words("Acheter et installer des oriflammes devant les offices"));
    expect(text).toMatch(words("Oriflammes en place depuis quelques semaines"));
    expect(text).toMatch(words("Faite le 01/03/2021"));
    expect(text).toMatch(words("Courriers préparés pour les deux mairies."));
    expect(text).toMatch(/En retard : [1-9]/);
    expect(text).toMatch(words("À faire en retard"));
    expect(text).toContain(`Page ${pages.length} sur ${pages.length}`);
  });

  it("groups by site when asked and says what was filtered", async () => {
    const options = planReportOptionsSchema.parse({ groupe: "bureau", du: "2021-05-01", au: "2021-12-31" });
    const model = await actionPlanReport(scopeOf(demo, "quality_group_member"), { filters: parsePlanFilters(new URLSearchParams("statut=a_faire")), options });
    const { text } = await open(await renderActionPlanDocx(model), "report-plan-filtered");
    expect(text).toContain("Actions par bureau");
    expect(text).toContain("Statut : À faire");
    expect(text).toContain("Échéance du samedi 1er mai 2021 au vendredi 31 décembre 2021");
    // The rack still to do; the signage, for Amou and Hagetmau, done on 15 June 2021 in the story.
    expect(text).toMatch(/Hagetmau \(1\)/);
    expect(text).toMatch(words("Rencontrer la mairie de Hagetmau"));
    expect(text).not.toMatch(words("Demander aux mairies d'Amou et de Hagetmau"));
    expect(text).not.toMatch(words("Acheter et installer des oriflammes"));
  });

  it("says so when an office has no action", async () => {
    const model = await actionPlanReport(scopeOf(empty.officeId), { filters: parsePlanFilters(new URLSearchParams()), options: defaultOptions });
    const { text, xml } = await open(await renderActionPlanDocx(model), "report-plan-empty");
    expect(headingStyles(xml).has("Heading1")).toBe(true);
    expect(text).toContain("Office sans données");
    expect(text).toContain("Aucune action ne correspond à ces critères.");
  });
});

describe("the audit report as a Word document", () => {
  it("reports the demo's rated self-assessment with chapters, failing criteria and the comparison", async () => {
    const audits = await getDb()("audits").where({ office_id: demo }).orderBy("starts_on");
    const rated = audits.find((a) => a.mode === "rated")!;
    const model = (await auditReport(scopeOf(demo), rated.id))!;
    const { text, pages, xml } = await open(await renderAuditReportDocx(model), "report-audit-rated");
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(headingStyles(xml)).toEqual(new Set(["Heading1", "Heading2"]));
    expect(text).toContain("Rapport d’audit");
    expect(text).toContain("Auto-évaluation de mars 2021");
    expect(text).toContain("Type d’audit : Auto-évaluation");
    expect(text).toContain("Dates : le lundi 15 mars 2021");
    expect(text).toMatch(/Référentiel : .*version/);
    expect(text).toContain("Taux de conformité par pilier");
    expect(text).toContain("Taux de conformité par chapitre");
    expect(text).toMatch(/Verdict : (Conforme|Non conforme|Incomplet)/);
    expect(text).toContain("Critères non conformes");
    expect(text).toMatch(words("Pas de rack à vélos à Hagetmau : rendez-vous à prendre avec la mairie."));
    expect(text).toContain("Comparaison avec l’audit précédent");
    expect(text).toContain("Audit précédent : Audit accueil 2020");
    expect(text).toContain("Seuil");
  });

  it("reports the demo's reported audit with the parts that exist, and says so", async () => {
    const reported = await getDb()("audits").where({ office_id: demo, mode: "reported" }).first();
    const model = (await auditReport(scopeOf(demo), reported!.id))!;
    const { text, xml } = await open(await renderAuditReportDocx(model), "report-audit-reported");
    expect(headingStyles(xml)).toEqual(new Set(["Heading1", "Heading2", "Heading3"]));
    expect(text).toContain("Audit accueil 2020");
    expect(text).toMatch(words("tel que le rapport externe l’a donné"));
    expect(text).toContain("91 %");
    expect(text).toContain("Marque renouvelée");
    expect(text).toContain("du mardi 13 octobre 2020 au mercredi 21 octobre 2020");
    expect(text).not.toContain("Taux de conformité par chapitre");
    expect(text).not.toContain("Critères obligatoires bloquants");
    expect(text).toMatch(words("Site internet soigné et attractif"));
    expect(text).toMatch(words("Rack à vélos à installer devant l’office de Hagetmau."));
    // A finding about two sites names both (finding_sites, decision 015).
    expect(model.findings.find((f) => f.text.startsWith("Fléchage"))?.site).toBe("Amou, Hagetmau");
    expect(text).toMatch(words("critère 2.1, Amou, Hagetmau"));
    expect(text).toMatch(words("Rencontrer la mairie de Hagetmau pour la mise en place d’un rack à vélos"));
    expect(text).toContain("C’est le premier audit enregistré pour ce label.");
  });

  it("reports an audit with nothing rated", async () => {
    const model = (await auditReport(scopeOf(empty.officeId), empty.auditId))!;
    const { text } = await open(await renderAuditReportDocx(model), "report-audit-empty");
    expect(text).toContain("Audit blanc");
    expect(text).toContain("Aucun taux n’a été enregistré pour cet audit.");
    expect(text).toContain("Aucun point fort n’a été noté.");
    expect(text).toMatch(/critères restent à évaluer/);
  });

  it("is not built for another office's audit", async () => {
    expect(await auditReport(scopeOf(empty.officeId), (await getDb()("audits").where({ office_id: demo }).first())!.id)).toBeNull();
  });
});

describe("the audit-readiness file as a Word document", () => {
  it("lists what is not ready first, then the label, the last audit, what was done, the meetings", async () => {
    const label = await getDb()("labels").where({ office_id: demo }).first();
    const model = (await readinessReport(scopeOf(demo), label!.id))!;
    const { text, pages, xml } = await open(await renderReadinessDocx(model), "report-readiness-demo");
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(headingStyles(xml)).toEqual(new Set(["Heading1", "Heading2", "Heading3"]));
    expect(text).toContain("Dossier de préparation à l’audit");
    expect(text).toContain("Prochain audit prévu le vendredi 30 juin 2023 (dans 1 an et 11 mois)");
    const notReady = text.indexOf("Ce qui n’est pas prêt", text.indexOf("Sommaire") + 200);
    expect(notReady).toBeGreaterThan(0);
    expect(text.indexOf("Où en est le label", notReady)).toBeGreaterThan(notReady);
    expect(text).toContain("Actions en retard");
    expect(text).toMatch(words("Critères sous le seuil (dernière auto-évaluation)"));
    expect(text).toContain("Valable jusqu’au : dimanche 30 juillet 2023");
    expect(text).toContain("Le dernier audit");
    expect(text).toContain("Ce qui a été fait depuis");
    expect(text).toMatch(words("Fléchage des offices de tourisme d’Amou et de Hagetmau à mettre en place."));
    expect(text).toMatch(words("Demander aux mairies d’Amou et de Hagetmau un fléchage vers les offices"));
    expect(text).toMatch(words("Oriflammes en place depuis quelques semaines"));
    expect(text).toContain("Les réunions tenues depuis");
    expect(text).toContain("jeudi 25 mars 2021");
    expect(text).toContain("Le plan d’actions");
    // The registers since the last audit began (the mystery visit of 13 October 2020).
    const registersPart = section(text, "Les registres", "Les questionnaires de satisfaction");
    expect(registersPart).toMatch(words("depuis le début du dernier audit, du mardi 13 octobre 2020 au jeudi 15 juillet 2021"));
    expect(registersPart).toMatch(words("Reçues 2"));
    expect(registersPart).toMatch(words("Répondues dans le délai de l’office (5 jours ouvrés) 1"));
    expect(registersPart).toMatch(words("Répondues en retard 1"));
    expect(registersPart).toMatch(words("Sans réponse 0"));
    expect(registersPart).toMatch(words("Délai moyen de réponse : 5 jours ouvrés (sur 2 réclamations répondues)"));
    expect(registersPart).toMatch(words("Par catégorie : Boutique et billetterie (1), Information (1)."));
    expect(registersPart).toMatch(words("Constatés 1 Encore ouverts 1"));
    expect(registersPart).toMatch(words("Dysfonctionnements qui reviennent"));
    expect(registersPart).toMatch(words("8 février 2021 Problèmes de connexion au serveur Saint-Sever 3e fois Ouvert"));
    expect(registersPart).toMatch(words("Suggestions Reçues 8 Retenues 4 Non retenues 1 À l’étude 3"));
    // The campaigns from the audit's year: 2020 not held, with its reason; 2021 under way.
    const campaigns = section(text, "Les questionnaires de satisfaction", "Les indicateurs d’une année à l’autre");
    expect(campaigns).toMatch(words("Questionnaire de satisfaction des visiteurs 2020"));
    expect(campaigns).toMatch(words("la distribution de questionnaires papier n’était pas autorisée (COVID)"));
    expect(campaigns).toMatch(words("du 1er juillet au 31 août 2020"));
    expect(campaigns).toMatch(words("Non — — réalisée Pas de questionnaires visiteurs en 2020"));
    expect(campaigns).toMatch(words("Votre avis sur notre accueil — 2021"));
    expect(campaigns).toMatch(words("du 1er juin au 30 En cours 61 87,9 % 2021 septembre 2021"));
    // 2019 is before the audit's year: no line of its own, only as the campaign 2021 is compared with.
    expect(campaigns).not.toContain("août 2019");
    expect(campaigns).toMatch(words("Votre avis sur notre accueil — 2021 : satisfaction par question"));
    expect(campaigns).toMatch(words("Ensemble : 87,9 %, contre 87 % pour « Questionnaire de satisfaction des visiteurs 2019 », la dernière campagne réalisée avant elle (+0,9 pt)."));
    expect(campaigns).toMatch(words("Question Réponses Satisfaction 2019 Question 1. Qualité de l’accueil 58 93,1 % 95,2 %"));
    expect(campaigns).toMatch(words("Question 6. Satisfaction générale 61 93,4 % 92 %"));
    // The procedure sheets, with their version and next review.
    const sheets = section(text, "Les fiches procédures");
    expect(sheets).toMatch(words("3 fiches publiées"));
    expect(sheets).toMatch(words("FQ-01 Accueil des visiteurs au comptoir et au téléphone 2"));
    expect(sheets).toMatch(words("FQ-07 Réunions du Groupe Local 1 26 mars 2021 26 mars 2022"));
    expect(sheets).toMatch(words("compte rendu et diffusion"));
    expect(sheets).toMatch(words("FQ-12 Traitement des réclamations 1"));
    // The key figures of the latest season and year over, against the year before, with charts.
    const indicators = text.indexOf("Les indicateurs d’une année à l’autre", text.indexOf("Le plan d’actions"));
    expect(indicators).toBeGreaterThan(0);
    const part = text.slice(indicators);
    expect(part).toMatch(words("Saison d'été 2020 par rapport à Saison d'été 2019"));
    expect(part).toMatch(words("Contacts à l'accueil (contacts) 2 638 2 678 +1,5 %"));
    expect(part).toMatch(words("Personnes renseignées (personnes) 4 922 5 698 +15,8 %"));
    expect(part).toMatch(words("2020 par rapport à 2019"));
    expect(part).toMatch(words("Visiteurs du site internet (visiteurs)"));
    expect(part).toMatch(words("Chiffres manquants : Nuitées déclarées (taxe de séjour), 2020 : Chiffres du Pays des Luys non fournis"));
    expect(part).toMatch(words("* Chiffre de démonstration."));
    expect(part).toMatch(words("Contacts à l'accueil — saison d'été (juillet – août), d'une année à l'autre"));
    expect(part).not.toContain("2021 par rapport à 2020");
  });

  it("puts the overdue review of a procedure sheet on the first page (the demo on the day it was seeded)", async () => {
    // A demo of its own, seeded today: its sheets are dated from that day, while the minutes'
    // sheet, of 26 March 2021, is overdue.
    const database = await createTestDatabase("docs-today");
    const db = knexFactory(knexConfig(database.url));
    const model = await (async () => {
      try {
        await db.migrate.latest();
        const { officeId } = await seedDemo(db);
        const label = await db("labels").where({ office_id: officeId, name: "Marque Qualité Tourisme" }).first();
        return (await readinessReport(officeScope(db, { officeId, actor: { userId: null, name: "Test" }, role: "quality_referent", now: new Date() }), label!.id))!;
      } finally {
        await db.destroy();
        await database.drop();
      }
    })();
    const { text } = await open(await renderReadinessDocx(model), "report-readiness-demo-today");
    const firstPage = section(text, "Ce qui n’est pas prêt", "Où en est le label");
    expect(firstPage).toMatch(words("Fiches procédures à revoir (revue en retard) (1)"));
    expect(firstPage).toMatch(words("FQ-07 Réunions du Groupe Local Qualité : compte rendu et diffusion – revue prévue le samedi 26 mars 2022"));
    expect(firstPage).not.toContain("FQ-12");
    expect(text).toMatch(words("1 revue est en retard (en rouge)."));
    expect(text).toMatch(words("26 mars 2022 revue en retard"));
  });

  it("names no complainant in a quality-group member's file, nor in the référente's", async () => {
    const label = await getDb()("labels").where({ office_id: demo }).first();
    for (const role of ["quality_group_member", "quality_referent"] as const) {
      const model = (await readinessReport(scopeOf(demo, role), label!.id))!;
      const { text } = await open(await renderReadinessDocx(model), `report-readiness-${role}`);
      expect(text).toContain("Les registres");
      expect(text).toMatch(words("Répondues en retard 1"));
      for (const personal of ["Mme Modèle (démo)", "M. Exemple (démo)", "visiteuse@example.org"]) expect(text).not.toContain(personal);
    }
  });

  it("leaves out the parts without data for an empty office", async () => {
    const model = (await readinessReport(scopeOf(empty.officeId), empty.labelId))!;
    const { text } = await open(await renderReadinessDocx(model), "report-readiness-empty");
    expect(text).toContain("Label vide");
    expect(text).toContain("Où en est le label");
    expect(text).toContain("Date du prochain audit non renseignée");
    expect(text).toMatch(words("Rien n’est en souffrance"));
    expect(text).not.toContain("Les réunions tenues depuis");
    expect(text).not.toContain("Ce qui a été fait depuis");
    expect(text).not.toContain("Le plan d’actions");
    expect(text).not.toContain("Les registres");
    expect(text).not.toContain("Les questionnaires de satisfaction");
    expect(text).not.toContain("Les fiches procédures");
  });
});
