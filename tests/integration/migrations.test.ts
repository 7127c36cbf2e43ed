// Upgrading an installation: the meetings migration alters the actions and attachments tables
// (SQLite rebuilds them); every existing row and link must survive it.
import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knexConfig } from "../../db/config";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let database: TestDatabase;
let db: Knex;

beforeAll(async () => {
  database = await createTestDatabase("upgrade");
  db = knexFactory(knexConfig(database.url));
});

afterAll(async () => {
  await db.destroy();
  await database.drop();
});

const now = "2021-03-25T12:00:00.000Z";

/** Rolls back one migration at a time, the latest first, until the named one is undone (as a developer would). */
async function downThrough(name: string) {
  const done = async () => ((await db.migrate.list())[0] as Array<string | { name: string }>).map((m) => (typeof m === "string" ? m : m.name));
  while ((await done()).includes(name)) await db.migrate.down();
}
const id = (rows: unknown[]) => Number((rows[0] as { id: number }).id ?? rows[0]);

describe("0004_meetings on an office that already has actions", () => {
  it("keeps actions, their sites, notes and files, and their links", async () => {
    // Up to the action plan, as an installation of the previous release.
    for (const name of ["0001_foundation", "0002_referentials_audits", "0003_actions"]) await db.migrate.up({ name });
    expect(await db.schema.hasColumn("actions", "meeting_id")).toBe(false);
    const officeId = id(await db("offices").insert({ name: "Office", created_at: now, updated_at: now }).returning("id"));
    const siteId = id(await db("sites").insert({ office_id: officeId, name: "Amou", name_key: "amou", created_at: now, updated_at: now }).returning("id"));
    const personId = id(await db("people").insert({ office_id: officeId, full_name: "Référente", kind: "staff", created_at: now, updated_at: now }).returning("id"));
    const actionId = id(
      await db("actions")
        .insert({ office_id: officeId, title: "Fléchage", origin: "other", owner_person_id: personId, due_on: "2021-06-30", due_sort: "2021-06-30", priority: "haute", priority_rank: 3, status: "en_cours", search_text: "flechage", created_at: now, updated_at: now })
        .returning("id"),
    );
    await db("action_sites").insert({ action_id: actionId, site_id: siteId });
    await db("action_notes").insert({ action_id: actionId, text: "Courrier envoyé", author_name: "Référente", created_at: now });
    await db("attachments").insert({ office_id: officeId, action_id: actionId, storage_key: "k1", original_name: "preuve.pdf", content_type: "application/pdf", size: 10, uploaded_by_name: "Référente", created_at: now });

    await db.migrate.latest();
    // Down to the previous release (0003) and up again, as a developer would: still nothing lost.
    // Every migration after 0004 goes down first, latest first, so that 0004's own down runs.
    await downThrough("0004_meetings");
    expect(await db("action_sites").where({ action_id: actionId })).toHaveLength(1);
    expect(await db("action_notes").where({ action_id: actionId })).toHaveLength(1);
    expect(await db("attachments").where({ action_id: actionId })).toHaveLength(1);
    expect(await db.schema.hasColumn("actions", "meeting_id")).toBe(false);
    // The previous release still writes actions and files.
    const later = id(await db("actions").insert({ office_id: officeId, title: "Après retour", origin: "other", owner_person_id: personId, priority: "normale", status: "a_faire", created_at: now, updated_at: now }).returning("id"));
    await db("attachments").insert({ office_id: officeId, action_id: later, storage_key: "k2", original_name: "b.pdf", content_type: "application/pdf", size: 1, uploaded_by_name: "R", created_at: now });
    await db.migrate.latest();

    expect(await db("actions").where({ id: actionId }).first()).toMatchObject({ title: "Fléchage", status: "en_cours", priority: "haute", due_on: "2021-06-30", meeting_id: null });
    expect(await db("action_sites").where({ action_id: actionId })).toHaveLength(1);
    expect(await db("action_notes").where({ action_id: actionId })).toHaveLength(1);
    expect(await db("attachments").where({ action_id: actionId }).first()).toMatchObject({ original_name: "preuve.pdf", meeting_id: null });
    // The links still hold: an action cannot point to a person that does not exist.
    await expect(db("actions").insert({ office_id: officeId, title: "X", origin: "other", owner_person_id: 999_999, priority: "normale", status: "a_faire", created_at: now, updated_at: now })).rejects.toThrow();
    await expect(db("actions").insert({ office_id: officeId, title: "X", origin: "other", owner_person_id: personId, meeting_id: 999_999, priority: "normale", status: "a_faire", created_at: now, updated_at: now })).rejects.toThrow();
    // Deleting the action still removes its sites, notes and files (ON DELETE CASCADE).
    await db("actions").where({ id: actionId }).delete();
    expect(await db("action_sites").where({ action_id: actionId })).toHaveLength(0);
    expect(await db("attachments").where({ action_id: actionId })).toHaveLength(0);
  });
});

