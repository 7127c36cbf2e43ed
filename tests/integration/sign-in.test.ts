// Sign-in, sessions and throttling on a real database, through the real route modules.
import { beforeAll, describe, expect, it } from "vitest";
import * as connexion from "~/routes/connexion";
import * as deconnexion from "~/routes/deconnexion";
import * as dashboard from "~/routes/_app.tableau-de-bord";
import * as motDePasse from "~/routes/_app.mot-de-passe";
import { getDb } from "~/db.server";
import { createOfficeFixture, createUserInOffice, TEST_PASSWORD, unique, type OfficeFixture } from "../support/factories";
import { callRoute } from "../support/routes";

let fx: OfficeFixture;
beforeAll(async () => {
  fx = await createOfficeFixture();
});

const BAD = "E-mail ou mot de passe incorrect.";

function signIn(email: string, password: string, clientIp = "10.0.0.1", cookie?: string) {
  return callRoute(connexion, { method: "POST", path: "/connexion", form: { email, password, redirectTo: "" }, clientIp, cookie });
}

function cookieOf(setCookie: string | null): string {
  if (!setCookie) throw new Error("no Set-Cookie");
  return setCookie.split(";")[0]!;
}

describe("sign-in", () => {
  it("signs in with the right password, in a session cookie that is httpOnly and SameSite=Lax", async () => {
    const answer = await signIn(fx.users.staff.email, TEST_PASSWORD, unique("ip"));
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/tableau-de-bord");
    expect(answer.setCookie).toMatch(/HttpOnly/i);
    expect(answer.setCookie).toMatch(/SameSite=Lax/i);
    const page = await callRoute(dashboard, { path: "/tableau-de-bord", cookie: cookieOf(answer.setCookie) });
    expect(page.status).toBe(200);
  });

  it("accepts the e-mail in any case and goes back to the page asked for, never elsewhere", async () => {
    const back = await callRoute(connexion, {
      method: "POST",
      path: "/connexion",
      form: { email: fx.users.staff.email.toUpperCase(), password: TEST_PASSWORD, redirectTo: "/administration" },
      clientIp: unique("ip"),
    });
    expect(back.location).toBe("/administration");
    const open = await callRoute(connexion, {
      method: "POST",
      path: "/connexion",
      form: { email: fx.users.staff.email, password: TEST_PASSWORD, redirectTo: "//evil.example/" },
      clientIp: unique("ip"),
    });
    expect(open.location).toBe("/tableau-de-bord");
  });

  it.each(["/..//evil.example", "/.//evil.example", "/%2e%2e//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)"])(
    "never sends a signed-in user to another site (redirectTo=%j)",
    async (redirectTo) => {
      const answer = await callRoute(connexion, {
        method: "POST",
        path: "/connexion",
        form: { email: fx.users.staff.email, password: TEST_PASSWORD, redirectTo },
        clientIp: unique("ip"),
      });
      expect(answer.status).toBe(302);
      expect(answer.location).toBe("/tableau-de-bord");
    },
  );

  it("gives the same message for a wrong password and an unknown account", async () => {
    const wrong = await signIn(fx.users.staff.email, "not-the-password", unique("ip"));
    const unknown = await signIn(`${unique("nobody")}@test.fr`, "whatever-password", unique("ip"));
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.body).toEqual({ fieldErrors: {}, formError: BAD });
    expect(unknown.body).toEqual(wrong.body);
  });

  it("explains bad input in French beside the field, with status 400", async () => {
    const answer = await signIn("pas-un-email", "", unique("ip"));
    expect(answer.status).toBe(400);
    const body = answer.body as { fieldErrors: Record<string, string> };
    expect(body.fieldErrors.email).toMatch(/adresse e-mail invalide/);
    expect(body.fieldErrors.password).toMatch(/obligatoire/);
  });

  it("renews the session at sign-in: the cookie from before no longer works", async () => {
    const first = cookieOf((await signIn(fx.users.director.email, TEST_PASSWORD, unique("ip"))).setCookie);
    const second = await signIn(fx.users.director.email, TEST_PASSWORD, unique("ip"), first);
    const secondCookie = cookieOf(second.setCookie);
    expect(secondCookie).not.toBe(first);
    expect((await callRoute(dashboard, { path: "/tableau-de-bord", cookie: first })).status).toBe(302);
    expect((await callRoute(dashboard, { path: "/tableau-de-bord", cookie: secondCookie })).status).toBe(200);
  });

  it("ends the session at sign-out, on the server too", async () => {
    const cookie = cookieOf((await signIn(fx.users.director.email, TEST_PASSWORD, unique("ip"))).setCookie);
    const out = await callRoute(deconnexion, { method: "POST", path: "/deconnexion", cookie });
    expect(out.status).toBe(302);
    expect(out.setCookie).toMatch(/Expires=Thu, 01 Jan 1970/);
    // Replaying the old cookie does not bring the session back.
    expect((await callRoute(dashboard, { path: "/tableau-de-bord", cookie })).status).toBe(302);
  });

  it("changing the password ends the account's other sessions and keeps this one", async () => {
    const user = await createUserInOffice(fx.officeId, "staff");
    const here = cookieOf((await signIn(user.email, TEST_PASSWORD, unique("ip"))).setCookie);
    const elsewhere = cookieOf((await signIn(user.email, TEST_PASSWORD, unique("ip"))).setCookie);
    const newPassword = "une nouvelle phrase de passe";
    const wrong = await callRoute(motDePasse, {
      method: "POST",
      path: "/mot-de-passe",
      cookie: elsewhere,
      form: { currentPassword: "faux", newPassword, confirmPassword: newPassword },
    });
    expect(wrong.status).toBe(400);
    const changed = await callRoute(motDePasse, {
      method: "POST",
      path: "/mot-de-passe",
      cookie: elsewhere,
      form: { currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword },
    });
    expect(changed.status).toBe(302);
    expect((await callRoute(dashboard, { path: "/tableau-de-bord", cookie: elsewhere })).status).toBe(200);
    expect((await callRoute(dashboard, { path: "/tableau-de-bord", cookie: here })).status).toBe(302);
    expect((await signIn(user.email, TEST_PASSWORD, unique("ip"))).status).toBe(400);
    expect((await signIn(user.email, newPassword, unique("ip"))).status).toBe(302);
  });

  it("never stores or returns the password in clear", async () => {
    const row = await getDb()("users").where({ id: fx.users.staff.userId }).first();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
    const history = await getDb()("history").where({ entity_type: "user" });
    for (const h of history) expect(h.changes).not.toContain("scrypt$");
  });
});

