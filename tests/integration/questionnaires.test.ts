// The satisfaction questionnaires on a real database (SQLite, and PostgreSQL in the other
// project): campaigns, copies and questions locked once answered; sheets typed, imported and
// sent from the public page; results against the previous campaign held; complaints and
// actions from answers; personal answers kept only with consent and erased after retention;
// and the public page's abuse: outside the campaign, over the limit, oversized or missing
// fields, the bot field, another office's questions — refused cleanly, nothing written.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { newFormToken } from "~/domain/form-token";
import { hitRateLimit } from "~/modules/rate-limit/queries.server";
import { PUBLIC_POSTS_PER_ADDRESS } from "~/modules/rate-limit/rules";
import { addressKey } from "~/modules/questionnaire/links.server";
import {
  QuestionnaireInputError,
  actionFromQuestionnaire,
  addQuestion,
  addSheets,
  complaintFromResponse,
  copyQuestionnaire,
  createQuestionnaire,
  deleteQuestionnaire,
  erasePersonalAnswersExpired,
  getQuestionnaire,
  getResponse,
  listQuestionnaires,
  questionnaireResults,
  recordSheet,
  removeQuestion,
  updateQuestion,
  updateQuestionnaire,
} from "~/modules/questionnaire/queries.server";
import { answerField, type SheetValues } from "~/modules/questionnaire/schema";
import { getEntry } from "~/modules/register/queries.server";
import { officeScope, scopeOn, type Scope } from "~/modules/scope.server";
import * as publicPage from "~/routes/questionnaire.$token";
import * as entryPage from "~/routes/_app.registres.questionnaires.$questionnaireId.saisie";
import * as importPage from "~/routes/_app.registres.questionnaires.$questionnaireId.import";
import * as responsePage from "~/routes/_app.registres.questionnaires.reponses.$responseId";
import * as resultsPage from "~/routes/_app.registres.questionnaires.$questionnaireId._index";
import { createOfficeFixture, createQuestionnaireFixture, sessionCookie, systemScope, type OfficeFixture, type QuestionnaireFixture } from "../support/factories";
import { callRoute } from "../support/routes";

let a: OfficeFixture;
let b: OfficeFixture;
const db = () => getDb();

beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
});

function referent(office: OfficeFixture, day = "2021-07-14"): Scope {
  return scopeOn(officeScope(db(), { officeId: office.officeId, actor: { userId: office.users.quality_referent.userId, name: "Référente" }, role: "quality_referent" }), day);
}

const blankSheet = (extra: Partial<SheetValues> = {}): SheetValues => ({ siteId: null, consent: false, answeredOn: "2019-07-14", channel: "papier", answers: [], ...extra });
const scale = (questionId: number, level: number) => ({ questionId, number: level, choices: [], text: "" });
const text = (questionId: number, value: string) => ({ questionId, number: null, choices: [], text: value });

async function count(table: string, where: Record<string, unknown> = {}) {
  const [row] = await db()(table).where(where).count<{ n: number }[]>({ n: "*" });
  return Number(row?.n ?? 0);
}

