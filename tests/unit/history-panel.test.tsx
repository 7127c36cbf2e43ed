// The history panel shows every aggregate's fields and values in French, each field with its
// own words (the same code means different things on two records). The words are put on the
// server (`wordHistory`, which the loaders call); the panel lays out the lines it is sent.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HistoryPanel } from "~/components/history-panel";
import { describeRecord, describeValue, fieldLabel, wordHistory, type HistoryRow, type References } from "~/modules/history/words";
import { AGGREGATES } from "~/modules/registry";

function row(entityType: string, changes: HistoryRow["changes"], action: HistoryRow["action"] = "update"): HistoryRow {
  return { id: 1, entityType, action, actorName: "Référente", at: "2021-03-26T09:00:00.000Z", changes };
}

/** What a page shows: the loader's words, rendered by the panel. */
function panel(rows: HistoryRow[], references: References = {}) {
  return renderToStaticMarkup(<HistoryPanel entries={wordHistory(rows, references)} />);
}

describe("history panel", () => {
  it("gives the same code its own word on each record", () => {
    expect(describeValue("action", "origin", "other")).toBe("Autre");
    expect(describeValue("meeting_series", "kind", "other")).toBe("Autre réunion");
    expect(describeValue("label", "status", "en_cours")).toBe("En cours d'obtention");
    expect(describeValue("audit", "status", "en_cours")).toBe("En cours");
    expect(describeValue("action", "status", "en_cours")).toBe("En cours");
    expect(describeValue("meeting", "status", "published")).toBe("Publié");
    expect(describeValue("membership", "role", "quality_referent")).toBe("Référent(e) qualité");
    expect(describeValue("audit_result", "status", "not_applicable")).toBe("Non concerné");
  });

  it("shows dates, instants, booleans, rates and references as a French reader expects", () => {
    const html = panel(
      [
        row("action", { due_on: { before: "2021-06-30", after: null }, owner_person_id: { before: 3, after: 4 } }),
        row("site", { active: { before: 1, after: false } }),
        row("audit", { reported_rates: { before: null, after: '{"qualite":91.5,"eco":null}' } }),
        row("invitation", { used_at: { before: null, after: "2021-03-26T09:00:00.000Z" } }),
      ],
      { owner_person_id: { 3: "Directrice", 4: "Référente" } },
    );
    expect(html).toContain("30/06/2021");
    expect(html).toContain("Directrice");
    expect(html).toContain("Oui");
    expect(html).toContain("Non");
    expect(html).toContain("qualite 91,5 %");
    expect(html).toContain("26/03/2021 10:00");
  });

  it.each(AGGREGATES.map((a) => [a.type, a] as const))("renders every field and value of %s in French", (type, aggregate) => {
    for (const [field, words] of Object.entries(aggregate.fields)) {
      expect(fieldLabel(type, field)).toBe(words.label);
      const values = Object.keys(words.values ?? {});
      const html = panel([row(type, { [field]: { before: values[0] ?? "avant", after: values[1] ?? values[0] ?? "après" } })]);
      expect(html).toContain(`<th scope="row">${words.label.replace(/'/g, "&#x27;")}</th>`);
      for (const value of values.slice(0, 2)) {
        if (words.kind === "boolean") continue;
        expect(html).toContain(words.values![value]!.replace(/'/g, "&#x27;"));
      }
    }
    expect(describeRecord(type, "X")).toContain("X");
    expect(describeRecord(type, null)).toBe(aggregate.noun);
  });

  it("words a row on the server: action, Paris time, each changed field before and after", () => {
    expect(wordHistory([row("action", { status: { before: "a_faire", after: "en_cours" }, owner_person_id: { before: 3, after: 9 } })], { owner_person_id: { 3: "Directrice" } })).toEqual([
      {
        id: 1,
        action: "Modification",
        at: "26/03/2021 10:00",
        actorName: "Référente",
        changes: [
          { field: "status", label: "État", before: "À faire", after: "En cours" },
          { field: "owner_person_id", label: "Pilote", before: "Directrice", after: "n° 9" },
        ],
      },
    ]);
    expect(wordHistory(null)).toBeNull();
  });

  it("lists no fields for a creation or a deletion, and says when nothing was recorded", () => {
    const html = panel([row("site", { name: { before: null, after: "Amou" } }, "create"), { ...row("site", { name: { before: "Geaune", after: null } }, "delete"), id: 2 }]);
    expect(html).toContain("<strong>Création</strong> le 26/03/2021 10:00 par Référente");
    expect(html).toContain("<strong>Suppression</strong>");
    expect(html).not.toContain("<table");
    expect(panel([])).toContain("Aucune modification enregistrée.");
  });

  it("folds a long text to its first words, every word still in the page", () => {
    const long = `${"mot ".repeat(80)}fin`;
    const html = panel([row("meeting", { summary: { before: "court", after: long } })]);
    expect(html).toContain('<span class="history__value">court</span>');
    expect(html).toContain(`(${long.length} caractères)</summary><div class="history__long">${long}</div>`);
  });

  it("shows a meeting's attendance in French", async () => {
    const { describeAttendee } = await import("~/modules/meeting/rules");
    expect(describeAttendee("Mme A", "present", "maire")).toBe("Mme A (Présent(e), maire)");
    expect(describeAttendee("M. B", "invited")).toBe("M. B (Invité(e))");
  });
});
