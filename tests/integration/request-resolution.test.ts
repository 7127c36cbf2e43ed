// A page's loaders (_app, the page) run in one HTTP request: the user, their memberships and the
// office are read once for all of them (decision 055), and a write resolves afresh. Each test
// runs as server.js runs a request, inside runWithRequestCache.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { requireOffice } from "~/auth.server";
import { runWithRequestCache, sharedRead } from "~/request-cache.server";
import { sheetsToConfirm } from "~/modules/procedure/queries.server";
import { countUnread } from "~/modules/meeting/reads.server";
import { commitSession, getSession } from "~/session.server";
import { createOfficeFixture, createUserInOffice, sessionCookie } from "../support/factories";
import { TEST_ENGINE } from "../support/test-db";

/** The SQL statements a call runs on the app's database. */
async function queriesOf<T>(run: () => Promise<T>, db = getDb()): Promise<{ result: T; sql: string[] }> {
  const sql: string[] = [];
  const listen = (q: { sql: string }) => sql.push(q.sql);
  db.on("query", listen);
  try {
    return { result: await run(), sql };
  } finally {
    db.removeListener("query", listen);
  }
}

const readsOf = (sql: string[], table: string) => sql.filter((s) => new RegExp(`from [\`"]${table}[\`"]`, "i").test(s)).length;

describe("requireOffice on one request", () => {
  it("reads the user, memberships and office once however many loaders ask", () => runWithRequestCache(async () => {
    const office = await createOfficeFixture();
    const { userId } = office.users.director;
    const request = new Request("http://localhost/tableau-de-bord", { headers: { Cookie: await sessionCookie(userId, office.officeId) } });

    const first = await queriesOf(() => requireOffice(request));
    expect(first.result.office.id).toBe(office.officeId);
    expect(readsOf(first.sql, "offices")).toBe(1);

    // The layout's and the page's loaders, at once, on the same request.
    const again = await queriesOf(() => Promise.all([requireOffice(request), requireOffice(request, "actions:view")]));
    expect(again.result.map((c) => c.office.id)).toEqual([office.officeId, office.officeId]);
    expect(readsOf(again.sql, "users")).toBe(0);
    expect(readsOf(again.sql, "memberships")).toBe(0);
    expect(readsOf(again.sql, "offices")).toBe(0);

    // Another request (the next page) reads them again.
    const next = new Request("http://localhost/plan-d-actions", { headers: { Cookie: request.headers.get("Cookie")! } });
    expect(readsOf((await runWithRequestCache(() => queriesOf(() => requireOffice(next)))).sql, "memberships")).toBe(1);
  }));

  it("shares nothing outside a request (a script, a test)", async () => {
    const office = await createOfficeFixture();
    const request = new Request("http://localhost/tableau-de-bord", { headers: { Cookie: await sessionCookie(office.users.director.userId, office.officeId) } });
    await requireOffice(request);
    expect(readsOf((await queriesOf(() => requireOffice(request))).sql, "memberships")).toBe(1);
  });

  it("checks each loader's permission on the shared resolution", () => runWithRequestCache(async () => {
    const office = await createOfficeFixture();
    const request = new Request("http://localhost/administration", { headers: { Cookie: await sessionCookie(office.users.staff.userId, office.officeId) } });
    await requireOffice(request);
    const refused = await requireOffice(request, "accounts:manage").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
  }));

  it("gives each loader its own refusal, and resolves a write afresh", () => runWithRequestCache(async () => {
    const office = await createOfficeFixture();
    const anonymous = new Request("http://localhost/tableau-de-bord");
    const [a, b] = await Promise.all([requireOffice(anonymous).catch((e: unknown) => e), requireOffice(anonymous).catch((e: unknown) => e)]);
    expect((a as Response).status).toBe(302);
    expect((b as Response).status).toBe(302);
    expect(a).not.toBe(b);

    const { userId } = await createUserInOffice(office.officeId, "quality_referent");
    const cookie = await sessionCookie(userId, office.officeId);
    const post = new Request("http://localhost/plan-d-actions/nouvelle", { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: "" });
    await requireOffice(post);
    expect(readsOf((await queriesOf(() => requireOffice(post))).sql, "memberships")).toBe(1);
  }));
});

