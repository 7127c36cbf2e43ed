// The plan's search terms (app/domain/search.ts, decision 056).
import { describe, expect, it } from "vitest";
import { foldText, frenchStem, searchTerms } from "~/domain/search";

describe("searchTerms", () => {
  it("folds case, accents and punctuation", () => {
    expect(foldText("Façades d'Amou — Œuvre, été 2026 !")).toBe("facades d amou œuvre ete 2026");
    expect(foldText(`  " ' -  `)).toBe("");
  });

  it("reduces plurals and feminines the same way for the text and for the query", () => {
    expect(frenchStem("panneaux")).toBe("panneau");
    expect(frenchStem("signaux")).toBe("signal");
    expect(frenchStem("journaux")).toBe(frenchStem("journal"));
    expect(frenchStem("visites")).toBe(frenchStem("visite"));
    expect(frenchStem("accueillante")).toBe(frenchStem("accueillant"));
    expect(frenchStem("guidees")).toBe(frenchStem("guidee"));
    // Short words are left alone.
    expect(frenchStem("bus")).toBe("bus");
    expect(frenchStem("prix")).toBe("pri");
    expect(frenchStem("ete")).toBe("ete");
  });

  it("gives a text's terms in order, at most as many as asked", () => {
    expect(searchTerms("Remplacer les panneaux signalétiques")).toEqual(["remplacer", "les", "panneau", "signaletiqu"]);
    expect(searchTerms("avril mai juin", 2)).toEqual(["avril", "mai"]);
    expect(searchTerms("")).toEqual([]);
  });
});