describe("0008_registers on an office that already has actions", () => {
  it("adds the register link to actions in place and takes it away without losing their sites or notes", async () => {
    await db.migrate.latest();
    const officeId = id(await db("offices").insert({ name: "Office 8", created_at: now, updated_at: now }).returning("id"));
    const siteId = id(await db("sites").insert({ office_id: officeId, name: "Hagetmau", name_key: "hagetmau", created_at: now, updated_at: now }).returning("id"));
    const personId = id(await db("people").insert({ office_id: officeId, full_name: "Salariée", kind: "staff", created_at: now, updated_at: now }).returning("id"));
    const entryId = id(
      await db("register_entries")
        .insert({ office_id: officeId, kind: "dysfunction", occurred_on: "2020-02-10", subject: "Connexion au serveur", status: "ouvert", created_by_name: "Salariée", created_at: now, updated_at: now })
        .returning("id"),
    );
    const actionId = id(
      await db("actions")
        .insert({ office_id: officeId, title: "Prestataire", origin: "dysfunction", owner_person_id: personId, priority: "normale", status: "a_faire", register_entry_id: entryId, created_at: now, updated_at: now })
        .returning("id"),
    );
    await db("action_sites").insert({ action_id: actionId, site_id: siteId });
    await db("action_notes").insert({ action_id: actionId, text: "Appel passé", author_name: "Salariée", created_at: now });
    // Deleting an entry keeps its actions, unlinked.
    const spare = id(await db("register_entries").insert({ office_id: officeId, kind: "complaint", occurred_on: "2020-03-01", subject: "X", status: "ouverte", created_by_name: "S", created_at: now, updated_at: now }).returning("id"));
    const spareAction = id(await db("actions").insert({ office_id: officeId, title: "Y", origin: "complaint", owner_person_id: personId, priority: "normale", status: "a_faire", register_entry_id: spare, created_at: now, updated_at: now }).returning("id"));
    await db("register_entries").where({ id: spare }).delete();
    expect(await db("actions").where({ id: spareAction }).first()).toMatchObject({ register_entry_id: null });

    await downThrough("0008_registers");
    expect(await db.schema.hasTable("register_entries")).toBe(false);
    expect(await db.schema.hasColumn("actions", "register_entry_id")).toBe(false);
    expect(await db("action_sites").where({ action_id: actionId })).toHaveLength(1);
    expect(await db("action_notes").where({ action_id: actionId })).toHaveLength(1);
    await db.migrate.latest();
    expect(await db("actions").where({ id: actionId }).first()).toMatchObject({ title: "Prestataire", register_entry_id: null });
    expect(await db("action_sites").where({ action_id: actionId })).toHaveLength(1);
  });
});

