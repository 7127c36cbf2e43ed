// Invitations: created by an administrator, shown once, single use, expiring, revocable.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { createInvitation, findOpenInvitation } from "~/modules/account/invitations.server";
import { listMemberships } from "~/modules/account/memberships.server";
import * as accountsPage from "~/routes/_app.administration.comptes._index";
import * as invitationPage from "~/routes/invitation.$token";
import * as dashboard from "~/routes/_app.tableau-de-bord";
import { createOfficeFixture, sessionCookie, TEST_PASSWORD, unique, type OfficeFixture } from "../support/factories";
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

const PASSWORD = "une phrase de passe solide";

async function invite(email: string, role = "staff") {
  const answer = await callRoute(accountsPage, {
    method: "POST",
    path: "/administration/comptes",
    cookie: adminCookie,
    form: { intent: "invite", email, role, personId: String(a.personId) },
  });
  expect(answer.status).toBe(200);
  const link = (answer.body as { invitationLink: string }).invitationLink;
  expect(link).toMatch(/^http:\/\/localhost\/invitation\/[A-Za-z0-9_-]{40,}$/);
  return link.split("/").pop()!;
}

function accept(token: string, form: Record<string, string>) {
  return callRoute(invitationPage, { method: "POST", path: `/invitation/${token}`, params: { token }, form, clientIp: unique("ip") });
}

describe("invitations", () => {
  it("creates an account with the invited role and linked person, then cannot be used again", async () => {
    const email = `${unique("nouvelle")}@test.fr`;
    const token = await invite(email, "quality_referent");
    const stored = await getDb()("invitations").where({ email }).first();
    expect(stored?.token_hash).not.toBe(token);
    const page = await callRoute(invitationPage, { path: `/invitation/${token}`, params: { token } });
    expect(page.body).toMatchObject({ invitation: { email, hasAccount: false, roleLabel: "Référent(e) qualité" } });

    const mismatch = await accept(token, { displayName: "Nouvelle", newPassword: PASSWORD, confirmPassword: "autre chose" });
    expect(mismatch.status).toBe(400);
    expect((mismatch.body as { fieldErrors: Record<string, string> }).fieldErrors.confirmPassword).toMatch(/pas identiques/);
    expect(await getDb()("users").where({ email }).first()).toBeUndefined();

    const ok = await accept(token, { displayName: "Nouvelle référente", newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/tableau-de-bord");
    const cookie = ok.setCookie!.split(";")[0]!;
    expect((await callRoute(dashboard, { path: "/tableau-de-bord", cookie })).status).toBe(200);
    const user = await getDb()("users").where({ email }).first();
    const memberships = await listMemberships(getDb(), user!.id);
    expect(memberships).toMatchObject([{ officeId: a.officeId, role: "quality_referent", personId: a.personId }]);

    const again = await accept(token, { displayName: "Intrus", newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect(again.status).toBe(404);
    expect(Number((await getDb()("users").where({ email }).count<{ n: number }[]>({ n: "*" }))[0]!.n)).toBe(1);
  });

  it("lets an existing account join a second office after confirming its password", async () => {
    const existing = b.users.staff;
    const token = await invite(existing.email, "quality_group_member");
    const wrong = await accept(token, { currentPassword: "pas le bon" });
    expect(wrong.status).toBe(400);
    const ok = await accept(token, { currentPassword: TEST_PASSWORD });
    expect(ok.status).toBe(302);
    const offices = (await listMemberships(getDb(), existing.userId)).map((m) => [m.officeId, m.role]);
    expect(offices).toEqual(expect.arrayContaining([[b.officeId, "staff"], [a.officeId, "quality_group_member"]]));
  });

  it("expires after seven days", async () => {
    const created = new Date("2026-01-01T10:00:00Z");
    const { token } = await createInvitation(
      commandScope(getDb(), a.officeId),
      { email: `${unique("late")}@test.fr`, role: "staff", personId: null, createdBy: a.users.admin.userId },
      created,
    );
    expect(await findOpenInvitation(getDb(), token, new Date("2026-01-08T09:59:00Z"))).not.toBeNull();
    expect(await findOpenInvitation(getDb(), token, new Date("2026-01-08T10:00:01Z"))).toBeNull();
    // Created on 1 January 2026: long expired today.
    expect((await callRoute(invitationPage, { path: `/invitation/${token}`, params: { token } })).body).toEqual({ invitation: null });
  });

  it("can be revoked by an administrator, after which the link is dead", async () => {
    const email = `${unique("revoked")}@test.fr`;
    const token = await invite(email);
    const row = await getDb()("invitations").where({ email }).first();
    const revoke = await callRoute(accountsPage, {
      method: "POST",
      path: "/administration/comptes",
      cookie: adminCookie,
      form: { intent: "revoke", invitationId: String(row?.id) },
    });
    expect(revoke.status).toBe(302);
    expect((await accept(token, { displayName: "Trop tard", newPassword: PASSWORD, confirmPassword: PASSWORD })).status).toBe(404);
  });
});
