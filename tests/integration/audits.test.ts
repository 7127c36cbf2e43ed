// Référentiels, labels, audits, results and findings through the route modules, on a real database.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import type { Referential } from "~/modules/referential/rules";
import { compareAudits, createFinding, deleteFinding, getAudit, listFindings, listResults, pillarRates, startSelfAssessment } from "~/modules/audit/queries.server";
import { importReferential, listShippedGrids } from "~/modules/referential/queries.server";
import * as referentialsPage from "~/routes/_app.referentiels._index";
import * as newLabel from "~/routes/_app.audits.labels.nouveau";
import * as newAudit from "~/routes/_app.audits.nouveau";
import * as auditPage from "~/routes/_app.audits.$auditId._index";
import * as gridPage from "~/routes/_app.audits.$auditId.grille";
import * as comparePage from "~/routes/_app.audits.comparer";
import { createAuditFixture, createOfficeFixture, sessionCookie, systemScope, unique, type AuditFixture, type OfficeFixture } from "../support/factories";
import { SMALL_GRID } from "../support/referentials";
import { callRoute } from "../support/routes";
import { commandScope } from "~/modules/scope.server";

let a: OfficeFixture;
let b: OfficeFixture;
let audits: AuditFixture;
let foreign: AuditFixture;
let cookie: string;

beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
  audits = await createAuditFixture(a.officeId);
  foreign = await createAuditFixture(b.officeId);
  cookie = await sessionCookie(a.users.quality_referent.userId, a.officeId);
});

const count = async (table: string) => Number((await getDb()(table).count<{ n: number }[]>({ n: "*" }))[0]!.n);
const counts = async () => ({
  referentials: await count("referentials"),
  labels: await count("labels"),
  audits: await count("audits"),
  results: await count("audit_results"),
  findings: await count("findings"),
  history: await count("history"),
});

const yaml = (version: string, extra = "") => `code: accueil-test
label: Grille d'accueil de test
version: "${version}"
valid_from: 2024-01-01
scales:
  oui_non:
    label: Oui / non
    levels:
      - { code: oui, label: Oui, points: 1, conforme: true }
      - { code: non, label: Non, points: 0, conforme: false }
pillars:
  - { code: qualite, label: Qualité, thresholds: { first: 85, renewal: 85 } }
chapters:
  - { code: A, title: Accueil }
criteria:
  - { code: A1, chapter: A, text: Le visiteur est salué., scale: oui_non, coefficient: 3, pillar: qualite }
  - { code: A2, chapter: A, text: La demande est reformulée., scale: oui_non, coefficient: 9, pillar: qualite${extra} }
`;

const upload = (name: string, content: string | Uint8Array<ArrayBuffer>, form: Record<string, string> = {}) =>
  callRoute(referentialsPage, { method: "POST", path: "/referentiels", cookie, form: { intent: "upload", ...form }, files: { upload: { name, content } } });

