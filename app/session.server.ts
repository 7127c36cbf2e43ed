// Sessions: a signed, httpOnly, SameSite=Lax cookie holding only a random id; the data
// lives in the `sessions` table so that sign-out and password changes really end sessions.
import { createCookie, createSessionStorage, redirect, type Session } from "@remix-run/node";
import { randomToken } from "./crypto.server";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import type { Toast } from "./utils/toast";

export type { Toast };

export const SESSION_HOURS = 12;

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
    async createData(data, expires) {
      const id = randomToken(32);
      await getDb()("sessions").insert({
        id,
        user_id: data.userId ?? null,
        data: JSON.stringify(data),
        expires_at: (expires ?? defaultExpiry()).toISOString(),
        created_at: new Date().toISOString(),
      });
      return id;
    },
    async readData(id) {
      const row = await getDb()("sessions").where({ id }).first();
      if (!row) return null;
      if (new Date(String(row.expires_at)).getTime() <= Date.now()) {
        await getDb()("sessions").where({ id }).delete();
        return null;
      }
      return JSON.parse(String(row.data));
    },
    async updateData(id, data, expires) {
      await getDb()("sessions")
        .where({ id })
        .update({
          user_id: data.userId ?? null,
          data: JSON.stringify(data),
          expires_at: (expires ?? defaultExpiry()).toISOString(),
        });
    },
    async deleteData(id) {
      await getDb()("sessions").where({ id }).delete();
    },
  });
}

function defaultExpiry(): Date {
  return new Date(Date.now() + SESSION_HOURS * 3600_000);
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
  await getDb()("sessions").where("expires_at", "<=", now.toISOString()).delete();
}

/** Redirect after a change, with a message shown once on the next page. */
export async function redirectWithToast(request: Request, to: string, toast: Toast, init?: ResponseInit) {
  const session = await getSession(request);
  session.flash("toast", toast);
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await commitSession(session));
  return redirect(to, { ...init, headers });
}
