// The action plan on a real database: filters, search, pagination, status rules, owners who
// update their own actions, the export, and each office seeing only its own actions.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { addNote, changeStatus, checkEffectiveness, exportActionBatches, listActions, progressBySite, type PlanFilters } from "~/modules/action/queries.server";
import { generateActions } from "~/modules/action/generator.server";
import * as planPage from "~/routes/_app.plan-d-actions._index";
import * as newAction from "~/routes/_app.plan-d-actions.nouvelle";
import * as actionPage from "~/routes/_app.plan-d-actions.$actionId";
import * as exportCsv from "~/routes/plan-d-actions.export[.csv]";
import * as downloadPage from "~/routes/pieces-jointes.$attachmentId";
import * as boardPage from "~/routes/_app.plan-d-actions.tableau";
import * as dashboard from "~/routes/_app.tableau-de-bord";
import fs from "node:fs";
import path from "node:path";
import { createActionFixture, createAuditFixture, createOfficeFixture, createUserInOffice, sessionCookie, systemScope, unique, type OfficeFixture } from "../support/factories";
import { createFinding } from "~/modules/audit/queries.server";
import { callRoute } from "../support/routes";
import { commandScope, scopeOn } from "~/modules/scope.server";

let a: OfficeFixture;
let b: OfficeFixture;
let cookie: string;
const today = "2021-03-25";
const NONE: PlanFilters = { statuses: [], ownerId: null, siteId: null, origin: null, priority: null, overdue: false, dueWithinDays: null, auditId: null, labelId: null, findingId: null, q: "", sort: "due_on", dir: "asc" };

beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
  cookie = await sessionCookie(a.users.quality_referent.userId, a.officeId);
});

const post = (actionId: number, form: Record<string, string>, as = cookie) =>
  callRoute(actionPage, { method: "POST", path: "/p", params: { actionId: String(actionId) }, cookie: as, form });

