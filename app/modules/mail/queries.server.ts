// The mail outbox: every mail is written here first, in the transaction that decided it, then
// delivered by a runner that claims it, sends it and marks it (decision 025). Two runners never
// claim the same row: the claim is one conditional update, counted.
import crypto from "node:crypto";
import type { Knex } from "knex";
import { consumeFormToken } from "../form-token/queries.server";
import type { Scope } from "../scope.server";
import { nextAttemptAt } from "../reminder/rules";
import type { MailMessage } from "./compose";
import type { OutboxStatus } from "./rules";
import type { MailTransport } from "./transport.server";
import type { MailOutboxRecord } from "../../../db/records";
import { num, present } from "../../utils/rows.server";

/** How long a claimed mail is reserved: a runner killed meanwhile leaves it to the next one after that. */
export const CLAIM_MINUTES = 10;

export async function enqueueMail(trx: Knex.Transaction, input: { officeId: number | null; kind: string; message: MailMessage; reminderKey: string | null; now: Date }): Promise<void> {
  const at = input.now.toISOString();
  await trx("mail_outbox").insert({
    office_id: input.officeId,
    kind: input.kind,
    to_address: input.message.to,
    to_name: input.message.toName,
    subject: input.message.subject,
    text_body: input.message.text,
    html_body: input.message.html,
    headers: JSON.stringify(input.message.headers),
    reminder_key: input.reminderKey,
    calendar_method: input.message.calendar?.method ?? null,
    calendar_text: input.message.calendar?.text ?? null,
    status: "pending",
    attempts: 0,
    next_attempt_at: at,
    created_at: at,
  });
}

export interface OutboxMail {
  id: number;
  kind: string;
  to: string;
  toName: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

function toMail(r: MailOutboxRecord): OutboxMail {
  return {
    id: r.id,
    kind: r.kind,
    to: r.to_address,
    toName: r.to_name,
    subject: r.subject,
    text: r.text_body,
    headers: JSON.parse(r.headers) as Record<string, string>,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error || null,
    sentAt: r.sent_at || null,
    createdAt: r.created_at,
  };
}

export const OUTBOX_PAGE = 200;

/** The office's mails, newest first (what "Courriels envoyés" shows). */
export async function listOutbox(scope: Scope, filter: { status?: OutboxStatus } = {}): Promise<OutboxMail[]> {
  const q = scope.db("mail_outbox").where({ office_id: scope.officeId });
  if (filter.status) q.andWhere({ status: filter.status });
  const rows = await q.orderBy([{ column: "created_at", order: "desc" }, { column: "id", order: "desc" }]).limit(OUTBOX_PAGE);
  return rows.map(toMail);
}

export async function countOutboxByStatus(scope: Scope): Promise<Record<OutboxStatus, number>> {
  const rows: Array<{ status: string; n: unknown }> = await scope.db("mail_outbox").where({ office_id: scope.officeId }).groupBy("status").select("status").count({ n: "*" });
  const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0, kept: 0 };
  for (const r of rows) counts[r.status as OutboxStatus] = num(r.n);
  return counts;
}

/** A failed mail goes back to the queue, at once, with its count of attempts reset. */
/**
 * Sends a failed mail again. The form's one-time token is recorded first, in the same
 * transaction (decision 021): a copy of the same form, posted again or at the same time, is
 * sent back to the page rather than told that no such failed mail exists.
 */
export async function retryMail(scope: Scope, mailId: number): Promise<boolean> {
  const notFailed = new Error("not a failed mail");
  try {
    await scope.db.transaction(async (trx) => {
      await consumeFormToken(trx, scope.actor.formToken, scope.actor.userId, scope.now);
      const updated = await trx("mail_outbox")
        .where({ id: mailId, office_id: scope.officeId, status: "failed" })
        .update({ status: "pending", attempts: 0, next_attempt_at: scope.now.toISOString(), locked_by: null, locked_until: null });
      // Nothing to send again: the token is not used up (rolled back with the transaction).
      if (updated !== 1) throw notFailed;
    });
    return true;
  } catch (error) {
    if (error === notFailed) return false;
    throw error;
  }
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  retrying: number;
  kept: number;
}

/**
 * Delivers the outbox's due mails, `batch` at a time. Each mail is claimed by one conditional
 * update (pending, due, not claimed by a live runner): only the runner whose update counted one
 * row sends it. Without a transport, mails are marked kept: the demo reads them in the app.
 */
export async function deliverOutbox(db: Knex, input: { now: Date; transport: MailTransport | null; from: string; runnerId?: string; batch?: number }): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0, kept: 0 };
  const at = input.now.toISOString();
  if (!input.transport) {
    report.kept = await db("mail_outbox").where({ status: "pending" }).update({ status: "kept", locked_by: null, locked_until: null });
    return report;
  }
  const runnerId = input.runnerId ?? crypto.randomUUID();
  const until = new Date(input.now.getTime() + CLAIM_MINUTES * 60_000).toISOString();
  const candidates = await db("mail_outbox")
    .where({ status: "pending" })
    .andWhere("next_attempt_at", "<=", at)
    .andWhere((w) => w.whereNull("locked_until").orWhere("locked_until", "<", at))
    .orderBy("id")
    .limit(input.batch ?? 500)
    .select("id");
  for (const { id } of candidates) {
    const claimed = await db("mail_outbox")
      .where({ id, status: "pending" })
      .andWhere((w) => w.whereNull("locked_until").orWhere("locked_until", "<", at))
      .update({ locked_by: runnerId, locked_until: until });
    if (claimed !== 1) continue;
    const row = present(await db("mail_outbox").where({ id }).first(), "mail_outbox");
    try {
      await input.transport.send({
        from: input.from,
        to: row.to_address,
        toName: row.to_name,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        headers: JSON.parse(row.headers) as Record<string, string>,
        messageId: `<outbox-${row.id}-${row.created_at.replace(/[^0-9]/g, "")}@cap-qualite>`,
        // enqueueMail writes the method with the text; the conversion only keeps how a missing one read before.
        ...(row.calendar_text ? { calendar: { method: String(row.calendar_method) as "REQUEST" | "CANCEL", text: row.calendar_text } } : {}),
      });
      await db("mail_outbox").where({ id, locked_by: runnerId }).update({ status: "sent", sent_at: new Date().toISOString(), locked_by: null, locked_until: null, last_error: null, attempts: row.attempts + 1 });
      report.sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const next = nextAttemptAt(attempts, input.now);
      await db("mail_outbox")
        .where({ id, locked_by: runnerId })
        .update({
          status: next ? "pending" : "failed",
          attempts,
          next_attempt_at: (next ?? input.now).toISOString(),
          last_error: describeError(error),
          locked_by: null,
          locked_until: null,
        });
      if (next) report.retrying++;
      else report.failed++;
    }
  }
  return report;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 1000);
}
