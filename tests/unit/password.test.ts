import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "~/crypto.server";

describe("password hashing (scrypt)", () => {
  it("verifies the right password only, with a salt per hash", async () => {
    const hash = await hashPassword("phrase de passe de la référente", 10);
    expect(hash).toMatch(/^scrypt\$10\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword("phrase de passe de la référente", hash)).toBe(true);
    expect(await verifyPassword("phrase de passe de la referente", hash)).toBe(false);
    expect(await hashPassword("phrase de passe de la référente", 10)).not.toBe(hash);
  });

  it("keeps verifying hashes made with other costs", async () => {
    const cheap = await hashPassword("ancien mot de passe", 11);
    expect(await verifyPassword("ancien mot de passe", cheap)).toBe(true);
  });

  it("refuses malformed stored hashes", async () => {
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
    expect(await verifyPassword("x", "")).toBe(false);
  });
});
