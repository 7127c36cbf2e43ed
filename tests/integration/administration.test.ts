// Administration forms on a real database: history in the same transaction, bad input refused
// with a French message and nothing written, and each office seeing only its own records.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import * as dashboard from "~/routes/_app.tableau-de-bord";
import * as officePage from "~/routes/_app.administration._index";
import * as sitesPage from "~/routes/_app.administration.bureaux._index";
import * as newSite from "~/routes/_app.administration.bureaux.nouveau";
import * as sitePage from "~/routes/_app.administration.bureaux.$siteId";
import * as peoplePage from "~/routes/_app.administration.personnes._index";
import * as newPerson from "~/routes/_app.administration.personnes.nouveau";
import * as personPage from "~/routes/_app.administration.personnes.$personId";
import * as accountsPage from "~/routes/_app.administration.comptes._index";
import * as memberPage from "~/routes/_app.administration.comptes.$membershipId";
import * as passwordPage from "~/routes/_app.mot-de-passe";
import { createOfficeFixture, sessionCookie, unique, type OfficeFixture } from "../support/factories";
import { callRoute } from "../support/routes";

let a: OfficeFixture;
let b: OfficeFixture;
let adminCookie: string;
let referentCookie: string;

beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
  adminCookie = await sessionCookie(a.users.admin.userId, a.officeId);
  referentCookie = await sessionCookie(a.users.quality_referent.userId, a.officeId);
});

async function counts() {
  const db = getDb();
  const n = async (table: string) => Number((await db(table).count<{ n: number }[]>({ n: "*" }))[0]!.n);
  return {
    offices: await n("offices"),
    sites: await n("sites"),
    people: await n("people"),
    memberships: await n("memberships"),
    invitations: await n("invitations"),
    history: await n("history"),
  };
}

const site = (name: string, extra: Record<string, string> = {}) => ({ name, street: "", postalCode: "", city: "", phone: "", email: "", active: "on", ...extra });

describe("history", () => {
  it("records who changed a site, when, and the values before and after", async () => {
    const created = await callRoute(newSite, { method: "POST", path: "/administration/bureaux/nouveau", cookie: adminCookie, form: site("Amou", { city: "Amou" }) });
    expect(created.status).toBe(302);
    const siteId = Number(created.location!.split("/").pop());
    const updated = await callRoute(sitePage, {
      method: "POST",
      path: `/administration/bureaux/${siteId}`,
      params: { siteId: String(siteId) },
      cookie: adminCookie,
      form: site("Amou", { city: "Amou", phone: "05 58 00 00 00", active: "" }),
    });
    expect(updated.status).toBe(302);
    const page = await callRoute(sitePage, { path: `/administration/bureaux/${siteId}`, params: { siteId: String(siteId) }, cookie: adminCookie });
    // The loader sends each line in French words, as the panel shows it.
    const { history } = page.body as { history: Array<{ action: string; actorName: string; changes: Array<{ field: string; label: string; before: string; after: string }> }> };
    expect(history.map((h) => h.action)).toEqual(["Modification", "Création"]);
    expect(history[0]!.actorName).toBe("Test admin");
    const change = (field: string) => history[0]!.changes.find((c) => c.field === field);
    expect(change("phone")).toEqual({ field: "phone", label: "Téléphone", before: "—", after: "05 58 00 00 00" });
    expect(change("active")).toMatchObject({ before: "Oui", after: "Non" });
    expect(history[0]!.changes.map((c) => c.field).sort()).toEqual(["active", "phone"]);
    expect(history[1]!.changes).toEqual([]);
  });

  it("lists the office's latest changes on the dashboard, naming each record", async () => {
    const name = unique("Geaune");
    await callRoute(newSite, { method: "POST", path: "/administration/bureaux/nouveau", cookie: adminCookie, form: site(name) });
    const page = await callRoute(dashboard, { path: "/tableau-de-bord", cookie: adminCookie });
    const { history } = page.body as { history: Array<{ what: string; url: string | null; action: string }> };
    expect(history[0]).toMatchObject({ what: `Bureau « ${name} »`, action: "Création", url: expect.stringMatching(/^\/administration\/bureaux\/\d+$/) });
    const staff = await sessionCookie(a.users.staff.userId, a.officeId);
    expect(((await callRoute(dashboard, { path: "/tableau-de-bord", cookie: staff })).body as { history: unknown }).history).toBeNull();
  });

  it("writes nothing, history included, when a change is refused", async () => {
    const name = unique("Hagetmau");
    await callRoute(newSite, { method: "POST", path: "/administration/bureaux/nouveau", cookie: adminCookie, form: site(name) });
    const before = await counts();
    const duplicate = await callRoute(newSite, {
      method: "POST",
      path: "/administration/bureaux/nouveau",
      cookie: adminCookie,
      form: site(name.toUpperCase()),
    });
    expect(duplicate.status).toBe(400);
    expect((duplicate.body as { fieldErrors: Record<string, string> }).fieldErrors.name).toBe("Nom du bureau : un bureau porte déjà ce nom.");
    expect(await counts()).toEqual(before);
  });

  it("records office changes on the office page", async () => {
    const form = { name: "Office de Tourisme Landes Chalosse", legalForm: "SPL", street: "", postalCode: "40500", city: "Saint-Sever", phone: "", email: "", website: "" };
    expect((await callRoute(officePage, { method: "POST", path: "/administration", cookie: adminCookie, form })).status).toBe(302);
    const page = await callRoute(officePage, { path: "/administration", cookie: adminCookie });
    const body = page.body as { office: { name: string }; history: Array<{ action: string; changes: Array<{ field: string; label: string; after: string }> }> };
    expect(body.office.name).toBe("Office de Tourisme Landes Chalosse");
    // The loader sends the lines in words: the panel in the browser carries no field label.
    expect(body.history[0]!.action).toBe("Modification");
    expect(body.history[0]!.changes.find((c) => c.field === "name")).toMatchObject({ label: "Nom", after: "Office de Tourisme Landes Chalosse" });
  });
});

