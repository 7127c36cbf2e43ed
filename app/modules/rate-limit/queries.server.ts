// Stored rate-limit counts, shared by every instance through the database (decision 020).
// `enforceRateLimit` is what a route calls: it counts the request or throws a 429 in French with
// a Retry-After header.
import { json } from "@remix-run/node";
import type { Knex } from "knex";
import { lockForUpdate } from "../../utils/rows.server";
import { decideRateLimit, rateLimitMessage, windowIndex, type RateLimitPolicy, type RateLimitVerdict } from "./rules";

/**
 * Counts one request of `subject` ("user:12", "ip:203.0.113.4") under `policy` when the limit
 * allows it, in one transaction (the current window's row locked on PostgreSQL; SQLite runs one
 * transaction at a time), so that requests sent at once cannot all slip through. A refused
 * request is not counted.
 */
export async function hitRateLimit(db: Knex, policy: RateLimitPolicy, subject: string, now = new Date()): Promise<RateLimitVerdict> {
  const key = `${policy.name}:${subject}`.slice(0, 200);
  const current = windowIndex(policy, now);
  const expiresAt = new Date((current + 2) * policy.windowSeconds * 1000).toISOString();
  return db.transaction(async (trx) => {
    await trx("rate_limits").insert({ key, window: current, count: 0, expires_at: expiresAt }).onConflict(["key", "window"]).ignore();
    const row = await lockForUpdate(trx, trx("rate_limits").where({ key, window: current }).first("count"));
    const previous = await trx("rate_limits").where({ key, window: current - 1 }).first("count");
    const verdict = decideRateLimit(policy, { previous: previous?.count ?? 0, current: row?.count ?? 0 }, now);
    if (verdict.allowed) await trx("rate_limits").where({ key, window: current }).increment("count", 1);
    return verdict;
  });
}

/** 429 with a French message (as a form error, so pages show it) and Retry-After. */
export function tooManyRequests(policy: RateLimitPolicy, retryAfterSeconds: number): Response {
  const message = rateLimitMessage(policy, retryAfterSeconds);
  return json({ fieldErrors: {}, formError: message, message }, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } });
}

/** Counts the request, or throws the 429 answer. */
export async function enforceRateLimit(db: Knex, policy: RateLimitPolicy, subject: string, now = new Date()): Promise<void> {
  const verdict = await hitRateLimit(db, policy, subject, now);
  if (!verdict.allowed) throw tooManyRequests(policy, verdict.retryAfterSeconds);
}

/** Windows that no longer count for anything. */
export async function purgeRateLimits(db: Knex, now = new Date()): Promise<number> {
  return db("rate_limits").where("expires_at", "<", now.toISOString()).delete();
}
