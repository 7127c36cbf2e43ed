import { describe, expect, it } from "vitest";
import { diffRecords } from "~/modules/history/diff";

describe("diffRecords", () => {
  it("keeps only the fields that changed, with before and after", () => {
    expect(diffRecords({ id: 1, name: "Amou", city: "Amou" }, { id: 1, name: "Amou", city: "Amou (40330)" })).toEqual({
      city: { before: "Amou", after: "Amou (40330)" },
    });
  });

  it("treats SQLite's 0/1 and PostgreSQL's booleans as the same value", () => {
    expect(diffRecords({ active: 1 }, { active: true })).toEqual({});
    expect(diffRecords({ active: 1 }, { active: false })).toEqual({ active: { before: 1, after: false } });
  });

  it("records a creation from nothing and a deletion to nothing", () => {
    expect(diffRecords(null, { name: "Geaune" })).toEqual({ name: { before: null, after: "Geaune" } });
    expect(diffRecords({ name: "Geaune" }, null)).toEqual({ name: { before: "Geaune", after: null } });
  });

  it("never copies secrets or bookkeeping, and masks redacted fields", () => {
    const changes = diffRecords(
      { password_hash: "a", token_hash: "b", updated_at: "x", password: "old" },
      { password_hash: "c", token_hash: "d", updated_at: "y", password: "new" },
      { redact: ["password"] },
    );
    expect(changes).toEqual({ password: { before: "••••", after: "••••" } });
  });
});