describe("campaigns", () => {
  it("copies last year's campaign to a year, its questions linked, and records a campaign not held", async () => {
    const s = referent(a);
    const first = await createQuestionnaire(s, {
      title: "Visiteurs 2019",
      startsOn: "2019-07-01",
      endsOn: "2019-08-31",
      siteIds: [a.siteId],
      channels: ["papier"],
      intro: "",
      thanks: "",
      notHeld: false,
      notHeldReason: "",
      starter: true,
    });
    const copy = (await copyQuestionnaire(s, first, 2020))!;
    const [source, copied] = await Promise.all([getQuestionnaire(s, first), getQuestionnaire(s, copy)]);
    expect(copied).toMatchObject({ title: "Visiteurs 2020", startsOn: "2020-07-01", endsOn: "2020-08-31", copiedFromId: first, sites: [{ id: a.siteId }] });
    expect(copied!.questions.map((q) => [q.text, q.copiedFromId])).toEqual(source!.questions.map((q) => [q.text, q.id]));
    expect(copied!.publicToken).not.toBe(source!.publicToken);
    await updateQuestionnaire(s, copy, { ...copied!, siteIds: [a.siteId], notHeld: true, notHeldReason: "COVID", starter: false });
    expect((await listQuestionnaires(s)).find((q) => q.id === copy)).toMatchObject({ state: "non_realisee", notHeldReason: "COVID" });
    // Another office's campaign cannot be copied, nor its sites used.
    expect(await copyQuestionnaire(referent(b), first, 2021)).toBeNull();
    await expect(createQuestionnaire(referent(b), { ...copied!, siteIds: [a.siteId], notHeld: false, notHeldReason: "", starter: false })).rejects.toThrow(QuestionnaireInputError);
  });

  it("locks the questions' kind and choices once answered; the wording may still be corrected", async () => {
    const fx = await createQuestionnaireFixture(a);
    const s = systemScope(a.officeId);
    const [accueil] = fx.questionIds;
    await recordSheet(s, fx.questionnaireId, blankSheet({ answeredOn: s.today, answers: [scale(accueil!, 4)] }));
    const base = { kind: "scale" as const, text: "Accueil au guichet", help: "", required: true, levels: 4 as const, choices: [], minValue: null, maxValue: null, personal: false };
    expect(await updateQuestion(s, fx.questionnaireId, accueil!, base)).toBe(true);
    await expect(updateQuestion(s, fx.questionnaireId, accueil!, { ...base, levels: 5 })).rejects.toThrow(/seuls le libellé/);
    await expect(removeQuestion(s, fx.questionnaireId, accueil!)).rejects.toThrow(QuestionnaireInputError);
    await expect(addQuestion(s, fx.questionnaireId, base)).rejects.toThrow(QuestionnaireInputError);
    expect(await deleteQuestionnaire(s, fx.questionnaireId)).toBe("has_answers");
    // Another office's question is not found.
    expect(await updateQuestion(systemScope(b.officeId), fx.questionnaireId, accueil!, base)).toBe(false);
  });
});

describe("results", () => {
  it("per question, per site and against the previous campaign held, skipping one not held", async () => {
    // An office of its own: the campaigns of other tests would be "previous" ones.
    const c = await createOfficeFixture();
    const s = referent(c);
    const id2019 = await createQuestionnaire(s, { title: "Résultats 2019", startsOn: "2019-07-01", endsOn: "2019-08-31", siteIds: [c.siteId], channels: ["papier"], intro: "", thanks: "", notHeld: false, notHeldReason: "", starter: false });
    const none = { help: "", required: false, levels: null, choices: [] as string[], minValue: null, maxValue: null, personal: false };
    await addQuestion(s, id2019, { ...none, kind: "scale", text: "Accueil", levels: 4 });
    await addQuestion(s, id2019, { ...none, kind: "text", text: "Remarques" });
    const q2019 = (await getQuestionnaire(s, id2019))!.questions;
    // 2019: 4 sheets at the site, accueil 4, 3, 2, 1 → 50 % satisfied.
    await addSheets(s, id2019, [4, 3, 2, 1].map((level) => blankSheet({ siteId: c.siteId, answers: [scale(q2019[0]!.id, level)] })));
    const id2020 = (await copyQuestionnaire(s, id2019, 2020))!;
    await updateQuestionnaire(s, id2020, { ...(await getQuestionnaire(s, id2020))!, siteIds: [c.siteId], notHeld: true, notHeldReason: "COVID", starter: false });
    const id2021 = (await copyQuestionnaire(s, id2020, 2021))!;
    const q2021 = (await getQuestionnaire(s, id2021))!.questions;
    // 2021: 4 sheets, accueil 4, 4, 3, 1 → 75 %; one sheet without a site; one comment.
    await addSheets(s, id2021, [
      blankSheet({ siteId: c.siteId, answeredOn: "2021-07-01", answers: [scale(q2021[0]!.id, 4), text(q2021[1]!.id, "Très bon accueil")] }),
      blankSheet({ siteId: c.siteId, answeredOn: "2021-07-01", answers: [scale(q2021[0]!.id, 4)] }),
      blankSheet({ siteId: c.siteId, answeredOn: "2021-07-01", answers: [scale(q2021[0]!.id, 3)] }),
      blankSheet({ siteId: null, answeredOn: "2021-07-02", answers: [scale(q2021[0]!.id, 1)] }),
    ]);
    const detail = (await getQuestionnaire(s, id2021))!;
    const results = await questionnaireResults(s, detail, { siteId: null });
    expect(results).toMatchObject({ responses: 4, rate: 75, previous: { id: id2019, responses: 4, rate: 50 }, skipped: [{ id: id2020, reason: "COVID" }] });
    const accueil = results.questions[0]!;
    expect(accueil.previousQuestion?.id).toBe(q2019[0]!.id);
    expect(accueil.current).toMatchObject({ kind: "scale", stats: { counts: [1, 0, 1, 2], mean: 3, satisfactionRate: 75 } });
    expect(accueil.previous).toMatchObject({ kind: "scale", stats: { satisfactionRate: 50 } });
    expect(results.sites).toEqual([
      expect.objectContaining({ siteId: c.siteId, responses: 3, rate: 100, previousRate: 50 }),
      expect.objectContaining({ siteId: null, siteName: "Sans bureau précisé", responses: 1, rate: 0 }),
    ]);
    expect(results.texts[0]!.answers.map((t) => t.text)).toEqual(["Très bon accueil"]);
    expect(results.dissatisfied.total).toBe(1);
    // One site only.
    expect(await questionnaireResults(s, detail, { siteId: c.siteId })).toMatchObject({ responses: 3, rate: 100, dissatisfied: { total: 0 } });
    // Another office sees nothing of it.
    expect(await getQuestionnaire(referent(b), id2021)).toBeNull();
  });
});

