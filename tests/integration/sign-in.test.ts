// Sign-in, sessions and throttling on a real database, through the real route modules.
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as root from "~/root";
import * as connexion from "~/routes/connexion";
import * as deconnexion from "~/routes/deconnexion";
import * as dashboard from "~/routes/_app.tableau-de-bord";
import * as motDePasse from "~/routes/_app.mot-de-passe";
import { getDb } from "~/db.server";
import { hashPassword } from "~/crypto.server";
import { createOfficeFixture, createUserInOffice, TEST_PASSWORD, unique, type OfficeFixture } from "../support/factories";
import { callRoute } from "../support/routes";

let fx: OfficeFixture;
beforeAll(async () => {
  fx = await createOfficeFixture();
});

const BAD = "E-mail ou mot de passe incorrect.";

function signIn(email: string, password: string, clientIp = "10.0.0.1", cookie?: string, now?: Date) {
  if (now) vi.setSystemTime(now);
  return callRoute(connexion, { method: "POST", path: "/connexion", form: { email, password, redirectTo: "" }, clientIp, cookie }).finally(() => {
    if (now) vi.useRealTimers();
  });
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

  it("ends a session after two hours without a request, and twelve hours after sign-in whatever happens", async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
    // A fresh account each time: its only session is the one just opened.
    const open = async () => {
      const user = await createUserInOffice(fx.officeId, "staff");
      const cookie = cookieOf((await signIn(user.email, TEST_PASSWORD, unique("ip"))).setCookie);
      const rows = await getDb()("sessions").where({ user_id: user.userId });
      expect(rows).toHaveLength(1);
      return { cookie, id: String(rows![0]!.id) };
    };
    const dashboardStatus = async (cookie: string) => (await callRoute(dashboard, { path: "/tableau-de-bord", cookie })).status;

    const active = await open();
    await getDb()("sessions").where({ id: active.id }).update({ last_seen_at: hoursAgo(1.5) });
    expect(await dashboardStatus(active.cookie)).toBe(200);
    // The request counted as activity.
    expect(new Date((await getDb()("sessions").where({ id: active.id }).first())!.last_seen_at!).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const idle = await open();
    await getDb()("sessions").where({ id: idle.id }).update({ last_seen_at: hoursAgo(2.1) });
    expect(await dashboardStatus(idle.cookie)).toBe(302);
    expect(await getDb()("sessions").where({ id: idle.id }).first()).toBeUndefined();

    const old = await open();
    await getDb()("sessions").where({ id: old.id }).update({ created_at: hoursAgo(12.1), last_seen_at: hoursAgo(0.1) });
    expect(await dashboardStatus(old.cookie)).toBe(302);
  });

  it("refuses a common or guessable new password in French, and keeps the old one", async () => {
    const user = await createUserInOffice(fx.officeId, "staff");
    const cookie = cookieOf((await signIn(user.email, TEST_PASSWORD, unique("ip"))).setCookie);
    const before = (await getDb()("users").where({ id: user.userId }).first())!.password_hash;
    const answer = await callRoute(motDePasse, {
      method: "POST",
      path: "/mot-de-passe",
      cookie,
      form: { currentPassword: TEST_PASSWORD, newPassword: "azertyuiop123", confirmPassword: "azertyuiop123" },
      clientIp: unique("ip"),
    });
    expect(answer.status).toBe(400);
    expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors.newPassword).toMatch(/^Nouveau mot de passe : trop facile à deviner\. .*clavier/);
    expect((await getDb()("users").where({ id: user.userId }).first())!.password_hash).toBe(before);
  });

  it("never stores or returns the password in clear", async () => {
    const row = await getDb()("users").where({ id: fx.users.staff.userId }).first();
    expect(row?.password_hash).toMatch(/^scrypt\$/);
    expect(row?.password_hash).not.toContain(TEST_PASSWORD);
    const history = await getDb()("history").where({ entity_type: "user" });
    for (const h of history) expect(h.changes).not.toContain("scrypt$");
  });
});