describe("0005_finding_sites_next_audit on an office that already has findings", () => {
  it("moves each finding's site into its sites, keeps results and actions, and goes back down", async () => {
    // The previous test left the database at the latest migration with an office and a site.
    await db.migrate.down({ name: "0005_finding_sites_next_audit" });
    const officeId = id(await db("offices").insert({ name: "Autre office", created_at: now, updated_at: now }).returning("id"));
    const siteId = id(await db("sites").insert({ office_id: officeId, name: "Hagetmau", name_key: "hagetmau", created_at: now, updated_at: now }).returning("id"));
    const personId = id(await db("people").insert({ office_id: officeId, full_name: "R", kind: "staff", created_at: now, updated_at: now }).returning("id"));
    const referentialId = id(await db("referentials").insert({ office_id: officeId, code: "QT", version: "1", label: "QT", valid_from: "2020-01-01", criteria_count: 0, content: "{}", imported_at: now }).returning("id"));
    const labelId = id(await db("labels").insert({ office_id: officeId, name: "QT", referential_code: "QT", referential_id: referentialId, status: "actif", created_at: now, updated_at: now }).returning("id"));
    const auditId = id(
      await db("audits")
        .insert({ office_id: officeId, label_id: labelId, referential_id: referentialId, kind: "audit_complet", stage: "renewal", mode: "rated", title: "Audit", starts_on: "2020-10-13", ends_on: "2020-10-21", auditor: "", status: "termine", reported_rates: "{}", summary: "", created_at: now, updated_at: now })
        .returning("id"),
    );
    await db("audit_results").insert({ audit_id: auditId, criterion_code: "1.1", status: "not_measured", comment: "", needs_review: false, updated_at: now });
    const findingId = id(await db("findings").insert({ office_id: officeId, audit_id: auditId, kind: "improvement", text: "Fléchage", site_id: siteId, created_at: now, updated_at: now }).returning("id"));
    const actionId = id(await db("actions").insert({ office_id: officeId, title: "Fléchage", origin: "finding", finding_id: findingId, owner_person_id: personId, priority: "normale", status: "a_faire", created_at: now, updated_at: now }).returning("id"));

    await db.migrate.up({ name: "0005_finding_sites_next_audit" });
    expect(await db("finding_sites").where({ finding_id: findingId })).toEqual([{ finding_id: findingId, site_id: siteId }]);
    expect(await db("audits").where({ id: auditId }).first()).toMatchObject({ next_audit_due: null });

    await db("audits").where({ id: auditId }).update({ next_audit_due: "2025-06-30" });
    await db.migrate.down({ name: "0005_finding_sites_next_audit" });
    expect(await db.schema.hasTable("finding_sites")).toBe(false);
    expect(await db.schema.hasColumn("audits", "next_audit_due")).toBe(false);
    // Rebuilding `audits` on SQLite must not cascade into its results, findings and actions.
    expect(await db("audit_results").where({ audit_id: auditId })).toHaveLength(1);
    expect(await db("findings").where({ id: findingId }).first()).toMatchObject({ site_id: siteId });
    expect(await db("actions").where({ id: actionId }).first()).toMatchObject({ finding_id: findingId });
    await db.migrate.latest();
    expect(await db("finding_sites").where({ finding_id: findingId })).toHaveLength(1);
    await expect(db("audits").insert({ office_id: officeId, label_id: 999_999, referential_id: referentialId, kind: "audit_complet", stage: "renewal", mode: "rated", title: "X", starts_on: "2020-10-13", ends_on: "2020-10-13", auditor: "", status: "termine", reported_rates: "{}", summary: "", created_at: now, updated_at: now })).rejects.toThrow();
  });
});

describe("0010_indicators before 0011_minutes_register_summaries", () => {
  it("goes down with the migration after it and up again, leaving the office and its minutes as they were", async () => {
    await db.migrate.latest();
    const officeId = id(await db("offices").insert({ name: "Office 10", created_at: now, updated_at: now }).returning("id"));
    const indicatorId = id(await db("indicators").insert({ office_id: officeId, code: "contacts", name: "Contacts", category: "frequentation", aggregation: "sum", created_at: now, updated_at: now }).returning("id"));
    await db("indicator_values").insert({ office_id: officeId, indicator_id: indicatorId, period: "2020", value: null, missing_reason: "non fourni", created_at: now, updated_at: now });
    // A missing figure is a null with its reason, never a zero; one figure per period and item.
    await expect(db("indicator_values").insert({ office_id: officeId, indicator_id: indicatorId, period: "2020", value: 1, created_at: now, updated_at: now })).rejects.toThrow();

    await downThrough("0010_indicators");
    expect(await db.schema.hasTable("indicators")).toBe(false);
    expect(await db.schema.hasTable("indicator_values")).toBe(false);
    // 0011 came after 0010, so it went down first.
    expect(await db.schema.hasColumn("meeting_sections", "register_kind")).toBe(false);
    expect(await db("offices").where({ id: officeId }).first()).toMatchObject({ name: "Office 10" });
    await db.migrate.latest();
    expect(await db.schema.hasColumn("meeting_sections", "register_kind")).toBe(true);
    expect(await db("indicators").where({ office_id: officeId })).toEqual([]);
    // Up again in their order: 0010, then 0011.
    const done = ((await db.migrate.list())[0] as Array<string | { name: string }>).map((m) => (typeof m === "string" ? m : m.name));
    expect(done.indexOf("0010_indicators")).toBe(done.indexOf("0011_minutes_register_summaries") - 1);
    // An installation of the release before indicators has 0011 without 0010: 0010 runs on its own.
    await db.migrate.down({ name: "0010_indicators" });
    expect(await db.schema.hasTable("indicators")).toBe(false);
    expect(await db.schema.hasColumn("meeting_sections", "register_kind")).toBe(true);
    await db.migrate.latest();
    expect(await db.schema.hasTable("indicator_values")).toBe(true);
  });
});

