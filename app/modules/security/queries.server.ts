// The security log: who signed in or failed to, lock-outs, password and account changes, with
// the time, the account and the address (decision 018). Rows are only ever added; an
// administrator reads those of their office and of its members' accounts.
import type { Knex } from "knex";
import { formatDateTime } from "../../domain/dates";
import type { SecurityLogRecord } from "../../../db/records";
import { bool } from "../../utils/rows.server";
import { lockoutMail } from "../mail/compose";
import { appUrl } from "../mail/links.server";
import { enqueueMail } from "../mail/queries.server";
import type { Scope } from "../scope.server";
import { WARNING_EVENTS, isSecurityEvent, type SecurityEvent } from "./words";

export interface SecurityEventInput {
  event: SecurityEvent;
  userId?: number | null;
  email?: string | null;
  ip?: string;
  officeId?: number | null;
  actor?: { userId: number | null; name: string } | null;
  details?: Record<string, string | number | boolean | null>;
}

export interface SecurityLogEntry {
  id: number;
  at: string;
  event: SecurityEvent;
  userId: number | null;
  email: string | null;
  accountName: string | null;
  ip: string;
  actorName: string;
  details: Record<string, string | number | boolean | null>;
}

/**
 * Adds one event. Account-level events (a sign-in) belong to no office, so this takes the
 * database (or the transaction of the change it records) rather than an office scope.
 */
export async function recordSecurityEvent(db: Knex | Knex.Transaction, input: SecurityEventInput, now = new Date()): Promise<void> {
  await db("security_log").insert({
    at: now.toISOString(),
    event: input.event,
    user_id: input.userId ?? null,
    email: input.email ? input.email.trim().toLowerCase().slice(0, 254) : null,
    ip: (input.ip ?? "").slice(0, 64),
    office_id: input.officeId ?? null,
    actor_user_id: input.actor?.userId ?? null,
    actor_name: (input.actor?.name ?? "").slice(0, 200),
    details: JSON.stringify(input.details ?? {}),
  });
}

export const SECURITY_PAGE_SIZE = 100;

/**
 * The office's part of the log, newest first: its own events (role changes, invitations…) and
 * the account events (sign-ins, failures, password changes) of its current members. Another
 * office's events, even about a shared account, stay out.
 */
export async function listSecurityLog(
  scope: Scope,
  filter: { event?: SecurityEvent | null; email?: string | null; before?: number | null } = {},
): Promise<{ entries: SecurityLogEntry[]; more: boolean }> {
  const members = scope.db("memberships").where({ office_id: scope.officeId }).select("user_id");
  const query = scope
    .db("security_log as s")
    .leftJoin("users as u", "u.id", "s.user_id")
    .where((q) => q.where("s.office_id", scope.officeId).orWhere((q2) => q2.whereNull("s.office_id").whereIn("s.user_id", members)))
    .select<Array<SecurityLogRecord & { account_name: string | null }>>("s.*", "u.display_name as account_name")
    .orderBy("s.id", "desc")
    .limit(SECURITY_PAGE_SIZE + 1);
  if (filter.event) query.andWhere("s.event", filter.event);
  if (filter.email) query.andWhere("s.email", filter.email.trim().toLowerCase());
  if (filter.before) query.andWhere("s.id", "<", filter.before);
  const rows = await query;
  return { entries: rows.slice(0, SECURITY_PAGE_SIZE).flatMap(toEntry), more: rows.length > SECURITY_PAGE_SIZE };
}

function toEntry(row: SecurityLogRecord & { account_name: string | null }): SecurityLogEntry[] {
  const event = row.event;
  if (!isSecurityEvent(event)) return [];
  let details: SecurityLogEntry["details"] = {};
  try {
    details = JSON.parse(row.details);
  } catch {
    details = {};
  }
  return [
    {
      id: row.id,
      at: row.at,
      event,
      userId: row.user_id,
      email: row.email || null,
      accountName: row.account_name || null,
      ip: row.ip,
      actorName: row.actor_name,
      details,
    },
  ];
}

/**
 * What the owner of an account is told when they sign in: the failed attempts and lock-outs on
 * their account since their previous sign-in.
 */
export async function warningsSince(db: Knex, userId: number, since: string | null): Promise<{ failures: number; lockouts: number; lastAt: string | null; lastIp: string | null }> {
  const rows: Array<Pick<SecurityLogRecord, "event" | "at" | "ip">> = await db("security_log")
    .where({ user_id: userId })
    .whereIn("event", WARNING_EVENTS as SecurityEvent[])
    .modify((q) => {
      if (since) q.andWhere("at", ">", since);
    })
    .orderBy("id", "desc")
    .select("event", "at", "ip");
  const failures = rows.filter((r) => r.event === "sign_in_failed").length;
  const lockouts = rows.filter((r) => r.event === "sign_in_locked").length;
  const last = rows.find((r) => r.event === "sign_in_failed") ?? rows[0];
  return { failures, lockouts, lastAt: last ? last.at : null, lastIp: last ? last.ip : null };
}

export const LOCKOUT_MAIL_KIND = "sign_in_locked";

/**
 * Tells the owner by e-mail that sign-ins to their account from one address were locked
 * (decision 017): through the outbox, at most once a day per account, so that a stranger
 * cannot flood their mailbox; an account-level mail, of no office.
 */
export async function mailLockout(db: Knex, input: { userId: number; ip: string; minutes: number }, now: Date): Promise<void> {
  const user = await db("users").where({ id: input.userId }).first("email", "display_name", "disabled");
  if (!user || bool(user.disabled)) return;
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  const recent = await db("mail_outbox").where({ kind: LOCKOUT_MAIL_KIND, to_address: user.email }).andWhere("created_at", ">", dayAgo).first("id");
  if (recent) return;
  const message = lockoutMail({ to: user.email, toName: user.display_name, ip: input.ip, at: formatDateTime(now).replace(" ", " à "), minutes: input.minutes, passwordLink: `${appUrl()}/mot-de-passe` });
  await db.transaction((trx) => enqueueMail(trx, { officeId: null, kind: LOCKOUT_MAIL_KIND, message, reminderKey: null, now }));
}

/** The log is kept a year (decision 018). */
export async function purgeSecurityLog(db: Knex, now = new Date()): Promise<void> {
  const yearAgo = new Date(now.getTime() - 366 * 86_400_000).toISOString();
  await db("security_log").where("at", "<", yearAgo).delete();
}
