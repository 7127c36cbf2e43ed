import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatLongDate } from "~/domain/dates";

describe("dates shown as in France", () => {
  it("shows instants in Paris time, summer and winter", () => {
    expect(formatDateTime("2021-03-25T13:00:00Z")).toBe("25/03/2021 14:00");
    expect(formatDateTime("2021-07-30T21:30:00Z")).toBe("30/07/2021 23:30");
    expect(formatDate("2021-12-31T23:30:00Z")).toBe("01/01/2022");
  });

  it("never moves a calendar day", () => {
    expect(formatDate("2023-07-30")).toBe("30/07/2023");
    expect(formatLongDate("2021-03-25")).toBe("jeudi 25 mars 2021");
  });
});
