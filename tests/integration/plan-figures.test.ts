// The plan's figures kept while the plan does not change (decision 061): triggers raise each
// office's plan revision at every change to its actions or their sites, whatever writes it (on
// PostgreSQL at the commit, once per office); the progress and the progress per site are counted
// again only then, or on a new day, and are always what counting afresh gives.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { addNote, changeStatus, createAction, planProgress, progressBySite, updateAction } from "~/modules/action/queries.server";
import { parsePlanFilters } from "~/modules/action/schema";
import { commandScope, scopeOn, type Scope } from "~/modules/scope.server";
import { createActionFixture, createOfficeFixture } from "../support/factories";
import { TEST_ENGINE } from "../support/test-db";

const everything = () => {
  const { page: _page, ...filters } = parsePlanFilters(new URLSearchParams());
  return filters;
};
const revision = async (officeId: number) => Number((await getDb()("offices").where({ id: officeId }).first("plan_revision"))?.plan_revision);

/** The same figures counted afresh: inside a transaction nothing is kept. */
const fresh = (scope: Scope) => scope.db.transaction(async (trx) => {
  const inside = { ...scope, db: trx };
  return { bySite: await progressBySite(inside), progress: await planProgress(inside, everything()) };
});

async function queriesOf<T>(scope: Scope, run: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const sql: string[] = [];
  const listen = (q: { sql: string }) => sql.push(q.sql);
  scope.db.on("query", listen);
  try {
    return { result: await run(), sql };
  } finally {
    scope.db.removeListener("query", listen);
  }
}