describe("sign-in throttling", () => {
  it("slows down then refuses an e-mail under attack, whatever the address, and says nothing of the account", async () => {
    const user = await createUserInOffice(fx.officeId, "staff");
    const statuses: number[] = [];
    // Three free failures from three addresses, then the next attempt must wait, even with the right password.
    for (let i = 0; i < 3; i += 1) statuses.push((await signIn(user.email, "wrong-password", unique("ip"))).status);
    expect(statuses).toEqual([400, 400, 400]);
    const blocked = await signIn(user.email, TEST_PASSWORD, unique("ip"));
    expect(blocked.status).toBe(429);
    expect((blocked.body as { formError: string }).formError).toMatch(/^Trop de tentatives de connexion\. Réessayez dans \d+ secondes?\.$/);

    // An unknown e-mail under the same attack gets exactly the same answers.
    const ghost = `${unique("ghost")}@test.fr`;
    for (let i = 0; i < 3; i += 1) await signIn(ghost, "wrong-password", unique("ip"));
    const ghostBlocked = await signIn(ghost, "wrong-password", unique("ip"));
    expect(ghostBlocked.status).toBe(429);
    expect((ghostBlocked.body as { formError: string }).formError).toMatch(/^Trop de tentatives de connexion/);
  });

  it("locks an e-mail for a while after many failures, in the database shared by every instance", async () => {
    const user = await createUserInOffice(fx.officeId, "staff");
    const key = `email:${user.email}`;
    // Ten failures recorded, as another app instance would have written them.
    await getDb()("sign_in_throttles").insert({
      key,
      failures: 10,
      last_failure_at: new Date().toISOString(),
      locked_until: new Date(Date.now() + 15 * 60_000).toISOString(),
    });
    const answer = await signIn(user.email, TEST_PASSWORD, unique("ip"));
    expect(answer.status).toBe(429);
    expect((answer.body as { formError: string }).formError).toMatch(/Réessayez dans 15 minutes\./);
  });

  it("refuses an address that tries many accounts, then lets other addresses in", async () => {
    const ip = unique("ip");
    for (let i = 0; i < 11; i += 1) await signIn(`${unique("spray")}@test.fr`, "wrong-password", ip);
    const fromAttacker = await signIn(fx.users.admin.email, TEST_PASSWORD, ip);
    expect(fromAttacker.status).toBe(429);
    const fromElsewhere = await signIn(fx.users.admin.email, TEST_PASSWORD, unique("ip"));
    expect(fromElsewhere.status).toBe(302);
  });

  it("forgets an e-mail's failures after a successful sign-in", async () => {
    const user = await createUserInOffice(fx.officeId, "staff");
    for (let i = 0; i < 2; i += 1) await signIn(user.email, "wrong-password", unique("ip"));
    expect((await signIn(user.email, TEST_PASSWORD, unique("ip"))).status).toBe(302);
    const row = await getDb()("sign_in_throttles").where({ key: `email:${user.email}` }).first();
    expect(row).toBeUndefined();
  });
});
