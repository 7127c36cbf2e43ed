// Signed links that work without signing in: the one-click unsubscribe of a reminder mail.
// The signature (HMAC of SESSION_SECRET) is what proves the link was ours; nothing is stored.
import crypto from "node:crypto";
import { getEnv } from "../../env.server";
import { isReminderKind, type ReminderKind } from "../reminder/rules";

export interface UnsubscribeTarget {
  userId: number;
  officeId: number;
  kind: ReminderKind;
}

function sign(payload: string): string {
  return crypto.createHmac("sha256", getEnv().SESSION_SECRET).update(`unsubscribe:${payload}`).digest("base64url");
}

export function unsubscribeToken(target: UnsubscribeTarget): string {
  const payload = `${target.userId}.${target.officeId}.${target.kind}`;
  return `${payload}.${sign(payload)}`;
}

/** The target of a token, or null when it was altered or is not ours. */
export function readUnsubscribeToken(token: string): UnsubscribeTarget | null {
  const match = /^(\d{1,10})\.(\d{1,10})\.([a-z_]{1,40})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, user, office, kind, signature] = match as unknown as [string, string, string, string, string];
  const expected = Buffer.from(sign(`${user}.${office}.${kind}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  if (!isReminderKind(kind)) return null;
  return { userId: Number(user), officeId: Number(office), kind };
}

/**
 * The link of a partner's digest (decision 041): opens that person's actions in that office,
 * without an account, until the day given. Signed apart from the unsubscribe links.
 */
export interface PersonLinkTarget {
  personId: number;
  officeId: number;
  /** last day the link works (Paris day) */
  until: string;
  purpose: "actions" | "stop";
}

function signPerson(payload: string): string {
  return crypto.createHmac("sha256", getEnv().SESSION_SECRET).update(`person:${payload}`).digest("base64url");
}

export function personLinkToken(target: PersonLinkTarget): string {
  const payload = `${target.purpose}.${target.personId}.${target.officeId}.${target.until.replaceAll("-", "")}`;
  return `${payload}.${signPerson(payload)}`;
}

/** The target of a partner's link, or null when altered, not ours, or past its day. */
export function readPersonLinkToken(token: string, today: string): PersonLinkTarget | null {
  const match = /^(actions|stop)\.(\d{1,10})\.(\d{1,10})\.(\d{8})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, purpose, person, office, until, signature] = match as unknown as [string, "actions" | "stop", string, string, string, string];
  const expected = Buffer.from(signPerson(`${purpose}.${person}.${office}.${until}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  const day = `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
  if (day < today) return null;
  return { purpose, personId: Number(person), officeId: Number(office), until: day };
}

/** The public address links in mails start with (APP_URL, or the demo's local address). */
export function appUrl(): string {
  return (getEnv().APP_URL ?? `http://localhost:${getEnv().PORT}`).replace(/\/+$/, "");
}
