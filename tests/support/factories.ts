// Test data built through the real model functions, and signed session cookies.
import crypto from "node:crypto";
import { hashPassword } from "~/crypto.server";
import { getDb } from "~/db.server";
import { ROLES, type Role } from "~/domain/roles";
import { addMembership, createUser } from "~/models/account.server";
import { SYSTEM_ACTOR } from "~/models/history.server";
import { createOffice, createSite } from "~/models/office.server";
import { createPerson } from "~/models/person.server";
import { commitSession, getSession } from "~/session.server";

export const TEST_PASSWORD = "mot-de-passe-de-test-1";

export function unique(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(4).toString("hex")}`;
}

export interface OfficeFixture {
  officeId: number;
  siteId: number;
  personId: number;
  users: Record<Role, { userId: number; email: string; membershipId: number }>;
}

let testPasswordHash: Promise<string> | undefined;

export async function createUserInOffice(officeId: number, role: Role, email = `${unique(role)}@test.fr`) {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await testPasswordHash;
  return getDb().transaction(async (trx) => {
    const userId = await createUser(trx, { email, displayName: `Test ${role}`, passwordHash }, SYSTEM_ACTOR, officeId);
    const membershipId = await addMembership(trx, { userId, officeId, role, personId: null }, SYSTEM_ACTOR);
    return { userId, email, membershipId };
  });
}

/** An office with a site, a person and one account per role. */
export async function createOfficeFixture(name = unique("Office")): Promise<OfficeFixture> {
  const db = getDb();
  const officeId = await createOffice(
    db,
    { name, legalForm: "SPL", street: "", postalCode: "40500", city: "Saint-Sever", phone: "", email: "", website: "" },
    SYSTEM_ACTOR,
  );
  const siteId = await createSite(
    db,
    officeId,
    { name: unique("Bureau"), street: "", postalCode: "", city: "", phone: "", email: "", isHeadquarters: true, active: true },
    SYSTEM_ACTOR,
  );
  const personId = await createPerson(
    db,
    officeId,
    {
      fullName: unique("Personne"),
      kind: "partner",
      jobTitle: "",
      organisation: "",
      email: "",
      phone: "",
      siteId,
      qualityGroupMember: true,
      active: true,
    },
    SYSTEM_ACTOR,
  );
  const users = {} as OfficeFixture["users"];
  for (const role of ROLES) users[role] = await createUserInOffice(officeId, role);
  return { officeId, siteId, personId, users };
}

/** A "Cookie" header for a signed-in session of this user in this office. */
export async function sessionCookie(userId: number, officeId?: number): Promise<string> {
  const session = await getSession(new Request("http://localhost/"));
  session.set("userId", userId);
  if (officeId !== undefined) session.set("officeId", officeId);
  const setCookie = await commitSession(session);
  return setCookie.split(";")[0]!;
}

export function formBody(values: Record<string, string>): URLSearchParams {
  return new URLSearchParams(values);
}
