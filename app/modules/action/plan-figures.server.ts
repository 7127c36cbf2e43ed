// The plan's figures that read every action of the office (its progress, per site), kept while
// nothing of the plan changed (decision 061). Each office's `plan_revision` is raised by triggers
// at every change to its actions or their sites (migration 0023 on SQLite; 0025 on PostgreSQL,
// at the commit): a figure counted at a revision, on a day, is the same for as long as both stay.
// This is a cache of what the database says, checked against it on every read (one indexed
// row), never state of its own: every instance behind one address sees the same revision.
import type { Knex } from "knex";
import type { Scope } from "~/modules/scope.server";
import { sharedRead } from "~/request-cache.server";
import { POSTGRES_TRIGGERS } from "../../../db/migrations/0025_plan_revision_postgres";

interface Kept {
  revision: number;
  day: string;
  value: Promise<unknown>;
}

/** One map per database connection pool, so that two databases (tests) never share a figure. */
const kept = new WeakMap<Knex, Map<string, Kept>>();
/** Offices × figures kept at most per pool; the oldest goes first. */
const MAX_KEPT = 5_000;

/**
 * Whether this database raises the revision: on PostgreSQL, migration 0025's triggers. A server
 * started before that migration ran would otherwise keep figures that nothing makes stale. Asked
 * once per pool; until the server restarts after the migration, figures are counted each time.
 */
const keptByTriggers = new WeakMap<Knex, Promise<boolean>>();
function revisionIsRaised(db: Knex): Promise<boolean> {
  if (db.client.config.client !== "pg") return Promise.resolve(true);
  let raised = keptByTriggers.get(db);
  if (!raised) {
    raised = Promise.resolve(db("pg_trigger").whereIn("tgname", POSTGRES_TRIGGERS).count<Array<{ n: string | number }>>({ n: "*" })).then(
      ([row]) => Number(row?.n) === POSTGRES_TRIGGERS.length,
    );
    raised.catch(() => keptByTriggers.delete(db));
    keptByTriggers.set(db, raised);
  }
  return raised;
}

/** Read once per page (its figures ask for it one after the other), as the layout's badges are. */
function planRevision(scope: Scope): Promise<number> {
  return sharedRead(`plan-revision:${scope.officeId}`, async () => {
    const row = await scope.db("offices").where({ id: scope.officeId }).first("plan_revision");
    return Number(row?.plan_revision ?? 0);
  });
}

/**
 * `count()`'s answer for this office, counted again only when its plan changed or the day did.
 * The answer is shared by every caller until then: callers must not change it.
 */
export async function keptPlanFigure<T>(scope: Scope, name: string, count: () => Promise<T>): Promise<T> {
  // Inside a transaction, its own uncommitted changes may not have raised the revision yet.
  if (scope.db.isTransaction || !(await revisionIsRaised(scope.db))) return count();
  const revision = await planRevision(scope);
  let figures = kept.get(scope.db);
  if (!figures) kept.set(scope.db, (figures = new Map()));
  const key = `${scope.officeId}:${name}`;
  const found = figures.get(key);
  if (found && found.revision === revision && found.day === scope.today) return found.value as Promise<T>;
  const value = count();
  figures.delete(key);
  figures.set(key, { revision, day: scope.today, value });
  // A failed count is not kept.
  value.catch(() => {
    if (figures.get(key)?.value === value) figures.delete(key);
  });
  if (figures.size > MAX_KEPT) figures.delete(figures.keys().next().value!);
  return value;
}
