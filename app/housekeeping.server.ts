// Work the server does by itself, at start-up and then every ten minutes: files left on disk by
// a crash (decision 019), spent rate-limit windows (020) and old form tokens (021).
import { getDb } from "./db.server";
import { ORPHAN_MIN_AGE_MS, sweepOrphanFiles } from "./modules/attachment/queries.server";
import { purgeFormTokens } from "./modules/form-token/queries.server";
import { purgeRateLimits } from "./modules/rate-limit/queries.server";
import { fileStore } from "./storage.server";

const EVERY_MS = 10 * 60_000;

declare global {
  var __capQualiteHousekeeping: ReturnType<typeof setInterval> | undefined;
}

const processStart = new Date();

/**
 * Files without a row are removed once older than any upload in flight: at start-up on SQLite
 * (one server per database file), every file written before this process started is from a
 * previous run; otherwise (several instances on PostgreSQL, or later runs), files older than two
 * minutes.
 */
export function orphanCutoff(now: Date, atStartUp: boolean, postgres: boolean): Date {
  const aged = new Date(now.getTime() - ORPHAN_MIN_AGE_MS);
  return atStartUp && !postgres && processStart > aged ? processStart : aged;
}

export async function runHousekeeping(now = new Date(), atStartUp = false): Promise<{ orphanFiles: number; rateLimits: number; formTokens: number }> {
  const db = getDb();
  const orphans = await sweepOrphanFiles(db, fileStore(), orphanCutoff(now, atStartUp, db.client.config.client === "pg"));
  if (orphans.length > 0) console.warn(`Fichiers sans enregistrement supprimés : ${orphans.length} (${orphans.slice(0, 5).join(", ")}${orphans.length > 5 ? "…" : ""})`);
  return { orphanFiles: orphans.length, rateLimits: await purgeRateLimits(db, now), formTokens: await purgeFormTokens(db, now) };
}

/** Once per process (the development server reloads modules). Errors are logged, never thrown. */
export function startHousekeeping(): void {
  if (global.__capQualiteHousekeeping || process.env.NODE_ENV === "test") return;
  const run = (atStartUp: boolean) => void runHousekeeping(new Date(), atStartUp).catch((error: unknown) => console.error("Entretien automatique :", error));
  run(true);
  global.__capQualiteHousekeeping = setInterval(() => run(false), EVERY_MS);
  global.__capQualiteHousekeeping.unref();
}