describe("0012_procedure_sheets on an office that already has people, accounts and files", () => {
  it("adds the sheets and the people's contract in place, and goes back down without losing an account, an owner or a file", async () => {
    // The previous tests left the database at the latest migration.
    await downThrough("0012_procedure_sheets");
    expect(await db.schema.hasTable("procedure_sheets")).toBe(false);
    const officeId = id(await db("offices").insert({ name: "Office 12", created_at: now, updated_at: now }).returning("id"));
    const personId = id(await db("people").insert({ office_id: officeId, full_name: "Saisonnière", kind: "staff", created_at: now, updated_at: now }).returning("id"));
    const userId = id(await db("users").insert({ email: "saisonniere@test.fr", display_name: "Saisonnière", password_hash: "x", created_at: now, updated_at: now }).returning("id"));
    await db("memberships").insert({ user_id: userId, office_id: officeId, role: "staff", person_id: personId, created_at: now, updated_at: now });
    const actionId = id(await db("actions").insert({ office_id: officeId, title: "Accueil", origin: "other", owner_person_id: personId, priority: "normale", status: "a_faire", created_at: now, updated_at: now }).returning("id"));
    await db("attachments").insert({ office_id: officeId, action_id: actionId, storage_key: "k12", original_name: "preuve.pdf", content_type: "application/pdf", size: 1, uploaded_by_name: "R", created_at: now });

    await db.migrate.latest();
    expect(await db("people").where({ id: personId }).first()).toMatchObject({ contract: "permanent", arrived_on: null });
    const sheetId = id(await db("procedure_sheets").insert({ office_id: officeId, code: "FQ-01", code_key: "fq-01", title: "Accueil", created_at: now, updated_at: now }).returning("id"));
    await db("attachments").insert({ office_id: officeId, procedure_sheet_id: sheetId, storage_key: "k12b", original_name: "annexe.pdf", content_type: "application/pdf", size: 1, uploaded_by_name: "R", created_at: now });
    await expect(db("procedure_sheets").insert({ office_id: officeId, code: "fq-01", code_key: "fq-01", title: "Autre", created_at: now, updated_at: now })).rejects.toThrow();

    await downThrough("0012_procedure_sheets");
    expect(await db.schema.hasColumn("people", "contract")).toBe(false);
    expect(await db.schema.hasColumn("attachments", "procedure_sheet_id")).toBe(false);
    // Rebuilding `people` and `attachments` on SQLite must not cascade into accounts, actions or files.
    expect(await db("memberships").where({ user_id: userId }).first()).toMatchObject({ person_id: personId });
    expect(await db("actions").where({ id: actionId }).first()).toMatchObject({ owner_person_id: personId });
    expect(await db("attachments").where({ action_id: actionId })).toHaveLength(1);
    expect(await db("attachments").where({ storage_key: "k12b" })).toHaveLength(0);
    await db.migrate.latest();
    expect(await db("people").where({ id: personId }).first()).toMatchObject({ full_name: "Saisonnière", contract: "permanent" });
  });
});