describe("sign-in throttling (decision 017)", () => {
  const failuresLogged = async (userId: number, event = "sign_in_failed") =>
    Number((await getDb()("security_log").where({ user_id: userId, event }).count<{ n: number }[]>({ n: "*" }))[0]!.n);

  it("locks an e-mail at one address after ten failures, but a stranger there cannot lock the owner out", async () => {
    const user = await createUserInOffice(fx.officeId, "staff");
    const attacker = unique("ip");
    const t0 = Date.now();
    // Ten failures from one address, each after the wait asked (time injected).
    for (let i = 0; i < 10; i += 1) {
      const answer = await signIn(user.email, "wrong-password", attacker, undefined, new Date(t0 + i * 61_000));
      expect(answer.status).toBe(400);
    }
    const locked = await signIn(user.email, TEST_PASSWORD, attacker, undefined, new Date(t0 + 10 * 61_000));
    expect(locked.status).toBe(429);
    expect((locked.body as { formError: string }).formError).toMatch(/Réessayez dans 14 minutes\./);
    // The owner, from their own address, gets in (the e-mail's own slow-down is a short wait, served).
    const owner = await signIn(user.email, TEST_PASSWORD, unique("ip"), undefined, new Date(t0 + 10 * 61_000));
    expect(owner.status).toBe(302);
    expect(await failuresLogged(user.userId)).toBe(10);
    expect(await failuresLogged(user.userId, "sign_in_locked")).toBe(1);
  });

  it("tells the owner by e-mail when their account is locked at an address, once a day at most", async () => {
    const user = await createUserInOffice(fx.officeId, "staff");
    const mails = () => getDb()("mail_outbox").where({ to_address: user.email, kind: "sign_in_locked" });
    const guess = async (attacker: string, from: number) => {
      for (let i = 0; i < 10; i += 1) await signIn(user.email, "wrong-password", attacker, undefined, new Date(from + i * 61_000));
    };
    const t0 = Date.now();
    await guess(unique("ip"), t0);
    const [mail, ...more] = await mails();
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ office_id: null, status: "pending", subject: "Cap Qualité : connexions bloquées sur votre compte" });
    expect(String(mail?.text_body)).toMatch(/^Bonjour .+,\n\nLe \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}, plusieurs mots de passe faux ont été essayés sur votre compte Cap Qualité depuis l'adresse ip-/);
    expect(String(mail?.text_body)).toContain("bloquées 15 minutes");
    expect(String(mail?.text_body)).toMatch(/Changer mon mot de passe : http:\/\/localhost:\d+\/mot-de-passe/);
    // Locked again from elsewhere the same day: the log says so, the mailbox is spared.
    await guess(unique("ip"), t0 + 20 * 61_000);
    expect(await failuresLogged(user.userId, "sign_in_locked")).toBe(2);
    expect(await mails()).toHaveLength(1);
    // A day later, a new lock is told again.
    await guess(unique("ip"), t0 + 25 * 3_600_000);
    expect(await mails()).toHaveLength(2);
  });

  it("sends no mail for a lock on an e-mail that has no account", async () => {
    const ghost = `${unique("ghost")}@test.fr`;
    const t0 = Date.now();
    const attacker = unique("ip");
    for (let i = 0; i < 10; i += 1) await signIn(ghost, "wrong-password", attacker, undefined, new Date(t0 + i * 61_000));
    expect(await getDb()("mail_outbox").where({ to_address: ghost })).toHaveLength(0);
  });

  it("slows down guessers spread over many addresses, and says nothing of the account", async () => {
    const user = await createUserInOffice(fx.officeId, "staff");
    const t0 = Date.now();
    const at = (i: number) => new Date(t0 + i * 61_000);
    for (let i = 0; i < 12; i += 1) expect((await signIn(user.email, "wrong-password", unique("ip"), undefined, at(i))).status).toBe(400);
    const slowed = await signIn(user.email, TEST_PASSWORD, unique("ip"), undefined, at(11));
    expect(slowed.status).toBe(429);
    expect((slowed.body as { formError: string }).formError).toMatch(/^Trop de tentatives de connexion\. Réessayez dans \d+ secondes?\.$/);
    // Never a lock per e-mail alone: a few minutes later the owner gets in.
    const later = await signIn(user.email, TEST_PASSWORD, unique("ip"), undefined, new Date(t0 + 16 * 61_000));
    expect(later.status).toBe(302);

    // An unknown e-mail under the same attack gets exactly the same answers.
    const ghost = `${unique("ghost")}@test.fr`;
    for (let i = 0; i < 12; i += 1) await signIn(ghost, "wrong-password", unique("ip"), undefined, at(i));
    const ghostBlocked = await signIn(ghost, "wrong-password", unique("ip"), undefined, at(11));
    expect(ghostBlocked.status).toBe(429);
    expect((ghostBlocked.body as { formError: string }).formError).toMatch(/^Trop de tentatives de connexion/);
  });

  it("keeps a lock written by another instance, for that address only", async () => {
    const user = await createUserInOffice(fx.officeId, "staff");
    const ip = unique("ip");
    await getDb()("sign_in_throttles").insert({
      key: `pair:${user.email}|${ip}`,
      failures: 10,
      last_failure_at: new Date().toISOString(),
      locked_until: new Date(Date.now() + 15 * 60_000).toISOString(),
    });
    const answer = await signIn(user.email, TEST_PASSWORD, ip);
    expect(answer.status).toBe(429);
    expect((answer.body as { formError: string }).formError).toMatch(/Réessayez dans 15 minutes\./);
    expect((await signIn(user.email, TEST_PASSWORD, unique("ip"))).status).toBe(302);
  });

  it("refuses an address that tries many accounts, then lets other addresses in", async () => {
    const ip = unique("ip");
    const t0 = Date.now();
    for (let i = 0; i < 13; i += 1) await signIn(`${unique("spray")}@test.fr`, "wrong-password", ip, undefined, new Date(t0 + i * 61_000));
    const fromAttacker = await signIn(fx.users.admin.email, TEST_PASSWORD, ip, undefined, new Date(t0 + 12 * 61_000));
    expect(fromAttacker.status).toBe(429);
    const fromElsewhere = await signIn(fx.users.admin.email, TEST_PASSWORD, unique("ip"));
    expect(fromElsewhere.status).toBe(302);
  });

  it("forgets the failures at this address after a successful sign-in, and gives the attempt back to the e-mail", async () => {
    const user = await createUserInOffice(fx.officeId, "staff");
    const ip = unique("ip");
    for (let i = 0; i < 2; i += 1) await signIn(user.email, "wrong-password", ip);
    expect((await signIn(user.email, TEST_PASSWORD, ip)).status).toBe(302);
    expect(await getDb()("sign_in_throttles").where({ key: `pair:${user.email}|${ip}` }).first()).toBeUndefined();
    expect((await getDb()("sign_in_throttles").where({ key: `email:${user.email}` }).first())!.failures).toBe(2);
  });

  it("lets ten simultaneous correct sign-ins to one account all in (a double click must work)", async () => {
    // Several rounds: on PostgreSQL an attempt could lose its lock on the e-mail-and-address
    // row to a success deleting it, and deadlock with the next attempt (one round in three).
    for (let round = 0; round < 5; round += 1) {
      const user = await createUserInOffice(fx.officeId, "staff");
      const ip = unique("ip");
      const answers = await Promise.all(Array.from({ length: 10 }, () => signIn(user.email, TEST_PASSWORD, ip)));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(302));
    }
  });

  it("lets twenty colleagues behind one public address sign in at the same moment", async () => {
    const ip = unique("ip");
    const staff = await Promise.all(Array.from({ length: 20 }, () => createUserInOffice(fx.officeId, "staff")));
    // The hashing queue (one hash at a time, decision 054) is busy for a few seconds, as when
    // other people are signing in: every colleague's password waits its turn to be checked.
    // Counted as failures while they wait, the eleventh and later would have been sent away.
    const busy = Promise.all(Array.from({ length: 20 }, () => hashPassword("une-autre-connexion", 16)));
    const answers = await Promise.all(staff.map((user) => signIn(user.email, TEST_PASSWORD, ip)));
    await busy;
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(302));
    // None of them counted against the address, and no attempt is left in flight.
    expect((await getDb()("sign_in_throttles").where({ key: `ip:${ip}` }).first())?.failures ?? 0).toBe(0);
    expect(await getDb()("sign_in_attempts").where({ key: `ip:${ip}` })).toEqual([]);
  });

  it("holds an address firing many guesses at once to its ten free tries and the served waits after them", async () => {
    const ip = unique("ip");
    const answers = await Promise.all(Array.from({ length: 40 }, () => signIn(`${unique("spray")}@test.fr`, "wrong-password", ip)));
    const checked = answers.filter((a) => a.status === 400).length;
    // Ten free, then a wait that doubles (1 s, 2 s): within the three seconds served, two more.
    expect(checked).toBeGreaterThanOrEqual(10);
    expect(checked).toBeLessThanOrEqual(12);
    expect(answers.filter((a) => a.status === 429).length).toBe(40 - checked);
    expect(await getDb()("sign_in_attempts").where({ key: `ip:${ip}` })).toEqual([]);
    // Whatever got in, the address is now held back: locked, or slowed beyond a served wait.
    const next = await signIn(fx.users.admin.email, TEST_PASSWORD, ip);
    expect(next.status).toBe(429);
  });

  it("counts every wrong password of an address once, however many come back at the same moment", async () => {
    const ip = unique("ip");
    const answers = await Promise.all(Array.from({ length: 6 }, () => signIn(`${unique("typo")}@test.fr`, "wrong-password", ip)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(400));
    expect((await getDb()("sign_in_throttles").where({ key: `ip:${ip}` }).first())?.failures).toBe(6);
  });

  it("forgets an attempt left in flight by a server that stopped mid-check, after two minutes", async () => {
    const ip = unique("ip");
    const old = new Date(Date.now() - 3 * 60_000).toISOString();
    await getDb()("sign_in_attempts").insert(Array.from({ length: 30 }, () => ({ key: `ip:${ip}`, started_at: old })));
    expect((await signIn(fx.users.admin.email, TEST_PASSWORD, ip)).status).toBe(302);
    // Purged at that sign-in.
    expect(await getDb()("sign_in_attempts").where({ key: `ip:${ip}` })).toEqual([]);
  });

  it("still holds simultaneous wrong guesses to the policy", async () => {
    const user = await createUserInOffice(fx.officeId, "staff");
    const ip = unique("ip");
    const answers = await Promise.all(Array.from({ length: 10 }, () => signIn(user.email, "wrong-password", ip)));
    // Three free, then a wait that doubles: within the three seconds served, at most two more.
    expect(answers.filter((a) => a.status === 400).length).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(5);
  });

  it("tells the owner at the next sign-in that someone failed to sign in to their account", async () => {
    const user = await createUserInOffice(fx.officeId, "staff");
    expect((await signIn(user.email, TEST_PASSWORD, unique("ip"))).status).toBe(302);
    const attacker = unique("ip");
    for (let i = 0; i < 2; i += 1) await signIn(user.email, "wrong-password", attacker);
    const next = await signIn(user.email, TEST_PASSWORD, unique("ip"));
    const page = await callRoute(root, { path: "/tableau-de-bord", cookie: cookieOf(next.setCookie) });
    const toast = (page.body as { toast: { kind: string; message: string } | null }).toast;
    expect(toast?.kind).toBe("info");
    expect(toast?.message).toMatch(/^Depuis votre dernière connexion, 2 tentatives de connexion à votre compte ont échoué \(la dernière le .+, depuis l'adresse ip-/);
    expect(toast?.message).toMatch(/Si ce n'était pas vous, changez votre mot de passe\.$/);
    // Told once: the sign-in after that is quiet.
    const again = await signIn(user.email, TEST_PASSWORD, unique("ip"));
    expect((await callRoute(root, { path: "/tableau-de-bord", cookie: cookieOf(again.setCookie) })).body).toMatchObject({ toast: null });
  });
});
