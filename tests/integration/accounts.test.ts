// Account life: reset links, removal from an office, self-demotion, no office left,
// concurrent sign-in attempts, and the rules that keep names and headquarters unambiguous.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { addMembership, listMemberships } from "~/modules/account/memberships.server";
import * as memberPage from "~/routes/_app.administration.comptes.$membershipId";
import * as accountsPage from "~/routes/_app.administration.comptes._index";
import * as newSite from "~/routes/_app.administration.bureaux.nouveau";
import * as sitesPage from "~/routes/_app.administration.bureaux._index";
import * as dashboard from "~/routes/_app.tableau-de-bord";
import * as passwordPage from "~/routes/_app.mot-de-passe";
import * as connexion from "~/routes/connexion";
import * as resetPage from "~/routes/reinitialisation.$token";
import * as invitationPage from "~/routes/invitation.$token";
import { createOfficeFixture, createUserInOffice, sessionCookie, TEST_PASSWORD, unique, type OfficeFixture } from "../support/factories";
import { callRoute } from "../support/routes";
import { commandScope } from "~/modules/scope.server";

let a: OfficeFixture;
let b: OfficeFixture;
let adminCookie: string;
beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
  adminCookie = await sessionCookie(a.users.admin.userId, a.officeId);
});

const signIn = (email: string, password: string, clientIp = unique("ip")) =>
  callRoute(connexion, { method: "POST", path: "/connexion", form: { email, password, redirectTo: "" }, clientIp });

const member = (membershipId: number, form: Record<string, string>, cookie = adminCookie) =>
  callRoute(memberPage, {
    method: "POST",
    path: `/administration/comptes/${membershipId}`,
    params: { membershipId: String(membershipId) },
    cookie,
    form,
  });