describe("what an answer leads to", () => {
  it("a complaint of the register (channel questionnaire, the sheet's day and site) and actions, linked both ways", async () => {
    const fx = await createQuestionnaireFixture(a);
    const s = systemScope(a.officeId);
    const [accueil, , , remarques, email] = fx.questionIds;
    const responseId = (await recordSheet(s, fx.questionnaireId, blankSheet({ siteId: a.siteId, answeredOn: s.today, consent: true, answers: [scale(accueil!, 1), text(remarques!, "Personne au guichet"), text(email!, "v@example.org")] })))!;
    const entryId = (await complaintFromResponse(s, responseId, { subject: "Guichet vide", description: "", category: "Accueil", personId: null }))!;
    const entry = await getEntry(s, entryId);
    expect(entry).toMatchObject({ kind: "complaint", channel: "questionnaire", occurredOn: s.today, siteId: a.siteId, status: "ouverte", contactDetails: "v@example.org" });
    expect(entry!.description).toContain(`Réponse n° ${responseId}`);
    expect(entry!.description).toContain("Réponses basses : Qualité de l'accueil : pas du tout satisfait.");
    expect(entry!.description).toContain("Le visiteur a écrit : « Personne au guichet »");
    expect(entry!.description).not.toContain("v@example.org");
    const actionId = (await actionFromQuestionnaire(s, { questionnaireId: fx.questionnaireId, responseId }, { title: "Former à l'accueil", description: "", ownerId: a.personId, dueOn: null, priority: "normale" }))!;
    expect(await db()("actions").where({ id: actionId }).first()).toMatchObject({ origin: "questionnaire", office_id: a.officeId });
    expect((await getResponse(s, responseId))!.followUps.map((f) => f.kind)).toEqual(["complaint", "action"]);
    // A sheet of another office leads nowhere.
    expect(await complaintFromResponse(systemScope(b.officeId), responseId, { subject: "x", description: "", category: "", personId: null })).toBeNull();
    expect(await actionFromQuestionnaire(systemScope(b.officeId), { questionnaireId: fx.questionnaireId, responseId: null }, { title: "x", description: "", ownerId: b.personId, dueOn: null, priority: "normale" })).toBeNull();
  });

  it("keeps personal answers only with consent, hides them from members, erases them after the retention period", async () => {
    const fx = await createQuestionnaireFixture(a, { open: false });
    const s = referent(a, "2019-08-01");
    const email = fx.questionIds[4]!;
    const without = (await recordSheet(s, fx.questionnaireId, blankSheet({ consent: false, answers: [scale(fx.questionIds[0]!, 4), text(email, "secret@example.org")] })))!;
    const kept = (await recordSheet(s, fx.questionnaireId, blankSheet({ consent: true, answers: [scale(fx.questionIds[0]!, 4), text(email, "ok@example.org")] })))!;
    expect((await getResponse(s, without))!.answers.map((x) => x.value)).not.toContain("secret@example.org");
    expect((await getResponse(s, kept))!.answers.map((x) => x.value)).toContain("ok@example.org");
    const member = { ...s, role: "quality_group_member" as const };
    expect(await getResponse(member, kept)).toMatchObject({ hiddenPersonal: 1 });
    expect(JSON.stringify(await db()("history").where({ entity_type: "questionnaire_response", entity_id: kept }))).not.toContain("ok@example.org");
    // The campaign ended on 31 August 2019; three years later the address goes, the level stays.
    expect(await erasePersonalAnswersExpired(scopeOn(systemScope(a.officeId), "2022-08-30"))).toBe(0);
    expect(await erasePersonalAnswersExpired(scopeOn(systemScope(a.officeId), "2022-09-01"))).toBe(1);
    expect((await getResponse(s, kept))!.answers.map((x) => x.value)).toEqual(["4 — Très satisfait"]);
  });
});

