// Accounts: finding a user, creating one, signing in, changing one's password.
import type { UsersRecord } from "../../../db/records";
import type { Knex } from "knex";
import { isRole, type Role } from "~/domain/roles";
import { hashPassword } from "~/crypto.server";
import { recordHistory, type Actor } from "../history/queries.server";
import { bool, insertedId, nowIso } from "../../utils/rows.server";
import { type Scope } from "~/modules/scope.server";

export interface User {
  id: number;
  email: string;
  displayName: string;
  disabled: boolean;
}

export interface UserWithHash extends User {
  passwordHash: string;
  lastSignInAt: string | null;
}
function toUser(r: UsersRecord): UserWithHash {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    disabled: bool(r.disabled),
    passwordHash: r.password_hash,
    lastSignInAt: r.last_sign_in_at || null,
  };
}

/** A role as stored: one of the roles, or the row is corrupt. */
export function storedRole(value: unknown): Role {
  if (!isRole(value)) throw new Error(`unknown role ${String(value)}`);
  return value;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Knex, email: string): Promise<UserWithHash | null> {
  const row = await db("users").where({ email: normaliseEmail(email) }).first();
  return row ? toUser(row) : null;
}

export async function getUser(db: Knex, userId: number): Promise<UserWithHash | null> {
  const row = await db("users").where({ id: userId }).first();
  return row ? toUser(row) : null;
}

export async function createUser(
  scope: Scope,
  input: { email: string; displayName: string; passwordHash: string },
): Promise<number> {
  const { db: trx, officeId, actor } = scope;
  const now = nowIso();
  const row = {
    email: normaliseEmail(input.email),
    display_name: input.displayName,
    password_hash: input.passwordHash,
    disabled: false,
    created_at: now,
    updated_at: now,
  };
  const id = insertedId(await trx("users").insert(row).returning("id"));
  await recordHistory(trx, { officeId, entityType: "user", entityId: id, action: "create", actor, before: null, after: row });
  return id;
}
export async function recordSignIn(db: Knex, userId: number, now = new Date()): Promise<void> {
  await db("users").where({ id: userId }).update({ last_sign_in_at: now.toISOString() });
}

/** Changes the password and ends every other session of the account. */
export async function changePassword(
  db: Knex,
  input: { userId: number; newPassword: string; keepSessionId: string | null },
  actor: Actor,
): Promise<void> {
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (trx) => {
    const before = await trx("users").where({ id: input.userId }).first();
    const patch = { password_hash: hash, updated_at: nowIso() };
    await trx("users").where({ id: input.userId }).update(patch);
    await recordHistory(trx, {
      officeId: null,
      entityType: "user",
      entityId: input.userId,
      action: "update",
      actor,
      before: { ...before, password: "old" },
      after: { ...before, ...patch, password: "new" },
      redact: ["password"],
    });
    const others = trx("sessions").where({ user_id: input.userId });
    if (input.keepSessionId) others.whereNot({ id: input.keepSessionId });
    await others.delete();
  });
}
