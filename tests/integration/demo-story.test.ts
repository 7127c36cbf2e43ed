// The demo seeded on two different days tells two consistent stories: the seed's own history
// and figures are the same, and each runs up to its own day, never beyond.
import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knexConfig } from "../../db/config";
import { DEMO_FIGURE } from "../../db/seeds/demo-indicators";
import { seedDemo } from "../../db/seeds/demo";
import { loadIndicatorData } from "~/modules/indicator/queries.server";
import { figureOf, type Figure } from "~/modules/indicator/rules";
import { commandScope } from "~/modules/scope.server";
import { historyWithoutFrench } from "../support/history-words";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

const DAYS = ["2024-03-15", "2026-12-01"] as const;
const stories: Array<{ today: string; database: TestDatabase; db: Knex; officeId: number }> = [];

beforeAll(async () => {
  for (const today of DAYS) {
    const database = await createTestDatabase("demo-story");
    const db = knexFactory(knexConfig(database.url));
    await db.migrate.latest();
    const { officeId } = await seedDemo(db, { today });
    stories.push({ today, database, db, officeId });
  }
}, 120_000);

afterAll(async () => {
  for (const s of stories) {
    await s.db.destroy();
    await s.database.drop();
  }
});

const data = (s: (typeof stories)[number]) => loadIndicatorData(commandScope(s.db, s.officeId));
const value = (f: Figure) => (f.state === "value" ? f.value : f.state);

describe("the demo's story", () => {
  it("keeps the seed's meeting and audit, then meets every six months up to the seeding day, never after", async () => {
    for (const s of stories) {
      const meetings = await s.db("meetings").where({ office_id: s.officeId }).orderBy("held_on");
      expect(meetings[0]).toMatchObject({ held_on: "2021-03-25", start_time: "14:00", status: "published" });
      const held = meetings.filter((m) => m.status === "published").map((m) => String(m.held_on));
      expect(held.every((d) => d <= s.today)).toBe(true);
      for (let i = 1; i < held.length; i += 1) expect(Number(held[i]!.slice(5, 7)) - Number(held[i - 1]!.slice(5, 7))).toBe(held[i]!.slice(5, 7) === "09" ? 6 : -6);
      // The last meeting held is less than six months before the seeding day.
      const last = new Date(`${held[held.length - 1]}T12:00:00Z`).getTime();
      expect((new Date(`${s.today}T12:00:00Z`).getTime() - last) / 86_400_000).toBeLessThan(190);
      const audits = (await s.db("audits").where({ office_id: s.officeId }).orderBy("starts_on")).map((a) => [String(a.title), String(a.starts_on)]);
      expect(audits[0]).toEqual(["Audit accueil 2020", "2020-10-13"]);
      expect(audits.every(([, day]) => day! <= s.today)).toBe(true);
    }
    const [early, late] = stories as [(typeof stories)[number], (typeof stories)[number]];
    expect(await early.db("meetings").where({ office_id: early.officeId, held_on: "2024-03-28", status: "draft" }).first()).toBeTruthy();
    expect(await late.db("meetings").where({ office_id: late.officeId, held_on: "2026-09-24", status: "published" }).first()).toBeTruthy();
  });

  it("renews the label in June 2023 and moves to Destination d'Excellence before the end of 2026", async () => {
    const [early, late] = stories as [(typeof stories)[number], (typeof stories)[number]];
    const labels = async (s: (typeof stories)[number]) => (await s.db("labels").where({ office_id: s.officeId }).orderBy("id")).map((l) => [l.name, l.status, l.valid_until]);
    expect(await labels(early)).toEqual([["Marque Qualité Tourisme", "actif", "2026-12-31"]]);
    expect(await labels(late)).toEqual([
      ["Marque Qualité Tourisme", "actif", "2026-12-31"],
      ["Destination d'Excellence", "actif", "2031-10-31"],
    ]);
    expect(await late.db("audits").where({ office_id: late.officeId, kind: "auto_evaluation", title: "Auto-évaluation Destination d'Excellence 2025" }).first()).toBeTruthy();
  });

  it("has actions done over the years and only a few open around the seeding day, none of the seed's left late", async () => {
    for (const s of stories) {
      const actions = await s.db("actions").where({ office_id: s.officeId });
      const done = actions.filter((a) => a.status === "faite");
      const open = actions.filter((a) => ["a_faire", "en_cours", "bloquee"].includes(String(a.status)));
      expect(done.length).toBeGreaterThan(5);
      expect(open.length).toBeGreaterThan(0);
      expect(open.length).toBeLessThanOrEqual(4);
      // Open actions are due around the seeding day: late by a few months at most.
      for (const a of open) expect(String(a.due_on) >= String(Number(s.today.slice(0, 4)) - 1)).toBe(true);
      expect(done.every((a) => String(a.completed_on) <= s.today)).toBe(true);
    }
  });
});

