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
    while (!(await db.migrate.currentVersion()).startsWith("0003")) await db.migrate.down();
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