// ── The public page ─────────────────────────────────────────────────────────────────────────

let ipCounter = 0;
/** A fresh address per test, so that limits of one test do not spill into another. */
const freshIp = () => `203.0.113.${(ipCounter += 1)}`;

function post(fx: QuestionnaireFixture, form: Record<string, string>, options: { ip?: string; token?: string } = {}) {
  const token = options.token ?? fx.token;
  return callRoute(publicPage, { method: "POST", path: `/questionnaire/${token}`, params: { token }, form: { site_web: "", ...form }, clientIp: options.ip ?? freshIp() });
}

const valid = (fx: QuestionnaireFixture) => ({ [answerField(fx.questionIds[0]!)]: "4", [answerField(fx.questionIds[3]!)]: "Bien" });

describe("the public page", () => {
  let open: QuestionnaireFixture;
  let closed: QuestionnaireFixture;
  let foreign: QuestionnaireFixture;
  beforeAll(async () => {
    open = await createQuestionnaireFixture(a);
    closed = await createQuestionnaireFixture(a, { open: false });
    foreign = await createQuestionnaireFixture(b);
  });

  it("shows the questionnaire and nothing else of the office", async () => {
    const page = await callRoute(publicPage, { path: `/questionnaire/${open.token}`, params: { token: open.token } });
    expect(page.status).toBe(200);
    const body = page.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["intro", "officeName", "questions", "siteId", "sites", "state", "thanks", "title", "via"]);
    expect(JSON.stringify(body)).not.toMatch(/office_?[iI]d|publicToken|created_by/);
    const unknown = await callRoute(publicPage, { path: "/questionnaire/inconnu-inconnu-inconnu", params: { token: "inconnu-inconnu-inconnu" } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ state: "unknown" });
  });

  it("records a sheet sent by a visitor: no account, no address, the desk of the QR code", async () => {
    const ip = freshIp();
    const before = await count("questionnaire_responses");
    const answer = await post(open, { ...valid(open), siteId: String(a.siteId), via: "qr" }, { ip });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`/questionnaire/${open.token}?merci=1`);
    expect(answer.setCookie).toBeNull();
    expect(await count("questionnaire_responses")).toBe(before + 1);
    const row = await db()("questionnaire_responses").orderBy("id", "desc").first();
    expect(row).toMatchObject({ office_id: a.officeId, questionnaire_id: open.questionnaireId, site_id: a.siteId, channel: "qr_code", source: "public", created_by_user_id: null });
    // The limit counts the address under a keyed hash: the address is stored nowhere.
    const keys = (await db()("rate_limits").select("key")).map((r) => String(r.key));
    expect(keys).toContain(`public:${addressKey(ip)}`);
    expect(JSON.stringify(keys)).not.toContain(ip);
    expect(JSON.stringify(row)).not.toContain(ip);
  });

  it("writes once a sheet sent twice (the same one-time token)", async () => {
    const once = newFormToken();
    const before = await count("questionnaire_responses");
    for (let i = 0; i < 2; i += 1) {
      const answer = await post(open, { _once: once, ...valid(open) });
      expect(answer.location).toBe(`/questionnaire/${open.token}?merci=1`);
    }
    expect(await count("questionnaire_responses")).toBe(before + 1);
  });

  it.each([
    ["outside the campaign", () => ({ fx: closed, form: valid(closed) }), 403, /clos depuis le 31 août 2019/],
    ["without the required answer", () => ({ fx: open, form: { [answerField(open.questionIds[1]!)]: "3" } }), 400, null],
    ["with no answer at all", () => ({ fx: open, form: {} }), 400, null],
    ["a level out of the scale", () => ({ fx: open, form: { ...valid(open), [answerField(open.questionIds[1]!)]: "9" } }), 400, null],
    ["a choice out of the list", () => ({ fx: open, form: { ...valid(open), [answerField(open.questionIds[2]!)]: "3" } }), 400, null],
    ["a text too long", () => ({ fx: open, form: { ...valid(open), [answerField(open.questionIds[3]!)]: "é".repeat(2001) } }), 400, null],
    ["a site outside the campaign", () => ({ fx: open, form: { ...valid(open), siteId: String(b.siteId) } }), 400, null],
    ["personal data without consent", () => ({ fx: open, form: { ...valid(open), [answerField(open.questionIds[4]!)]: "moi@example.org" } }), 400, null],
    ["the bot field filled", () => ({ fx: open, form: { ...valid(open), site_web: "https://spam.example" } }), 400, /champ caché/],
    ["another office's questions", () => ({ fx: open, form: { ...valid(open), [answerField(foreign.questionIds[0]!)]: "4" } }), 400, /ne correspond pas/],
    ["another office's questions alone", () => ({ fx: open, form: { [answerField(foreign.questionIds[0]!)]: "4" } }), 400, /ne correspond pas/],
    ["a body too large", () => ({ fx: open, form: { ...valid(open), padding: "x".repeat(200_000) } }), 413, /trop longue/],
  ] as const)("refuses %s, writing nothing", async (_name, make, status, says) => {
    const { fx, form } = make();
    const before = await count("questionnaire_responses");
    const answers = await count("questionnaire_answers");
    const answer = await post(fx, form);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(status);
    const body = answer.body as { formError?: string; fieldErrors?: Record<string, string> };
    if (says) expect(body.formError).toMatch(says);
    else expect(Object.values(body.fieldErrors ?? {}).concat(body.formError ?? []).join(" ")).toMatch(/^\p{Lu}/u);
    expect(await count("questionnaire_responses")).toBe(before);
    expect(await count("questionnaire_answers")).toBe(answers);
  });

  it("refuses an unknown link without writing", async () => {
    const before = await count("questionnaire_responses");
    const answer = await post(open, valid(open), { token: "nexistepas-nexistepas" });
    expect(answer.status).toBe(404);
    expect(await count("questionnaire_responses")).toBe(before);
  });

  it("limits the posts of one address, refused ones included, in the database", async () => {
    const ip = freshIp();
    for (let i = 0; i < PUBLIC_POSTS_PER_ADDRESS.limit; i += 1) expect((await post(open, {}, { ip })).status).toBe(400);
    const before = await count("questionnaire_responses");
    const answer = await post(open, valid(open), { ip });
    expect(answer.status).toBe(429);
    expect(answer.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect((answer.body as { formError: string }).formError).toMatch(/^Trop de réponses envoyées/);
    expect(await count("questionnaire_responses")).toBe(before);
    // Another address still answers.
    expect((await post(open, valid(open))).status).toBe(302);
    // The count is shared: what another instance counted counts here.
    const other = freshIp();
    for (let i = 0; i < PUBLIC_POSTS_PER_ADDRESS.limit; i += 1) await hitRateLimit(db(), PUBLIC_POSTS_PER_ADDRESS, addressKey(other));
    expect((await post(open, valid(open), { ip: other })).status).toBe(429);
  });
});

