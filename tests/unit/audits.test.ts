import { describe, expect, it } from "vitest";
import { changedCriteria, grantsLabel, renewalProposal } from "~/modules/audit/rules";
import { countdown, daysBetween, parisDay } from "~/domain/dates";
import { SMALL_GRID } from "../support/referentials";

describe("label countdowns", () => {
  it("counts whole days between calendar days", () => {
    expect(daysBetween("2023-06-30", "2023-07-30")).toBe(30);
    expect(daysBetween("2023-03-25", "2023-03-26")).toBe(1); // across the change to summer time
  });

  it("says how long is left, in French", () => {
    expect(countdown("2021-03-25", "2023-07-30")).toEqual({ days: 857, urgency: "a_venir", text: "dans 2 ans et 4 mois" });
    expect(countdown("2023-05-01", "2023-06-30")).toMatchObject({ urgency: "proche", text: "dans 2 mois" });
    expect(countdown("2023-06-20", "2023-06-30")).toMatchObject({ urgency: "proche", text: "dans 10 jours" });
    expect(countdown("2023-06-30", "2023-06-30").text).toBe("aujourd'hui");
    expect(countdown("2026-11-28", "2023-07-30")).toMatchObject({ urgency: "passe", text: "dépassé depuis 3 ans et 4 mois" });
    expect(countdown("2023-08-01", "2023-07-30").text).toBe("dépassé depuis 2 jours");
  });

  it("takes today in Paris, not in UTC", () => {
    expect(parisDay(new Date("2023-07-29T22:30:00Z"))).toBe("2023-07-30");
    expect(parisDay(new Date("2023-01-01T22:59:00Z"))).toBe("2023-01-01");
  });
});

describe("criteria to rate again in a new version", () => {
  it("flags new criteria and criteria whose wording or weight changed", () => {
    const next = {
      ...SMALL_GRID,
      criteria: [
        ...SMALL_GRID.criteria.map((c) => (c.code === "B1" ? { ...c, coefficient: 3 } : c.code === "A1" ? { ...c, guidance: "nouvelle aide" } : c)),
        { ...SMALL_GRID.criteria[0]!, code: "A3", text: "Nouveau critère" },
      ],
    };
    expect([...changedCriteria(SMALL_GRID, next)].sort()).toEqual(["A3", "B1"]);
  });
});

describe("what a granting decision proposes from the référentiel's validity", () => {
  it("ends the label `validity` years after the audit's last day, the next audit three months before", () => {
    expect(renewalProposal("2020-10-21", 5)).toEqual({ labelValidUntil: "2025-10-21", nextAuditDue: "2025-07-21" });
    expect(renewalProposal("2023-06-12", 3)).toEqual({ labelValidUntil: "2026-06-12", nextAuditDue: "2026-03-12" });
  });

  it("clamps to the month's last day", () => {
    expect(renewalProposal("2024-02-29", 5)).toEqual({ labelValidUntil: "2029-02-28", nextAuditDue: "2028-11-28" });
    expect(renewalProposal("2021-05-31", 1)).toEqual({ labelValidUntil: "2022-05-31", nextAuditDue: "2022-02-28" });
  });

  it("proposes nothing without a validity or a valid day", () => {
    expect(renewalProposal("2020-10-21", null)).toBeNull();
    expect(renewalProposal("", 5)).toBeNull();
  });

  it("only for decisions that grant the label", () => {
    expect(grantsLabel("obtenue")).toBe(true);
    expect(grantsLabel("renouvelee")).toBe(true);
    expect(grantsLabel("refusee")).toBe(false);
    expect(grantsLabel("en_attente")).toBe(false);
  });
});