describe("bad input: status 400, a French message beside the field, nothing written", () => {
  const cases: Array<{ what: string; run: () => ReturnType<typeof callRoute>; field: string; message: RegExp }> = [
    {
      what: "office without a name and with a bad postcode",
      run: () => callRoute(officePage, { method: "POST", path: "/administration", cookie: adminCookie, form: { name: " ", postalCode: "4050" } }),
      field: "postalCode",
      message: /Code postal : cinq chiffres/,
    },
    {
      what: "office with a bad e-mail",
      run: () => callRoute(officePage, { method: "POST", path: "/administration", cookie: adminCookie, form: { name: "X", email: "contact@" } }),
      field: "email",
      message: /adresse e-mail invalide/,
    },
    {
      what: "site without a name",
      run: () => callRoute(newSite, { method: "POST", path: "/administration/bureaux/nouveau", cookie: adminCookie, form: site("") }),
      field: "name",
      message: /Nom du bureau : ce champ est obligatoire\./,
    },
    {
      what: "site with a name far too long",
      run: () => callRoute(newSite, { method: "POST", path: "/administration/bureaux/nouveau", cookie: adminCookie, form: site("x".repeat(500)) }),
      field: "name",
      message: /200 caractères au maximum/,
    },
    {
      what: "person of an unknown kind",
      run: () =>
        callRoute(newPerson, { method: "POST", path: "/administration/personnes/nouveau", cookie: referentCookie, form: { fullName: "Y", kind: "pirate" } }),
      field: "kind",
      message: /Catégorie : choisissez une catégorie/,
    },
    {
      what: "person attached to another office's site",
      run: () =>
        callRoute(newPerson, {
          method: "POST",
          path: "/administration/personnes/nouveau",
          cookie: referentCookie,
          form: { fullName: "Z", kind: "staff", siteId: String(b.siteId) },
        }),
      field: "siteId",
      message: /Bureau de rattachement : choix invalide/,
    },
    {
      what: "invitation with a bad e-mail and an unknown role",
      run: () => callRoute(accountsPage, { method: "POST", path: "/administration/comptes", cookie: adminCookie, form: { intent: "invite", email: "nope", role: "king" } }),
      field: "role",
      message: /Rôle : choisissez un rôle/,
    },
    {
      what: "invitation for someone already in the office",
      run: () =>
        callRoute(accountsPage, { method: "POST", path: "/administration/comptes", cookie: adminCookie, form: { intent: "invite", email: a.users.staff.email, role: "staff" } }),
      field: "email",
      message: /déjà accès à cet office/,
    },
    {
      what: "invitation linked to another office's person",
      run: () =>
        callRoute(accountsPage, {
          method: "POST",
          path: "/administration/comptes",
          cookie: adminCookie,
          form: { intent: "invite", email: `${unique("x")}@test.fr`, role: "staff", personId: String(b.personId) },
        }),
      field: "personId",
      message: /Personne : choix invalide/,
    },
    {
      what: "membership with an unknown role",
      run: () =>
        callRoute(memberPage, {
          method: "POST",
          path: `/administration/comptes/${a.users.staff.membershipId}`,
          params: { membershipId: String(a.users.staff.membershipId) },
          cookie: adminCookie,
          form: { role: "emperor" },
        }),
      field: "role",
      message: /Rôle : choisissez un rôle/,
    },
    {
      what: "a new password too short and not confirmed",
      run: () => callRoute(passwordPage, { method: "POST", path: "/mot-de-passe", cookie: adminCookie, form: { currentPassword: "x", newPassword: "court", confirmPassword: "autre" } }),
      field: "newPassword",
      message: /12 caractères au minimum/,
    },
  ];

  it.each(cases.map((c) => [c.what, c] as const))("%s", async (_what, c) => {
    const before = await counts();
    const answer = await c.run();
    expect(answer.status).toBe(400);
    expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors[c.field]).toMatch(c.message);
    expect(await counts()).toEqual(before);
  });

  it("keeps the last administrator of an office", async () => {
    const before = await counts();
    const demote = await callRoute(memberPage, {
      method: "POST",
      path: `/administration/comptes/${a.users.admin.membershipId}`,
      params: { membershipId: String(a.users.admin.membershipId) },
      cookie: adminCookie,
      form: { role: "staff" },
    });
    expect(demote.status).toBe(400);
    expect((demote.body as { formError: string }).formError).toMatch(/au moins un administrateur/);
    const remove = await callRoute(memberPage, {
      method: "POST",
      path: `/administration/comptes/${a.users.admin.membershipId}`,
      params: { membershipId: String(a.users.admin.membershipId) },
      cookie: adminCookie,
      form: { intent: "remove" },
    });
    expect(remove.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe("each office sees only its own records", () => {
  it("lists only the office's sites, people and accounts", async () => {
    const sites = (await callRoute(sitesPage, { path: "/administration/bureaux", cookie: adminCookie })).body as { sites: Array<{ officeId: number }> };
    expect(sites.sites.length).toBeGreaterThan(0);
    expect(new Set(sites.sites.map((s) => s.officeId))).toEqual(new Set([a.officeId]));
    const people = (await callRoute(peoplePage, { path: "/administration/personnes", cookie: adminCookie })).body as { people: Array<{ officeId: number; id: number }> };
    expect(people.people.map((p) => p.officeId).every((id) => id === a.officeId)).toBe(true);
    expect(people.people.map((p) => p.id)).not.toContain(b.personId);
    const accounts = (await callRoute(accountsPage, { path: "/administration/comptes", cookie: adminCookie })).body as { members: Array<{ userId: number }> };
    expect(accounts.members.map((m) => m.userId)).not.toContain(b.users.admin.userId);
  });

  it("cannot change another office's person, even with a forged form", async () => {
    const before = await getDb()("people").where({ id: b.personId }).first();
    const answer = await callRoute(personPage, {
      method: "POST",
      path: `/administration/personnes/${b.personId}`,
      params: { personId: String(b.personId) },
      cookie: adminCookie,
      form: { fullName: "Piraté", kind: "staff" },
    });
    expect(answer.status).toBe(404);
    expect(await getDb()("people").where({ id: b.personId }).first()).toEqual(before);
  });
});
