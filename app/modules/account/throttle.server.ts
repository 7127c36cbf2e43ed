// Stored sign-in throttling state, shared by every app instance through the database.
import type { SignInThrottlesRecord } from "../../../db/records";
import type { Knex } from "knex";
import {
  ADDRESS_POLICY,
  EMAIL_POLICY,
  PAIR_POLICY,
  checkThrottle,
  startsLock,
  recordFailure,
  type ThrottlePolicy,
  type ThrottleState,
  type ThrottleVerdict,
} from "~/modules/account/throttle";
import { lockForUpdate } from "../../utils/rows.server";

export type ThrottleScope = "pair" | "email" | "ip";

/** The keys an attempt counts against (decision 017): e-mail at this address, e-mail, address. */
export function throttleKeys(email: string, clientIp: string): Array<{ key: string; policy: ThrottlePolicy; scope: ThrottleScope }> {
  const normalised = email.trim().toLowerCase();
  return [
    { key: `pair:${normalised}|${clientIp}`, policy: PAIR_POLICY, scope: "pair" },
    { key: `email:${normalised}`, policy: EMAIL_POLICY, scope: "email" },
    { key: `ip:${clientIp}`, policy: ADDRESS_POLICY, scope: "ip" },
  ];
}

function toState(row: SignInThrottlesRecord): ThrottleState {
  return {
    failures: row.failures,
    lastFailureAt: row.last_failure_at,
    lockedUntil: row.locked_until || null,
  };
}

function stricter(a: ThrottleVerdict, b: ThrottleVerdict): ThrottleVerdict {
  if (b.allowed) return a;
  if (a.allowed) return b;
  return b.retryAfterSeconds > a.retryAfterSeconds ? b : a;
}

/**
 * Checks and, when allowed, counts the attempt as a failure before the password is even read,
 * in one transaction (rows locked on PostgreSQL; SQLite runs one transaction at a time): many
 * attempts sent at once cannot all slip through before the first failure is written.
 * A right password then gives the attempt back (recordSignInSuccess).
 */
export type Reservation = ThrottleVerdict & { locks?: ThrottleScope[] };

export async function reserveSignInAttempt(db: Knex, email: string, clientIp: string, now = new Date()): Promise<Reservation> {
  return db.transaction(async (trx) => {
    const keys = throttleKeys(email, clientIp);
    const states = [];
    let verdict: ThrottleVerdict = { allowed: true };
    for (const { key, policy } of keys) {
      // Create the row first so that concurrent attempts lock the same row (a missing row locks
      // nothing). A right password deletes the pair's row: when that happens between the insert
      // and the lock, insert again, so that every attempt holds its keys in the same order (an
      // attempt that went on to the next key without this one deadlocked on PostgreSQL).
      let row: SignInThrottlesRecord | undefined;
      for (let tries = 0; !row && tries < 5; tries += 1) {
        await trx("sign_in_throttles")
          .insert({ key, failures: 0, last_failure_at: new Date(0).toISOString(), locked_until: null })
          .onConflict("key")
          .ignore();
        row = await lockForUpdate(trx, trx("sign_in_throttles").where({ key })).first();
      }
      const state = row ? toState(row) : null;
      states.push(state);
      verdict = stricter(verdict, checkThrottle(state, policy, now));
    }
    if (!verdict.allowed) return verdict;
    const locks: ThrottleScope[] = [];
    for (const [i, { key, policy, scope }] of keys.entries()) {
      const next = recordFailure(states[i] ?? null, policy, now);
      if (startsLock(states[i] ?? null, next, now)) locks.push(scope);
      await trx("sign_in_throttles")
        .insert({ key, failures: next.failures, last_failure_at: next.lastFailureAt, locked_until: next.lockedUntil })
        .onConflict("key")
        .merge();
    }
    return { ...verdict, locks };
  });
}

/**
 * A right password: the e-mail's failures at this address are forgotten; the e-mail and the
 * address get this attempt back (a guesser elsewhere keeps the count they earned).
 */
export async function recordSignInSuccess(db: Knex, email: string, clientIp: string): Promise<void> {
  const [pair, byEmail, byIp] = throttleKeys(email, clientIp);
  await db.transaction(async (trx) => {
    await trx("sign_in_throttles").where({ key: pair!.key }).delete();
    for (const { key } of [byEmail!, byIp!]) await trx("sign_in_throttles").where({ key }).where("failures", ">", 0).decrement("failures", 1);
  });
}

/** Forgets quiet keys (nothing for a day, not locked) so the table does not grow for ever. */
export async function purgeThrottles(db: Knex, now = new Date()): Promise<void> {
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  await db("sign_in_throttles")
    .where("last_failure_at", "<", dayAgo)
    .andWhere((q) => q.whereNull("locked_until").orWhere("locked_until", "<", now.toISOString()))
    .delete();
}
