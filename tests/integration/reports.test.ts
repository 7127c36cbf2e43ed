// The Word reports' routes and view models on a real database: the page "Rapports" checks its
// options (French messages beside the field, 400 or 404) and sends the browser on to the
// document; the download routes answer a Word file never kept by a cache, or a French page;
// only what the role may read goes in (never the minutes of a draft meeting, never a
// complainant's name or contact).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { enableStandardSet, listIndicators, listSeasons, writeValues, type CellWrite } from "~/modules/indicator/queries.server";
import { createMeetingAction } from "~/modules/meeting/meetings.server";
import { createSheet } from "~/modules/procedure/queries.server";
import type { SheetValues } from "~/modules/procedure/schema";
import { createQuestionnaire } from "~/modules/questionnaire/queries.server";
import { createEntry } from "~/modules/register/queries.server";
import type { EntryValues } from "~/modules/register/schema";
import { actionPlanReport, readinessReport } from "~/modules/report/queries.server";
import { planReportOptionsSchema } from "~/modules/report/schema";
import { commandScope, officeScope, scopeOn } from "~/modules/scope.server";
import { parsePlanFilters } from "~/modules/action/schema";
import * as reportsPage from "~/routes/_app.rapports";
import * as planDocx from "~/routes/rapports.plan-d-actions[.docx]";
import * as auditDocx from "~/routes/rapports.audits.$auditId.rapport[.docx]";
import * as readinessDocx from "~/routes/rapports.labels.$labelId.preparation[.docx]";
import { createActionFixture, createAuditFixture, createMeetingFixture, createOfficeFixture, sessionCookie, type AuditFixture, type OfficeFixture } from "../support/factories";
import { callRoute } from "../support/routes";

let office: OfficeFixture & AuditFixture & { draftMeetingId: number; publishedMeetingId: number };
let other: OfficeFixture & AuditFixture;
let cookie: string;

beforeAll(async () => {
  const a = await createOfficeFixture();
  const published = await createMeetingFixture(a, { published: true, heldOn: "2021-03-25" });
  const draft = await createMeetingFixture(a, { heldOn: "2021-04-02" });
  office = { ...a, ...(await createAuditFixture(a.officeId)), draftMeetingId: draft.meetingId, publishedMeetingId: published.meetingId };
  await createActionFixture(office, { title: "Action en retard", dueOn: "2021-05-31" });
  await createMeetingAction(commandScope(getDb(), a.officeId), { meetingId: draft.meetingId }, { title: "Action d'un brouillon", description: "", sectionId: null, ownerId: a.personId, siteIds: [], dueOn: null, priority: "normale" });
  const b = await createOfficeFixture();
  other = { ...b, ...(await createAuditFixture(b.officeId)) };
  cookie = await sessionCookie(office.users.quality_referent.userId, office.officeId);
});

const get = (mod: Parameters<typeof callRoute>[0], path: string, params?: Record<string, string>, who = cookie) => callRoute(mod, { path, params, cookie: who });

