// A form posted twice writes once (one-time token, decision 021), and rate limits beyond
// sign-in (decision 020), on a real database: SQLite, and PostgreSQL with the same file.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { newFormToken } from "~/domain/form-token";
import { ALREADY_SUBMITTED } from "~/modules/form-token/queries.server";
import { hitRateLimit } from "~/modules/rate-limit/queries.server";
import { INVITATIONS_PER_ACCOUNT, UPLOADS_PER_ACCOUNT, WRITES_PER_ACCOUNT } from "~/modules/rate-limit/rules";
import * as actionPage from "~/routes/_app.plan-d-actions.$actionId";
import * as accountsPage from "~/routes/_app.administration.comptes._index";
import { createActionFixture, createOfficeFixture, createUserInOffice, sessionCookie, type OfficeFixture } from "../support/factories";
import { callRoute } from "../support/routes";

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
