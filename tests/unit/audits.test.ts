import { describe, expect, it } from "vitest";
import { changedCriteria } from "~/modules/audit/rules";
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
