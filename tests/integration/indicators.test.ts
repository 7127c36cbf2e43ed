// Indicators on a real database (SQLite, and PostgreSQL in the integration-postgres project):
// the standard set, the entry grid and CSV import through their route modules, bad input that
// writes nothing, and an office that never sees another's figures.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { SYSTEM_ACTOR } from "~/modules/history/queries.server";
import { enableStandardSet, listIndicators, listSeasons, loadIndicatorData, writeValues } from "~/modules/indicator/queries.server";
import { figureOf } from "~/modules/indicator/rules";
import { officeScope, type Scope } from "~/modules/scope.server";
import * as indexPage from "~/routes/_app.indicateurs._index";
import * as indicatorPage from "~/routes/_app.indicateurs.$indicatorId._index";
import * as editPage from "~/routes/_app.indicateurs.$indicatorId.modifier";
import * as newPage from "~/routes/_app.indicateurs.nouveau";
import * as gridPage from "~/routes/_app.indicateurs.saisie";
import { createOfficeFixture, sessionCookie, type OfficeFixture } from "../support/factories";
import { callRoute } from "../support/routes";

let a: OfficeFixture;
let b: OfficeFixture;
let scopeA: Scope;
let scopeB: Scope;
let cookie: string;
let seasonId: number;
let contactsId: number;
let personsId: number;

const scopeOf = (officeId: number) => officeScope(getDb(), { officeId, actor: SYSTEM_ACTOR, role: "quality_referent", now: new Date("2026-12-01T10:00:00Z") });
const count = async (table: string) => Number((await getDb()(table).count<{ n: number }[]>({ n: "*" }))[0]!.n);

beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
  scopeA = scopeOf(a.officeId);
  scopeB = scopeOf(b.officeId);
  cookie = await sessionCookie(a.users.quality_referent.userId, a.officeId);
  const enabled = await callRoute(indexPage, { method: "POST", path: "/indicateurs", cookie, form: { intent: "enable-standard" } });
  expect(enabled.status).toBe(302);
  await enableStandardSet(scopeB);
  seasonId = (await listSeasons(scopeA))[0]!.id;
  const indicators = await listIndicators(scopeA);
  contactsId = indicators.find((i) => i.code === "contacts")!.id;
  personsId = indicators.find((i) => i.code === "personnes")!.id;
});

describe("the standard set", () => {
  it("adds the indicators and the summer season once", async () => {
    const before = (await listIndicators(scopeA)).length;
    expect(before).toBeGreaterThan(10);
    expect((await listSeasons(scopeA)).map((s) => [s.name, s.startMonth, s.endMonth])).toEqual([["Saison d'été", 7, 8]]);
    expect(await enableStandardSet(scopeA)).toEqual({ indicators: 0, seasons: 0 });
    expect((await listIndicators(scopeA)).length).toBe(before);
  });
});