describe("password reset links", () => {
  it("let a member who forgot their password choose a new one, once, and end their sessions", async () => {
    const user = await createUserInOffice(a.officeId, "staff");
    const oldSession = await sessionCookie(user.userId, a.officeId);
    const created = await member(user.membershipId, { intent: "reset-password" });
    expect(created.status).toBe(200);
    const link = (created.body as { resetLink: string }).resetLink;
    const token = link.split("/").pop()!;
    expect(link).toMatch(/^http:\/\/localhost\/reinitialisation\/[\w-]{40,}$/);

    const page = await callRoute(resetPage, { path: `/reinitialisation/${token}`, params: { token } });
    expect(page.body).toEqual({ reset: { email: user.email } });
    const short = await callRoute(resetPage, { method: "POST", path: "/r", params: { token }, form: { newPassword: "court", confirmPassword: "court" } });
    expect(short.status).toBe(400);

    const newPassword = "mon nouveau mot de passe";
    const done = await callRoute(resetPage, { method: "POST", path: "/r", params: { token }, form: { newPassword, confirmPassword: newPassword } });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/connexion");
    expect((await callRoute(dashboard, { path: "/tableau-de-bord", cookie: oldSession })).status).toBe(302);
    expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(400);
    expect((await signIn(user.email, newPassword)).status).toBe(302);

    const again = await callRoute(resetPage, { method: "POST", path: "/r", params: { token }, form: { newPassword: "encore un autre essai", confirmPassword: "encore un autre essai" } });
    expect(again.status).toBe(404);
  });

  it("are refused for an account that also opens an office this administrator does not run", async () => {
    const user = await createUserInOffice(a.officeId, "staff");
    await getDb().transaction((trx) => addMembership(commandScope(trx, b.officeId), { userId: user.userId, role: "staff", personId: null }));
    const refused = await member(user.membershipId, { intent: "reset-password" });
    expect(refused.status).toBe(403);
    expect((refused.body as { resetError: string }).resetError).toMatch(/d'autres offices/);
    expect(await getDb()("password_resets").where({ user_id: user.userId }).first()).toBeUndefined();
  });
});

describe("removing an account from an office", () => {
  it("removes the access, ends the account's sessions and keeps a trace in the history", async () => {
    const user = await createUserInOffice(a.officeId, "quality_group_member");
    const cookie = await sessionCookie(user.userId, a.officeId);
    const removed = await member(user.membershipId, { intent: "remove" });
    expect(removed.status).toBe(302);
    expect(removed.location).toBe("/administration/comptes");
    expect(await getDb()("memberships").where({ id: user.membershipId }).first()).toBeUndefined();
    expect(await getDb()("sessions").where({ user_id: user.userId }).first()).toBeUndefined();
    const trace = await getDb()("history").where({ entity_type: "membership", entity_id: user.membershipId, action: "delete" }).first();
    expect(JSON.parse(trace!.changes).role).toEqual({ before: "quality_group_member", after: null });
    // The account has no office left: signing in says so, and an old cookie leads to sign-in.
    expect((await callRoute(dashboard, { path: "/tableau-de-bord", cookie })).location).toMatch(/^\/connexion\?redirectTo=/);
    const signedIn = await signIn(user.email, TEST_PASSWORD);
    expect(signedIn.status).toBe(403);
    expect((signedIn.body as { formError: string }).formError).toMatch(/n'a plus accès à aucun office/);
  });

  it("sends a user whose session outlives their last access to the sign-in page with an explanation", async () => {
    const user = await createUserInOffice(a.officeId, "staff");
    const cookie = await sessionCookie(user.userId, a.officeId);
    await getDb()("memberships").where({ id: user.membershipId }).delete();
    const answer = await callRoute(dashboard, { path: "/tableau-de-bord", cookie });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/connexion?sans-office=1");
  });

  it("an administrator who gives up the role goes back to the dashboard with a message", async () => {
    const second = await createUserInOffice(a.officeId, "admin");
    const cookie = await sessionCookie(second.userId, a.officeId);
    const answer = await member(second.membershipId, { role: "director", personId: "" }, cookie);
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/tableau-de-bord");
  });
});

describe("several offices", () => {
  it("lands in the first office joined, whatever the alphabetical order", async () => {
    const zebra = await createOfficeFixture(unique("Zèbre"));
    const alpha = await createOfficeFixture(unique("Abeille"));
    const user = await createUserInOffice(zebra.officeId, "staff");
    await getDb().transaction((trx) => addMembership(commandScope(trx, alpha.officeId), { userId: user.userId, role: "director", personId: null }));
    const signedIn = await signIn(user.email, TEST_PASSWORD);
    const cookie = signedIn.setCookie!.split(";")[0]!;
    const page = (await callRoute(dashboard, { path: "/tableau-de-bord", cookie })).body as { office: { id: number } };
    expect(page.office.id).toBe(zebra.officeId);
  });
});

describe("invitations twice", () => {
  it("a new invitation replaces the pending one for the same e-mail", async () => {
    const email = `${unique("twice")}@test.fr`;
    const invite = async () =>
      ((await callRoute(accountsPage, { method: "POST", path: "/administration/comptes", cookie: adminCookie, form: { intent: "invite", email, role: "staff" } })).body as {
        invitationLink: string;
      }).invitationLink.split("/").pop()!;
    const first = await invite();
    const second = await invite();
    expect((await callRoute(invitationPage, { path: "/i", params: { token: first } })).body).toEqual({ invitation: null });
    const ok = await callRoute(invitationPage, {
      method: "POST",
      path: "/i",
      params: { token: second },
      form: { displayName: "Deux fois", newPassword: "phrase de passe assez longue", confirmPassword: "phrase de passe assez longue" },
    });
    expect(ok.status).toBe(302);
  });
});

describe("names and headquarters", () => {
  const site = (name: string, extra: Record<string, string> = {}) => ({ name, active: "on", ...extra });

  it("refuses the same site name whatever the case or accents' case, with a French message", async () => {
    expect((await callRoute(newSite, { method: "POST", path: "/n", cookie: adminCookie, form: site("Étretat") })).status).toBe(302);
    for (const name of ["Étretat", "ÉTRETAT", "étretat"]) {
      const answer = await callRoute(newSite, { method: "POST", path: "/n", cookie: adminCookie, form: site(name) });
      expect(answer.status, name).toBe(400);
      expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors.name).toBe("Nom du bureau : un bureau porte déjà ce nom.");
    }
  });

  it("keeps a single headquarters, and lists sites in French alphabetical order", async () => {
    await callRoute(newSite, { method: "POST", path: "/n", cookie: adminCookie, form: site("Zèbre", { isHeadquarters: "on" }) });
    await callRoute(newSite, { method: "POST", path: "/n", cookie: adminCookie, form: site("éole") });
    await callRoute(newSite, { method: "POST", path: "/n", cookie: adminCookie, form: site("Amou") });
    const { sites } = (await callRoute(sitesPage, { path: "/administration/bureaux", cookie: adminCookie })).body as {
      sites: Array<{ name: string; isHeadquarters: boolean }>;
    };
    expect(sites.filter((s) => s.isHeadquarters).map((s) => s.name)).toEqual(["Zèbre"]);
    const others = sites.filter((s) => !s.isHeadquarters).map((s) => s.name);
    expect(others.indexOf("Amou")).toBeLessThan(others.indexOf("éole"));
    expect(others.indexOf("éole")).toBeLessThan(others.indexOf("Étretat"));
  });
});

describe("throttling under pressure", () => {
  it("counts attempts sent at the same moment: only the free ones reach the password check", async () => {
    const user = await createUserInOffice(a.officeId, "staff");
    // From fourteen addresses at once: the e-mail's ten free failures, then the short waits after
    // them are served (decision 017), the longer ones refused.
    const answers = await Promise.all(Array.from({ length: 14 }, () => signIn(user.email, "mauvais mot de passe")));
    const statuses = answers.map((x) => x.status);
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThanOrEqual(10);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(12);
    expect(statuses.filter((s) => s === 429).length).toBe(14 - statuses.filter((s) => s === 400).length);
  });

  it("throttles guesses of the current password on the password page too", async () => {
    const user = await createUserInOffice(a.officeId, "staff");
    const cookie = await sessionCookie(user.userId, a.officeId);
    const guess = () =>
      callRoute(passwordPage, {
        method: "POST",
        path: "/mot-de-passe",
        cookie,
        form: { currentPassword: "devinette", newPassword: "nouvelle phrase de passe", confirmPassword: "nouvelle phrase de passe" },
      });
    const statuses = [];
    // Three free, two after a served wait of 1 then 2 seconds, then a wait of 4 seconds: refused.
    for (let i = 0; i < 6; i += 1) statuses.push((await guess()).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    expect((await listMemberships(getDb(), user.userId)).length).toBe(1);
  });
});
