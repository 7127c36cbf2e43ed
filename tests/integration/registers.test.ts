// The registers on a real database (SQLite, and PostgreSQL in the other project): every filter,
// search, counts, year against year, offices apart, members without personal data (pages, CSV),
// actions from an entry, closing with open actions, the late rule, anonymisation and erasure,
// bad input refused with nothing written.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { parisDay } from "~/domain/dates";
import type { Role } from "~/domain/roles";
import { changeStatus } from "~/modules/action/queries.server";
import { listHistory } from "~/modules/history/queries.server";
import {
  anonymiseExpired,
  createActionFromEntry,
  createEntry,
  entryOfAction,
  erasePersonalData,
  exportEntryBatches,
  getEntry,
  listEntries,
  registerCounts,
  saveRegisterSettings,
  updateEntry,
  yearAgainstYear,
} from "~/modules/register/queries.server";
import { parseRegisterFilters, type EntryValues } from "~/modules/register/schema";
import { officeScope, type Scope } from "~/modules/scope.server";
import { createSite } from "~/modules/office/queries.server";
import * as listPage from "~/routes/_app.registres.$register._index";
import * as figuresPage from "~/routes/_app.registres.$register.chiffres";
import * as newPage from "~/routes/_app.registres.$register.nouveau";
import * as entryPage from "~/routes/_app.registres.entrees.$entryId";
import * as overviewPage from "~/routes/_app.registres._index";
import * as exportCsv from "~/routes/registres.$register.export[.csv]";
import * as personalExport from "~/routes/registres.entrees.$entryId.donnees[.json]";
import * as actionPage from "~/routes/_app.plan-d-actions.$actionId";
import * as dashboard from "~/routes/_app.tableau-de-bord";
import { createOfficeFixture, sessionCookie, systemScope, unique, type OfficeFixture } from "../support/factories";
import { callRoute } from "../support/routes";

let a: OfficeFixture;
let b: OfficeFixture;
let otherSiteId: number;
const NOW = new Date("2021-03-25T10:00:00Z");

function scopeAs(office: OfficeFixture, role: Role = "quality_referent", now = NOW): Scope {
  return officeScope(getDb(), { officeId: office.officeId, actor: { userId: office.users[role].userId, name: `Test ${role}` }, role, now });
}

const complaint = (extra: Partial<Extract<EntryValues, { kind: "complaint" }>> = {}): EntryValues => ({
  kind: "complaint",
  occurredOn: "2021-03-01",
  siteId: null,
  category: "Accueil",
  subject: "Attente trop longue au guichet",
  description: "",
  personId: null,
  closeReason: "",
  status: "ouverte",
  channel: "guichet",
  platform: "",
  reviewUrl: "",
  contactName: "Jeanne Dupont",
  contactDetails: "06 12 34 56 78",
  answer: "",
  answeredOn: null,
  answeredBy: "",
  ...extra,
});

const dysfunction = (extra: Partial<Extract<EntryValues, { kind: "dysfunction" }>> = {}): EntryValues => ({
  kind: "dysfunction",
  occurredOn: "2020-02-10",
  siteId: null,
  category: "Informatique",
  subject: "Problème de connexion au serveur",
  description: "",
  personId: null,
  closeReason: "",
  status: "ouvert",
  impact: "",
  immediateFix: "Appel à la communauté de communes",
  recurrenceOfId: null,
  ...extra,
});

beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
  otherSiteId = await createSite(systemScope(a.officeId), { name: unique("Hagetmau"), street: "", postalCode: "", city: "", phone: "", email: "", isHeadquarters: false, active: true });
});

