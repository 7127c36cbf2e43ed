// A form posted twice writes once (one-time token, decision 021), and rate limits beyond
// sign-in (decision 020), on a real database: SQLite, and PostgreSQL with the same file.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { newFormToken } from "~/domain/form-token";
import { unsubscribeToken } from "~/modules/mail/links.server";
import { ALREADY_SUBMITTED } from "~/modules/form-token/queries.server";
import { hitRateLimit } from "~/modules/rate-limit/queries.server";
import { INVITATIONS_PER_ACCOUNT, UNSUBSCRIBES_PER_ADDRESS, UPLOADS_PER_ACCOUNT, WRITES_PER_ACCOUNT } from "~/modules/rate-limit/rules";
import * as actionPage from "~/routes/_app.plan-d-actions.$actionId";
import * as accountsPage from "~/routes/_app.administration.comptes._index";
import * as outboxPage from "~/routes/_app.administration.courriels";
import * as unsubscribePage from "~/routes/desabonnement.$token";
import {
  createActionFixture,
  createAuditFixture,
  createFailedMailFixture,
  createMeetingFixture,
  createOfficeFixture,
  createUserInOffice,
  sessionCookie,
  type OfficeFixture,
} from "../support/factories";
import { callRoute, readToast, type RouteModule } from "../support/routes";

let a: OfficeFixture;
let cookie: string;

beforeAll(async () => {
  a = await createOfficeFixture();
  cookie = await sessionCookie(a.users.quality_referent.userId, a.officeId);
});

const notesOf = async (actionId: number) => (await getDb()("action_notes").where({ action_id: actionId }).select("text")).map((r) => String(r.text));

function postNote(actionId: number, form: Record<string, string>, as = cookie) {
  return callRoute(actionPage, { method: "POST", path: `/plan-d-actions/${actionId}`, params: { actionId: String(actionId) }, cookie: as, form });
}

describe("a form submitted twice", () => {
  it("writes once when the same token comes again, one after the other or at once", async () => {
    const id = await createActionFixture(a);
    const token = newFormToken();
    // The token first, as the page's form sends it.
    const form = { _once: token, intent: "note", text: "Rendez-vous pris avec la mairie" };
    const first = await postNote(id, form);
    expect(first.status).toBe(302);
    const again = await postNote(id, form);
    expect(again.status).toBe(302);
    expect(again.location).toBe(`/plan-d-actions/${id}`);
    expect(again.setCookie).toBeTruthy();
    expect(await notesOf(id)).toEqual(["Rendez-vous pris avec la mairie"]);
    const historyRows = await getDb()("history").where({ entity_type: "action", entity_id: id }).count({ n: "*" });
    // Ten posts of one fresh token at once: one write.
    const burst = newFormToken();
    const answers = await Promise.all(Array.from({ length: 10 }, () => postNote(id, { _once: burst, intent: "note", text: "Relance envoyée" })));
    expect(answers.every((r) => r.status === 302)).toBe(true);
    expect(await notesOf(id)).toEqual(["Rendez-vous pris avec la mairie", "Relance envoyée"]);
    const after = await getDb()("history").where({ entity_type: "action", entity_id: id }).count({ n: "*" });
    expect(Number(after[0]!.n)).toBe(Number(historyRows[0]!.n) + 1);
  });

  it("a refused submission does not use its token up, and a new token writes again", async () => {
    const id = await createActionFixture(a);
    const token = newFormToken();
    expect((await postNote(id, { _once: token, intent: "note", text: "" })).status).toBe(400);
    expect((await postNote(id, { _once: token, intent: "note", text: "Corrigée" })).status).toBe(302);
    expect((await postNote(id, { _once: newFormToken(), intent: "note", text: "Corrigée" })).status).toBe(302);
    expect(await notesOf(id)).toEqual(["Corrigée", "Corrigée"]);
  });

  it("works for a multipart form with a file (the token read from the first bytes only)", async () => {
    const id = await createActionFixture(a);
    const token = newFormToken();
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(20_000).fill(7)]);
    const upload = () =>
      callRoute(actionPage, { method: "POST", path: `/plan-d-actions/${id}`, params: { actionId: String(id) }, cookie, form: { _once: token, intent: "attach" }, files: { file: { name: "preuve.png", content: png } } });
    expect((await upload()).status).toBe(302);
    const second = await upload();
    expect(second.status).toBe(302);
    const rows = await getDb()("attachments").where({ action_id: id });
    expect(rows).toHaveLength(1);
  });

  it("the message of the page says why nothing more was written", () => {
    expect(ALREADY_SUBMITTED).toMatch(/déjà été envoyé/);
  });
});