describe("importing référentiels from the app", () => {
  it("imports a YAML file, then refuses the same version again", async () => {
    const ok = await upload("accueil.yaml", yaml("1"));
    expect(ok.status).toBe(302);
    expect(ok.location).toMatch(/^\/referentiels\/\d+$/);
    const again = await upload("accueil.yaml", yaml("1"));
    expect(again.status).toBe(400);
    expect((again.body as { problems: Array<{ message: string }> }).problems[0]!.message).toMatch(/déjà importée/);
  });

  it("imports a file whose name has a semicolon, an equals sign and quotes", async () => {
    const ok = await upload(`grille "accueil"; v=7.yaml`, yaml("7"));
    expect(ok.status, JSON.stringify(ok.body)).toBe(302);
  });

  it("lists every problem of a bad file and imports nothing", async () => {
    const before = await counts();
    const bad = yaml("2").replace("coefficient: 9", "coefficient: neuf").replace("text: Le visiteur est salué.", "text: ''");
    const answer = await upload("mauvais.yaml", bad);
    expect(answer.status).toBe(400);
    expect((answer.body as { problems: unknown[] }).problems).toEqual([
      { line: 16, field: "criteria.0.text", message: "Texte du critère : obligatoire." },
      { line: 17, field: "criteria.1.coefficient", message: "Coefficient : nombre attendu." },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("refuses other encodings, other extensions, huge files and hostile YAML", async () => {
    const before = await counts();
    const latin1 = Uint8Array.from([...new TextEncoder().encode("code: "), 0xe9, 0x74, 0xe9]);
    expect(((await upload("ancien.yaml", latin1)).body as { problems: Array<{ message: string }> }).problems[0]!.message).toMatch(/UTF-8/);
    expect(((await upload("grille.xlsx", "x")).body as { fieldErrors: Record<string, string> }).fieldErrors.upload).toMatch(/\.yaml, \.yml ou \.csv/);
    const huge = await upload("enorme.yaml", "a".repeat(2 * 1024 * 1024 + 10));
    expect(huge.status).toBe(413);
    const bomb = ["a: &a [x,x,x,x,x,x,x,x,x]", "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]", "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]"].join("\n");
    expect(((await upload("bombe.yaml", bomb)).body as { problems: Array<{ message: string }> }).problems[0]!.message).toMatch(/alias/);
    expect(await counts()).toEqual(before);
  });

  it("imports a new version from a CSV of criteria, on the base's scales and pillars", async () => {
    const header = "code;chapitre;titre_chapitre;sous_chapitre;titre_sous_chapitre;texte;echelle;coefficient;obligatoire;bonus;pilier;verification;aide";
    const csv = `${header}\nA1;A;Accueil;;;Le visiteur est salué.;oui_non;3;non;non;qualite;;\nA2;A;Accueil;;;La demande est reformulée.;oui_non;3;oui;non;qualite;;\n`;
    const answer = await upload("v2.csv", csv, { baseCode: "accueil-test", version: "2", validFrom: "2025-01-01" });
    expect(answer.status).toBe(302);
    const missingMeta = await upload("v3.csv", csv, { baseCode: "accueil-test" });
    expect(missingMeta.status).toBe(400);
    expect((missingMeta.body as { fieldErrors: Record<string, string> }).fieldErrors).toMatchObject({ version: "Version : ce champ est obligatoire." });
  });

  it("imports a model grid posted as a plain form (urlencoded, as without the file input), and refuses an unknown one in French", async () => {
    const fresh = await createOfficeFixture();
    const admin = await sessionCookie(fresh.users.admin.userId, fresh.officeId);
    const file = listShippedGrids().find((g) => g.outcome.ok)!.file;
    const answer = await callRoute(referentialsPage, { method: "POST", path: "/referentiels?index", cookie: admin, form: { intent: "shipped", file } });
    expect(answer.status).toBe(302);
    expect(answer.location).toMatch(/^\/referentiels\/\d+$/);
    expect(await getDb()("referentials").where({ office_id: fresh.officeId })).toHaveLength(1);
    const unknown = await callRoute(referentialsPage, { method: "POST", path: "/referentiels?index", cookie: admin, form: { intent: "shipped", file: "../../etc/passwd" } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain("Grille modèle inconnue.");
  });

  it("is refused to staff", async () => {
    const staff = await sessionCookie(a.users.staff.userId, a.officeId);
    const answer = await callRoute(referentialsPage, { method: "POST", path: "/referentiels", cookie: staff, form: { intent: "upload" }, files: { upload: { name: "x.yaml", content: yaml("9") } } });
    expect(answer.status).toBe(403);
  });
});

describe("labels and audits: bad input", () => {
  const cases = [
    {
      what: "label valid before it was granted",
      run: () => callRoute(newLabel, { method: "POST", path: "/l", cookie, form: { name: "MQT", referentialId: String(audits.referentialId), status: "actif", grantedOn: "2023-07-30", validUntil: "2020-10-21" } }),
      field: "validUntil",
      message: "Valable jusqu'au : doit suivre la date d'obtention.",
    },
    {
      what: "label on another office's référentiel",
      run: () => callRoute(newLabel, { method: "POST", path: "/l", cookie, form: { name: "MQT", referentialId: String(foreign.referentialId), status: "actif" } }),
      field: "referentialId",
      message: "Référentiel suivi : choix invalide.",
    },
    {
      what: "audit ending before it starts, with a rate of 120 %",
      run: () =>
        callRoute(newAudit, {
          method: "POST",
          path: "/a",
          cookie,
          form: {
            title: "Audit",
            labelId: String(audits.labelId),
            referentialId: String(audits.referentialId),
            kind: "visite_mystere",
            mode: "reported",
            stage: "renewal",
            startsOn: "2020-10-21",
            endsOn: "2020-10-13",
            status: "termine",
            decision: "renouvelee",
            "reportedRates.qualite": "120",
          },
        }),
      field: "endsOn",
      message: "Fin : ne peut pas précéder le début.",
    },
    {
      what: "audit of another office's label",
      run: () =>
        callRoute(newAudit, {
          method: "POST",
          path: "/a",
          cookie,
          form: { title: "Audit", labelId: String(foreign.labelId), referentialId: String(audits.referentialId), kind: "audit_complet", mode: "rated", stage: "renewal", startsOn: "2021-01-01", status: "planifie", decision: "en_attente" },
        }),
      field: "labelId",
      message: "Label : choix invalide.",
    },
    {
      what: "finding without text",
      run: () =>
        callRoute(auditPage, {
          method: "POST",
          path: "/a",
          params: { auditId: String(audits.reportedAuditId) },
          cookie,
          form: { intent: "add-finding", kind: "improvement", text: "" },
        }),
      field: "text",
      message: "Constat : ce champ est obligatoire.",
    },
    {
      what: "finding on another office's site",
      run: () =>
        callRoute(auditPage, {
          method: "POST",
          path: "/a",
          params: { auditId: String(audits.reportedAuditId) },
          cookie,
          form: { intent: "add-finding", kind: "improvement", text: "Façade à rafraîchir", siteIds: String(b.siteId) },
        }),
      field: "siteIds",
      message: "Bureaux : choix invalide.",
    },
  ];

  it.each(cases.map((c) => [c.what, c] as const))("%s: 400, French message, nothing written", async (_w, c) => {
    const before = await counts();
    const answer = await c.run();
    expect(answer.status).toBe(400);
    expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors[c.field]).toBe(c.message);
    expect(await counts()).toEqual(before);
  });

  it("reads a reported rate typed the French way", async () => {
    const answer = await callRoute(newAudit, {
      method: "POST",
      path: "/a",
      cookie,
      form: {
        title: "Audit accueil 2020",
        labelId: String(audits.labelId),
        referentialId: String(audits.referentialId),
        kind: "visite_mystere",
        mode: "reported",
        stage: "renewal",
        startsOn: "2020-10-13",
        endsOn: "2020-10-21",
        status: "termine",
        decision: "renouvelee",
        "reportedRates.qualite": "91,5 %",
      },
    });
    expect(answer.status).toBe(302);
    const id = Number(answer.location!.split("/")[2]);
    const audit = (await getAudit(commandScope(getDb(), a.officeId), { auditId: id }))!;
    expect(pillarRates(audit)).toEqual({ qualite: 91.5, eco: null });
    expect(audit.snapshot).toBeNull();
  });

  it("carries a renewal's end date and next audit to the label, and keeps the next audit on the audit", async () => {
    const answer = await callRoute(newAudit, {
      method: "POST",
      path: "/a",
      cookie,
      form: {
        title: "Audit complet 2023",
        labelId: String(audits.labelId),
        referentialId: String(audits.referentialId),
        kind: "audit_complet",
        mode: "reported",
        stage: "renewal",
        startsOn: "2023-06-12",
        status: "termine",
        decision: "renouvelee",
        labelValidUntil: "2028-06-30",
        nextAuditDue: "2028-03-30",
        "reportedRates.qualite": "93",
      },
    });
    expect(answer.status).toBe(302);
    const label = await getDb()("labels").where({ id: audits.labelId }).first();
    expect(label?.valid_until).toBe("2028-06-30");
    expect(label?.next_audit_due).toBe("2028-03-30");
    const audit = await getDb()("audits").where({ title: "Audit complet 2023" }).first();
    expect(audit?.next_audit_due).toBe("2028-03-30");
  });
});

describe("findings on several sites", () => {
  it("records one or more sites, or none for the whole office, with their names in the history", async () => {
    const db = getDb();
    const second = Number(((await db("sites").insert({ office_id: a.officeId, name: "Hagetmau", name_key: unique("hagetmau"), created_at: "x", updated_at: "x" }).returning("id"))[0] as { id: number }).id);
    const posted = await callRoute(auditPage, {
      method: "POST",
      path: "/a",
      params: { auditId: String(audits.reportedAuditId) },
      cookie,
      form: { intent: "add-finding", kind: "improvement", text: "Fléchage à Hagetmau", siteIds: String(second) },
    });
    expect(posted.status).toBe(302);
    const both = (await createFinding(systemScope(a.officeId), { auditId: audits.reportedAuditId, kind: "improvement", text: "Fléchage d'Amou et de Hagetmau", criterionCode: "", siteIds: [a.siteId, second, second] }))!;
    await createFinding(systemScope(a.officeId), { auditId: audits.reportedAuditId, kind: "strength", text: "Accueil chaleureux", criterionCode: "", siteIds: [] });
    const listed = await listFindings(systemScope(a.officeId), { auditId: audits.reportedAuditId });
    const sitesOf = (text: string) => listed.find((f) => f.text === text)?.sites.map((s) => s.id).sort((x, y) => x - y);
    expect(sitesOf("Fléchage à Hagetmau")).toEqual([second]);
    expect(sitesOf("Fléchage d'Amou et de Hagetmau")).toEqual([a.siteId, second].sort((x, y) => x - y));
    expect(sitesOf("Accueil chaleureux")).toEqual([]);
    const history = await db("history").where({ entity_type: "finding", entity_id: both }).first();
    expect(JSON.parse(history!.changes).sites.after).toMatch(/Hagetmau/);
    expect(await deleteFinding(systemScope(a.officeId), { findingId: both })).toBe(true);
    expect(await db("finding_sites").where({ finding_id: both })).toEqual([]);
  });
});

describe("rating a grid", () => {
  const rate = (auditId: number, criterionCode: string, choice: string, comment = "") =>
    callRoute(gridPage, { method: "POST", path: "/g", params: { auditId: String(auditId) }, cookie, form: { criterionCode, choice, comment } });

  it("saves each result with the new snapshot, and refuses what the rules forbid", async () => {
    const auditId = audits.ratedAuditId;
    expect((await rate(auditId, "A1", "oui")).body).toEqual({ ok: true, rated: 1, toRate: 5, missingJustifications: 0 });
    const before = await counts();
    const mandatory = await rate(auditId, "A2", "not_applicable", "Pas d'accueil physique");
    expect(mandatory.status).toBe(400);
    expect((mandatory.body as { fieldErrors: Record<string, string> }).fieldErrors.choice).toBe("Critère A2 : un critère obligatoire ne peut pas être « non concerné ».");
    expect((await rate(auditId, "B1", "peut-être")).status).toBe(400);
    expect(await counts()).toEqual(before);
    // "Non mesuré" is saved at once; the grid asks for its justification until it is given.
    expect((await rate(auditId, "B1", "not_measured")).body).toEqual({ ok: true, rated: 2, toRate: 4, missingJustifications: 1 });
    const page = await callRoute(gridPage, { path: "/g", params: { auditId: String(auditId) }, cookie });
    expect((page.body as { missingJustifications: { total: number; byChapter: Record<string, number> } }).missingJustifications.total).toBe(1);
    expect((await rate(auditId, "B1", "not_measured", "Pas d'accueil presse")).body).toMatchObject({ ok: true, missingJustifications: 0 });

    for (const [code, choice] of [["A2", "s"], ["B1", "non"], ["B2", "ts"], ["E1", "oui"], ["E2", "i"]] as const) await rate(auditId, code, choice);
    const audit = (await getAudit(commandScope(getDb(), a.officeId), { auditId }))!;
    // The hand-computed case of tests/unit/scoring.test.ts, at renewal.
    expect(audit.snapshot!.pillars.map((p) => [p.pillar, p.rate, p.threshold])).toEqual([
      ["qualite", 76.92, 85],
      ["eco", 50, 80],
    ]);
    expect(audit.status).toBe("en_cours");
    // Changing one answer updates the result, not a second row.
    await rate(auditId, "B1", "oui");
    expect((await listResults(commandScope(getDb(), a.officeId), { auditId })).filter((r) => r.criterionCode === "B1")).toMatchObject([{ status: "rated", level: "oui" }]);
  });

  it("keeps a past audit's rates when a new version of the grid is imported", async () => {
    const auditId = audits.ratedAuditId;
    const before = (await getAudit(commandScope(getDb(), a.officeId), { auditId }))!.snapshot;
    const changed: Referential = { ...SMALL_GRID, version: unique("v"), criteria: SMALL_GRID.criteria.map((c) => (c.code === "B1" ? { ...c, coefficient: 3, text: "Documentation à jour" } : c)) };
    const newVersion = await importReferential(commandScope(getDb(), a.officeId), { grid: changed, source: "test" });
    expect((await getAudit(commandScope(getDb(), a.officeId), { auditId }))!.snapshot).toEqual(before);

    // A self-assessment on the new version starts from the results, and flags B1 for a fresh rating.
    const selfId = (await startSelfAssessment(commandScope(getDb(), a.officeId), { fromAuditId: auditId, referentialId: newVersion, title: "Auto-évaluation", startsOn: "2026-11-28" }))!;
    const results = await listResults(commandScope(getDb(), a.officeId), { auditId: selfId });
    expect(results).toHaveLength(6);
    expect(results.filter((r) => r.needsReview).map((r) => r.criterionCode)).toEqual(["B1"]);
    const self = (await getAudit(commandScope(getDb(), a.officeId), { auditId: selfId }))!;
    expect(self).toMatchObject({ kind: "auto_evaluation", mode: "rated", basedOnAuditId: auditId });
    expect(self.snapshot).toMatchObject({ rated: 5, toRate: 1, verdict: "incomplet" });
    await rate(selfId, "B1", "oui");
    expect((await getAudit(commandScope(getDb(), a.officeId), { auditId: selfId }))!.snapshot).toMatchObject({ rated: 6, toRate: 0 });
  });
});

describe("closed grids and concurrent saves", () => {
  it("counts every result saved at the same moment", async () => {
    const fresh = await createAuditFixture(a.officeId);
    const codes = ["A1", "A2", "B1", "B2", "E1", "E2"];
    const choices: Record<string, string> = { A1: "oui", A2: "s", B1: "non", B2: "ts", E1: "oui", E2: "i" };
    const answers = await Promise.all(
      codes.map((code) => callRoute(gridPage, { method: "POST", path: "/g", params: { auditId: String(fresh.ratedAuditId) }, cookie, form: { criterionCode: code, choice: choices[code]!, comment: "" } })),
    );
    expect(answers.map((x) => x.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const audit = (await getAudit(commandScope(getDb(), a.officeId), { auditId: fresh.ratedAuditId }))!;
    expect(audit.snapshot).toMatchObject({ rated: 6, toRate: 0 });
    expect(audit.snapshot!.pillars[0]!.rate).toBe(76.92);
  });

  it("refuses to change the grid of a finished audit", async () => {
    const fresh = await createAuditFixture(a.officeId);
    await getDb()("audits").where({ id: fresh.ratedAuditId }).update({ status: "termine" });
    const before = await counts();
    const answer = await callRoute(gridPage, { method: "POST", path: "/g", params: { auditId: String(fresh.ratedAuditId) }, cookie, form: { criterionCode: "A1", choice: "oui", comment: "" } });
    expect(answer.status).toBe(400);
    expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors.choice).toMatch(/terminé/);
    expect(await counts()).toEqual(before);
  });

  it("flags carried results whose scale changed meaning in the new version", async () => {
    const fresh = await createAuditFixture(a.officeId);
    await callRoute(gridPage, { method: "POST", path: "/g", params: { auditId: String(fresh.ratedAuditId) }, cookie, form: { criterionCode: "E2", choice: "s", comment: "" } });
    await callRoute(gridPage, { method: "POST", path: "/g", params: { auditId: String(fresh.ratedAuditId) }, cookie, form: { criterionCode: "E1", choice: "oui", comment: "" } });
    const renamed: Referential = {
      ...SMALL_GRID,
      version: unique("v"),
      scales: SMALL_GRID.scales.map((sc) => (sc.code === "quatre_niveaux" ? { ...sc, levels: sc.levels.map((l) => ({ ...l, code: l.code.toUpperCase() })) } : sc)),
    };
    const next = await importReferential(commandScope(getDb(), a.officeId), { grid: renamed, source: "test" });
    const selfId = (await startSelfAssessment(commandScope(getDb(), a.officeId), { fromAuditId: fresh.ratedAuditId, referentialId: next, title: "Reprise", startsOn: "2026-11-28" }))!;
    const results = await listResults(commandScope(getDb(), a.officeId), { auditId: selfId });
    expect(results.filter((r) => r.needsReview).map((r) => r.criterionCode)).toEqual(["E2"]);
    expect((await getAudit(commandScope(getDb(), a.officeId), { auditId: selfId }))!.snapshot).toMatchObject({ rated: 1 });
  });
});

describe("comparing audits and findings", () => {
  it("puts two audits of a label side by side, with the criteria that changed", async () => {
    const other = (await startSelfAssessment(commandScope(getDb(), a.officeId), { fromAuditId: audits.ratedAuditId, referentialId: audits.referentialId, title: "Seconde", startsOn: "2026-11-28" }))!;
    await callRoute(gridPage, { method: "POST", path: "/g", params: { auditId: String(other) }, cookie, form: { criterionCode: "E2", choice: "ts", comment: "" } });
    const result = (await compareAudits(commandScope(getDb(), a.officeId), { a: audits.ratedAuditId, b: other }))!;
    expect(result.comparison.changedCriteria).toEqual([{ code: "E2", text: "Mobilité douce", a: "Insatisfaisant", b: "Très satisfaisant" }]);
    expect(result.comparison.pillars.find((p) => p.code === "eco")).toMatchObject({ a: 50, b: 100 });
    const page = await callRoute(comparePage, { path: `/audits/comparer?a=${audits.reportedAuditId}&b=${other}`, cookie });
    expect((page.body as { result: { pillars: unknown } }).result.pillars).toEqual(expect.arrayContaining([{ code: "qualite", label: "Qualité", a: 91, b: expect.any(Number) }]));
    const mixed = await callRoute(comparePage, { path: `/audits/comparer?a=${audits.reportedAuditId}&b=${foreign.reportedAuditId}`, cookie });
    expect(mixed.status).toBe(404);
  });

  it("turns a failing criterion into an improvement point, once", async () => {
    const auditId = audits.ratedAuditId;
    await callRoute(gridPage, { method: "POST", path: "/g", params: { auditId: String(auditId) }, cookie, form: { criterionCode: "E2", choice: "ti", comment: "" } });
    const page = async () => (await callRoute(auditPage, { path: "/a", params: { auditId: String(auditId) }, cookie })).body as { proposals: Array<{ code: string }>; findings: Array<{ criterionCode: string; kind: string }> };
    expect((await page()).proposals.map((p) => p.code)).toContain("E2");
    const added = await callRoute(auditPage, { method: "POST", path: "/a", params: { auditId: String(auditId) }, cookie, form: { intent: "propose", criterionCode: "E2" } });
    expect(added.status).toBe(302);
    const after = await page();
    expect(after.findings).toEqual(expect.arrayContaining([expect.objectContaining({ criterionCode: "E2", kind: "improvement" })]));
    expect(after.proposals.map((p) => p.code)).not.toContain("E2");
  });
});

describe("results stay in their office", () => {
  it("never lists another office's audit results", async () => {
    await getDb()("audit_results").insert({ audit_id: foreign.ratedAuditId, criterion_code: "ZZ9", status: "not_measured", level: null, comment: "", needs_review: false, updated_at: new Date().toISOString() });
    expect((await listResults(commandScope(getDb(), b.officeId), { auditId: foreign.ratedAuditId })).map((r) => r.criterionCode)).toContain("ZZ9");
    expect(await listResults(commandScope(getDb(), a.officeId), { auditId: foreign.ratedAuditId })).toEqual([]);
  });
});