describe("complaints", () => {
  it("counts the answer delay in working days across public holidays, and flags late ones everywhere", async () => {
    const s = scopeAs(a, "quality_referent", new Date("2021-05-20T10:00:00Z"));
    // Received Tuesday 11 May 2021: Ascension (13 May) is a public holiday, so the 5th working day is 19 May.
    const onTime = await createEntry(s, complaint({ occurredOn: "2021-05-11", answeredOn: "2021-05-19", answer: "Excuses et explication", subject: "Dans les temps" }));
    const late = await createEntry(s, complaint({ occurredOn: "2021-05-11", answeredOn: "2021-05-20", answer: "Réponse tardive", subject: "Répondue en retard" }));
    const waiting = await createEntry(s, complaint({ occurredOn: "2021-05-11", subject: "Toujours sans réponse" }));
    const detail = await getEntry(s, onTime);
    expect(detail?.delay).toMatchObject({ days: 5, dueOn: "2021-05-19", late: false, answered: true });
    expect(detail?.status).toBe("repondue");
    expect((await getEntry(s, late))?.delay).toMatchObject({ days: 6, late: true });
    expect((await getEntry(s, waiting))?.delay).toMatchObject({ late: true, answered: false });
    const lateOnly = await listEntries(s, "complaint", parseRegisterFilters("complaint", new URLSearchParams("en-retard=1&du=2021-05-01&au=2021-05-31")));
    expect(lateOnly.rows.map((r) => r.id).sort()).toEqual([late, waiting].sort());
    expect(lateOnly.rows.every((r) => r.late)).toBe(true);
    const all = await listEntries(s, "complaint", parseRegisterFilters("complaint", new URLSearchParams("du=2021-05-01&au=2021-05-31")));
    expect(all.late).toBe(2);
    expect(all.rows.find((r) => r.id === onTime)?.late).toBe(false);
    // A longer target moves every complaint's last day: nothing is late any more with 10 days.
    await saveRegisterSettings(s, { answerDays: 10, retentionYears: 3 });
    const relaxed = await listEntries(s, "complaint", parseRegisterFilters("complaint", new URLSearchParams("en-retard=1&du=2021-05-01&au=2021-05-31")));
    expect(relaxed.total).toBe(0);
    await saveRegisterSettings(s, { answerDays: 5, retentionYears: 3 });
  });

  it("filters by period, site, status, category and search without accents; pages; keeps offices apart", async () => {
    const s = scopeAs(a);
    const sited = await createEntry(s, complaint({ occurredOn: "2019-07-02", siteId: otherSiteId, category: "Signalétique", subject: "Fléchage introuvable à Hagetmau" }));
    const other = await createEntry(s, complaint({ occurredOn: "2019-08-15", subject: "Boutique fermée" }));
    const foreign = await createEntry(scopeAs(b), complaint({ occurredOn: "2019-07-03", subject: "Fléchage d'un autre office" }));
    const list = (q: string) => listEntries(s, "complaint", parseRegisterFilters("complaint", new URLSearchParams(q)));
    expect((await list("q=flechage")).rows.map((r) => r.id)).toEqual([sited]);
    expect((await list("q=FLÉCHAGE hagetmau")).rows.map((r) => r.id)).toEqual([sited]);
    expect((await list(`bureau=${otherSiteId}`)).rows.map((r) => r.id)).toEqual([sited]);
    expect((await list("du=2019-08-01&au=2019-08-31")).rows.map((r) => r.id)).toEqual([other]);
    expect((await list("categorie=Signal%C3%A9tique")).rows.map((r) => r.id)).toEqual([sited]);
    expect((await list("du=2019-01-01&au=2019-12-31&bureau=office")).rows.map((r) => r.id)).toEqual([other]);
    expect((await list("statut=close&du=2019-01-01&au=2019-12-31")).total).toBe(0);
    expect((await list("du=2019-01-01&au=2019-12-31")).rows.map((r) => r.id)).not.toContain(foreign);
    // The search never finds a person by name: it would tell a member who complained.
    expect((await list("q=dupont")).total).toBe(0);
    const page1 = await listEntries(s, "complaint", parseRegisterFilters("complaint", new URLSearchParams("du=2019-01-01&au=2019-12-31")), { pageSize: 1 });
    const page2 = await listEntries(s, "complaint", { ...parseRegisterFilters("complaint", new URLSearchParams("du=2019-01-01&au=2019-12-31")), page: 2 }, { pageSize: 1 });
    expect(page1.total).toBe(2);
    expect([page1.rows[0]?.id, page2.rows[0]?.id]).toEqual([other, sited]);
    expect(await getEntry(scopeAs(b), sited)).toBeNull();
  });

  it("counts per month, per site and per category, and this year against last", async () => {
    const s = scopeAs(a);
    const filters = parseRegisterFilters("complaint", new URLSearchParams("du=2019-01-01&au=2019-12-31"));
    const counts = await registerCounts(s, "complaint", filters);
    expect(counts.byMonth).toEqual([
      { month: "2019-08", count: 1, late: 1 },
      { month: "2019-07", count: 1, late: 1 },
    ]);
    expect(counts.bySite.map((x) => [x.siteId, x.count]).sort()).toEqual([[null, 1], [otherSiteId, 1]].sort());
    expect(counts.byCategory.find((c) => c.category === "Signalétique")?.count).toBe(1);
    await createEntry(s, complaint({ occurredOn: "2020-07-20", subject: "Saison 2020" }));
    const years = await yearAgainstYear(s, "complaint", 2020, { ...filters });
    expect(years).toMatchObject({ year: 2020, current: 1, previous: 2 });
    expect(years.months.find((m) => m.month === "07")).toEqual({ month: "07", current: 1, previous: 1 });
    // The page « Chiffres » of the list's selection: the same counts, another office's 2019 complaint
    // left out, the year asked for compared with the one before; the list itself reads no counts.
    const cookie = await sessionCookie(a.users.quality_group_member.userId, a.officeId);
    const page = await callRoute(figuresPage, { path: "/registres/reclamations/chiffres?du=2019-01-01&au=2020-12-31&annee=2020", params: { register: "reclamations" }, cookie });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 3, late: 3, years: { year: 2020, current: 1, previous: 2 }, filters: { from: "2019-01-01", to: "2020-12-31" } });
    expect((page.body as { counts: { byMonth: Array<{ month: string }> } }).counts.byMonth.map((m) => m.month)).toEqual(["2020-07", "2019-08", "2019-07"]);
    const list = await callRoute(listPage, { path: "/registres/reclamations?du=2019-01-01&au=2020-12-31", params: { register: "reclamations" }, cookie });
    expect(list.body).toMatchObject({ result: { total: 3, late: 3 } });
    expect(list.body).not.toHaveProperty("counts");
    // A year beyond this one or not a year falls back to this year; an unknown register is not found.
    const odd = await callRoute(figuresPage, { path: "/registres/reclamations/chiffres?annee=99999", params: { register: "reclamations" }, cookie });
    // This year in Paris (the page's "today"), not the machine's.
    expect(odd.body).toMatchObject({ years: { year: Number(parisDay(new Date()).slice(0, 4)) } });
    expect((await callRoute(figuresPage, { path: "/registres/inconnu/chiffres", params: { register: "inconnu" }, cookie })).status).toBe(404);
  });

  it("shows members no name or contact: lists, entry, CSV", async () => {
    const member = scopeAs(a, "quality_group_member");
    const id = await createEntry(scopeAs(a), complaint({ occurredOn: "2018-03-03", subject: "Avis sévère", contactName: "Marc Secret", contactDetails: "marc@exemple.fr" }));
    const row = (await listEntries(member, "complaint", parseRegisterFilters("complaint", new URLSearchParams("du=2018-01-01&au=2018-12-31")))).rows[0];
    expect(row?.contactName).toBeNull();
    const detail = await getEntry(member, id);
    expect(detail?.contactName).toBeNull();
    expect(detail?.contactDetails).toBeNull();
    const cookie = await sessionCookie(a.users.quality_group_member.userId, a.officeId);
    const page = await callRoute(entryPage, { path: `/registres/entrees/${id}`, params: { entryId: String(id) }, cookie });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).not.toMatch(/Marc Secret|marc@exemple/);
    const csv = await callRoute(exportCsv, { path: "/registres/reclamations/export.csv?du=2018-01-01&au=2018-12-31", params: { register: "reclamations" }, cookie });
    expect(String(csv.body)).toContain("Avis sévère");
    expect(String(csv.body)).not.toMatch(/Marc Secret|marc@exemple|;Nom;/);
    const refCookie = await sessionCookie(a.users.quality_referent.userId, a.officeId);
    const refCsv = await callRoute(exportCsv, { path: "/registres/reclamations/export.csv?du=2018-01-01&au=2018-12-31", params: { register: "reclamations" }, cookie: refCookie });
    expect(String(refCsv.body)).toContain("Marc Secret");
    expect(String(refCsv.body)).toMatch(/^\uFEFF?N°;Date;/);
    // The history says a name was given, never which.
    const history = await listHistory(scopeAs(a), { entityType: "register_entry", entityId: id });
    expect(JSON.stringify(history)).not.toMatch(/Marc Secret|marc@exemple/);
  });

  it("exports in batches that start where the last one ended, days shared across batches included", async () => {
    const office = await createOfficeFixture();
    const s = scopeAs(office);
    const days = ["2019-05-02", "2019-05-02", "2019-05-02", "2019-04-30", "2019-05-02", "2019-04-30", "2019-06-01"];
    for (const [i, day] of days.entries()) await createEntry(s, complaint({ occurredOn: day, subject: `Réclamation ${i}` }));
    const filters = parseRegisterFilters("complaint", new URLSearchParams(""));
    const listed = (await listEntries(s, "complaint", filters)).rows.map((r) => r.id);
    const batches: number[][] = [];
    for await (const batch of exportEntryBatches(s, "complaint", filters, 2)) batches.push(batch.map((e) => e.id));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 2, 1]);
    expect(batches.flat()).toEqual(listed);
    expect(new Set(batches.flat()).size).toBe(days.length);
  });

  it("erases a person's data on request and anonymises entries closed beyond the retention period", async () => {
    const s = scopeAs(a, "quality_referent", new Date("2024-06-01T10:00:00Z"));
    const old = await createEntry(scopeAs(a), complaint({ occurredOn: "2021-03-01", status: "close", answeredOn: "2021-03-02", answer: "Réglé", contactName: "Ancien Client" }));
    const recent = await createEntry(s, complaint({ occurredOn: "2024-05-01", status: "close", answeredOn: "2024-05-02", answer: "Réglé", contactName: "Client Récent" }));
    const open = await createEntry(scopeAs(a), complaint({ occurredOn: "2020-01-06", contactName: "Toujours Ouverte" }));
    const cookie = await sessionCookie(a.users.quality_referent.userId, a.officeId);
    const exported = await callRoute(personalExport, { path: `/registres/entrees/${old}/donnees.json`, params: { entryId: String(old) }, cookie });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ name: "Ancien Client" });
    expect(await anonymiseExpired(s)).toBeGreaterThanOrEqual(1);
    expect((await getEntry(s, old))?.contactName).toBe("");
    expect((await getEntry(s, old))?.anonymised).toBe(true);
    expect((await getEntry(s, recent))?.contactName).toBe("Client Récent");
    expect((await getEntry(s, open))?.contactName).toBe("Toujours Ouverte");
    // The figures stay.
    expect((await getEntry(s, old))?.subject).toBe("Attente trop longue au guichet");
    expect(await erasePersonalData(s, recent)).toBe(true);
    expect((await getEntry(s, recent))?.contactName).toBe("");
    expect(await erasePersonalData(scopeAs(b), open)).toBe(false);
    expect((await getEntry(s, open))?.contactName).toBe("Toujours Ouverte");
    // An edit does not bring anonymised data back.
    await updateEntry(s, old, complaint({ occurredOn: "2021-03-01", status: "close", answeredOn: "2021-03-02", answer: "Réglé", contactName: "Revenu" }));
    expect((await getEntry(s, old))?.contactName).toBe("");
  });
});

