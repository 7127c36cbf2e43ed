// Stored sign-in throttling state, shared by every app instance through the database.
import type { Knex } from "knex";
import {
  ADDRESS_POLICY,
  EMAIL_POLICY,
  checkThrottle,
  recordFailure,
  type ThrottlePolicy,
  type ThrottleState,
  type ThrottleVerdict,
} from "~/domain/throttle";
import { num } from "./rows.server";

export function throttleKeys(email: string, clientIp: string): Array<{ key: string; policy: ThrottlePolicy }> {
  return [
    { key: `email:${email.trim().toLowerCase()}`, policy: EMAIL_POLICY },
    { key: `ip:${clientIp}`, policy: ADDRESS_POLICY },
  ];
}

async function readState(db: Knex, key: string): Promise<ThrottleState | null> {
  const row = await db("sign_in_throttles").where({ key }).first();
  if (!row) return null;
  return {
    failures: num(row.failures),
    lastFailureAt: String(row.last_failure_at),
    lockedUntil: row.locked_until ? String(row.locked_until) : null,
  };
}

/** The strictest verdict over the e-mail and the address. */
export async function checkSignInAllowed(db: Knex, email: string, clientIp: string, now = new Date()): Promise<ThrottleVerdict> {
  let worst: ThrottleVerdict = { allowed: true };
  for (const { key, policy } of throttleKeys(email, clientIp)) {
    const verdict = checkThrottle(await readState(db, key), policy, now);
    if (!verdict.allowed && (worst.allowed || verdict.retryAfterSeconds > worst.retryAfterSeconds)) worst = verdict;
  }
  return worst;
}

export async function recordSignInFailure(db: Knex, email: string, clientIp: string, now = new Date()): Promise<void> {
  await db.transaction(async (trx) => {
    for (const { key, policy } of throttleKeys(email, clientIp)) {
      const next = recordFailure(await readState(trx, key), policy, now);
      await trx("sign_in_throttles")
        .insert({ key, failures: next.failures, last_failure_at: next.lastFailureAt, locked_until: next.lockedUntil })
        .onConflict("key")
        .merge();
    }
  });
}

/** A successful sign-in clears the e-mail's count; the address keeps its own. */
export async function recordSignInSuccess(db: Knex, email: string): Promise<void> {
  await db("sign_in_throttles").where({ key: `email:${email.trim().toLowerCase()}` }).delete();
}
