// The demo seeded on two different days tells two consistent stories: the seed's own history
// and figures are the same, and each runs up to its own day, never beyond.
import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knexConfig } from "../../db/config";
import { DEMO_FIGURE } from "../../db/seeds/demo-indicators";
import { seedDemo } from "../../db/seeds/demo";
import { loadIndicatorData } from "~/modules/indicator/queries.server";
import { figureOf, type Figure } from "~/modules/indicator/rules";
import { commandScope, scopeOn } from "~/modules/scope.server";
import { getMeeting } from "~/modules/meeting/meetings.server";
import { listSeries } from "~/modules/meeting/series.server";
import { addMonths } from "~/modules/meeting/rules";
import { progressOf, type ActionStatus } from "~/modules/action/rules";
import { addDays } from "~/domain/dates";
import { ACTIONS_AROUND_TODAY, AUDIT_2023_FINDINGS } from "../../db/seeds/demo-story";
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
  it("gives the dashboard's key figures from the three years they compare, as from every figure", async () => {
    const { latestSeasonFigures } = await import("~/modules/indicator/views");
    for (const s of stories) {
      const y = Number(s.today.slice(0, 4));
      const all = await data(s);
      const some = await loadIndicatorData(commandScope(s.db, s.officeId), { years: [y - 2, y - 1, y] });
      const cells = (d: typeof all) => [...d.context.cells.values()].reduce((n, m) => n + m.size, 0);
      expect(cells(some)).toBeLessThan(cells(all) / 2);
      const figures = latestSeasonFigures(all.context, all.indicators, s.today);
      expect(figures?.figures.length).toBeGreaterThan(0);
      expect(latestSeasonFigures(some.context, some.indicators, s.today)).toEqual(figures);
    }
    // No year, no figure (not every figure).
    const s = stories[0]!;
    const none = await loadIndicatorData(commandScope(s.db, s.officeId), { years: [] });
    expect(none.context.cells.size).toBe(0);
  });

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
  });

  it("is never late with its meetings on the seeding day: each within six months of the one before, the next one planned after the day", async () => {
    for (const s of stories) {
      const scope = scopeOn(commandScope(s.db, s.officeId), s.today);
      const [series, ...others] = await listSeries(scope);
      expect(others).toEqual([]);
      expect(series!.schedule).toMatchObject({ state: "planned", plannedLate: false });
      expect(series!.schedule.plannedOn! > s.today).toBe(true);
      expect(series!.schedule.plannedOn! <= addMonths(series!.schedule.lastHeldOn!, 6)).toBe(true);
      const meetings = await s.db("meetings").where({ office_id: s.officeId }).orderBy("held_on");
      const days = meetings.map((m) => String(m.held_on));
      for (let i = 1; i < days.length; i += 1) expect(days[i]! <= addMonths(days[i - 1]!, 6), `${days[i - 1]} → ${days[i]}`).toBe(true);
      // Only the planned one is a draft; every meeting held has short published minutes and its follow-up.
      expect(meetings.filter((m) => m.status !== "published").map((m) => String(m.held_on))).toEqual([series!.schedule.plannedOn]);
      for (const m of meetings.slice(1, -1)) {
        const detail = (await getMeeting(scope, { meetingId: Number(m.id), userId: 0 }))!;
        expect(detail.summary.length).toBeLessThan(200);
        expect(detail.sections.every((section) => section.body.length > 0 && section.body.length < 300)).toBe(true);
        expect(detail.actions).toHaveLength(1);
      }
      // The director has read the story's minutes; the partner has the latest left to read.
      const readersOf = async (email: string) =>
        (await s.db("meeting_reads as r").join("users as u", "u.id", "r.user_id").where("u.email", email).select("r.meeting_id")).map((r) => Number(r.meeting_id));
      const story = meetings.filter((m) => m.status === "published" && String(m.held_on) > "2021-03-25" && addDays(String(m.held_on), 3) < s.today).map((m) => Number(m.id));
      expect(story.length).toBeGreaterThan(3);
      expect((await readersOf("directrice@demo.cap-qualite.fr")).sort()).toEqual([...story].sort());
      expect((await readersOf("membre@demo.cap-qualite.fr")).sort()).toEqual(story.slice(0, -1).sort());
      // The runner at seeding had nothing to remind of the group.
      expect(await s.db("notifications").where({ office_id: s.officeId, kind: "meeting_due" })).toEqual([]);
    }
  });

  it("renews the label in June 2023 and moves to Destination d'Excellence before the end of 2026", async () => {
    const [early, late] = stories as [(typeof stories)[number], (typeof stories)[number]];
    const labels = async (s: (typeof stories)[number]) => (await s.db("labels").where({ office_id: s.officeId }).orderBy("id")).map((l) => [l.name, l.status, l.valid_until]);
    expect(await labels(early)).toEqual([["Marque Qualité Tourisme", "actif", "2026-12-31"]]);
    expect(await labels(late)).toEqual([
      ["Marque Qualité Tourisme", "actif", "2026-12-31"],
      ["Destination d'Excellence", "actif", "2031-10-31"],
    ]);
    const self = await late.db("audits as a").join("referentials as r", "r.id", "a.referential_id").where({ "a.office_id": late.officeId, "a.kind": "auto_evaluation" }).where("a.starts_on", ">=", "2025-01-01").select("a.id", "r.source").first();
    expect(self.source).toContain("destination-excellence-ot-2025.yaml");
    expect(Number((await late.db("audit_results").where({ audit_id: self.id }).count<{ n: number }[]>({ n: "*" }))[0]!.n)).toBeGreaterThan(0);
    // The full audit of June 2023, its improvement points followed by actions done.
    for (const s of stories) {
      const audit = await s.db("audits").where({ office_id: s.officeId, kind: "audit_complet", starts_on: "2023-06-13" }).first();
      expect(audit).toMatchObject({ status: "termine", decision: "renouvelee", label_valid_until: "2026-12-31" });
      const points = await s.db("findings").where({ audit_id: audit?.id, kind: "improvement" });
      expect(points.length).toBe(AUDIT_2023_FINDINGS.filter((f) => f.kind === "improvement").length);
      for (const p of points) expect(await s.db("actions").where({ finding_id: p.id, status: "faite" }).first()).toBeTruthy();
    }
  });

  it("holds no Qualité Tourisme label beyond 31 December 2026, whatever the seeding day", async () => {
    const after = await createTestDatabase("demo-story-2027");
    const db = knexFactory(knexConfig(after.url));
    try {
      await db.migrate.latest();
      const { officeId } = await seedDemo(db, { today: "2027-02-10" });
      const labels = (await db("labels").where({ office_id: officeId }).orderBy("id")).map((l) => [l.name, l.status, l.valid_until]);
      expect(labels).toEqual([
        ["Marque Qualité Tourisme", "expire", "2026-12-31"],
        ["Destination d'Excellence", "actif", "2031-10-31"],
      ]);
      for (const s of [...stories, { db, officeId }]) {
        const qt = await s.db("labels").where({ office_id: s.officeId, name: "Marque Qualité Tourisme" }).first();
        expect(String(qt?.valid_until) <= "2026-12-31").toBe(true);
      }
    } finally {
      await db.destroy();
      await after.drop();
    }
  }, 60_000);

  it("has actions done over the years and only a few open around the seeding day, none of the seed's left late", async () => {
    for (const s of stories) {
      const actions = await s.db("actions").where({ office_id: s.officeId });
      const done = actions.filter((a) => a.status === "faite");
      const open = actions.filter((a) => ["a_faire", "en_cours", "bloquee"].includes(String(a.status)));
      expect(done.length).toBeGreaterThan(5);
      expect(open.length).toBeGreaterThan(0);
      expect(open.length).toBeLessThanOrEqual(4);
      // Open actions are due around the seeding day: late by a few months at most, or due within six months.
      for (const a of open) {
        expect(String(a.due_on) >= addMonths(s.today, -3), a.title).toBe(true);
        expect(String(a.due_on) <= addMonths(s.today, 6), a.title).toBe(true);
      }
      expect(done.every((a) => String(a.completed_on) <= s.today)).toBe(true);
      // The day-to-day ones: late or due within the week around the seeding day, by the same days whatever it is.
      for (const expected of ACTIONS_AROUND_TODAY) {
        const a = actions.find((row) => row.title === expected.title);
        expect(a, expected.title).toBeTruthy();
        expect(String(a?.due_on)).toBe(addDays(s.today, expected.dueIn));
        expect(a?.status).toBe(expected.started ? "en_cours" : "a_faire");
      }
      const late = open.filter((a) => String(a.due_on) < s.today);
      expect(late.length).toBeGreaterThanOrEqual(2);
      expect(late.length).toBeLessThanOrEqual(3);
      expect(open.some((a) => String(a.due_on) >= s.today && String(a.due_on) <= addDays(s.today, 7))).toBe(true);
      // The plan the dashboard shows is mostly done.
      const progress = progressOf(actions.map((a) => ({ status: a.status as ActionStatus, dueOn: a.due_on || null })), s.today);
      expect(progress.percent!).toBeGreaterThanOrEqual(75);
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
