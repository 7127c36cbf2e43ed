import { describe, expect, it } from "vitest";
import { repeatsTitle } from "../../templates/minutes";

const TITLE = "Compte rendu de la réunion Groupe Local Qualité du jeudi 25 mars 2021";

describe("the Word minutes' subtitle", () => {
  it("is left out when the meeting's title only repeats the document's", () => {
    for (const own of ["Réunion du Groupe Local Qualité", "Groupe Local Qualité", "GLQ du 25/03/2021", "Réunion GLQ 25 mars 2021", "groupe local qualite 2021-03-25", ""]) {
      expect(repeatsTitle(own, TITLE, "2021-03-25"), own).toBe(true);
    }
  });

  it("is kept when it says more", () => {
    for (const own of ["Groupe Local Qualité : bilan de la saison", "Réunion extraordinaire sur le numérique", "GLQ du 26 mars 2021"]) {
      expect(repeatsTitle(own, TITLE, "2021-03-25"), own).toBe(false);
    }
  });
});