describe("dysfunctions and actions", () => {
  it("links a recurring dysfunction to the earlier ones and counts occurrences; refuses loops and other offices' entries", async () => {
    const s = scopeAs(a);
    const first = await createEntry(s, dysfunction({ occurredOn: "2019-02-10" }));
    const second = await createEntry(s, dysfunction({ occurredOn: "2020-02-12", recurrenceOfId: first }));
    const third = await createEntry(s, dysfunction({ occurredOn: "2021-02-15", recurrenceOfId: second }));
    expect((await getEntry(s, third))?.occurrence).toBe(3);
    expect((await getEntry(s, first))?.later.map((l) => l.id)).toEqual([second]);
    await expect(updateEntry(s, first, dysfunction({ occurredOn: "2019-02-10", recurrenceOfId: third }))).rejects.toThrow(/suite/);
    const foreign = await createEntry(scopeAs(b), dysfunction());
    await expect(createEntry(s, dysfunction({ recurrenceOfId: foreign }))).rejects.toThrow(/antérieur/);
  });

  it("turns an entry into actions linked both ways, and is not closed while they are open unless told why", async () => {
    const s = scopeAs(a);
    const entry = await createEntry(s, dysfunction({ occurredOn: "2021-03-01", siteId: a.siteId }));
    const actionId = await createActionFromEntry(s, entry, { title: "Changer de prestataire informatique", description: "", origin: "other", findingId: null, originDetail: "", ownerId: a.personId, contributorIds: [], siteIds: [a.siteId], dueOn: "2021-06-30", priority: "haute" });
    expect(actionId).not.toBeNull();
    const action = await getDb()("actions").where({ id: actionId! }).first();
    expect(action?.origin).toBe("dysfunction");
    expect(await entryOfAction(s, actionId!)).toMatchObject({ id: entry, kind: "dysfunction" });
    expect(await entryOfAction(scopeAs(b), actionId!)).toBeNull();
    expect((await getEntry(s, entry))?.actions.map((x) => x.id)).toEqual([actionId]);
    expect(await updateEntry(s, entry, dysfunction({ occurredOn: "2021-03-01", siteId: a.siteId, status: "clos" }))).toEqual({ closeReason: expect.stringMatching(/encore ouverte/) });
    expect((await getEntry(s, entry))?.status).toBe("ouvert");
    expect(await updateEntry(s, entry, dysfunction({ occurredOn: "2021-03-01", siteId: a.siteId, status: "clos", closeReason: "Suivi dans le plan" }))).toBeNull();
    expect((await getEntry(s, entry))?.closedOn).toBe("2021-03-25");
    await changeStatus(s, { actionId: actionId! }, { status: "faite", completedOn: "2021-03-20", statusReason: "", proof: "" });
    expect(await updateEntry(s, entry, dysfunction({ occurredOn: "2021-03-01", siteId: a.siteId, status: "clos" }))).toBeNull();
    expect(await createActionFromEntry(scopeAs(b), entry, { title: "x", description: "", origin: "other", findingId: null, originDetail: "", ownerId: b.personId, contributorIds: [], siteIds: [], dueOn: null, priority: "normale" })).toBeNull();
  });
});