describe("rate limits shared through the database", () => {
  it("counts in a sliding window and says when to come back", async () => {
    const policy = { name: "test", limit: 3, windowSeconds: 60, what: "essais" };
    const t0 = new Date("2026-12-01T10:00:30.000Z");
    for (let i = 0; i < 3; i += 1) expect((await hitRateLimit(getDb(), policy, "user:1", t0)).allowed).toBe(true);
    const refused = await hitRateLimit(getDb(), policy, "user:1", t0);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
    if (refused.allowed) throw new Error("unreachable");
    // Another subject has its own count.
    expect((await hitRateLimit(getDb(), policy, "user:2", t0)).allowed).toBe(true);
    // Refused requests are not counted: once the wait is over, one more goes through.
    const later = new Date(t0.getTime() + refused.retryAfterSeconds * 1000);
    expect((await hitRateLimit(getDb(), policy, "user:1", later)).allowed).toBe(true);
    expect((await hitRateLimit(getDb(), policy, "user:1", later)).allowed).toBe(false);
  });

  it("many requests at once cannot slip past the limit", async () => {
    const policy = { name: "burst", limit: 5, windowSeconds: 3600, what: "essais" };
    const now = new Date();
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(getDb(), policy, "user:9", now)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
  });

  it("writes per account: 429 in French with Retry-After, nothing written", async () => {
    const user = await createUserInOffice(a.officeId, "quality_referent");
    const as = await sessionCookie(user.userId, a.officeId);
    const id = await createActionFixture(a);
    const now = new Date();
    for (let i = 0; i < WRITES_PER_ACCOUNT.limit; i += 1) await hitRateLimit(getDb(), WRITES_PER_ACCOUNT, `user:${user.userId}`, now);
    const answer = await callRoute(actionPage, { method: "POST", path: `/plan-d-actions/${id}`, params: { actionId: String(id) }, cookie: as, form: { intent: "note", text: "Une de trop" } });
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((answer.body as { formError: string }).formError).toMatch(/^Trop d'enregistrements en peu de temps \(300 au plus en 10 minutes\)/);
    expect((answer.body as { formError: string }).formError).toMatch(/Réessayez dans \d+ (seconde|minute)/);
    expect(await notesOf(id)).toEqual([]);
    // Reading is not limited.
    expect((await callRoute(actionPage, { path: `/plan-d-actions/${id}`, params: { actionId: String(id) }, cookie: as })).status).toBe(200);
    // Another account of the same office is not held back.
    expect((await postNote(id, { intent: "note", text: "Par la référente" })).status).toBe(302);
  });

  it("uploads per account", async () => {
    const user = await createUserInOffice(a.officeId, "quality_referent");
    const as = await sessionCookie(user.userId, a.officeId);
    const id = await createActionFixture(a);
    const now = new Date();
    for (let i = 0; i < UPLOADS_PER_ACCOUNT.limit; i += 1) await hitRateLimit(getDb(), UPLOADS_PER_ACCOUNT, `user:${user.userId}`, now);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const answer = await callRoute(actionPage, { method: "POST", path: `/plan-d-actions/${id}`, params: { actionId: String(id) }, cookie: as, form: { intent: "attach" }, files: { file: { name: "preuve.png", content: png } } });
    expect(answer.status).toBe(429);
    expect((answer.body as { formError: string }).formError).toMatch(/fichiers envoyés/);
    expect(await getDb()("attachments").where({ action_id: id })).toHaveLength(0);
  });

  it("invitations per account", async () => {
    const admin = await createUserInOffice(a.officeId, "admin");
    const as = await sessionCookie(admin.userId, a.officeId);
    const now = new Date();
    for (let i = 0; i < INVITATIONS_PER_ACCOUNT.limit; i += 1) await hitRateLimit(getDb(), INVITATIONS_PER_ACCOUNT, `user:${admin.userId}`, now);
    const before = await getDb()("invitations").count({ n: "*" });
    const answer = await callRoute(accountsPage, { method: "POST", path: "/administration/comptes", cookie: as, form: { intent: "invite", email: "nouvelle@office.fr", role: "staff", personId: "" } });
    expect(answer.status).toBe(429);
    expect((answer.body as { formError: string }).formError).toMatch(/invitations/);
    const after = await getDb()("invitations").count({ n: "*" });
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
  });
});

const routeFiles = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
/** Routes whose action does not act for an account in an office: sign-in, sign-out, the office switcher, the links sent by mail, the public questionnaire (its own limit per address: questionnaires.test.ts). */
const NOT_OFFICE_POSTS = new Set(["connexion", "deconnexion", "changer-d-office", "invitation.$token", "reinitialisation.$token", "desabonnement.$token", "mes-actions.$token", "questionnaire.$token"]);
const officePosts = Object.entries(routeFiles)
  .map(([file, mod]) => ({ id: file.replace("../../app/routes/", "").replace(/\.tsx$/, ""), mod }))
  .filter(({ id, mod }) => mod.action && !NOT_OFFICE_POSTS.has(id));

describe("every form of an office's pages, whatever route it posts to", () => {
  const params: Record<string, string> = {};
  let limited: string;
  let admin: string;

  beforeAll(async () => {
    const audits = await createAuditFixture(a.officeId);
    const meeting = await createMeetingFixture(a);
    Object.assign(params, {
      actionId: String(await createActionFixture(a)),
      auditId: String(audits.ratedAuditId),
      labelId: String(audits.labelId),
      meetingId: String(meeting.meetingId),
      seriesId: String(meeting.seriesId),
      siteId: String(a.siteId),
      personId: String(a.personId),
      membershipId: String(a.users.staff.membershipId),
      referentialId: String(audits.referentialId),
    });
    // One administrator whose write limit is spent (refused posts are not counted: it stays spent).
    const spent = await createUserInOffice(a.officeId, "admin");
    const now = new Date();
    for (let i = 0; i < WRITES_PER_ACCOUNT.limit; i += 1) await hitRateLimit(getDb(), WRITES_PER_ACCOUNT, `user:${spent.userId}`, now);
    limited = await sessionCookie(spent.userId, a.officeId);
    admin = await sessionCookie((await createUserInOffice(a.officeId, "admin")).userId, a.officeId);
  });

  it("covers the pages added with the reminders (notifications, agenda, outbox)", () => {
    expect(officePosts.map((r) => r.id)).toEqual(expect.arrayContaining(["_app.notifications", "_app.agenda", "_app.administration.courriels"]));
  });

  for (const { id, mod } of officePosts) {
    const path = `/${id}`;
    it(`${id}: over the account's write limit, 429 in French with Retry-After before the route runs`, async () => {
      const history = await getDb()("history").max({ id: "id" });
      const answer = await callRoute(mod, { method: "POST", path, params, cookie: limited, form: { intent: "inconnue" } });
      expect(answer.status).toBe(429);
      expect(Number(answer.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect((answer.body as { formError: string }).formError).toMatch(/^Trop d'enregistrements en peu de temps/);
      expect(await getDb()("history").max({ id: "id" })).toEqual(history);
    });

    it(`${id}: a form whose token was already used goes back to its page, told so`, async () => {
      const token = newFormToken();
      await getDb()("form_tokens").insert({ token, user_id: null, used_at: new Date().toISOString() });
      const answer = await callRoute(mod, { method: "POST", path, params, cookie: admin, form: { _once: token, intent: "inconnue" } });
      expect(answer.status).toBe(302);
      expect(answer.location).toBe(path);
      expect(await readToast(answer)).toMatchObject({ kind: "info", message: ALREADY_SUBMITTED });
    });
  }
});

describe("the pages added with the reminders", () => {
  it("a failed mail sent again twice by the same form is sent again once, and the second post is told so", async () => {
    const admin = await sessionCookie((await createUserInOffice(a.officeId, "admin")).userId, a.officeId);
    const mailId = await createFailedMailFixture(a.officeId);
    const form = { _once: newFormToken(), intent: "retry", mailId: String(mailId) };
    const retry = () => callRoute(outboxPage, { method: "POST", path: "/administration/courriels", cookie: admin, form });
    const first = await retry();
    expect(first.status).toBe(302);
    // Before the token was recorded, the second post found no failed mail: a 404.
    const second = await retry();
    expect(second.status).toBe(302);
    expect(await readToast(second)).toMatchObject({ message: ALREADY_SUBMITTED });
    expect(await getDb()("mail_outbox").where({ id: mailId }).first()).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("two copies of the retry at once: one goes through, the other goes back to the page", async () => {
    const admin = await sessionCookie((await createUserInOffice(a.officeId, "admin")).userId, a.officeId);
    const mailId = await createFailedMailFixture(a.officeId);
    const form = { _once: newFormToken(), intent: "retry", mailId: String(mailId) };
    const answers = await Promise.all([1, 2].map(() => callRoute(outboxPage, { method: "POST", path: "/administration/courriels", cookie: admin, form })));
    expect(answers.map((r) => r.status)).toEqual([302, 302]);
    expect(await getDb()("mail_outbox").where({ id: mailId }).first()).toMatchObject({ status: "pending" });
    expect(await getDb()("form_tokens").where({ token: form._once })).toHaveLength(1);
  });

  it("unsubscribe links posted from one address: 429 in French with Retry-After past the limit, nothing written", async () => {
    const token = unsubscribeToken({ userId: a.users.director.userId, officeId: a.officeId, kind: "meeting_due" });
    const ip = "203.0.113.50";
    const now = new Date();
    for (let i = 0; i < UNSUBSCRIBES_PER_ADDRESS.limit; i += 1) await hitRateLimit(getDb(), UNSUBSCRIBES_PER_ADDRESS, `ip:${ip}`, now);
    const post = (clientIp: string) =>
      callRoute(unsubscribePage, { method: "POST", path: `/desabonnement/${token}`, params: { token }, form: { "List-Unsubscribe": "One-Click" }, clientIp });
    const refused = await post(ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((refused.body as { formError: string }).formError).toMatch(/^Trop de désabonnements en peu de temps \(20 au plus en 10 minutes\)/);
    expect(await getDb()("notification_preferences").where({ user_id: a.users.director.userId, office_id: a.officeId })).toHaveLength(0);
    // Another address is not held back.
    expect((await post("203.0.113.51")).status).toBe(200);
    expect(await getDb()("notification_preferences").where({ user_id: a.users.director.userId, office_id: a.officeId }).first()).toMatchObject({ kind: "meeting_due" });
  });
});