describe("actions", () => {
  it("finds actions by their words as a French reader types them: accents, plurals, feminine, the start of a word (decision 056)", async () => {
    const office = await createOfficeFixture();
    const scope = scopeOn(commandScope(getDb(), office.officeId), today);
    const panels = await createActionFixture(office, { title: "Remplacer les panneaux signalétiques du bureau d'Amou" });
    const visits = await createActionFixture(office, { title: "Visite guidée accueillante", description: "Rédiger la fiche de la visite des Façades" });
    const local = await createActionFixture(office, { title: "Journaux locaux : publier l'agenda" });
    await createActionFixture(b, { title: "Panneau d'un autre office" });
    const found = async (q: string) => (await listActions(scope, { filters: { ...NONE, q }, page: 1 })).rows.map((r) => r.id).sort((x, y) => x - y);
    expect(await found("panneau")).toEqual([panels]);
    expect(await found("PANNEAUX Signalétique")).toEqual([panels]);
    expect(await found("signal")).toEqual([panels]);
    expect(await found("facade")).toEqual([visits]);
    expect(await found("visites guidées")).toEqual([visits]);
    expect(await found("accueillant")).toEqual([visits]);
    expect(await found("journal local")).toEqual([local]);
    expect(await found("amou")).toEqual([panels]);
    // Every word must match; a word found nowhere finds nothing; punctuation and quotes are words' edges, never syntax.
    expect(await found("panneaux visite")).toEqual([]);
    expect(await found("introuvable")).toEqual([]);
    expect(await found('"panneaux*" (NEAR')).toEqual([]);
    expect(await found('"panneaux*" (')).toEqual([panels]);
    expect(await found("  ' \" - ")).toEqual([panels, visits, local].sort((x, y) => x - y));
    // The count beside the list is the list's.
    const listed = await listActions(scope, { filters: { ...NONE, q: "visite" }, page: 1 });
    expect(listed.total).toBe(listed.rows.length);
    expect(listed.total).toBe(1);
    // A note's words are found too, and a changed title no longer finds the old words.
    await post(panels, { intent: "note", text: "Devis reçu des Établissements Martin" }, await sessionCookie(office.users.quality_referent.userId, office.officeId));
    expect(await found("etablissement martin")).toEqual([panels]);
  });

  it("filters by status, owner, site, overdue, due window, search without accents; pages", async () => {
    const signage = await createActionFixture(a, { title: "Demander le fléchage aux mairies d'Amou et de Hagetmau", dueOn: "2021-04-30", priority: "haute" });
    const facades = await createActionFixture(a, { title: "Façades d'Amou et de Saint-Sever", dueOn: "2021-03-01", siteIds: [] });
    await createActionFixture(b, { title: "Façades d'un autre office" });
    const list = (f: Partial<PlanFilters>, page = 1, pageSize = 50) => listActions(scopeOn(commandScope(getDb(), a.officeId), today), { filters: { ...NONE, ...f }, page, pageSize });
    expect((await list({ q: "facades" })).rows.map((r) => r.id)).toEqual([facades]);
    expect((await list({ q: "FLECHAGE hagetmau" })).rows.map((r) => r.id)).toEqual([signage]);
    expect((await list({ overdue: true })).rows.map((r) => r.id)).toEqual([facades]);
    expect((await list({ dueWithinDays: 60 })).rows.map((r) => r.id)).toEqual([signage]);
    expect((await list({ siteId: a.siteId })).rows.map((r) => r.id)).toEqual([signage]);
    expect((await list({ sort: "priority", dir: "desc" })).rows[0]!.id).toBe(signage);
    const all = await list({});
    expect(all.total).toBe(2);
    expect(all.progress).toMatchObject({ total: 2, open: 2, overdue: 1, percent: 0 });
    const page2 = await list({}, 2, 1);
    expect(page2.rows).toHaveLength(1);
    expect(page2.total).toBe(2);
  });

  it("filters by every criterion of the address, within the office only", async () => {
    const office = await createOfficeFixture();
    const audit = await createAuditFixture(office.officeId);
    const findingId = Number(
      ((await getDb()("findings").insert({ office_id: office.officeId, audit_id: audit.reportedAuditId, kind: "improvement", text: "Point", position: 1, created_at: "x", updated_at: "x" }).returning("id"))[0] as { id: number }).id,
    );
    const fromFinding = await createActionFixture(office, { origin: "finding", findingId, priority: "haute" });
    const complaint = await createActionFixture(office, { origin: "complaint", priority: "basse", siteIds: [] });
    await getDb()("actions").where({ id: complaint }).update({ status: "en_cours" });
    const list = async (params: string) =>
      (await callRoute(planPage, { path: `/plan-d-actions?${params}`, cookie: await sessionCookie(office.users.director.userId, office.officeId) })).body as { result: { rows: Array<{ id: number }> } };
    const ids = async (params: string) => (await list(params)).result.rows.map((r) => r.id).sort((x, y) => x - y);
    expect(await ids("statut=en_cours")).toEqual([complaint]);
    expect(await ids("statut=a_faire&statut=en_cours")).toEqual([fromFinding, complaint].sort((x, y) => x - y));
    expect(await ids(`pilote=${office.personId}`)).toEqual([fromFinding, complaint].sort((x, y) => x - y));
    expect(await ids("origine=complaint")).toEqual([complaint]);
    expect(await ids("priorite=haute")).toEqual([fromFinding]);
    expect(await ids(`constat=${findingId}`)).toEqual([fromFinding]);
    expect(await ids(`audit=${audit.reportedAuditId}`)).toEqual([fromFinding]);
    expect(await ids(`label=${audit.labelId}`)).toEqual([fromFinding]);
    expect(await ids("statut=pas-un-statut&page=abc")).toEqual([fromFinding, complaint].sort((x, y) => x - y));
    // Another office's ids in the address find nothing of theirs.
    expect(await ids(`pilote=${a.personId}`)).toEqual([]);
  });

  it("explains bad input on the action form in French, writing nothing", async () => {
    const before = Number((await getDb()("actions").count<{ n: number }[]>({ n: "*" }))[0]!.n);
    const answer = await callRoute(newAction, { method: "POST", path: "/n", cookie, form: { title: " ", origin: "rumeur", priority: "urgente", dueOn: "31/12/2021" } });
    expect(answer.status).toBe(400);
    expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({
      title: "Intitulé : ce champ est obligatoire.",
      origin: "Origine : choisissez dans la liste.",
      ownerId: "Pilote : faites un choix dans la liste.",
      dueOn: "Échéance : date attendue (jj/mm/aaaa).",
      priority: "Priorité : choisissez dans la liste.",
    });
    const id = await createActionFixture(a);
    const note = await post(id, { intent: "note", text: "" });
    expect((note.body as { fieldErrors: Record<string, string> }).fieldErrors.text).toBe("Note : ce champ est obligatoire.");
    const future = await post(id, { intent: "status", status: "faite", completedOn: "2999-01-01" });
    expect((future.body as { fieldErrors: Record<string, string> }).fieldErrors.completedOn).toMatch(/futur/);
    expect(Number((await getDb()("actions").count<{ n: number }[]>({ n: "*" }))[0]!.n)).toBe(before + 1);
    expect((await getDb()("actions").where({ id }).first())!.status).toBe("a_faire");
  });

  it("applies the status rules and keeps a note trail", async () => {
    const id = await createActionFixture(a, { title: "Rack à vélos à Hagetmau" });
    const done = await post(id, { intent: "status", status: "faite", completedOn: "", statusReason: "", proof: "" });
    expect(done.status).toBe(400);
    expect((done.body as { fieldErrors: Record<string, string> }).fieldErrors.completedOn).toBe("Date de réalisation : obligatoire pour une action faite.");
    const abandon = await post(id, { intent: "status", status: "abandonnee", statusReason: "Refus de la mairie" });
    expect((abandon.body as { fieldErrors: Record<string, string> }).fieldErrors.confirmAbandon).toMatch(/cochez la case/);
    expect((await post(id, { intent: "note", text: "Rendez-vous pris avec la mairie de Hagetmau" })).status).toBe(302);
    expect((await post(id, { intent: "status", status: "faite", completedOn: "2021-03-20", proof: "Photo du rack installé" })).status).toBe(302);
    expect((await post(id, { intent: "effectiveness", effectiveness: "efficace", effectivenessComment: "Utilisé par les cyclistes" })).status).toBe(302);
    const page = (await callRoute(actionPage, { path: "/p", params: { actionId: String(id) }, cookie })).body as {
      action: { status: string; completedOn: string; effectiveness: string; notes: Array<{ text: string }> };
    };
    expect(page.action).toMatchObject({ status: "faite", completedOn: "2021-03-20", effectiveness: "efficace" });
    expect(page.action.notes.map((n) => n.text)).toEqual(["Rendez-vous pris avec la mairie de Hagetmau"]);
    expect((await listActions(scopeOn(commandScope(getDb(), a.officeId), today), { filters: { ...NONE, q: "hagetmau rendez-vous" }, page: 1 })).rows.map((r) => r.id)).toEqual([id]);
  });

  it("shows the plan and the user's own open actions on the dashboard", async () => {
    const office = await createOfficeFixture();
    const user = await createUserInOffice(office.officeId, "staff");
    await getDb()("memberships").where({ id: user.membershipId }).update({ person_id: office.personId });
    await createActionFixture(office, { dueOn: "2000-01-01" });
    await createActionFixture(office, { dueOn: "2999-01-01" });
    const page = (await callRoute(dashboard, { path: "/tableau-de-bord", cookie: await sessionCookie(user.userId, office.officeId) })).body as {
      plan: { open: number; overdue: number };
      mine: { open: number; overdue: number };
    };
    expect(page.plan).toMatchObject({ open: 2, overdue: 1 });
    expect(page.mine).toMatchObject({ open: 2, overdue: 1 });
  });

  it("lets the owner update their own action, and nobody else without the right", async () => {
    const owner = await createUserInOffice(a.officeId, "staff");
    await getDb()("memberships").where({ id: owner.membershipId }).update({ person_id: a.personId });
    const ownerCookie = await sessionCookie(owner.userId, a.officeId);
    const mine = await createActionFixture(a, { ownerId: a.personId });
    expect((await post(mine, { intent: "note", text: "Commencé" }, ownerCookie)).status).toBe(302);
    expect((await post(mine, { intent: "update", title: "Renommée", origin: "other", ownerId: String(a.personId), priority: "haute" }, ownerCookie)).status).toBe(403);
    const otherStaff = await sessionCookie(a.users.staff.userId, a.officeId);
    expect((await post(mine, { intent: "note", text: "Intrus" }, otherStaff)).status).toBe(403);
  });

  it("creates an action from an improvement point, which then shows its progress", async () => {
    const audit = await createAuditFixture(a.officeId);
    const second = Number(((await getDb()("sites").insert({ office_id: a.officeId, name: "Saint-Sever", name_key: "saint-sever", created_at: "x", updated_at: "x" }).returning("id"))[0] as { id: number }).id);
    const findingId = (await createFinding(systemScope(a.officeId), { auditId: audit.reportedAuditId, kind: "improvement", text: "Rack à vélos à installer", criterionCode: "", siteIds: [a.siteId, second] }))!;
    const form = await callRoute(newAction, { path: `/plan-d-actions/nouvelle?constat=${findingId}`, cookie });
    // Every site of the finding is carried over to the new action's form.
    expect((form.body as { finding: { siteIds: string[] } }).finding).toEqual({ id: findingId, text: "Rack à vélos à installer", siteIds: expect.arrayContaining([String(a.siteId), String(second)]), criterionCode: "" });
    expect((form.body as { finding: { siteIds: string[] } }).finding.siteIds).toHaveLength(2);
    const whole = (await createFinding(systemScope(a.officeId), { auditId: audit.reportedAuditId, kind: "improvement", text: "Tout l'office", criterionCode: "", siteIds: [] }))!;
    expect((await callRoute(newAction, { path: `/plan-d-actions/nouvelle?constat=${whole}`, cookie })).body).toMatchObject({ finding: { siteIds: [] } });
    // Another office's finding is not offered.
    const otherAudit = await createAuditFixture(b.officeId);
    const foreign = (await createFinding(systemScope(b.officeId), { auditId: otherAudit.reportedAuditId, kind: "improvement", text: "Ailleurs", criterionCode: "", siteIds: [b.siteId] }))!;
    expect((await callRoute(newAction, { path: `/plan-d-actions/nouvelle?constat=${foreign}`, cookie })).body).toMatchObject({ finding: null });
    const created = await callRoute(newAction, {
      method: "POST",
      path: "/n",
      cookie,
      form: { title: "Rencontrer la mairie de Hagetmau pour le rack", origin: "finding", findingId: String(findingId), ownerId: String(a.personId), priority: "normale", siteIds: String(a.siteId) },
    });
    expect(created.status).toBe(302);
    const listed = await listActions(scopeOn(commandScope(getDb(), a.officeId), today), { filters: { ...NONE, auditId: audit.reportedAuditId }, page: 1 });
    expect(listed.rows.map((r) => r.title)).toEqual(["Rencontrer la mairie de Hagetmau pour le rack"]);
  });

  it("refuses another office's owner, site or finding, writing nothing", async () => {
    const before = Number((await getDb()("actions").count<{ n: number }[]>({ n: "*" }))[0]!.n);
    for (const [field, extra] of [
      ["ownerId", { ownerId: String(b.personId) }],
      ["siteIds", { ownerId: String(a.personId), siteIds: String(b.siteId) }],
    ] as const) {
      const answer = await callRoute(newAction, { method: "POST", path: "/n", cookie, form: { title: "X", origin: "other", priority: "normale", ...extra } });
      expect(answer.status).toBe(400);
      expect(Object.keys((answer.body as { fieldErrors: Record<string, string> }).fieldErrors)).toEqual([field]);
    }
    expect(Number((await getDb()("actions").count<{ n: number }[]>({ n: "*" }))[0]!.n)).toBe(before);
  });

  it("exports the filtered plan as CSV for a French Excel", async () => {
    await createActionFixture(a, { title: "=HYPERLINK(\"x\") ; piège", dueOn: "2021-02-01" });
    const response = (await exportCsv.loader({
      request: new Request("http://localhost/plan-d-actions/export.csv?en-retard=1", { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="plan-d-actions-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(
      text.startsWith(
        "\uFEFFN°;Action;Description;Origine;Précision sur l'origine;Constat d'audit;Pilote;Contributeurs;Bureaux;Échéance;Priorité;Statut;Raison (bloquée, abandonnée);Réalisée le;Preuve de réalisation;Pièces jointes;Dernière note;Date de la dernière note;Efficacité;Vérifiée le;Vérifiée par;Commentaire sur l'efficacité;En retard\r\n",
      ),
    ).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""x"") ; piège";;Autre;`);
    expect(text).toContain(";01/02/2021;Normale;À faire;;;;;;;;;;;oui\r\n");
    expect(text).not.toContain("autre office");
  });

  it("exports what a référente keeps in her spreadsheet: description, last note, proof, files, effectiveness", async () => {
    const db = getDb();
    const actionId = await createActionFixture(a, { title: "Rack à vélos de Hagetmau", description: "Devant l'office, côté place.", originDetail: "Audit 2020", contributorIds: [a.personId], dueOn: "2021-05-31" });
    const query = { actionId };
    const scope = scopeOn({ ...systemScope(a.officeId), actor: { userId: null, name: "Référente" } }, today);
    await addNote(scope, query, "Premier contact avec la mairie.");
    await addNote(scope, query, "Rack commandé.");
    expect(await changeStatus(scope, query, { status: "faite", completedOn: "2021-03-20", statusReason: "", proof: "Photo du rack installé" })).toBeNull();
    await db("attachments").insert({ office_id: a.officeId, action_id: actionId, storage_key: unique("k"), original_name: "rack.jpg", content_type: "image/jpeg", size: 10, uploaded_by_name: "Référente", created_at: "2021-05-20T10:00:00.000Z" });
    await checkEffectiveness(scope, query, { effectiveness: "efficace", effectivenessComment: "Utilisé chaque jour" });
    const response = (await exportCsv.loader({ request: new Request("http://localhost/plan-d-actions/export.csv?q=hagetmau", { headers: { Cookie: cookie } }), params: {}, context: {} })) as Response;
    const line = (await response.text()).split("\r\n").find((l) => l.includes("Rack à vélos de Hagetmau"))!;
    const cells = line.split(";");
    expect(cells.slice(1)).toEqual([
      "Rack à vélos de Hagetmau",
      "Devant l'office, côté place.",
      "Autre",
      "Audit 2020",
      "",
      expect.any(String),
      expect.any(String),
      expect.any(String),
      "31/05/2021",
      "Normale",
      "Faite",
      "",
      "20/03/2021",
      "Photo du rack installé",
      "rack.jpg",
      "Rack commandé.",
      expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/),
      "Efficace",
      "25/03/2021",
      "Référente",
      "Utilisé chaque jour",
      "non",
    ]);
  });

  it("streams the export a batch at a time: the header first, then every action once, in the list's order", async () => {
    const office = await createOfficeFixture();
    const scope = scopeOn(commandScope(getDb(), office.officeId), today);
    await generateActions(scope, { count: 1_234, seed: 7 });
    const filters: PlanFilters = { ...NONE, sort: "priority", dir: "desc" };
    const batches: number[][] = [];
    for await (const batch of exportActionBatches(scope, { filters, batchSize: 500 })) batches.push(batch.map((r) => r.id));
    expect(batches.map((b) => b.length)).toEqual([500, 500, 234]);
    const listed = (await listActions(scope, { filters, page: 1, pageSize: 2_000 })).rows.map((r) => r.id);
    expect(batches.flat()).toEqual(listed);

    const cookieB = await sessionCookie(office.users.quality_referent.userId, office.officeId);
    const response = (await exportCsv.loader({ request: new Request("http://localhost/plan-d-actions/export.csv?tri=priority&ordre=desc", { headers: { Cookie: cookieB } }), params: {}, context: {} })) as Response;
    const reader = response.body!.getReader();
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    // The first chunk is the header alone: it leaves before any action is read.
    const first = decoder.decode((await reader.read()).value);
    expect(first).toMatch(/^\uFEFFN°;Action;.*;En retard\r\n$/);
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value, { stream: true });
    const ids = rest.split("\r\n").filter(Boolean).map((l) => Number(l.split(";")[0]));
    expect(ids).toEqual(listed);
  });

  it("a member reads the plan but cannot add to it", async () => {
    const member = await sessionCookie(a.users.quality_group_member.userId, a.officeId);
    expect((await callRoute(planPage, { path: "/plan-d-actions", cookie: member })).status).toBe(200);
    expect((await callRoute(newAction, { method: "POST", path: "/n", cookie: member, form: { title: "X" } })).status).toBe(403);
  });

  it("never writes to another office's action, whatever the path", async () => {
    const theirs = await createActionFixture(b);
    const snapshot = async () => ({
      action: await getDb()("actions").where({ id: theirs }).first(),
      notes: Number((await getDb()("action_notes").where({ action_id: theirs }).count<{ n: number }[]>({ n: "*" }))[0]!.n),
      attachments: Number((await getDb()("attachments").where({ action_id: theirs }).count<{ n: number }[]>({ n: "*" }))[0]!.n),
      history: Number((await getDb()("history").where({ entity_type: "action", entity_id: theirs }).count<{ n: number }[]>({ n: "*" }))[0]!.n),
    });
    const before = await snapshot();
    const attempts = [
      post(theirs, { intent: "update", title: "Piraté", origin: "other", ownerId: String(a.personId), priority: "haute" }),
      post(theirs, { intent: "status", status: "faite", completedOn: "2021-01-01" }),
      post(theirs, { intent: "note", text: "Intrus" }),
      post(theirs, { intent: "quick", status: "en_cours", note: "Intrus" }),
      post(theirs, { intent: "effectiveness", effectiveness: "efficace" }),
      callRoute(actionPage, { method: "POST", path: "/p", params: { actionId: String(theirs) }, cookie, form: { intent: "attach" }, files: { file: { name: "x.png", content: "x" } } }),
      callRoute(boardPage, { method: "POST", path: "/plan-d-actions/tableau", cookie, form: { actionId: String(theirs), status: "en_cours" } }),
    ];
    for (const answer of await Promise.all(attempts)) expect(answer.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("writes a history row with each status change, note and file, and forgets effectiveness when reopened", async () => {
    const id = await createActionFixture(a);
    const historyCount = async () => Number((await getDb()("history").where({ entity_type: "action", entity_id: id }).count<{ n: number }[]>({ n: "*" }))[0]!.n);
    const start = await historyCount();
    await post(id, { intent: "status", status: "faite", completedOn: "2021-03-01" });
    await post(id, { intent: "note", text: "Vu sur place" });
    await post(id, { intent: "effectiveness", effectiveness: "efficace" });
    expect(await historyCount()).toBe(start + 3);
    await post(id, { intent: "status", status: "en_cours" });
    const row = await getDb()("actions").where({ id }).first();
    expect(row).toMatchObject({ status: "en_cours", completed_on: null, effectiveness: null, effectiveness_on: null });
  });

  it("asks to open the action to abandon it from the list or the board", async () => {
    const id = await createActionFixture(a);
    const quick = await post(id, { intent: "quick", status: "abandonnee", note: "Trop cher", back: "/plan-d-actions" });
    expect(quick.status).toBe(302);
    const board = await callRoute(boardPage, { method: "POST", path: "/plan-d-actions/tableau", cookie, form: { actionId: String(id), status: "abandonnee" } });
    expect(board.status).toBe(400);
    expect((board.body as { formError: string }).formError).toMatch(/ouvrez l'action pour l'abandonner/);
    expect((await getDb()("actions").where({ id }).first())!.status).toBe("a_faire");
    // The note typed with the refused change is kept.
    expect((await getDb()("action_notes").where({ action_id: id })).map((n) => n.text)).toEqual(["Trop cher"]);
  });
});

describe("progress per site", () => {
  it("counts done, open and overdue actions for each site and for the whole office", async () => {
    const office = await createOfficeFixture();
    const done = await createActionFixture(office, { dueOn: "2021-01-01" });
    await createActionFixture(office, { dueOn: "2021-01-01" });
    await createActionFixture(office, { siteIds: [], dueOn: "2099-01-01" });
    await getDb()("actions").where({ id: done }).update({ status: "faite", completed_on: "2021-01-01" });
    const bySite = await progressBySite(scopeOn(commandScope(getDb(), office.officeId), today));
    expect(bySite.get(office.siteId)).toEqual({ total: 2, done: 1, open: 1, overdue: 1, abandoned: 0, percent: 50 });
    expect(bySite.get(null)).toEqual({ total: 1, done: 0, open: 1, overdue: 0, abandoned: 0, percent: 0 });
  });
});

describe("quick update from the list", () => {
  it("changes the status and adds a note in one go, then goes back to the list as it was", async () => {
    const id = await createActionFixture(a);
    const answer = await post(id, { intent: "quick", status: "faite", note: "Installé.", back: "/plan-d-actions?en-retard=1" });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/plan-d-actions?en-retard=1");
    const row = await getDb()("actions").where({ id }).first();
    expect(row?.status).toBe("faite");
    expect((await getDb()("action_notes").where({ action_id: id })).map((n) => n.text)).toEqual(["Installé."]);
    const outside = await post(id, { intent: "quick", status: "en_cours", back: "https://ailleurs.example/" });
    expect(outside.location).toBe("/plan-d-actions");
  });
});

describe("the board", () => {
  const move = (actionId: number, status: string) => callRoute(boardPage, { method: "POST", path: "/plan-d-actions/tableau", cookie, form: { actionId: String(actionId), status } });

  it("moves a card under the status rules: done today, a blocked card needs its reason", async () => {
    const id = await createActionFixture(a);
    expect((await move(id, "en_cours")).status).toBe(302);
    const blocked = await move(id, "bloquee");
    expect(blocked.status).toBe(400);
    expect((blocked.body as { formError: string }).formError).toMatch(/Raison : dites pourquoi l'action est bloquée\. Ouvrez l'action pour le préciser\./);
    expect((await move(id, "faite")).status).toBe(302);
    const row = await getDb()("actions").where({ id }).first();
    expect(row?.status).toBe("faite");
    expect(row?.completed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const columns = ((await callRoute(boardPage, { path: "/plan-d-actions/tableau", cookie })).body as { columns: Array<{ status: string; cards: Array<{ id: number }> }> }).columns;
    expect(columns.find((c) => c.status === "faite")!.cards.map((c) => c.id)).toContain(id);
  });
});

describe("proof files", () => {
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
  const attach = (actionId: number, name: string, content: Uint8Array<ArrayBuffer> | string, as = cookie) =>
    callRoute(actionPage, { method: "POST", path: "/p", params: { actionId: String(actionId) }, cookie: as, form: { intent: "attach" }, files: { file: { name, content } } });
  const fileCount = () => {
    const dir = process.env.FILES_DIR!;
    return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => !fs.statSync(path.join(dir, String(f))).isDirectory()).length : 0;
  };
  const attachmentsCount = async () => Number((await getDb()("attachments").count<{ n: number }[]>({ n: "*" }))[0]!.n);

  it("keeps a photo as proof and serves it to its office only", async () => {
    const id = await createActionFixture(a);
    const ok = await attach(id, "rack-hagetmau.png", PNG);
    expect(ok.status).toBe(302);
    const page = (await callRoute(actionPage, { path: "/p", params: { actionId: String(id) }, cookie })).body as { attachments: Array<{ id: number; originalName: string }> };
    expect(page.attachments.map((x) => x.originalName)).toEqual(["rack-hagetmau.png"]);
    const attachmentId = String(page.attachments[0]!.id);
    const download = await downloadPage.loader({ request: new Request("http://localhost/x", { headers: { Cookie: cookie } }), params: { attachmentId }, context: {} });
    expect((download as Response).headers.get("Content-Type")).toBe("image/png");
    expect((download as Response).headers.get("Content-Disposition")).toBe(`attachment; filename="rack-hagetmau.png"; filename*=UTF-8''rack-hagetmau.png`);
    expect((download as Response).headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await (download as Response).arrayBuffer())).toEqual(PNG);
    const foreign = await sessionCookie(b.users.admin.userId, b.officeId);
    const refused = await callRoute(downloadPage, { path: "/x", params: { attachmentId }, cookie: foreign });
    expect(refused.status).toBe(404);
  });

  it.each([
    ["too big", "grande.png", () => { const big = new Uint8Array(10 * 1024 * 1024 + 1); big.set(PNG); return big; }, /10 Mo au maximum/],
    ["of another type", "photo.png", () => new TextEncoder().encode("#!/bin/sh\necho pirate") as Uint8Array<ArrayBuffer>, /seuls les photos/],
    ["named with a path", "../../etc/passwd.png", () => PNG, /ni chemin/],
  ])("refuses a file %s with a French message, writing nothing", async (_what, name, content, message) => {
    const id = await createActionFixture(a);
    const [files, rows] = [fileCount(), await attachmentsCount()];
    const answer = await attach(id, name, content());
    expect(answer.status).toBe(400);
    expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors.file).toMatch(message);
    expect([fileCount(), await attachmentsCount()]).toEqual([files, rows]);
  });

  it.each([
    "rapport; v2.png",
    "a=b=c.png",
    "Capture d’écran 2024-03-05 à 14.32.10.png",
    "rapport (1) #2 & 50% [final]+{v}.png",
    "guillemets \"doubles\" et 'simples'.png",
    "café-déco\u0301.png",
    "photo 🚲 vélo.png",
    "name; filename=\"evil.png\".png",
    "fin;.png",
  ])("keeps a file whose name a computer produced: %j", async (name) => {
    const id = await createActionFixture(a);
    const answer = await attach(id, name, PNG);
    expect(answer.status, JSON.stringify(answer.body)).toBe(302);
    const page = (await callRoute(actionPage, { path: "/p", params: { actionId: String(id) }, cookie })).body as { attachments: Array<{ originalName: string }> };
    // Browsers (and Node's FormData) send a double quote as %22 in the part's header.
    expect(page.attachments.map((x) => x.originalName)).toEqual([name.replace(/"/g, "%22").normalize("NFC")]);
  });

  it.each([
    ["too long", `${"x".repeat(200)}.png`],
    ["with a colon", "rapport 2024:03.png"],
    ["hidden", ".png"],
  ])("refuses a name %s in French, writing nothing", async (_what, name) => {
    const id = await createActionFixture(a);
    const [files, rows] = [fileCount(), await attachmentsCount()];
    const answer = await attach(id, name, PNG);
    expect(answer.status).toBe(400);
    expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors.file).toMatch(/^Fichier : son nom/);
    expect([fileCount(), await attachmentsCount()]).toEqual([files, rows]);
  });

  it("refuses a request with several files or too many fields before keeping them", async () => {
    const id = await createActionFixture(a);
    const form: Record<string, string> = { intent: "attach" };
    for (let i = 0; i < 30; i += 1) form[`f${i}`] = "x";
    const [files, rows] = [fileCount(), await attachmentsCount()];
    const answer = await callRoute(actionPage, { method: "POST", path: "/p", params: { actionId: String(id) }, cookie, form, files: { file: { name: "a.png", content: PNG } } });
    expect(answer.status).toBe(400);
    expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors.file).toBe("Fichier : 10 Mo au maximum.");
    expect([fileCount(), await attachmentsCount()]).toEqual([files, rows]);
  });

  it("refuses uploads from someone who may not update the action", async () => {
    const id = await createActionFixture(a);
    const staff = await sessionCookie(a.users.staff.userId, a.officeId);
    expect((await attach(id, "x.png", PNG, staff)).status).toBe(403);
  });
});
