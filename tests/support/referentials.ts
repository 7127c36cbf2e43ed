// A small référentiel whose rates are worked out by hand in tests/unit/scoring.test.ts.
import type { Referential } from "~/modules/referential/rules";

export const SMALL_GRID: Referential = {
  code: "test",
  label: "Grille de test",
  version: "1",
  validFrom: "2024-01-01",
  validUntil: null,
  notice: "",
  scales: [
    {
      code: "oui_non",
      label: "Oui / non",
      levels: [
        { code: "oui", label: "Oui", points: 1, compliant: true },
        { code: "non", label: "Non", points: 0, compliant: false },
      ],
    },
    {
      code: "quatre_niveaux",
      label: "Quatre niveaux",
      levels: [
        { code: "ts", label: "Très satisfaisant", points: 3, compliant: true },
        { code: "s", label: "Satisfaisant", points: 2, compliant: true },
        { code: "i", label: "Insatisfaisant", points: 1, compliant: false },
        { code: "ti", label: "Très insatisfaisant", points: 0, compliant: false },
      ],
    },
  ],
  pillars: [
    { code: "qualite", label: "Qualité", thresholds: { first: 85, renewal: 85 } },
    { code: "eco", label: "Éco-responsabilité", thresholds: { first: 60, renewal: 80 } },
  ],
  chapters: [
    { code: "A", title: "Accueil", parent: null },
    { code: "A.1", title: "Accueil physique", parent: "A" },
    { code: "B", title: "Information", parent: null },
    { code: "E", title: "Éco-gestes", parent: null },
  ],
  criteria: [
    { code: "A1", text: "Signalétique", chapter: "A.1", scale: "oui_non", coefficient: 3, mandatory: false, bonus: false, pillar: "qualite", check: "", guidance: "" },
    { code: "A2", text: "Écoute client", chapter: "A", scale: "quatre_niveaux", coefficient: 9, mandatory: true, bonus: false, pillar: "qualite", check: "", guidance: "" },
    { code: "B1", text: "Documentation", chapter: "B", scale: "oui_non", coefficient: 9, mandatory: false, bonus: false, pillar: "qualite", check: "", guidance: "" },
    { code: "B2", text: "Traductions", chapter: "B", scale: "quatre_niveaux", coefficient: 3, mandatory: false, bonus: true, pillar: "qualite", check: "", guidance: "" },
    { code: "E1", text: "Tri des déchets", chapter: "E", scale: "oui_non", coefficient: 3, mandatory: false, bonus: false, pillar: "eco", check: "", guidance: "" },
    { code: "E2", text: "Mobilité douce", chapter: "E", scale: "quatre_niveaux", coefficient: 3, mandatory: false, bonus: false, pillar: "eco", check: "", guidance: "" },
  ],
};
