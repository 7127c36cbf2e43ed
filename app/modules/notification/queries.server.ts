// The notification centre: what each account was told, in its office, read or not. Every query
// is for the signed-in account (`scope.actor.userId`) in `scope.officeId`. Bookkeeping, not
// history (decision 005): reading a notification changes no record of the démarche.
import type { Knex } from "knex";
import type { Scope } from "../scope.server";
import type { NotificationsRecord } from "../../../db/records";
import { num } from "../../utils/rows.server";

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  url: string;
  createdAt: string;
  readAt: string | null;
}

export interface NewNotification {
  officeId: number;
  userId: number;
  kind: string;
  title: string;
  body: string;
  url: string;
  reminderKey: string | null;
  now: Date;
}

export async function insertNotification(trx: Knex.Transaction, n: NewNotification): Promise<void> {
  await trx("notifications").insert({
    office_id: n.officeId,
    user_id: n.userId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    url: n.url,
    reminder_key: n.reminderKey,
    created_at: n.now.toISOString(),
    read_at: null,
  });
}

function mine(scope: Scope) {
  return scope.db("notifications").where({ office_id: scope.officeId, user_id: scope.actor.userId ?? -1 });
}

export const NOTIFICATION_PAGE = 100;

export async function listNotifications(scope: Scope): Promise<Notification[]> {
  const rows = await mine(scope).orderBy([{ column: "created_at", order: "desc" }, { column: "id", order: "desc" }]).limit(NOTIFICATION_PAGE);
  return rows.map(toNotification);
}

function toNotification(r: NotificationsRecord): Notification {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    url: r.url,
    createdAt: r.created_at,
    readAt: r.read_at || null,
  };
}

export async function countUnreadNotifications(scope: Scope): Promise<number> {
  const row = await mine(scope).whereNull("read_at").count({ n: "*" }).first();
  return num(row?.n ?? 0);
}

/** Marks one of the account's notifications read and returns it; null when it is not theirs (or not in this office). */
export async function markNotificationRead(scope: Scope, notificationId: number): Promise<Notification | null> {
  const found = await mine(scope).where({ id: notificationId }).first();
  if (!found) return null;
  if (found.read_at) return toNotification(found);
  const readAt = scope.now.toISOString();
  await mine(scope).where({ id: notificationId }).update({ read_at: readAt });
  return toNotification({ ...found, read_at: readAt });
}

export async function markAllNotificationsRead(scope: Scope): Promise<number> {
  return mine(scope).whereNull("read_at").update({ read_at: scope.now.toISOString() });
}
