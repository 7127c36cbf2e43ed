import { describe, expect, it } from "vitest";
import { can, ROLES, ROLE_LABELS, wouldLeaveOfficeWithoutAdmin } from "~/domain/roles";

describe("roles", () => {
  it("lets every role see the dashboard", () => {
    for (const role of ROLES) expect(can(role, "dashboard:view")).toBe(true);
  });

  it("keeps account management to administrators", () => {
    expect(ROLES.filter((r) => can(r, "accounts:manage"))).toEqual(["admin"]);
  });

  it("lets the quality referent edit people but not the office", () => {
    expect(can("quality_referent", "people:edit")).toBe(true);
    expect(can("quality_referent", "office:edit")).toBe(false);
    expect(can("director", "people:edit")).toBe(false);
  });

  it("lets every role read audits, and only the referent and administrators change them", () => {
    expect(ROLES.filter((r) => can(r, "audits:view"))).toEqual(ROLES);
    expect(ROLES.filter((r) => can(r, "audits:edit"))).toEqual(["admin", "quality_referent"]);
    expect(ROLES.filter((r) => can(r, "referentials:manage"))).toEqual(["admin", "quality_referent"]);
  });

  it("names every role in French", () => {
    expect(ROLES.map((r) => ROLE_LABELS[r])).toEqual([
      "Administrateur",
      "Directeur / directrice",
      "Référent(e) qualité",
      "Salarié(e)",
      "Membre du groupe qualité",
    ]);
  });

  it("refuses to leave an office without an administrator", () => {
    const members = [
      { id: 1, role: "admin" as const },
      { id: 2, role: "staff" as const },
    ];
    expect(wouldLeaveOfficeWithoutAdmin(members, { membershipId: 1, newRole: "staff" })).toBe(true);
    expect(wouldLeaveOfficeWithoutAdmin(members, { membershipId: 1, newRole: null })).toBe(true);
    expect(wouldLeaveOfficeWithoutAdmin(members, { membershipId: 2, newRole: "admin" })).toBe(false);
    expect(wouldLeaveOfficeWithoutAdmin([...members, { id: 3, role: "admin" }], { membershipId: 1, newRole: null })).toBe(false);
  });
});