describe("the plan's figures between two changes", () => {
  it("are what counting afresh gives after every kind of change, whichever code writes it", async () => {
    const office = await createOfficeFixture();
    const scope = scopeOn(commandScope(getDb(), office.officeId), "2026-12-04");
    const check = async () => {
      const expected = await fresh(scope);
      expect(await progressBySite(scope)).toEqual(expected.bySite);
      expect(await planProgress(scope, everything())).toEqual(expected.progress);
      return expected;
    };
    expect((await check()).progress.total).toBe(0);
    const first = await createActionFixture(office, { dueOn: "2026-11-30" });
    expect((await check()).progress).toMatchObject({ total: 1, open: 1, overdue: 1 });
    await changeStatus(scope, { actionId: first }, { status: "faite", completedOn: "2026-12-01", statusReason: "", proof: "Fait" });
    expect((await check()).progress).toMatchObject({ done: 1, open: 0, overdue: 0 });
    const second = await createActionFixture(office, { siteIds: [], dueOn: null });
    expect((await check()).bySite.get(null)).toMatchObject({ total: 1, open: 1 });
    const values = { title: "Déplacée", description: "", origin: "other" as const, findingId: null, originDetail: "", ownerId: office.personId, contributorIds: [], siteIds: [office.siteId], dueOn: "2026-12-01", priority: "normale" as const };
    await updateAction(scope, { actionId: second }, values);
    expect((await check()).bySite.get(office.siteId)).toMatchObject({ total: 2, open: 1, overdue: 1 });
    await addNote(scope, { actionId: second }, "Relancée");
    await check();
    // Written by no function of the app (a script, a restore): the triggers still see it.
    await getDb()("actions").where({ id: second }).update({ status: "abandonnee" });
    expect((await check()).progress).toMatchObject({ abandoned: 1, open: 0 });
    await getDb()("action_sites").where({ action_id: first }).delete();
    expect((await check()).bySite.get(null)).toMatchObject({ total: 1, done: 1 });
    await getDb()("actions").where({ id: first }).delete();
    expect((await check()).progress.total).toBe(1);
  });

  it("are read from what was kept while nothing changed, and counted again on a new day", async () => {
    const office = await createOfficeFixture();
    const scope = scopeOn(commandScope(getDb(), office.officeId), "2026-12-04");
    await createActionFixture(office, { dueOn: "2026-12-04" });
    expect((await progressBySite(scope)).get(office.siteId)).toMatchObject({ open: 1, overdue: 0 });
    const again = await queriesOf(scope, () => progressBySite(scope));
    const readsActions = again.sql.filter((s) => /from [`"]actions[`"]/i.test(s)).length;
    expect(readsActions).toBe(0);
    // The next day the same action is late: counted again.
    expect((await progressBySite(scopeOn(scope, "2026-12-05"))).get(office.siteId)).toMatchObject({ open: 1, overdue: 1 });
    // A caller changing its copy changes nobody else's.
    (await progressBySite(scope)).get(office.siteId)!.open = 99;
    expect((await progressBySite(scope)).get(office.siteId)!.open).toBe(1);
  });

  it("keep each office's own, one office's change leaving the other's kept", async () => {
    const a = await createOfficeFixture();
    const b = await createOfficeFixture();
    await createActionFixture(a);
    await createActionFixture(b);
    const before = await revision(b.officeId);
    await createAction(commandScope(getDb(), a.officeId), { title: "Encore", description: "", origin: "other", findingId: null, originDetail: "", ownerId: a.personId, contributorIds: [], siteIds: [a.siteId], dueOn: null, priority: "normale" });
    expect(await revision(b.officeId)).toBe(before);
    expect((await planProgress(commandScope(getDb(), a.officeId), everything())).total).toBe(2);
    expect((await planProgress(commandScope(getDb(), b.officeId), everything())).total).toBe(1);
  });

  it("raise the revision at each change to an office's actions or their sites, a deleted site included", async () => {
    const office = await createOfficeFixture();
    const r0 = await revision(office.officeId);
    const id = await createActionFixture(office);
    const r1 = await revision(office.officeId);
    expect(r1).toBeGreaterThan(r0);
    await getDb()("actions").where({ id }).update({ title: "Autre intitulé" });
    const r2 = await revision(office.officeId);
    expect(r2).toBeGreaterThan(r1);
    await getDb()("sites").where({ id: office.siteId }).delete();
    expect(await getDb()("action_sites").where({ action_id: id }).first()).toBeUndefined();
    expect(await revision(office.officeId)).toBeGreaterThan(r2);
  });

  it.runIf(TEST_ENGINE === "sqlite")("has every trigger of migration 0023 after all the migrations (a later rebuild of a table would drop its own)", async () => {
    const rows: Array<{ name: string }> = await getDb()("sqlite_master").where({ type: "trigger" }).where("name", "like", "plan_revision_%").select("name");
    expect(rows.map((r) => r.name).sort()).toEqual([
      "plan_revision_action_delete",
      "plan_revision_action_insert",
      "plan_revision_action_update",
      "plan_revision_site_delete",
      "plan_revision_site_insert",
      "plan_revision_site_update",
    ]);
  });

  it.runIf(TEST_ENGINE === "postgres")("has both deferred triggers of migration 0025 on PostgreSQL", async () => {
    const rows = (await getDb().raw("select tgname, tgdeferrable, tginitdeferred from pg_trigger where tgname like 'plan_revision_%' order by tgname")).rows;
    expect(rows).toEqual([
      { tgname: "plan_revision_action_sites", tgdeferrable: true, tginitdeferred: true },
      { tgname: "plan_revision_actions", tgdeferrable: true, tginitdeferred: true },
    ]);
  });

  it.runIf(TEST_ENGINE === "postgres")("raise it once per office and transaction on PostgreSQL, at the commit", async () => {
    const office = await createOfficeFixture();
    const ids = [await createActionFixture(office), await createActionFixture(office), await createActionFixture(office)];
    const before = await revision(office.officeId);
    await getDb().transaction(async (trx) => {
      for (const id of ids) await trx("actions").where({ id }).update({ title: `Renommée ${id}` });
      await trx("action_sites").whereIn("action_id", ids).delete();
      // Not before the commit: nobody else is made to wait on the office's row meanwhile.
      expect(Number((await trx("offices").where({ id: office.officeId }).first("plan_revision"))?.plan_revision)).toBe(before);
    });
    expect(await revision(office.officeId)).toBe(before + 1);
  });

  it.runIf(TEST_ENGINE === "postgres")("let two writers of one office's plan work side by side on PostgreSQL, neither waiting for the other's commit", async () => {
    const office = await createOfficeFixture();
    const scope = scopeOn(commandScope(getDb(), office.officeId), "2026-12-04");
    const [a, b] = [await createActionFixture(office), await createActionFixture(office)];
    await progressBySite(scope); // kept before the two writers
    // Each writes its action, then waits until the other has written too, then commits: had
    // the first write locked the office's row until its commit, the second could not write and
    // this would never end.
    let release!: () => void;
    const bothWrote = new Promise<void>((resolve) => (release = resolve));
    let wrote = 0;
    const writer = (id: number, status: string) =>
      getDb().transaction(async (trx) => {
        await trx("actions").where({ id }).update({ status });
        await trx("action_sites").where({ action_id: id }).delete();
        wrote += 1;
        if (wrote === 2) release();
        await bothWrote;
      });
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("les deux écritures s'attendent")), 4000));
    await Promise.race([Promise.all([writer(a, "faite"), writer(b, "abandonnee")]), timeout]);
    const expected = await fresh(scope);
    expect(await progressBySite(scope)).toEqual(expected.bySite);
    expect(expected.bySite.get(null)).toMatchObject({ total: 2, done: 1, abandoned: 1 });
  });
});