describe("the session on one request", () => {
  it("reads the session's row once for the root's toast and the page, and again once it was written", () => runWithRequestCache(async () => {
    const office = await createOfficeFixture();
    const request = new Request("http://localhost/tableau-de-bord", { headers: { Cookie: await sessionCookie(office.users.director.userId, office.officeId) } });
    const both = await queriesOf(() => Promise.all([getSession(request), requireOffice(request)]));
    expect(readsOf(both.sql, "sessions")).toBe(1);
    const session = both.result[0];
    expect(session.get("userId")).toBe(office.users.director.userId);

    // A toast committed in the request: the next read sees it, from the database.
    session.flash("toast", { kind: "success", message: "Enregistré." });
    await commitSession(session);
    const after = await queriesOf(() => getSession(request));
    expect(readsOf(after.sql, "sessions")).toBe(1);
    expect(after.result.get("toast")).toEqual({ kind: "success", message: "Enregistré." });
  }));

  it("reads it afresh at each read of a post, whose action may end sessions", () => runWithRequestCache(async () => {
    const office = await createOfficeFixture();
    const request = new Request("http://localhost/mot-de-passe", { method: "POST", headers: { Cookie: await sessionCookie(office.users.director.userId, office.officeId) } });
    const both = await queriesOf(() => Promise.all([getSession(request), getSession(request)]));
    expect(readsOf(both.sql, "sessions")).toBe(2);
  }, "POST"));

  it("reads it afresh on each request", async () => {
    const office = await createOfficeFixture();
    const request = new Request("http://localhost/tableau-de-bord", { headers: { Cookie: await sessionCookie(office.users.director.userId, office.officeId) } });
    const reads = async () => readsOf((await runWithRequestCache(() => queriesOf(() => getSession(request)))).sql, "sessions");
    expect(await reads()).toBe(1);
    expect(await reads()).toBe(1);
  });
});

describe("reads shared by a page's loaders", () => {
  it("runs a read the layout and the page both ask once on a page, every time on a write", async () => {
    let runs = 0;
    const read = () => sharedRead("the-key", async () => ++runs);
    expect(await runWithRequestCache(() => Promise.all([read(), read(), sharedRead("another-key", async () => -1)]))).toEqual([1, 1, -1]);
    expect(await runWithRequestCache(() => Promise.all([read(), read()]), "POST")).toEqual([2, 3]);
    expect(await read()).toBe(4);
  });

  it("does not keep a failed read", () => runWithRequestCache(async () => {
    let runs = 0;
    const read = () => sharedRead("flaky", async () => {
      runs += 1;
      if (runs === 1) throw new Error("coupure");
      return runs;
    });
    await expect(read()).rejects.toThrow("coupure");
    expect(await read()).toBe(2);
  }));

  it("reads the dashboard's sheets to confirm and unread minutes once with the layout's badges", () => runWithRequestCache(async () => {
    const office = await createOfficeFixture();
    const member = office.users.quality_group_member;
    const request = new Request("http://localhost/tableau-de-bord", { headers: { Cookie: await sessionCookie(member.userId, office.officeId) } });
    const ctx = await requireOffice(request);
    const both = await queriesOf(() =>
      Promise.all([
        sheetsToConfirm(ctx.scope, { userId: member.userId, personId: ctx.membership.personId }),
        sheetsToConfirm(ctx.scope, { userId: member.userId, personId: ctx.membership.personId }),
        countUnread(ctx.scope, { userId: member.userId }),
        countUnread(ctx.scope, { userId: member.userId }),
      ]),
      // A page's reads go through the readers on SQLite (decision 058).
      ctx.scope.db,
    );
    expect(both.result[0]).toEqual(both.result[1]);
    expect(both.result[2]).toBe(both.result[3]);
    expect(readsOf(both.sql, "meetings")).toBe(1);
    expect(both.sql.filter((s) => /procedure_sheets/.test(s)).length).toBeLessThanOrEqual(1);
  }));
});

describe("the readers of an SQLite file (decision 058)", () => {
  it("gives a page that writes nothing the read-only connections, and a write the writer", async () => {
    const office = await createOfficeFixture();
    const cookie = await sessionCookie(office.users.quality_referent.userId, office.officeId);
    const page = await requireOffice(new Request("http://localhost/plan-d-actions", { headers: { Cookie: cookie } }));
    const post = await requireOffice(new Request("http://localhost/plan-d-actions/nouvelle", { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: "" }));
    expect(post.scope.db).toBe(getDb());
    if (TEST_ENGINE === "postgres") {
      // One pool serves both on PostgreSQL.
      expect(page.scope.db).toBe(getDb());
      return;
    }
    expect(page.scope.db).not.toBe(getDb());
    // A read sees what the writer has just committed.
    await post.scope.db("sites").where({ id: office.siteId }).update({ city: "Hagetmau" });
    expect((await page.scope.db("sites").where({ id: office.siteId }).first())?.city).toBe("Hagetmau");
    // And a write slipped into a page's loader is refused, never half-done.
    await expect(page.scope.db("sites").where({ id: office.siteId }).update({ city: "Amou" })).rejects.toThrow(/readonly|read-only/i);
    expect((await getDb()("sites").where({ id: office.siteId }).first())?.city).toBe("Hagetmau");
  });
});
