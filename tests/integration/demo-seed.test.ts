// The demo office of the seed minutes, loaded on an empty database.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { listMemberships } from "~/models/account.server";
import { listSites } from "~/models/office.server";
import { listPeople } from "~/models/person.server";
import * as connexion from "~/routes/connexion";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from "../../db/seeds/demo";
import { callRoute } from "../support/routes";

let officeId: number;
beforeAll(async () => {
  expect(await isDatabaseEmpty(getDb())).toBe(true);
  ({ officeId } = await seedDemo(getDb()));
});

describe("demo data", () => {
  it("is the SPL of the seed minutes with its bureaux at Amou, Hagetmau and Saint-Sever", async () => {
    const office = await getDb()("offices").where({ id: officeId }).first();
    expect(office.legal_form).toMatch(/SPL/);
    const sites = (await listSites(getDb(), { officeId })).map((s) => s.name);
    expect(sites).toEqual(expect.arrayContaining(["Amou", "Hagetmau", "Saint-Sever"]));
    expect(await isDatabaseEmpty(getDb())).toBe(false);
  });

  it("describes the quality group by role, without personal names", async () => {
    const group = (await listPeople(getDb(), { officeId })).filter((p) => p.qualityGroupMember).map((p) => p.fullName);
    expect(group).toEqual(expect.arrayContaining(["Directrice de l'office", "Référente qualité", "Président de la SPL"]));
    const seedNames = ["Beaumont", "Masson", "Fray", "Detaint", "Datola", "Lafargue", "Fort", "Ducamp", "Van Es", "Favre", "Toulouse"];
    for (const name of group) for (const real of seedNames) expect(name).not.toContain(real);
  });

  it("has one account per role, each able to sign in", async () => {
    const roles = new Set<string>();
    for (const account of DEMO_ACCOUNTS) {
      const answer = await callRoute(connexion, {
        method: "POST",
        path: "/connexion",
        form: { email: account.email, password: DEMO_PASSWORD, redirectTo: "" },
        clientIp: account.email,
      });
      expect(answer.status, account.email).toBe(302);
      const user = await getDb()("users").where({ email: account.email }).first();
      const membership = (await listMemberships(getDb(), user.id)).find((m) => m.officeId === officeId);
      roles.add(membership!.role);
    }
    expect([...roles].sort()).toEqual(["admin", "director", "quality_group_member", "quality_referent", "staff"]);
  });
});