describe("the entry grid", () => {
  const path = () => `/indicateurs/saisie?periode=saison-${seasonId}&annee=2020&de=2019&a=2020`;
  const cell = (id: number, year: number, item = "") => `c|${id}|${year}|${item}`;

  it("saves the seed's season figures and shows +1.5 % contacts and +15.8 % persons", async () => {
    const page = await callRoute(gridPage, { path: path(), cookie });
    expect(page.status).toBe(200);
    const saved = await callRoute(gridPage, {
      method: "POST",
      path: path(),
      cookie,
      form: { intent: "save", [cell(contactsId, 2019)]: "2 638", [cell(contactsId, 2020)]: "2678", [cell(personsId, 2019)]: "4922", [cell(personsId, 2020)]: "5 698" },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(302);
    const view = await callRoute(indicatorPage, { path: `/indicateurs/${personsId}?periode=saison-${seasonId}&annee=2020`, params: { indicatorId: String(personsId) }, cookie });
    const body = view.body as { comparison: { variation: string; current: { text: string } }; years: Array<{ year: number; figure: { text: string } }> };
    expect(body.comparison.variation).toBe("+15,8 %");
    expect(body.comparison.current.text).toBe("5 698");
    const contacts = await callRoute(indicatorPage, { path: `/indicateurs/${contactsId}?periode=saison-${seasonId}&annee=2020`, params: { indicatorId: String(contactsId) }, cookie });
    expect((contacts.body as typeof body).comparison.variation).toBe("+1,5 %");
    const list = await callRoute(indexPage, { path: `/indicateurs?periode=saison-${seasonId}&annee=2020`, cookie });
    const rows = (list.body as { byCategory: Array<{ rows: Array<{ code: string; comparison: { variation: string } }> }> }).byCategory.flatMap((c) => c.rows);
    expect(rows.find((r) => r.code === "personnes_par_contact")!.comparison.variation).toBe("+14,0 %");
  });

  it("records a missing figure with its reason, and clears a figure emptied", async () => {
    const nights = (await listIndicators(scopeA)).find((i) => i.code === "nuitees_taxe")!;
    const yearPath = "/indicateurs/saisie?periode=annee&annee=2020&de=2019&a=2020";
    await callRoute(gridPage, { method: "POST", path: yearPath, cookie, form: { intent: "save", [cell(nights.id, 2019)]: "41 000", [cell(nights.id, 2020)]: "non fourni par la CC des Luys" } });
    const data = await loadIndicatorData(scopeA);
    expect(figureOf(data.context, "nuitees_taxe", { kind: "year", year: 2020 })).toEqual({ state: "missing", reason: "non fourni par la CC des Luys" });
    const stored = await getDb()("indicator_values").where({ indicator_id: nights.id, period: "2020" }).first();
    expect([stored?.value, stored?.missing_reason]).toEqual([null, "non fourni par la CC des Luys"]);
    // Shown as it is stored, then emptied: the figure is gone.
    await callRoute(gridPage, { method: "POST", path: yearPath, cookie, form: { intent: "save", [cell(nights.id, 2019)]: "", [`o|${nights.id}|2019|`]: "41 000" } });
    expect(await getDb()("indicator_values").where({ indicator_id: nights.id, period: "2019" }).first()).toBeUndefined();
  });

  it("writes nothing when one cell is wrong, and says which", async () => {
    const before = [await count("indicator_values"), await count("history")];
    const bad = await callRoute(gridPage, {
      method: "POST",
      path: path(),
      cookie,
      form: { intent: "save", [cell(contactsId, 2019)]: "3000", [cell(personsId, 2019)]: "12,5,3" },
    });
    expect(bad.status).toBe(400);
    const body = bad.body as { fieldErrors: Record<string, string>; formError: string };
    expect(body.fieldErrors[cell(personsId, 2019)]).toMatch(/^Personnes renseignées \(Saison d'été 2019\) : nombre attendu/);
    expect(body.formError).toMatch(/rien n'a été enregistré/);
    expect([await count("indicator_values"), await count("history")]).toEqual(before);
  });

  it("refuses cells of another office's or a computed indicator, and an unknown intent, without a 500", async () => {
    const foreign = (await listIndicators(scopeB)).find((i) => i.code === "contacts")!;
    const ratio = (await listIndicators(scopeA)).find((i) => i.code === "personnes_par_contact")!;
    for (const name of [cell(foreign.id, 2020), cell(ratio.id, 2020), cell(contactsId, 2020, "999999"), "c|x|2020|"]) {
      const answer = await callRoute(gridPage, { method: "POST", path: path(), cookie, form: { intent: "save", [name]: "5" } });
      expect(answer.status, name).toBe(400);
    }
    expect((await callRoute(gridPage, { method: "POST", path: path(), cookie, form: { intent: "drop" } })).status).toBe(400);
    expect(await getDb()("indicator_values").where({ indicator_id: foreign.id }).first()).toBeUndefined();
  });
});

describe("CSV import", () => {
  const post = (content: string, name = "chiffres.csv") =>
    callRoute(gridPage, { method: "POST", path: "/indicateurs/saisie", cookie, form: { intent: "import" }, files: { file: { name, content } } });

  it("imports a good file, items by site name and seasons by name", async () => {
    const site = (await getDb()("sites").where({ id: a.siteId }).first())!.name as string;
    const file = `indicateur;periode;detail;valeur;raison\nvisites_guidees;2020;Yoga;77;\nvisites_guidees;2020;Crypte d'Hagetmau;834;\ncontacts;Saison d'été 2018;${site};1 234;\nfans_facebook;2020;;;chiffre perdu\n`;
    const answer = await post(file);
    expect(answer.status, JSON.stringify(answer.body)).toBe(302);
    const data = await loadIndicatorData(scopeA);
    expect(figureOf(data.context, "visites_guidees", { kind: "year", year: 2020 })).toEqual({ state: "value", value: 911, derived: true });
    expect(figureOf(data.context, "contacts", { kind: "season", seasonId, year: 2018 }, String(a.siteId))).toMatchObject({ value: 1234 });
    expect(figureOf(data.context, "fans_facebook", { kind: "year", year: 2020 })).toEqual({ state: "missing", reason: "chiffre perdu" });
  });

  it("lists every problem by line and imports nothing", async () => {
    const before = [await count("indicator_values"), await count("history")];
    const answer = await post("indicateur;periode;detail;valeur;raison\nvisiteurs_site_web;2021;;52 000;\ninconnu;2021;;1;\ncontacts;2021;Nulle part;1;\npersonnes;2021;;;\n");
    expect(answer.status).toBe(400);
    expect((answer.body as { problems: Array<{ line: number }> }).problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect([await count("indicator_values"), await count("history")]).toEqual(before);
    expect((await post("", "vide.csv")).status).toBe(400);
    expect((await post("\u0000\u00ff\u00fe garbage")).status).toBe(400);
  });
});

describe("one office never sees another's figures", () => {
  it("answers 404 for another office's indicator and keeps figures apart", async () => {
    const foreign = (await listIndicators(scopeB)).find((i) => i.code === "contacts")!;
    await writeValues(scopeB, [{ indicatorId: foreign.id, period: "2020", item: "", input: { kind: "value", value: 99999 } }]);
    expect((await callRoute(indicatorPage, { path: `/indicateurs/${foreign.id}`, params: { indicatorId: String(foreign.id) }, cookie })).status).toBe(404);
    expect((await callRoute(editPage, { method: "POST", path: `/indicateurs/${foreign.id}/modifier`, params: { indicatorId: String(foreign.id) }, cookie, form: { intent: "delete" } })).status).toBe(404);
    const list = await callRoute(indexPage, { path: "/indicateurs?periode=annee&annee=2020", cookie });
    expect(JSON.stringify(list.body)).not.toContain("99");
    await expect(writeValues(scopeA, [{ indicatorId: foreign.id, period: "2020", item: "", input: { kind: "value", value: 1 } }])).rejects.toThrow();
    expect(Number((await getDb()("indicator_values").where({ indicator_id: foreign.id }).first())!.value)).toBe(99999);
  });
});

describe("indicators of the office's own", () => {
  const form = { intent: "save", code: "musee", name: "Visiteurs du musée", unit: "visiteurs", category: "sites", aggregation: "sum", breakdown: "none", items: "", decimals: "0", description: "" };

  it("creates, refuses a duplicate code beside the field, updates and deletes with its values", async () => {
    const created = await callRoute(newPage, { method: "POST", path: "/indicateurs/nouveau", cookie, form });
    expect(created.status).toBe(302);
    const id = Number(created.location!.split("/").pop());
    const duplicate = await callRoute(newPage, { method: "POST", path: "/indicateurs/nouveau", cookie, form });
    expect(duplicate.status).toBe(400);
    expect((duplicate.body as { fieldErrors: Record<string, string> }).fieldErrors.code).toMatch(/^Code :/);
    const invalid = await callRoute(newPage, { method: "POST", path: "/indicateurs/nouveau", cookie, form: { ...form, code: "", breakdown: "origin", category: "x" } });
    expect(Object.keys((invalid.body as { fieldErrors: Record<string, string> }).fieldErrors).sort()).toEqual(["category", "code"]);
    const params = { indicatorId: String(id) };
    expect((await callRoute(editPage, { method: "POST", path: `/indicateurs/${id}/modifier`, params, cookie, form: { ...form, name: "Musée" } })).status).toBe(302);
    await writeValues(scopeA, [{ indicatorId: id, period: "2020", item: "", input: { kind: "value", value: 12 } }]);
    expect((await callRoute(editPage, { method: "POST", path: `/indicateurs/${id}/modifier`, params, cookie, form: { intent: "nope" } })).status).toBe(400);
    expect((await callRoute(editPage, { method: "POST", path: `/indicateurs/${id}/modifier`, params, cookie, form: { intent: "delete" } })).status).toBe(302);
    expect(await getDb()("indicator_values").where({ indicator_id: id }).first()).toBeUndefined();
    const deleted = await getDb()("history").where({ entity_type: "indicator", entity_id: id, action: "delete" }).first();
    expect(deleted).toBeTruthy();
  });

  it("adds a season across the new year, refuses a bad one beside its fields, and deletes one", async () => {
    const bad = await callRoute(indexPage, { method: "POST", path: "/indicateurs", cookie, form: { intent: "add-season", name: "", startMonth: "0", endMonth: "2" } });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { fieldErrors: Record<string, string> }).fieldErrors).sort()).toEqual(["name", "startMonth"]);
    expect((await callRoute(indexPage, { method: "POST", path: "/indicateurs", cookie, form: { intent: "add-season", name: "Hiver", startMonth: "12", endMonth: "2" } })).status).toBe(302);
    const dup = await callRoute(indexPage, { method: "POST", path: "/indicateurs", cookie, form: { intent: "add-season", name: "hiver", startMonth: "12", endMonth: "2" } });
    expect((dup.body as { fieldErrors: Record<string, string> }).fieldErrors.name).toMatch(/déjà/);
    const winter = (await listSeasons(scopeA)).find((s) => s.name === "Hiver")!;
    await writeValues(scopeA, [{ indicatorId: contactsId, period: `s${winter.id}:2020`, item: "", input: { kind: "value", value: 300 } }]);
    expect((await callRoute(indexPage, { method: "POST", path: "/indicateurs", cookie, form: { intent: "delete-season", seasonId: String(winter.id) } })).status).toBe(302);
    expect(await getDb()("indicator_values").where({ period: `s${winter.id}:2020` }).first()).toBeUndefined();
    const foreignSeason = (await listSeasons(scopeB))[0]!;
    expect((await callRoute(indexPage, { method: "POST", path: "/indicateurs", cookie, form: { intent: "delete-season", seasonId: String(foreignSeason.id) } })).status).toBe(404);
  });
});