// ── Staff pages ─────────────────────────────────────────────────────────────────────────────

describe("sheets typed by staff and imported", () => {
  it("types a sheet by keyboard: the answers, the kept day, desk and channel for the next one", async () => {
    const fx = await createQuestionnaireFixture(a);
    const cookie = await sessionCookie(a.users.staff.userId, a.officeId);
    const today = systemScope(a.officeId).today;
    const answer = await callRoute(entryPage, {
      method: "POST",
      path: `/registres/questionnaires/${fx.questionnaireId}/saisie`,
      params: { questionnaireId: String(fx.questionnaireId) },
      cookie,
      form: { intent: "sheet", answeredOn: today, siteId: String(a.siteId), channel: "papier", [answerField(fx.questionIds[0]!)]: "2", [answerField(fx.questionIds[2]!)]: "1" },
    });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`/registres/questionnaires/${fx.questionnaireId}/saisie?date=${today}&canal=papier&bureau=${a.siteId}`);
    const row = await db()("questionnaire_responses").where({ questionnaire_id: fx.questionnaireId }).first();
    expect(row).toMatchObject({ source: "staff", channel: "papier", site_id: a.siteId, created_by_user_id: a.users.staff.userId });
    expect((await getResponse(systemScope(a.officeId), Number(row?.id)))!.dissatisfied).toBe(true);
    // A day outside the campaign is refused beside its field.
    const before = await count("questionnaire_responses");
    const late = await callRoute(entryPage, {
      method: "POST",
      path: `/registres/questionnaires/${fx.questionnaireId}/saisie`,
      params: { questionnaireId: String(fx.questionnaireId) },
      cookie,
      form: { intent: "sheet", answeredOn: "2000-01-01", [answerField(fx.questionIds[0]!)]: "2" },
    });
    expect(late.status).toBe(400);
    expect((late.body as { fieldErrors: Record<string, string> }).fieldErrors.answeredOn).toBe("Date de la réponse : en dehors de la campagne.");
    expect(await count("questionnaire_responses")).toBe(before);
  });

  const upload = (fx: QuestionnaireFixture, content: string, name = "reponses.csv") =>
    callRoute(importPage, {
      method: "POST",
      path: `/registres/questionnaires/${fx.questionnaireId}/import`,
      params: { questionnaireId: String(fx.questionnaireId) },
      cookie: cookieOf,
      form: { intent: "import" },
      files: { file: { name, content } },
    });
  let cookieOf: string;

  it("imports a CSV whole, or refuses it whole with each line's problem", async () => {
    cookieOf = await sessionCookie(a.users.quality_referent.userId, a.officeId);
    const fx = await createQuestionnaireFixture(a);
    const site = (await db()("sites").where({ id: a.siteId }).first())!.name as string;
    const today = systemScope(a.officeId).today.split("-").reverse().join("/");
    const bad = ["date;bureau;Q1 Qualité de l'accueil;Q2;Q4", `${today};${site};4;3;Bien`, `${today};Nulle part;4;;`, `${today};;7;;`].join("\r\n");
    const before = await count("questionnaire_responses");
    const refused = await upload(fx, `\uFEFF${bad}`);
    expect(refused.status).toBe(400);
    const body = refused.body as { fieldErrors: Record<string, string>; problems: Array<{ line: number; message: string }> };
    expect(body.fieldErrors.file).toMatch(/^Fichier : 2 lignes ne conviennent pas ; rien n'a été importé/);
    expect(body.problems).toEqual([
      { line: 3, message: expect.stringMatching(/^Bureau « Nulle part »/) },
      { line: 4, message: "Question 1 : choisissez un niveau de 1 à 4." },
    ]);
    expect(await count("questionnaire_responses")).toBe(before);
    const good = ["date,bureau,Q1,Q3,Q4", `${today},${site},4,Landes,"Bien, merci"`, `${today},,Satisfait,2,`].join("\n");
    const imported = await upload(fx, good);
    expect(imported.status, JSON.stringify(imported.body)).toBe(302);
    expect(await count("questionnaire_responses", { questionnaire_id: fx.questionnaireId, source: "import" })).toBe(2);
    expect((await upload(fx, "pas un csv", "photo.png")).status).toBe(400);
  });
});