describe("0016_register_late_after on an office that already keeps complaints", () => {
  it("marks the complaints kept before it as late or not by the register's rule, and goes back down without losing one", async () => {
    await downThrough("0016_register_late_after");
    const officeId = id(await db("offices").insert({ name: "Office 16", created_at: now, updated_at: now }).returning("id"));
    const complaint = async (subject: string, answeredOn: string | null) =>
      id(
        await db("register_entries")
          .insert({ office_id: officeId, kind: "complaint", occurred_on: "2021-03-01", subject, status: answeredOn ? "repondue" : "ouverte", answered_on: answeredOn, answer_due_on: "2021-03-08", created_by_name: "R", created_at: now, updated_at: now })
          .returning("id"),
      );
    const waiting = await complaint("En attente", null);
    const inTime = await complaint("Répondue à temps", "2021-03-08");
    const tooLate = await complaint("Répondue en retard", "2021-03-09");
    const suggestion = id(await db("register_entries").insert({ office_id: officeId, kind: "suggestion", occurred_on: "2021-03-01", subject: "Idée", status: "a_l_etude", created_by_name: "R", created_at: now, updated_at: now }).returning("id"));
    const personId = id(await db("people").insert({ office_id: officeId, full_name: "Référente", kind: "staff", created_at: now, updated_at: now }).returning("id"));
    const actionId = id(await db("actions").insert({ office_id: officeId, title: "Suite", origin: "other", owner_person_id: personId, register_entry_id: tooLate, priority: "normale", status: "a_faire", created_at: now, updated_at: now }).returning("id"));

    await db.migrate.latest();
    const lateAfter = async (entryId: number) => (await db("register_entries").where({ id: entryId }).first("late_after"))!.late_after;
    expect(await lateAfter(waiting)).toBe("2021-03-08");
    expect(await lateAfter(inTime)).toBeNull();
    expect(await lateAfter(tooLate)).toBe("2021-03-08");
    expect(await lateAfter(suggestion)).toBeNull();

    await downThrough("0016_register_late_after");
    expect(await db.schema.hasColumn("register_entries", "late_after")).toBe(false);
    // Rebuilding the table on SQLite keeps every entry and the action that points at one.
    expect(await db("register_entries").where({ office_id: officeId })).toHaveLength(4);
    expect(await db("actions").where({ id: actionId }).first()).toMatchObject({ register_entry_id: tooLate });
    await db.migrate.latest();
    expect(await lateAfter(waiting)).toBe("2021-03-08");
  });
});

describe("0025_plan_revision_postgres", () => {
  /** How many times a figure is counted when asked twice, by a server whose pool is new. */
  async function countedWhenAskedTwice(officeName: string): Promise<number> {
    const { keptPlanFigure } = await import("~/modules/action/plan-figures.server");
    const { scopeOn, commandScope } = await import("~/modules/scope.server");
    const pool = knexFactory(knexConfig(database.url));
    try {
      const officeId = id(await pool("offices").insert({ name: officeName, created_at: now, updated_at: now }).returning("id"));
      const scope = scopeOn(commandScope(pool, officeId), "2026-12-04");
      let counted = 0;
      const count = async () => (counted += 1);
      await keptPlanFigure(scope, "essai", count);
      await keptPlanFigure(scope, "essai", count);
      return counted;
    } finally {
      await pool.destroy();
    }
  }

  it("raises the plan's revision on PostgreSQL only once applied; figures are kept only where it is raised", async () => {
    await db.migrate.latest();
    await downThrough("0025_plan_revision_postgres");
    // A server started on a database without the triggers counts each time; SQLite's own
    // triggers (0023) are there whatever 0025 does, so figures are kept there.
    expect(await countedWhenAskedTwice("Office 25")).toBe(process.env.TEST_DB === "postgres" ? 2 : 1);
    await db.migrate.latest();
    if (process.env.TEST_DB === "postgres") {
      const triggers = (await db.raw("select tgname from pg_trigger where tgname like 'plan_revision_%' order by tgname")).rows.map((r: { tgname: string }) => r.tgname);
      expect(triggers).toEqual(["plan_revision_action_sites", "plan_revision_actions"]);
    }
    // Applied: kept until the plan changes.
    expect(await countedWhenAskedTwice("Office 25 bis")).toBe(1);
  });
});

describe("0026_history_by_record", () => {
  it("reads a record's latest history lines in order from its own index, not the office's whole history", async () => {
    await db.migrate.latest();
    const query = db("history").where({ office_id: 1, entity_type: "audit", entity_id: 2 }).orderBy([
      { column: "at", order: "desc" },
      { column: "id", order: "desc" },
    ]).limit(100).toSQL().toNative();
    if (process.env.TEST_DB === "postgres") {
      const indexes = (await db.raw("select indexdef from pg_indexes where tablename = 'history'")).rows.map((r: { indexdef: string }) => r.indexdef);
      expect(indexes.some((d: string) => /\(office_id, entity_type, entity_id, at, id\)/.test(d))).toBe(true);
    } else {
      const plan: Array<{ detail: string }> = await db.raw(`explain query plan ${query.sql}`, query.bindings as never);
      expect(plan.map((p) => p.detail)).toEqual(["SEARCH history USING INDEX history_office_id_entity_type_entity_id_at_id_index (office_id=? AND entity_type=? AND entity_id=?)"]);
    }
    await downThrough("0026_history_by_record");
    await db.migrate.latest();
  });
});
