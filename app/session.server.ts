// Sessions: a signed, httpOnly, SameSite=Lax cookie holding only a random id; the data
// lives in the `sessions` table so that sign-out and password changes really end sessions.
import { createCookie, createSessionStorage, redirect, type Session } from "@remix-run/node";
import { randomToken } from "./crypto.server";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import { forgetSharedRead, sharedRead } from "./request-cache.server";
import type { SessionsRecord } from "../db/records";
import type { Toast } from "./utils/toast";

export type { Toast };

/** A session ends 12 hours after sign-in, whatever happens (decision 017)… */
export const SESSION_HOURS = 12;
/** …or after SESSION_IDLE_MINUTES without a request (2 hours by default). */
const TOUCH_EVERY_MS = 60_000;

/** Is a stored session still alive at `now`? Pure: the rule the storage applies on every read. */
export function sessionAlive(row: { createdAt: string; lastSeenAt: string | null; expiresAt: string }, now: Date, idleMinutes: number): boolean {
  const t = now.getTime();
  if (new Date(row.expiresAt).getTime() <= t) return false;
  if (new Date(row.createdAt).getTime() + SESSION_HOURS * 3600_000 <= t) return false;
  return new Date(row.lastSeenAt ?? row.createdAt).getTime() + idleMinutes * 60_000 > t;
}

export interface SessionData {
  userId?: number;
  officeId?: number;
}
export interface SessionFlash {
  toast: Toast;
}
export type AppSession = Session<SessionData, SessionFlash>;

function buildStorage() {
  const env = getEnv();
  const cookie = createCookie("cq_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env.COOKIE_SECURE,
    path: "/",
    secrets: [env.SESSION_SECRET],
    maxAge: SESSION_HOURS * 3600,
  });
  return createSessionStorage<SessionData, SessionFlash>({
    cookie,
    async createData(data) {
      const id = randomToken(32);
      const now = new Date();
      await getDb()("sessions").insert({
        id,
        user_id: data.userId ?? null,
        data: JSON.stringify(data),
        // Absolute: from sign-in, never pushed back by later commits.
        expires_at: defaultExpiry(now).toISOString(),
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
      });
      return id;
    },
    async readData(id) {
      // The root's loader (for its toast) and the page's (for who is signed in) read the same
      // session in one document request that writes nothing: one read of its row (decision 055).
      // A post reads it afresh each time: its action may end sessions.
      const key = `session-row:${id}`;
      // A promise, not knex's builder: each await of a builder would run its query again.
      const row: SessionsRecord | undefined = await sharedRead(key, () => Promise.resolve(getDb()("sessions").where({ id }).first()));
      if (!row) return null;
      const now = new Date();
      const stored = { createdAt: row.created_at, lastSeenAt: row.last_seen_at || null, expiresAt: row.expires_at };
      if (!sessionAlive(stored, now, env.SESSION_IDLE_MINUTES)) {
        forgetSharedRead(key);
        await getDb()("sessions").where({ id }).delete();
        return null;
      }
      // One write a minute at most per session, not one per request.
      if (now.getTime() - new Date(stored.lastSeenAt ?? stored.createdAt).getTime() >= TOUCH_EVERY_MS) {
        await getDb()("sessions").where({ id }).update({ last_seen_at: now.toISOString() });
        row.last_seen_at = now.toISOString();
      }
      return JSON.parse(row.data);
    },
    async updateData(id, data) {
      forgetSharedRead(`session-row:${id}`);
      await getDb()("sessions")
        .where({ id })
        .update({ user_id: data.userId ?? null, data: JSON.stringify(data) });
      // And after: a read that ran beside the write may have kept the row as it was.
      forgetSharedRead(`session-row:${id}`);
    },
    async deleteData(id) {
      forgetSharedRead(`session-row:${id}`);
      await getDb()("sessions").where({ id }).delete();
    },
  });
}

function defaultExpiry(from = new Date()): Date {
  return new Date(from.getTime() + SESSION_HOURS * 3600_000);
}

let storage: ReturnType<typeof buildStorage> | undefined;
function sessionStorage() {
  storage ??= buildStorage();
  return storage;
}

export function getSession(request: Request): Promise<AppSession> {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

export function commitSession(session: AppSession): Promise<string> {
  return sessionStorage().commitSession(session, { expires: defaultExpiry() });
}

export function destroySession(session: AppSession): Promise<string> {
  return sessionStorage().destroySession(session);
}

/** A brand-new session (new id) for a user who just proved who they are. */
export async function startUserSession(request: Request, userId: number, officeId: number | undefined) {
  const old = await getSession(request);
  if (old.id) await sessionStorage().destroySession(old);
  const session = await sessionStorage().getSession(null);
  session.set("userId", userId);
  if (officeId !== undefined) session.set("officeId", officeId);
  return session;
}

export async function purgeExpiredSessions(now = new Date()): Promise<void> {
  const idleSince = new Date(now.getTime() - getEnv().SESSION_IDLE_MINUTES * 60_000).toISOString();
  await getDb()("sessions")
    .where("expires_at", "<=", now.toISOString())
    .orWhere((q) => q.whereNotNull("last_seen_at").andWhere("last_seen_at", "<=", idleSince))
    .delete();
}

/** Redirect after a change, with a message shown once on the next page. */
export async function redirectWithToast(request: Request, to: string, toast: Toast, init?: ResponseInit) {
  const session = await getSession(request);
  session.flash("toast", toast);
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await commitSession(session));
  return redirect(to, { ...init, headers });
}