describe("a sheet's page", () => {
  it("turns a dissatisfied sheet into a complaint, for those who log complaints", async () => {
    const fx = await createQuestionnaireFixture(a);
    const s = systemScope(a.officeId);
    const responseId = (await recordSheet(s, fx.questionnaireId, blankSheet({ answeredOn: s.today, answers: [scale(fx.questionIds[0]!, 1)] })))!;
    const ask = async (role: "staff" | "quality_group_member") =>
      callRoute(responsePage, {
        method: "POST",
        path: `/registres/questionnaires/reponses/${responseId}`,
        params: { responseId: String(responseId) },
        cookie: await sessionCookie(a.users[role].userId, a.officeId),
        form: { intent: "complaint", subject: "Accueil décevant", category: "Accueil" },
      });
    expect((await ask("quality_group_member")).status).toBe(403);
    const done = await ask("staff");
    expect(done.status).toBe(302);
    expect(await count("register_entries", { office_id: a.officeId, channel: "questionnaire", subject: "Accueil décevant" })).toBe(1);
  });

  it("shows the results to every role, the action form only to those who run the plan", async () => {
    const fx = await createQuestionnaireFixture(a);
    const page = async (role: "quality_group_member" | "quality_referent") =>
      (await callRoute(resultsPage, { path: `/registres/questionnaires/${fx.questionnaireId}`, params: { questionnaireId: String(fx.questionnaireId) }, cookie: await sessionCookie(a.users[role].userId, a.officeId) })).body as {
        canAct: boolean;
        results: unknown;
      };
    expect(await page("quality_group_member")).toMatchObject({ canAct: false, results: expect.anything() });
    expect(await page("quality_referent")).toMatchObject({ canAct: true });
  });
});
