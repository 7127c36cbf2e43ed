import { describe, expect, it } from "vitest";
import { checkStatusChange, isOverdue, progressOf, statusFields } from "~/modules/action/rules";
import { searchKey } from "~/domain/search";

const today = "2021-03-25";

describe("action statuses", () => {
  it("asks for a completion date, not in the future, to mark an action done", () => {
    expect(checkStatusChange({ from: "en_cours", to: "faite", completedOn: null, reason: "", today })).toEqual({
      completedOn: "Date de réalisation : obligatoire pour une action faite.",
    });
    expect(checkStatusChange({ from: "en_cours", to: "faite", completedOn: "2021-04-01", reason: "", today }).completedOn).toMatch(/futur/);
    expect(checkStatusChange({ from: "en_cours", to: "faite", completedOn: "2021-03-01", reason: "", today })).toEqual({});
  });

  it("asks why an action is blocked or abandoned", () => {
    expect(checkStatusChange({ from: "a_faire", to: "bloquee", completedOn: null, reason: " ", today }).statusReason).toMatch(/bloquée/);
    expect(checkStatusChange({ from: "a_faire", to: "abandonnee", completedOn: null, reason: "", today }).statusReason).toMatch(/abandonnée/);
    expect(checkStatusChange({ from: "a_faire", to: "abandonnee", completedOn: null, reason: "Bâtiment classé", today })).toEqual({});
  });

  it("lets a done action be reopened, dropping its completion date", () => {
    const change = { from: "faite" as const, to: "en_cours" as const, completedOn: "2021-03-01", reason: "", today };
    expect(checkStatusChange(change)).toEqual({});
    expect(statusFields(change)).toEqual({ completedOn: null, statusReason: "" });
  });
});

describe("overdue and progress", () => {
  it("is overdue only when open after its due date", () => {
    expect(isOverdue({ status: "en_cours", dueOn: "2021-03-24" }, today)).toBe(true);
    expect(isOverdue({ status: "en_cours", dueOn: "2021-03-25" }, today)).toBe(false);
    expect(isOverdue({ status: "faite", dueOn: "2021-01-01" }, today)).toBe(false);
    expect(isOverdue({ status: "bloquee", dueOn: "2021-01-01" }, today)).toBe(true);
    expect(isOverdue({ status: "a_faire", dueOn: null }, today)).toBe(false);
  });

  it("counts done, open, overdue and leaves abandoned actions out of the percentage", () => {
    const actions = [
      { status: "faite" as const, dueOn: "2021-03-01" },
      { status: "en_cours" as const, dueOn: "2021-03-01" },
      { status: "a_faire" as const, dueOn: "2021-06-01" },
      { status: "abandonnee" as const, dueOn: null },
    ];
    expect(progressOf(actions, today)).toEqual({ total: 4, done: 1, open: 2, overdue: 1, abandoned: 1, percent: 33 });
    expect(progressOf([], today).percent).toBeNull();
  });

  it("searches without accents or case", () => {
    expect(searchKey("Façades d'AMOU  et Saint-Sever")).toBe("facades d'amou et saint-sever");
  });
});

describe("quick changes from the list", () => {
  const current = { status: "en_cours" as const, completedOn: null, statusReason: "", proof: "" };
  it("leaves the status alone when it is not changed", async () => {
    const { quickStatusChange } = await import("~/modules/action/rules");
    expect(quickStatusChange(current, undefined, "2021-03-25")).toEqual({ kind: "unchanged" });
    expect(quickStatusChange(current, "en_cours", "2021-03-25")).toEqual({ kind: "unchanged" });
  });
  it("refuses to abandon from the list, and marks done today", async () => {
    const { quickStatusChange } = await import("~/modules/action/rules");
    expect(quickStatusChange(current, "abandonnee", "2021-03-25").kind).toBe("refused");
    expect(quickStatusChange(current, "faite", "2021-03-25")).toEqual({ kind: "change", change: { status: "faite", completedOn: "2021-03-25", statusReason: "", proof: "" } });
    expect(quickStatusChange({ ...current, status: "faite", completedOn: "2021-03-01" }, "faite", "2021-03-25")).toEqual({ kind: "unchanged" });
  });
  it("counts the percent done over done and open only", async () => {
    const { percentDone } = await import("~/modules/action/rules");
    expect(percentDone(0, 0)).toBeNull();
    expect(percentDone(1, 2)).toBe(33);
    expect(percentDone(3, 0)).toBe(100);
  });
});