describe("the page Rapports", () => {
  it("sends valid options on to the document", async () => {
    const plan = await get(reportsPage, `/rapports?rapport=plan&groupe=bureau&du=2021-01-01&au=2021-12-31&statut=a_faire&bureau=${office.siteId}`);
    expect(plan.status).toBe(302);
    expect(plan.location).toBe(`/rapports/plan-d-actions.docx?groupe=bureau&du=2021-01-01&au=2021-12-31&bureau=${office.siteId}&statut=a_faire`);
    expect((await get(reportsPage, `/rapports?rapport=audit&audit=${office.ratedAuditId}`)).location).toBe(`/rapports/audits/${office.ratedAuditId}/rapport.docx`);
    expect((await get(reportsPage, `/rapports?rapport=preparation&label=${office.labelId}`)).location).toBe(`/rapports/labels/${office.labelId}/preparation.docx`);
  });

  it("shows what to correct beside the field, in French", async () => {
    const period = await get(reportsPage, "/rapports?rapport=plan&du=2021-12-31&au=2021-01-01");
    expect(period.status).toBe(400);
    expect(period.body).toMatchObject({ errors: { report: "plan", fields: { au: "Période : la date de fin doit venir après la date de début." } } });
    const impossible = await get(reportsPage, "/rapports?rapport=plan&du=2021-02-30");
    expect(impossible.status).toBe(400);
    expect(impossible.body).toMatchObject({ errors: { fields: { du: "Échéance à partir du : cette date n’existe pas." } } });
    const grouping = await get(reportsPage, "/rapports?rapport=plan&groupe=pilote");
    expect(grouping.status).toBe(400);
    expect(grouping.body).toMatchObject({ errors: { fields: { groupe: "Regrouper par : origine, bureau ou statut." } } });
    const foreignAudit = await get(reportsPage, `/rapports?rapport=audit&audit=${other.ratedAuditId}`);
    expect(foreignAudit.status).toBe(404);
    expect(foreignAudit.body).toMatchObject({ errors: { report: "audit", fields: { audit: "Audit : cet audit n’existe pas dans votre office." } } });
    const foreignLabel = await get(reportsPage, `/rapports?rapport=preparation&label=${other.labelId}`);
    expect(foreignLabel.status).toBe(404);
    expect(foreignLabel.body).toMatchObject({ errors: { fields: { label: "Label : ce label n’existe pas dans votre office." } } });
    const foreignSite = await get(reportsPage, `/rapports?rapport=plan&bureau=${other.siteId}`);
    expect(foreignSite.status).toBe(404);
    expect((await get(reportsPage, "/rapports?rapport=audit&audit=")).status).toBe(400);
    expect((await get(reportsPage, "/rapports?rapport=inconnu")).status).toBe(400);
  });
});

