// Who is asking, in which office, with which role. Every loader and action starts here.
import { json, redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { can, type Permission, type Role } from "./domain/roles";

// For loaders and actions whose page does not check a permission itself: imported from here,
// `can` does not bring the roles' chunk into the page's first load (decision 051).
export { can };
import { formatDateTime } from "./domain/dates";
import { PAIR_POLICY, QUEUE_MAX_SECONDS, QUEUE_WAIT_SECONDS, describeWait } from "./modules/account/throttle";
import { mailLockout, purgeSecurityLog, recordSecurityEvent, warningsSince } from "./modules/security/queries.server";
import { dummyPasswordHash, verifyPassword } from "./crypto.server";
import { getDb, getReadDb } from "./db.server";
import { listMemberships, type Membership } from "./modules/account/memberships.server";
import { findUserByEmail, getUser, recordSignIn, type User } from "./modules/account/users.server";
import type { Actor } from "./modules/history/queries.server";
import { officeScope, type Scope } from "./modules/scope.server";
import { readFormToken, refuseUsedFormToken } from "./modules/form-token/queries.server";
import { enforceRateLimit } from "./modules/rate-limit/queries.server";
import { WRITES_PER_ACCOUNT } from "./modules/rate-limit/rules";
import { getOffice, type Office } from "./modules/office/queries.server";
import { purgeThrottles, recordSignInFailure, recordSignInSuccess, reserveSignInAttempt } from "./modules/account/throttle.server";
import { destroySession, getSession, purgeExpiredSessions, type AppSession } from "./session.server";
import { requestCache } from "./request-cache.server";

export { safeRedirect } from "./utils/redirect";

export interface OfficeContext {
  user: User;
  office: Office;
  role: Role;
  membership: Membership;
  memberships: Membership[];
  session: AppSession;
  actor: Actor;
  /** What every query and write of this request takes: database, office, actor, role, time. */
  scope: Scope;
}

function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const params = back && back !== "/" ? `?${new URLSearchParams({ redirectTo: back })}` : "";
  return redirect(`/connexion${params}`);
}

export async function getSignedInUser(request: Request): Promise<{ user: User; session: AppSession } | null> {
  const session = await getSession(request);
  const userId = session.get("userId");
  if (!userId) return null;
  const user = await getUser(getDb(), userId);
  if (!user || user.disabled) return null;
  return { user: { id: user.id, email: user.email, displayName: user.displayName, disabled: user.disabled }, session };
}

export async function requireUser(request: Request): Promise<{ user: User; session: AppSession }> {
  const signedIn = await getSignedInUser(request);
  if (!signedIn) throw signInRedirect(request);
  return signedIn;
}

export function forbidden(): Response {
  return json({ message: "Vous n'avez pas accès à cette page." }, { status: 403 });
}

export function notFound(what = "Cette page"): Response {
  return json({ message: `${what} n'existe pas ou n'est pas accessible.` }, { status: 404 });
}

/**
 * Resolves the signed-in user, the current office (from the session, among the user's own
 * offices) and the role there; throws 302 to sign-in, or 403 when the permission is missing.
 */
export async function requireOffice(request: Request, permission?: Permission): Promise<OfficeContext> {
  const { user, session, memberships, membership, office } = await resolveOnce(request);
  if (permission && !can(membership.role, permission)) throw forbidden();
  const actor: Actor = { userId: user.id, name: user.displayName };
  if (isWrite(request)) {
    // Every post of an account counts against its write limit (shared by every instance), and
    // carries its form's one-time token to the history row of its write (decisions 020, 021).
    await enforceRateLimit(getDb(), WRITES_PER_ACCOUNT, `user:${user.id}`);
    const token = await readFormToken(request);
    if (token) {
      actor.formToken = { token, request, state: "unused" };
      await refuseUsedFormToken(getDb(), actor.formToken);
    }
  }
  return {
    user,
    office,
    role: membership.role,
    membership,
    memberships,
    session,
    actor,
    // A page that writes nothing reads through the readers (decision 058); a write, its reads included, through the writer.
    scope: officeScope(isWrite(request) ? getDb() : getReadDb(), { officeId: office.id, actor, role: membership.role }),
  };
}

interface Resolution {
  user: User;
  session: AppSession;
  memberships: Membership[];
  membership: Membership;
  office: Office;
}

/**
 * A page's document request runs the loaders of `_app` and of the page in one HTTP request: the
 * user, their memberships and the office are read once for both (decision 055), not once per
 * loader. A write resolves afresh: nothing read before it may decide it.
 */
async function resolveOnce(request: Request): Promise<Resolution> {
  const cache = requestCache();
  if (!cache || isWrite(request)) return resolve(request);
  const key = `office:${request.headers.get("Cookie") ?? ""}`;
  let shared = cache.get(key) as Promise<Resolution> | undefined;
  if (!shared) {
    shared = resolve(request);
    cache.set(key, shared);
  }
  try {
    return await shared;
  } catch {
    // A refusal (sign-in, no office) is not shared: each loader asks again and throws its own
    // answer, a response being read only once.
    cache.delete(key);
    return resolve(request);
  }
}

async function resolve(request: Request): Promise<Resolution> {
  const { user, session } = await requireUser(request);
  const memberships = await listMemberships(getDb(), user.id);
  const wanted = session.get("officeId");
  const membership = memberships.find((m) => m.officeId === wanted) ?? firstJoined(memberships);
  if (!membership) {
    // Every access was removed: end the session and explain on the sign-in page.
    throw redirect("/connexion?sans-office=1", { headers: { "Set-Cookie": await destroySession(session) } });
  }
  const office = await getOffice(getDb(), membership.officeId);
  if (!office) throw forbidden();
  return { user, session, memberships, membership, office };
}