describe("the demo's indicators", () => {
  it("hold the seed's figures for 2019 and 2020 whatever the day, not marked as demo figures", async () => {
    for (const s of stories) {
      const { context, seasons } = await data(s);
      const season = (year: number) => ({ kind: "season", seasonId: seasons[0]!.id, year }) as const;
      expect([2019, 2020].map((y) => value(figureOf(context, "contacts", season(y))))).toEqual([2638, 2678]);
      expect([2019, 2020].map((y) => value(figureOf(context, "personnes", season(y))))).toEqual([4922, 5698]);
      const persons2020 = figureOf(context, "personnes", season(2020));
      expect(persons2020.state === "value" && persons2020.note).toBeFalsy();
      expect(value(figureOf(context, "vues_publications", { kind: "year", year: 2020 }))).toBe(1087638);
      expect(value(figureOf(context, "visites_guidees", { kind: "year", year: 2020 }))).toBe(88 + 383 + 46 + 181 + 77 + 834);
      expect(figureOf(context, "nuitees_taxe", { kind: "year", year: 2020 })).toEqual({ state: "missing", reason: "Chiffres du Pays des Luys non fournis par la communauté de communes" });
    }
  });

  it("give every finished period a figure up to the seeding day, marked as demo figures, and none after", async () => {
    const [early, late] = stories as [(typeof stories)[number], (typeof stories)[number]];
    const e = await data(early);
    const l = await data(late);
    const season = (d: typeof e, year: number) => figureOf(d.context, "contacts", { kind: "season", seasonId: d.seasons[0]!.id, year });
    const year = (d: typeof e, y: number) => figureOf(d.context, "visiteurs_site_web", { kind: "year", year: y });
    // Seeded on 15 March 2024: the 2023 season and year are the last ones over.
    expect(season(e, 2023).state).toBe("value");
    expect(season(e, 2024).state).toBe("none");
    expect(year(e, 2023).state).toBe("value");
    expect(year(e, 2024).state).toBe("none");
    // Seeded on 1 December 2026: the 2026 season is over, the year 2026 is not.
    expect(season(l, 2026).state).toBe("value");
    expect(year(l, 2025).state).toBe("value");
    expect(year(l, 2026).state).toBe("none");
    const s2023 = season(l, 2023);
    expect(s2023.state === "value" && s2023.note).toBe(DEMO_FIGURE);
    // The same year reads the same in both stories.
    expect(value(season(e, 2022))).toBe(value(season(l, 2022)));
    // Items of a breakdown add up to the total entered.
    const sites = l.indicators.find((i) => i.code === "contacts")!.items;
    const sum = sites.reduce((acc, item) => acc + Number(value(figureOf(l.context, "contacts", { kind: "season", seasonId: l.seasons[0]!.id, year: 2024 }, item))), 0);
    expect(sum).toBe(value(season(l, 2024)));
  });

  it("reads in French in the history", async () => {
    for (const s of stories) expect(await historyWithoutFrench(s.db)).toEqual([]);
  });
});