describe("the download routes", () => {
  it("answer a Word file that no cache keeps", async () => {
    const request = new Request(`http://localhost/rapports/labels/${office.labelId}/preparation.docx`, { headers: { Cookie: cookie } });
    const answer = await readinessDocx.loader({ request, params: { labelId: String(office.labelId) }, context: {} });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(answer.headers.get("Cache-Control")).toContain("no-store");
    expect(answer.headers.get("Content-Disposition")).toMatch(/^attachment; filename="dossier-de-preparation-\d{4}-\d{2}-\d{2}\.docx"$/);
    const bytes = new Uint8Array(await answer.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe("PK");
  });

  it("refuse bad options with a French page: impossible period 400, another office's records 404", async () => {
    const period = await get(planDocx, "/rapports/plan-d-actions.docx?du=2021-06-01&au=2021-05-01");
    expect(period.status).toBe(400);
    expect(String(period.body)).toContain("Période : la date de fin doit venir après la date de début.");
    expect(String(period.body)).toContain('<a href="/rapports">Retour aux rapports</a>');
    const site = await get(planDocx, `/rapports/plan-d-actions.docx?bureau=${other.siteId}`);
    expect(site.status).toBe(404);
    expect(String(site.body)).toContain("Ce bureau n’existe pas ou n’est pas accessible.");
    const label = await get(planDocx, `/rapports/plan-d-actions.docx?label=${other.labelId}`);
    expect(label.status).toBe(404);
    const audit = await get(auditDocx, `/rapports/audits/${other.ratedAuditId}/rapport.docx`, { auditId: String(other.ratedAuditId) });
    expect(audit.status).toBe(404);
    expect(String(audit.body)).toContain("Cet audit n’existe pas ou n’est pas accessible.");
    expect((await get(auditDocx, "/rapports/audits/abc/rapport.docx", { auditId: "abc" })).status).toBe(404);
    const foreignLabel = await get(readinessDocx, `/rapports/labels/${other.labelId}/preparation.docx`, { labelId: String(other.labelId) });
    expect(foreignLabel.status).toBe(404);
    expect(String(foreignLabel.body)).toContain("Ce label n’existe pas ou n’est pas accessible.");
  });
});

describe("what a report may carry", () => {
  const scope = (role: "quality_group_member" | "quality_referent") =>
    officeScope(getDb(), { officeId: office.officeId, actor: { userId: office.users[role].userId, name: "Test" }, role, now: new Date("2021-07-15T10:00:00Z") });

  it("never puts the minutes of a draft meeting in the readiness file, whoever reads it", async () => {
    for (const role of ["quality_group_member", "quality_referent"] as const) {
      const model = (await readinessReport(scope(role), office.labelId))!;
      const meetings = model.parts.find((p) => p.kind === "meetings");
      expect(meetings?.kind).toBe("meetings");
      if (meetings?.kind !== "meetings") continue;
      expect(meetings.meetings.map((m) => m.heldOn)).toEqual(["2021-03-25"]);
      expect(model.notes.join(" ")).toContain("Seules les réunions dont le compte rendu est publié");
    }
  });

  it("lists late actions first in the readiness file", async () => {
    const model = (await readinessReport(scope("quality_referent"), office.labelId))!;
    expect(model.notReady.filter((i) => i.topic === "Actions en retard").map((i) => i.text)).toEqual([expect.stringContaining("Action en retard")]);
  });

  it("names a draft meeting's date only for those who may read drafts", async () => {
    const options = planReportOptionsSchema.parse({});
    const filters = (() => {
      const { page: _page, ...f } = parsePlanFilters(new URLSearchParams("origine=meeting_decision"));
      return f;
    })();
    const forMember = await actionPlanReport(scope("quality_group_member"), { filters, options });
    const forReferent = await actionPlanReport(scope("quality_referent"), { filters, options });
    const line = (m: typeof forMember) => m.groups.flatMap((g) => g.actions).find((a) => a.title === "Action d'un brouillon")!;
    expect(line(forMember).originDetail).not.toContain("avril");
    expect(line(forReferent).originDetail).toContain("Réunion du vendredi 2 avril 2021");
  });

  it("puts the key figures of the latest season and year over in the readiness file, with charts, once the office has indicators", async () => {
    const referent = scope("quality_referent");
    expect((await readinessReport(referent, office.labelId))!.parts.map((p) => p.kind)).not.toContain("indicators");
    await enableStandardSet(referent);
    // Indicators without a figure for those periods: still no part.
    expect((await readinessReport(referent, office.labelId))!.parts.map((p) => p.kind)).not.toContain("indicators");
    const byCode = new Map((await listIndicators(referent)).map((i) => [i.code, i.id]));
    const summer = (await listSeasons(referent))[0]!.id;
    const value = (code: string, period: string, v: number | string): CellWrite => ({
      indicatorId: byCode.get(code)!,
      period,
      item: "",
      input: typeof v === "number" ? { kind: "value", value: v } : { kind: "missing", reason: v },
    });
    await writeValues(referent, [
      value("contacts", `s${summer}:2019`, 2638),
      value("contacts", `s${summer}:2020`, 2678),
      value("contacts", `s${summer}:2021`, 2900),
      value("nuitees_taxe", "2019", 86000),
      value("nuitees_taxe", "2020", "non fourni par la communauté de communes"),
    ]);
    const part = (await readinessReport(referent, office.labelId))!.parts.find((p) => p.kind === "indicators");
    if (part?.kind !== "indicators") throw new Error("no indicators part");
    // On 15 July 2021 the summer of 2021 is not over: 2020 against 2019.
    expect(part.tables.map((t) => t.title)).toEqual(["Saison d'été 2020 par rapport à Saison d'été 2019", "2020 par rapport à 2019"]);
    expect(part.tables[0]!.rows).toEqual([{ name: "Contacts à l'accueil (contacts)", previous: "2 638", current: "2 678", variation: "+1,5 %" }]);
    expect(part.tables[1]!.rows).toEqual([
      { name: "Nuitées déclarées (taxe de séjour) (nuitées)", previous: "86 000", current: "manquant", variation: "—" },
      { name: "Taux de remplissage (%)", previous: "—", current: "manquant", variation: "—" },
    ]);
    expect(part.tables[1]!.missing[0]).toBe("Nuitées déclarées (taxe de séjour), 2020 : non fourni par la communauté de communes");
    expect(part.charts.map((c) => [c.title, c.categories.map((k) => k.texts?.[0])])).toEqual([["Contacts à l'accueil — saison d'été (juillet – août), d'une année à l'autre", ["2 638", "2 678"]]]);
    // Another office's figures never show.
    const foreign = await readinessReport(officeScope(getDb(), { officeId: other.officeId, actor: { userId: null, name: "Test" }, role: "quality_referent", now: new Date("2021-07-15T10:00:00Z") }), other.labelId);
    expect(foreign!.parts.map((p) => p.kind)).not.toContain("indicators");
  });
});

describe("the registers, questionnaires and procedure sheets in the readiness file", () => {
  const NOW = new Date("2021-07-15T10:00:00Z");
  const scope = (role: "quality_group_member" | "quality_referent") => officeScope(getDb(), { officeId: office.officeId, actor: { userId: office.users[role].userId, name: "Test" }, role, now: NOW });
  const PERSONAL = ["M. Ancien (test)", "Mme Témoin (test)", "M. Réclamant (test)", "reclamant@example.org"];

  beforeAll(async () => {
    const admin = officeScope(getDb(), { officeId: office.officeId, actor: { userId: office.users.admin.userId, name: "Admin" }, role: "admin", now: NOW });
    const blank = { siteId: null, category: "", description: "", personId: null, closeReason: "" };
    const complaint = (v: Partial<Extract<EntryValues, { kind: "complaint" }>>): EntryValues => ({
      kind: "complaint", ...blank, occurredOn: "", subject: "", status: "ouverte", channel: "guichet", platform: "", reviewUrl: "", contactName: "", contactDetails: "", answer: "", answeredOn: null, answeredBy: "", ...v,
    });
    const answered = (answeredOn: string) => ({ status: "repondue" as const, answer: "Réponse faite.", answeredOn, answeredBy: "Accueil" });
    // Before the last audit began (15 March 2021), still waiting: out of the counts, on the first page.
    await createEntry(admin, complaint({ occurredOn: "2021-02-01", subject: "Brochure jamais envoyée", contactName: "M. Ancien (test)" }));
    await createEntry(admin, complaint({ occurredOn: "2021-04-01", subject: "Réponse tardive sur les horaires", category: "Information", ...answered("2021-04-15") }));
    await createEntry(admin, complaint({ occurredOn: "2021-06-01", subject: "Accueil froid au guichet", category: "Accueil", contactName: "Mme Témoin (test)", ...answered("2021-06-03") }));
    await createEntry(admin, complaint({ occurredOn: "2021-06-14", subject: "Billet de visite non remboursé", category: "Boutique et billetterie", contactName: "M. Réclamant (test)", contactDetails: "reclamant@example.org" }));
    await createEntry(admin, complaint({ occurredOn: "2021-07-13", subject: "Plan de ville épuisé", category: "Information" }));
    const dysfunction = (v: Partial<Extract<EntryValues, { kind: "dysfunction" }>>): EntryValues => ({ kind: "dysfunction", ...blank, occurredOn: "", subject: "", status: "ouvert", impact: "", immediateFix: "", recurrenceOfId: null, ...v });
    const first = await createEntry(admin, dysfunction({ occurredOn: "2021-01-10", subject: "Imprimante en panne", status: "clos" }));
    await createEntry(admin, dysfunction({ occurredOn: "2021-05-03", subject: "Imprimante en panne", recurrenceOfId: first }));
    await createEntry(admin, dysfunction({ occurredOn: "2021-06-01", subject: "Coupure du réseau", status: "traite" }));

    const sheet = (code: string): SheetValues => ({ code, title: `Fiche ${code}`, domain: "", body: "", referentId: null, followUpId: null, personIds: [], groups: ["all_staff"], reviewMonths: 12, changeNote: "" });
    await createSheet(scopeOn(admin, "2020-03-02"), sheet("PR-01"), { publish: true });
    await createSheet(scopeOn(admin, "2021-05-03"), sheet("PR-02"), { publish: true });
    await createSheet(scopeOn(admin, "2021-06-01"), sheet("PR-03"), { publish: false });

    const campaign = { siteIds: [], channels: ["papier" as const], intro: "", thanks: "", starter: false };
    await createQuestionnaire(admin, { ...campaign, title: "Enquête 2020", startsOn: "2020-07-01", endsOn: "2020-08-31", notHeld: false, notHeldReason: "" });
    await createQuestionnaire(admin, { ...campaign, title: "Enquête 2021", startsOn: "2021-06-01", endsOn: "2021-08-31", notHeld: true, notHeldReason: "Bureau fermé pour travaux (test)." });
  });

  it("counts the complaints since the last audit began with their answer delays, the dysfunctions and those that come back", async () => {
    for (const role of ["quality_group_member", "quality_referent"] as const) {
      const model = (await readinessReport(scope(role), office.labelId))!;
      const part = model.parts.find((p) => p.kind === "registers");
      if (part?.kind !== "registers") throw new Error("no registers part");
      expect([part.from, part.to, part.sinceAudit]).toEqual(["2021-03-15", "2021-07-15", true]);
      // In time: 2 working days; late: 1 April to 15 April, Easter Monday off, 9 working days for a target of 5.
      expect(part.complaints).toEqual({
        total: 4,
        targetDays: 5,
        answeredInTime: 1,
        answeredLate: 1,
        unanswered: 2,
        unansweredLate: 1,
        meanDelay: 5.5,
        answered: 2,
        byCategory: expect.arrayContaining([{ label: "Information", count: 2 }, { label: "Accueil", count: 1 }, { label: "Boutique et billetterie", count: 1 }]),
      });
      expect(part.dysfunctions).toMatchObject({ total: 2, open: 1, treated: 1, closed: 0, recurring: [{ occurredOn: "2021-05-03", subject: "Imprimante en panne", status: "Ouvert", occurrence: 2 }] });
      expect(part.suggestions).toBeNull();
      // Waiting past the target, whenever received, oldest first; the one still within its target is not there.
      expect(model.notReady.filter((i) => i.topic === "Réclamations sans réponse après le délai").map((i) => i.text)).toEqual([
        "Brochure jamais envoyée – reçue le lundi 1er février 2021, réponse attendue au plus tard le lundi 8 février 2021",
        "Billet de visite non remboursé – reçue le lundi 14 juin 2021, réponse attendue au plus tard le lundi 21 juin 2021",
      ]);
      const everything = JSON.stringify(model);
      for (const personal of PERSONAL) expect(everything).not.toContain(personal);
    }
  });

  it("lists the published procedure sheets, an overdue review on the first page, drafts never", async () => {
    const model = (await readinessReport(scope("quality_referent"), office.labelId))!;
    const part = model.parts.find((p) => p.kind === "procedures");
    if (part?.kind !== "procedures") throw new Error("no procedures part");
    expect(part.sheets).toEqual([
      { code: "PR-01", title: "Fiche PR-01", version: 1, updatedOn: "2020-03-02", nextReviewOn: "2021-03-02", reviewState: "revue en retard", reviewLate: true },
      { code: "PR-02", title: "Fiche PR-02", version: 1, updatedOn: "2021-05-03", nextReviewOn: "2022-05-03", reviewState: "à jour", reviewLate: false },
    ]);
    expect(model.notReady.filter((i) => i.topic === "Fiches procédures à revoir (revue en retard)").map((i) => i.text)).toEqual(["PR-01 Fiche PR-01 – revue prévue le mardi 2 mars 2021"]);
  });

  it("shows the campaigns from the last audit's year, one not held with its reason", async () => {
    const model = (await readinessReport(scope("quality_group_member"), office.labelId))!;
    const part = model.parts.find((p) => p.kind === "questionnaires");
    if (part?.kind !== "questionnaires") throw new Error("no questionnaires part");
    expect(part.fromYear).toBe(2021);
    expect(part.campaigns).toEqual([
      { title: "Enquête 2021", startsOn: "2021-06-01", endsOn: "2021-08-31", state: "Non réalisée", channels: "Papier", notHeld: true, notHeldReason: "Bureau fermé pour travaux (test).", responses: 0, satisfactionRate: null, previous: null, questions: [] },
    ]);
  });

  it("leaves these parts out for an office that has none of them", async () => {
    const model = (await readinessReport(officeScope(getDb(), { officeId: other.officeId, actor: { userId: null, name: "Test" }, role: "quality_referent", now: NOW }), other.labelId))!;
    const kinds = model.parts.map((p) => p.kind);
    for (const kind of ["registers", "procedures", "questionnaires"] as const) expect(kinds).not.toContain(kind);
    expect(model.notReady.map((i) => i.topic)).not.toContain("Réclamations sans réponse après le délai");
  });
});