describe("register pages", () => {
  const count = async () => Number((await getDb()("register_entries").where({ office_id: a.officeId }).count({ n: "*" }))[0]?.n);

  it("refuses bad input beside the field with nothing written", async () => {
    const cookie = await sessionCookie(a.users.staff.userId, a.officeId);
    const before = await count();
    const post = (register: string, form: Record<string, string>) => callRoute(newPage, { method: "POST", path: `/registres/${register}/nouveau`, params: { register }, cookie, form });
    const noSubject = await post("reclamations", { occurredOn: "2021-03-25", channel: "guichet", status: "ouverte", subject: "" });
    expect(noSubject.status).toBe(400);
    expect(noSubject.body).toMatchObject({ fieldErrors: { subject: "Objet : ce champ est obligatoire." } });
    const review = await post("reclamations", { occurredOn: "2021-03-25", channel: "avis_en_ligne", status: "ouverte", subject: "Avis", reviewUrl: "pas une adresse" });
    expect(review.body).toMatchObject({ fieldErrors: { platform: expect.stringMatching(/^Plateforme/), reviewUrl: expect.stringMatching(/^Lien vers l'avis/) } });
    const answeredBefore = await post("reclamations", { occurredOn: "2021-03-25", channel: "guichet", status: "ouverte", subject: "x", answeredOn: "2021-03-20", answer: "ok" });
    expect(answeredBefore.body).toMatchObject({ fieldErrors: { answeredOn: expect.stringMatching(/précéder/) } });
    // An answer or a decision dated after today (a typing slip: 2062 for 2026) is refused.
    const answeredLater = await post("reclamations", { occurredOn: "2021-03-25", channel: "guichet", status: "ouverte", subject: "x", answeredOn: "2099-03-26", answer: "ok" });
    expect(answeredLater.status).toBe(400);
    expect(answeredLater.body).toMatchObject({ fieldErrors: { answeredOn: "Répondue le : la date ne peut pas être après aujourd'hui ; corrigez-la (au plus tard la date du jour)." } });
    const decidedLater = await post("suggestions", { occurredOn: "2021-03-25", source: "visitor", status: "retenue", subject: "x", decisionReason: "Bonne idée", decidedOn: "2099-03-26" });
    expect(decidedLater.status).toBe(400);
    expect(decidedLater.body).toMatchObject({ fieldErrors: { decidedOn: "Décidée le : la date ne peut pas être après aujourd'hui ; corrigez-la (au plus tard la date du jour)." } });
    const badDay = await post("dysfonctionnements", { occurredOn: "2021-02-31", status: "ouvert", subject: "x" });
    expect(badDay.body).toMatchObject({ fieldErrors: { occurredOn: expect.stringMatching(/^Constaté le/) } });
    const refused = await post("suggestions", { occurredOn: "2021-03-25", source: "visitor", status: "non_retenue", subject: "x" });
    expect(refused.body).toMatchObject({ fieldErrors: { decisionReason: expect.stringMatching(/^Raison de la décision/) } });
    const foreignSite = await post("reclamations", { occurredOn: "2021-03-25", channel: "guichet", status: "ouverte", subject: "x", siteId: String(b.siteId) });
    expect(foreignSite.status).toBe(400);
    expect(foreignSite.body).toMatchObject({ fieldErrors: { siteId: "Bureau : choix invalide." } });
    const hostile = await post("reclamations", { occurredOn: "2021-03-25", channel: "pigeon", status: "close", subject: "x", siteId: "99999999999" });
    expect(hostile.status).toBe(400);
    expect(await count()).toBe(before);
    const unknown = await callRoute(newPage, { method: "POST", path: "/registres/inconnu/nouveau", params: { register: "inconnu" }, cookie, form: { subject: "x" } });
    expect(unknown.status).toBe(404);
  });

  it("logs a complaint at the desk with three fields, then lets its author edit it only until handled", async () => {
    const staffCookie = await sessionCookie(a.users.staff.userId, a.officeId);
    const created = await callRoute(newPage, { method: "POST", path: "/registres/reclamations/nouveau", params: { register: "reclamations" }, cookie: staffCookie, form: { occurredOn: "2021-03-25", channel: "telephone", status: "ouverte", subject: "Brochure épuisée" } });
    expect(created.status).toBe(302);
    const id = Number(created.location?.split("/").pop());
    const form = { intent: "update", occurredOn: "2021-03-25", channel: "telephone", status: "ouverte", subject: "Brochure épuisée à Amou" };
    const post = (cookie: string, values: Record<string, string>) => callRoute(entryPage, { method: "POST", path: `/registres/entrees/${id}`, params: { entryId: String(id) }, cookie, form: values });
    expect((await post(staffCookie, form)).status).toBe(302);
    const otherStaff = await sessionCookie(a.users.admin.userId, a.officeId);
    expect((await post(otherStaff, { ...form, answer: "Renvoyée par courrier", answeredOn: "2021-03-26" })).status).toBe(302);
    expect((await getEntry(scopeAs(a), id))?.status).toBe("repondue");
    expect((await post(staffCookie, form)).status).toBe(403);
    const unknown = await post(otherStaff, { intent: "explode" });
    expect(unknown.status).toBe(400);
    const badUpdate = await post(otherStaff, { ...form, subject: "" });
    expect(badUpdate.status).toBe(400);
    expect((await getEntry(scopeAs(a), id))?.subject).toBe("Brochure épuisée à Amou");
    const answeredLater = await post(otherStaff, { ...form, subject: "Changée", answer: "Renvoyée", answeredOn: "2099-03-26" });
    expect(answeredLater.status).toBe(400);
    expect(answeredLater.body).toMatchObject({ fieldErrors: { answeredOn: expect.stringMatching(/après aujourd'hui/) } });
    expect((await getEntry(scopeAs(a), id))?.subject).toBe("Brochure épuisée à Amou");
    const badAction = await post(otherStaff, { intent: "action", title: "", ownerId: "", priority: "normale" });
    expect(badAction.status).toBe(400);
    expect(badAction.body).toMatchObject({ fieldErrors: { title: expect.stringMatching(/^Intitulé/), ownerId: expect.stringMatching(/^Pilote/) } });
    const made = await post(otherStaff, { intent: "action", title: "Réimprimer la brochure", ownerId: String(a.personId), priority: "normale" });
    expect(made.status).toBe(302);
    const actionId = Number((await getDb()("actions").where({ register_entry_id: id }).first())!.id);
    const actionView = await callRoute(actionPage, { path: `/plan-d-actions/${actionId}`, params: { actionId: String(actionId) }, cookie: otherStaff });
    expect(actionView.body).toMatchObject({ entry: { id, kind: "complaint" } });
    const noConfirm = await post(otherStaff, { intent: "erase" });
    expect(noConfirm.status).toBe(400);
  });

  it("saves the settings with French messages for bad values", async () => {
    const cookie = await sessionCookie(a.users.quality_referent.userId, a.officeId);
    const bad = await callRoute(overviewPage, { method: "POST", path: "/registres", cookie, form: { intent: "settings", answerDays: "0", retentionYears: "abc" } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ fieldErrors: { answerDays: expect.stringMatching(/^Délai de réponse/), retentionYears: expect.stringMatching(/^Conservation/) } });
    const page = await callRoute(listPage, { path: "/registres/reclamations?q=%25%25&page=abc&du=pas-une-date", params: { register: "reclamations" }, cookie });
    expect(page.status).toBe(200);
    // Late complaints stand out on the dashboard too.
    const board = await callRoute(dashboard, { path: "/tableau-de-bord", cookie });
    expect((board.body as { registers: { lateComplaints: number } }).registers.lateComplaints).toBeGreaterThan(0);
  });
});
