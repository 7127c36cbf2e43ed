// The security log (decision 018): what is recorded, with time, account and address, and what
// an office's administrator reads of it in Administration › Journal de sécurité.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { ROLES } from "~/domain/roles";
import { addMembership } from "~/modules/account/memberships.server";
import { commandScope } from "~/modules/scope.server";
import * as connexion from "~/routes/connexion";
import * as deconnexion from "~/routes/deconnexion";
import * as motDePasse from "~/routes/_app.mot-de-passe";
import * as member from "~/routes/_app.administration.comptes.$membershipId";
import * as accounts from "~/routes/_app.administration.comptes._index";
import * as securityPage from "~/routes/_app.administration.securite";
import { createOfficeFixture, createUserInOffice, sessionCookie, TEST_PASSWORD, unique, type OfficeFixture } from "../support/factories";
import { callRoute } from "../support/routes";

let a: OfficeFixture;
let b: OfficeFixture;
let adminA: string;
beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
  adminA = await sessionCookie(a.users.admin.userId, a.officeId);
});

type Entry = { event: string; email: string | null; ip: string; actorName: string; details: Record<string, unknown>; at: string };
const page = async (cookie = adminA, query = "") => (await callRoute(securityPage, { path: `/administration/securite${query}`, cookie })).body as { entries: Entry[]; more: boolean };
const signIn = (email: string, password: string, clientIp: string) =>
  callRoute(connexion, { method: "POST", path: "/connexion", form: { email, password, redirectTo: "" }, clientIp });

describe("security log", () => {
  it("records sign-ins, failures and sign-outs with the account and the address", async () => {
    const user = await createUserInOffice(a.officeId, "staff");
    await signIn(user.email, "wrong-password", "203.0.113.7");
    const ok = await signIn(user.email, TEST_PASSWORD, "203.0.113.8");
    await callRoute(deconnexion, { method: "POST", path: "/deconnexion", cookie: ok.setCookie!.split(";")[0]!, clientIp: "203.0.113.8" });
    const mine = (await page(adminA, `?compte=${encodeURIComponent(user.email)}`)).entries;
    expect(mine.map((e) => [e.event, e.ip])).toEqual([
      ["sign_in", "203.0.113.8"],
      ["sign_in_failed", "203.0.113.7"],
    ]);
    const out = await getDb()("security_log").where({ user_id: user.userId, event: "sign_out" }).first();
    expect(out?.ip).toBe("203.0.113.8");
    expect(Date.now() - new Date(mine[0]!.at).getTime()).toBeLessThan(60_000);
  });

  it("records password changes, invitations, role changes and removals, with who did them", async () => {
    const user = await createUserInOffice(a.officeId, "staff");
    const cookie = await sessionCookie(user.userId, a.officeId);
    const changed = await callRoute(motDePasse, {
      method: "POST",
      path: "/mot-de-passe",
      cookie,
      form: { currentPassword: TEST_PASSWORD, newPassword: "une autre phrase de passe solide", confirmPassword: "une autre phrase de passe solide" },
      clientIp: "198.51.100.1",
    });
    expect(changed.status).toBe(302);
    const invited = `${unique("invite")}@test.fr`;
    expect((await callRoute(accounts, { method: "POST", path: "/x", cookie: adminA, form: { intent: "invite", email: invited, role: "staff", personId: "" } })).status).toBe(200);
    const membershipId = String((await getDb()("memberships").where({ user_id: user.userId, office_id: a.officeId }).first())!.id);
    expect((await callRoute(member, { method: "POST", path: "/x", params: { membershipId }, cookie: adminA, form: { role: "director", personId: "" } })).status).toBe(302);
    const events = (await page()).entries.slice(0, 3);
    expect(events.map((e) => e.event)).toEqual(["role_changed", "invitation_created", "password_changed"]);
    expect(events[0]!.details).toEqual({ avant: "Salarié(e)", après: "Directeur / directrice" });
    expect(events[0]!.actorName).toBe("Test admin");
    expect(events[1]!.email).toBe(invited);
    expect(events[2]!.ip).toBe("198.51.100.1");
    // Once removed, the account's own events (sign-ins, passwords) are no longer this office's to read; the removal stays.
    expect((await callRoute(member, { method: "POST", path: "/x", params: { membershipId }, cookie: adminA, form: { intent: "remove" } })).status).toBe(302);
    const after = (await page()).entries.filter((e) => e.email === user.email).map((e) => e.event);
    expect(after).toEqual(["membership_removed", "role_changed"]);
  });

  it("shows an office only its own events and its members' sign-ins, never another office's", async () => {
    const outsider = await createUserInOffice(b.officeId, "staff");
    await signIn(outsider.email, TEST_PASSWORD, unique("ip"));
    const shared = await createUserInOffice(b.officeId, "staff");
    await getDb().transaction((trx) => addMembership(commandScope(trx, a.officeId), { userId: shared.userId, role: "staff", personId: null }));
    await signIn(shared.email, TEST_PASSWORD, unique("ip"));
    // An event of office B about the shared account.
    const adminB = await sessionCookie(b.users.admin.userId, b.officeId);
    await callRoute(member, { method: "POST", path: "/x", params: { membershipId: String(shared.membershipId) }, cookie: adminB, form: { role: "director", personId: "" } });
    const seenByA = (await page()).entries;
    expect(seenByA.some((e) => e.email === outsider.email)).toBe(false);
    expect(seenByA.filter((e) => e.email === shared.email).map((e) => e.event)).toEqual(["sign_in"]);
    const seenByB = (await page(adminB)).entries;
    expect(seenByB.filter((e) => e.email === shared.email).map((e) => e.event)).toEqual(["role_changed", "sign_in"]);
  });

  it("is read by administrators only", async () => {
    for (const role of ROLES.filter((r) => r !== "admin")) {
      const answer = await callRoute(securityPage, { path: "/administration/securite", cookie: await sessionCookie(a.users[role].userId, a.officeId) });
      expect(answer.status).toBe(403);
    }
  });

  it("pages through older events and ignores filters it does not know", async () => {
    const user = await createUserInOffice(a.officeId, "staff");
    for (let i = 0; i < 3; i += 1) await signIn(user.email, "wrong-password", unique("ip"));
    const first = await page(adminA, `?compte=${encodeURIComponent(user.email)}&evenement=inconnu&avant=abc`);
    expect(first.entries).toHaveLength(3);
    const older = await page(adminA, `?compte=${encodeURIComponent(user.email)}&avant=${(first.entries[0] as unknown as { id: number }).id}`);
    expect(older.entries).toHaveLength(2);
  });
});