function isWrite(request: Request): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase());
}

/** The office a user lands in by default: the first one they joined (lists are sorted by name). */
function firstJoined(memberships: Membership[]): Membership | undefined {
  return memberships.reduce<Membership | undefined>((first, m) => (!first || m.id < first.id ? m : first), undefined);
}

export type SignInResult =
  | { ok: true; userId: number; officeId: number | undefined; notice: string | null }
  | { ok: false; status: 400 | 429; message: string };

export type PasswordCheck = { ok: true } | { ok: false; status: 400 | 429; message: string };

const BAD_CREDENTIALS = "E-mail ou mot de passe incorrect.";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks a password under the sign-in throttling (decision 017): per e-mail at this address,
 * per e-mail, per address. `passwordHash` null (unknown account) is checked against a dummy
 * hash so timing tells nothing. A short wait is served, not refused, so that attempts sent
 * together (a double click) queue behind the first instead of failing. Failures and lock-outs
 * go to the security log, with the account when there is one.
 */
export async function checkPasswordThrottled(
  input: { email: string; password: string; passwordHash: string | null; clientIp: string; userId?: number | null },
  now?: Date,
): Promise<PasswordCheck> {
  const db = getDb();
  const started = performance.now();
  let reservation = await reserveSignInAttempt(db, input.email, input.clientIp, now ?? new Date());
  while (!reservation.allowed && reservation.retryAfterSeconds <= QUEUE_WAIT_SECONDS && performance.now() - started < QUEUE_MAX_SECONDS * 1000 && !now) {
    await sleep(Math.min(250, reservation.retryAfterSeconds * 1000));
    reservation = await reserveSignInAttempt(db, input.email, input.clientIp, new Date());
  }
  if (!reservation.allowed) {
    return {
      ok: false,
      status: 429,
      message: `Trop de tentatives de connexion. Réessayez dans ${describeWait(reservation.retryAfterSeconds)}.`,
    };
  }
  const failed = async () => {
    const at = now ?? new Date();
    const who = { userId: input.userId ?? null, email: input.email, ip: input.clientIp };
    const locks = await recordSignInFailure(db, reservation, input.clientIp, at);
    await recordSecurityEvent(db, { ...who, event: "sign_in_failed" }, at);
    for (const scope of locks) {
      await recordSecurityEvent(db, { ...who, event: "sign_in_locked", details: { par: scope === "pair" ? "e-mail et adresse" : "adresse", minutes: 15 } }, at);
      // This account was the one guessed at: its owner is told by e-mail too.
      if (scope === "pair" && input.userId) await mailLockout(db, { userId: input.userId, ip: input.clientIp, minutes: PAIR_POLICY.lockMinutes }, at);
    }
  };
  let valid: boolean;
  try {
    valid = await verifyPassword(input.password, input.passwordHash ?? (await dummyPasswordHash()));
  } catch (error) {
    // The attempt is no longer in flight: counted as a failure, as it was before being checked.
    await failed();
    throw error;
  }
  if (!valid || input.passwordHash === null) {
    await failed();
    return { ok: false, status: 400, message: BAD_CREDENTIALS };
  }
  await recordSignInSuccess(db, input.email, input.clientIp, reservation);
  return { ok: true };
}

/** Signs in with throttling; never says whether an account exists. */
export async function attemptSignIn(
  input: { email: string; password: string; clientIp: string },
  now?: Date,
): Promise<SignInResult | { ok: false; status: 403; message: string }> {
  const db = getDb();
  const user = await findUserByEmail(db, input.email);
  const usable = user && !user.disabled ? user : null;
  const check = await checkPasswordThrottled({ ...input, passwordHash: usable?.passwordHash ?? null, userId: user?.id ?? null }, now);
  if (!check.ok || !usable) return check.ok ? { ok: false, status: 400, message: BAD_CREDENTIALS } : check;
  const memberships = await listMemberships(db, usable.id);
  if (memberships.length === 0) {
    return { ok: false, status: 403, message: "Votre compte n'a plus accès à aucun office. Contactez l'administrateur de votre office." };
  }
  const at = now ?? new Date();
  const warnings = await warningsSince(db, usable.id, usable.lastSignInAt);
  await recordSignIn(db, usable.id, at);
  await recordSecurityEvent(db, { event: "sign_in", userId: usable.id, email: usable.email, ip: input.clientIp }, at);
  await Promise.all([purgeExpiredSessions(at), purgeThrottles(db, at), purgeSecurityLog(db, at)]);
  return { ok: true, userId: usable.id, officeId: firstJoined(memberships)?.officeId, notice: signInNotice(warnings) };
}

/** What the owner is told at sign-in about attempts on their account since the last time. */
export function signInNotice(w: { failures: number; lockouts: number; lastAt: string | null; lastIp: string | null }): string | null {
  if (w.failures === 0 && w.lockouts === 0) return null;
  const attempts = w.failures === 1 ? "une tentative de connexion à votre compte a échoué" : `${w.failures} tentatives de connexion à votre compte ont échoué`;
  const last = w.lastAt ? ` (la dernière le ${formatDateTime(w.lastAt)}${w.lastIp ? `, depuis l'adresse ${w.lastIp}` : ""})` : "";
  const locked = w.lockouts > 0 ? " Les connexions depuis cette adresse ont été bloquées un moment." : "";
  return `Depuis votre dernière connexion, ${attempts}${last}.${locked} Si ce n'était pas vous, changez votre mot de passe.`;
}

export function clientIp(context: AppLoadContext | undefined): string {
  return context?.clientIp ?? "unknown";
}
