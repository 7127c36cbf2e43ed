// Stored sign-in throttling state, shared by every app instance through the database.
import type { SignInThrottlesRecord } from "../../../db/records";
import type { Knex } from "knex";
import {
  ADDRESS_POLICY,
  EMAIL_POLICY,
  PAIR_POLICY,
  checkInFlight,
  checkThrottle,
  startsLock,
  recordFailure,
  type ThrottlePolicy,
  type ThrottleState,
  type ThrottleVerdict,
} from "~/modules/account/throttle";
import { insertedId, lockForUpdate } from "../../utils/rows.server";

export type ThrottleScope = "pair" | "email" | "ip";

type ThrottleKey = { key: string; policy: ThrottlePolicy; scope: ThrottleScope };

/** The address's key, whose attempts are held in flight until their password is checked. */
function addressKey(clientIp: string): ThrottleKey {
  return { key: `ip:${clientIp}`, policy: ADDRESS_POLICY, scope: "ip" };
}

/** The keys an attempt counts against (decision 017): e-mail at this address, e-mail, address. */
export function throttleKeys(email: string, clientIp: string): ThrottleKey[] {
  const normalised = email.trim().toLowerCase();
  return [
    { key: `pair:${normalised}|${clientIp}`, policy: PAIR_POLICY, scope: "pair" },
    { key: `email:${normalised}`, policy: EMAIL_POLICY, scope: "email" },
    addressKey(clientIp),
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
 * Checks and, when allowed, counts the attempt before the password is even read, in one
 * transaction (rows locked on PostgreSQL; SQLite runs one transaction at a time): many attempts
 * sent at once cannot all slip through before the first failure is written.
 * - Against the e-mail at this address and the e-mail, the attempt counts as a failure at once;
 *   a right password then gives it back (recordSignInSuccess).
 * - Against the address, it is held as an attempt in flight (`sign_in_attempts`) and becomes a
 *   failure only when its password proves wrong (recordSignInFailure): twenty colleagues behind
 *   the office's one public address signing in together are not taken for a guesser. Attempts
 *   in flight stay within the address's free failures (`checkInFlight`), so a guesser gets no
 *   more quick tries at once than before.
 */
export type Reservation = ThrottleVerdict & { locks?: ThrottleScope[]; attemptId?: number };

/** An attempt in flight left by a server that stopped mid-check counts this long, no longer. */
export const IN_FLIGHT_MINUTES = 2;

export async function reserveSignInAttempt(db: Knex, email: string, clientIp: string, now = new Date()): Promise<Reservation> {
  return db.transaction(async (trx) => {
    const keys = throttleKeys(email, clientIp);
    const states = [];
    let verdict: ThrottleVerdict = { allowed: true };
    for (const { key, policy, scope } of keys) {
      const row = await lockedThrottleRow(trx, key);
      const state = row ? toState(row) : null;
      states.push(state);
      verdict = stricter(verdict, checkThrottle(state, policy, now));
      if (scope === "ip") verdict = stricter(verdict, checkInFlight(await inFlight(trx, key, now), state, policy, now));
    }
    if (!verdict.allowed) return verdict;
    const locks: ThrottleScope[] = [];
    for (const [i, { key, policy, scope }] of keys.entries()) {
      if (scope === "ip") continue;
      const next = recordFailure(states[i] ?? null, policy, now);
      if (startsLock(states[i] ?? null, next, now)) locks.push(scope);
      await trx("sign_in_throttles")
        .insert({ key, failures: next.failures, last_failure_at: next.lastFailureAt, locked_until: next.lockedUntil })
        .onConflict("key")
        .merge();
    }
    const attemptId = insertedId(await trx("sign_in_attempts").insert({ key: addressKey(clientIp).key, started_at: now.toISOString() }).returning("id"));
    return { ...verdict, locks, attemptId };
  });
}

/**
 * A key's row, locked for this transaction (PostgreSQL; SQLite runs one transaction at a time).
 * Created first so that concurrent attempts lock the same row (a missing row locks nothing). A
 * right password deletes the pair's row, and the purge deletes quiet ones: when that happens
 * between the insert and the lock, insert again, so that every attempt holds its keys in the same
 * order (an attempt that went on to the next key without this one deadlocked on PostgreSQL) and
 * no two failures counted at once write over each other.
 */
async function lockedThrottleRow(trx: Knex.Transaction, key: string): Promise<SignInThrottlesRecord | undefined> {
  let row: SignInThrottlesRecord | undefined;
  for (let tries = 0; !row && tries < 5; tries += 1) {
    await trx("sign_in_throttles")
      .insert({ key, failures: 0, last_failure_at: new Date(0).toISOString(), locked_until: null })
      .onConflict("key")
      .ignore();
    row = await lockForUpdate(trx, trx("sign_in_throttles").where({ key })).first();
  }
  return row;
}

async function inFlight(trx: Knex.Transaction, key: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - IN_FLIGHT_MINUTES * 60_000).toISOString();
  const [row] = await trx("sign_in_attempts").where({ key }).andWhere("started_at", ">", since).count<Array<{ n: number | string }>>({ n: "*" });
  return Number(row?.n ?? 0);
}

/**
 * A wrong password: the attempt in flight becomes a failure of the address. Returns the scopes
 * this failure locks (the address's, when it reaches its threshold), besides those the
 * reservation locked.
 */
export async function recordSignInFailure(db: Knex, reservation: Reservation, clientIp: string, now = new Date()): Promise<ThrottleScope[]> {
  const ip = addressKey(clientIp);
  return db.transaction(async (trx) => {
    if (reservation.attemptId !== undefined) await trx("sign_in_attempts").where({ id: reservation.attemptId }).delete();
    const row = await lockedThrottleRow(trx, ip.key);
    const before = row ? toState(row) : null;
    const next = recordFailure(before, ip.policy, now);
    await trx("sign_in_throttles")
      .insert({ key: ip.key, failures: next.failures, last_failure_at: next.lastFailureAt, locked_until: next.lockedUntil })
      .onConflict("key")
      .merge();
    return [...(reservation.locks ?? []), ...(startsLock(before, next, now) ? (["ip"] as const) : [])];
  });
}

/**
 * A right password: the e-mail's failures at this address are forgotten; the e-mail gets this
 * attempt back (a guesser elsewhere keeps the count they earned); the address's attempt in
 * flight is over, never having counted as a failure.
 */
export async function recordSignInSuccess(db: Knex, email: string, clientIp: string, reservation?: Reservation): Promise<void> {
  const [pair, byEmail] = throttleKeys(email, clientIp);
  await db.transaction(async (trx) => {
    await trx("sign_in_throttles").where({ key: pair!.key }).delete();
    await trx("sign_in_throttles").where({ key: byEmail!.key }).where("failures", ">", 0).decrement("failures", 1);
    if (reservation?.attemptId !== undefined) await trx("sign_in_attempts").where({ id: reservation.attemptId }).delete();
  });
}

/** Forgets quiet keys (nothing for a day, not locked) so the table does not grow for ever, and stale attempts in flight. */
export async function purgeThrottles(db: Knex, now = new Date()): Promise<void> {
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  await db("sign_in_throttles")
    .where("last_failure_at", "<", dayAgo)
    .andWhere((q) => q.whereNull("locked_until").orWhere("locked_until", "<", now.toISOString()))
    .delete();
  // Attempts in flight left by a server that stopped mid-check.
  await db("sign_in_attempts").where("started_at", "<", new Date(now.getTime() - IN_FLIGHT_MINUTES * 60_000).toISOString()).delete();
}
