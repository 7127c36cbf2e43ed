// Every aggregate of the registry names each column its history records, and the demo office's
// history (every kind of record the seed writes) reads in French.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { NEVER_RECORDED } from "~/modules/history/diff";
import { AGGREGATES } from "~/modules/registry";
import { seedDemo } from "../../db/seeds/demo";
import { historyWithoutFrench } from "../support/history-words";
beforeAll(async () => {
  await seedDemo(getDb());
});

describe("the registry of aggregates", () => {
  it("has one descriptor per history type", () => {
    const types = AGGREGATES.map((a) => a.type);
    expect(new Set(types).size).toBe(types.length);
  });

  it.each(AGGREGATES.filter((a) => a.table).map((a) => [a.type, a] as const))("labels every recorded column of %s", async (_type, aggregate) => {
    const columns = Object.keys(await getDb()(aggregate.table!).columnInfo());
    expect(columns.length).toBeGreaterThan(1);
    const skipped = new Set([...NEVER_RECORDED, "id", ...(aggregate.unrecorded ?? [])]);
    const missing = columns.filter((c) => !skipped.has(c) && !aggregate.fields[c]);
    expect(missing).toEqual([]);
  });

  it("reads the names of records through each descriptor's name source", async () => {
    const { listRecentOfficeHistory } = await import("~/modules/history/queries.server");
    const { commandScope } = await import("~/modules/scope.server");
    const office = await getDb()("offices").orderBy("id").first();
    const recent = await listRecentOfficeHistory(commandScope(getDb(), Number(office?.id)), 2000);
    expect(recent.length).toBeGreaterThan(10);
    const named = recent.filter((e) => e.action !== "delete" && e.entityName);
    expect(new Set(named.map((e) => e.entityType)).size).toBeGreaterThanOrEqual(6);
  });
});

describe("the demo office's history", () => {
  it("has a French label for every field and a French word for every stored value", async () => {
    expect(await getDb()("history").count({ n: "*" }).first()).toMatchObject({ n: expect.anything() });
    expect(await historyWithoutFrench(getDb())).toEqual([]);
  });
});
