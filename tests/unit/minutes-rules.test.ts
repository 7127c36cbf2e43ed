// The minutes' pure rules: what the agenda buttons do, when minutes may be published, and how the
// history tells a whole set of minutes (app/modules/meeting/rules.ts).
import { describe, expect, it } from "vitest";
import { indicatorLine, minutesText, registerLine } from "~/modules/meeting/minutes-text";
import { applyAgendaOperation, publishProblem } from "~/modules/meeting/rules";

const points = ["Actualité de la marque", "Rapport d'activité", "Le numérique"];
const blank = () => "Nouveau point";

describe("applyAgendaOperation", () => {
  it("adds a point at the end and leaves the agenda alone on a plain save", () => {
    expect(applyAgendaOperation(points, { kind: "add-section" }, blank)).toEqual([...points, "Nouveau point"]);
    expect(applyAgendaOperation(points, { kind: "save" }, blank)).toEqual(points);
  });

  it("moves a point up or down one place, never past either end", () => {
    expect(applyAgendaOperation(points, { kind: "move-up", index: 2 }, blank)).toEqual(["Actualité de la marque", "Le numérique", "Rapport d'activité"]);
    expect(applyAgendaOperation(points, { kind: "move-down", index: 0 }, blank)).toEqual(["Rapport d'activité", "Actualité de la marque", "Le numérique"]);
    expect(applyAgendaOperation(points, { kind: "move-up", index: 0 }, blank)).toEqual(points);
    expect(applyAgendaOperation(points, { kind: "move-down", index: 2 }, blank)).toEqual(points);
  });

  it("removes the point asked for, and ignores an index a stale page sent", () => {
    expect(applyAgendaOperation(points, { kind: "remove-section", index: 1 }, blank)).toEqual(["Actualité de la marque", "Le numérique"]);
    for (const index of [-1, 3, 99]) {
      expect(applyAgendaOperation(points, { kind: "remove-section", index }, blank)).toEqual(points);
      expect(applyAgendaOperation(points, { kind: "move-up", index }, blank)).toEqual(points);
      expect(applyAgendaOperation(points, { kind: "move-down", index }, blank)).toEqual(points);
    }
  });

  it("never changes the agenda it is given", () => {
    const agenda = [...points];
    applyAgendaOperation(agenda, { kind: "move-down", index: 0 }, blank);
    applyAgendaOperation(agenda, { kind: "remove-section", index: 0 }, blank);
    expect(agenda).toEqual(points);
  });
});

describe("publishProblem", () => {
  const held = { heldOn: "2021-03-25", today: "2021-03-26" };

  it("allows minutes of a meeting held, its attendance taken, someone present", () => {
    expect(publishProblem({ ...held, attendeeStatuses: ["present", "excused", "absent"] })).toBeNull();
    expect(publishProblem({ heldOn: "2021-03-25", today: "2021-03-25", attendeeStatuses: ["present"] })).toBeNull();
  });

  it("refuses a meeting still to come, whatever its attendance", () => {
    expect(publishProblem({ heldOn: "2021-03-27", today: "2021-03-26", attendeeStatuses: ["present"] })).toBe("Publication : la réunion n'a pas encore eu lieu.");
  });

  it("asks for everyone's attendance, then for someone present", () => {
    expect(publishProblem({ ...held, attendeeStatuses: ["present", "invited"] })).toMatch(/indiquez d'abord pour chaque participant/);
    expect(publishProblem({ ...held, attendeeStatuses: ["excused", "absent"] })).toBe("Publication : aucun participant n'est noté présent.");
    expect(publishProblem({ ...held, attendeeStatuses: [] })).toBe("Publication : aucun participant n'est noté présent.");
  });
});

describe("minutesText", () => {
  it("tells every point, its register summary, its indicators and its decisions, in order", () => {
    const text = minutesText([
      { title: "Suggestions", body: "Deux suggestions.", decisions: ["Répondre à M. Petit"], register: { kind: "suggestion", from: null, to: null }, indicators: null },
      { title: "Fréquentation", body: "", decisions: [], register: null, indicators: indicatorLine("s3:2020", "frequentation") },
    ]);
    expect(text).toBe(
      "## Suggestions\nDeux suggestions.\nSynthèse : Suggestions, depuis la réunion précédente\nDécisions :\nRépondre à M. Petit\n\n## Fréquentation\n\nIndicateurs : s3:2020 (fréquentation)",
    );
  });

  it("gives the days of a register summary chosen by hand", () => {
    expect(registerLine({ kind: "complaint", from: "2021-01-01", to: "2021-03-25" })).toBe("Synthèse : Réclamations, du 01/01/2021 au 25/03/2021");
    expect(indicatorLine(null, "frequentation")).toBeNull();
    expect(indicatorLine("y:2020", "inconnue")).toBe("Indicateurs : y:2020");
  });
});
