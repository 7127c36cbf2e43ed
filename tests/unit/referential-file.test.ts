import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText, describeProblems, parseCriteriaCsv, parseReferentialYaml, splitCsv, MAX_FILE_BYTES } from "~/modules/referential/file";
import type { Referential } from "~/modules/referential/rules";

const auditsDir = path.resolve(__dirname, "../../audits");
const shipped = fs.readdirSync(auditsDir).filter((f) => f.endsWith(".yaml"));

function load(name: string): Referential {
  const outcome = parseReferentialYaml(fs.readFileSync(path.join(auditsDir, name), "utf8"));
  if (!outcome.ok) throw new Error(describeProblems(outcome.problems));
  return outcome.referential;
}

const MINIMAL = `code: test
label: Grille de test
version: "1"
valid_from: 2024-01-01
scales:
  oui_non:
    label: Oui / non
    levels:
      - { code: oui, label: Oui, points: 1, conforme: true }
      - { code: non, label: Non, points: 0, conforme: false }
pillars:
  - { code: qualite, label: Qualité, thresholds: { first: 85, renewal: 85 } }
chapters:
  - code: A
    title: Accueil
    chapters:
      - { code: A.1, title: Accueil physique }
criteria:
  - code: A1
    chapter: A.1
    text: Le visiteur est salué.
    scale: oui_non
    coefficient: 3
    pillar: qualite
`;

describe("the shipped grids", () => {
  it("are three valid référentiels that say to import the official grid", () => {
    expect(shipped.sort()).toEqual(["accueil-velo-ot-2024.yaml", "destination-excellence-ot-2025.yaml", "qualite-tourisme-ot-2024.yaml"]);
    for (const name of shipped) {
      const grid = load(name);
      expect(grid.notice).toMatch(/importez la grille officielle/);
      // Five years for these labels today: what a renewal proposes.
      expect(grid.validityYears).toBe(5);
      expect(fs.readFileSync(path.join(auditsDir, name), "utf8")).toMatch(/^# .*\n#\n# .*importez la grille officielle/);
    }
  });

  it("Qualité Tourisme: 60 criteria or more, coefficients 3 and 9, mandatory client listening", () => {
    const grid = load("qualite-tourisme-ot-2024.yaml");
    expect(grid.criteria.length).toBeGreaterThanOrEqual(60);
    expect(new Set(grid.criteria.map((c) => c.coefficient))).toEqual(new Set([3, 9]));
    const listening = grid.chapters.find((c) => c.title === "Écoute client")!;
    const mandatory = grid.criteria.filter((c) => c.mandatory);
    expect(mandatory.length).toBeGreaterThanOrEqual(3);
    expect(mandatory.every((c) => c.chapter === listening.code)).toBe(true);
    expect(grid.chapters.filter((c) => c.parent === null).map((c) => c.title)).toEqual(
      expect.arrayContaining(["Accueil physique", "Information et documentation", "Promotion et communication", "Partenaires et prestataires", "Boutique et billetterie", "Management de la qualité"]),
    );
  });

  it("Destination d'Excellence: quality ≥ 85 %, eco-responsibility ≥ 60 % first and ≥ 80 % renewal", () => {
    const grid = load("destination-excellence-ot-2025.yaml");
    expect(grid.pillars).toEqual([
      { code: "qualite", label: "Qualité", thresholds: { first: 85, renewal: 85 } },
      { code: "eco", label: "Éco-responsabilité", thresholds: { first: 60, renewal: 80 } },
    ]);
    expect(grid.criteria.some((c) => c.pillar === "eco")).toBe(true);
  });
});

describe("reading a YAML référentiel", () => {
  it("reads chapters, sub-chapters and defaults", () => {
    const outcome = parseReferentialYaml(MINIMAL);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.referential.chapters).toEqual([
      { code: "A", title: "Accueil", parent: null },
      { code: "A.1", title: "Accueil physique", parent: "A" },
    ]);
    expect(outcome.referential.criteria[0]).toMatchObject({ mandatory: false, bonus: false, check: "", guidance: "" });
    expect(outcome.referential.validFrom).toBe("2024-01-01");
  });

  it("reads the validity in years, optional, and refuses one that is not a whole number of years", () => {
    const withValidity = parseReferentialYaml(MINIMAL.replace("valid_from: 2024-01-01\n", "valid_from: 2024-01-01\nvalidity: 3\n"));
    expect(withValidity.ok && withValidity.referential.validityYears).toBe(3);
    const without = parseReferentialYaml(MINIMAL);
    expect(without.ok && without.referential.validityYears).toBeNull();
    const bad = parseReferentialYaml(MINIMAL.replace("valid_from: 2024-01-01\n", "valid_from: 2024-01-01\nvalidity: 2.5\n"));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems).toContainEqual({ line: 5, field: "validity", message: "validity : nombre entier d'années." });
  });

  it("reports every problem with its line and field, and gives no référentiel", () => {
    const bad = MINIMAL.replace("coefficient: 3", 'coefficient: "trois"').replace("chapter: A.1", "chapter: Z").replace('version: "1"', "version: ''");
    const outcome = parseReferentialYaml(bad);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems).toEqual(
      expect.arrayContaining([
        { line: 3, field: "version", message: "version : obligatoire." },
        { line: 23, field: "criteria.0.coefficient", message: "Coefficient : nombre attendu." },
      ]),
    );
  });

  it("cross-checks codes once the shape is right", () => {
    const bad = MINIMAL.replace("chapter: A.1", "chapter: Z").replace("pillar: qualite\n", "pillar: eco\n").replace("scale: oui_non", "scale: cinq");
    const outcome = parseReferentialYaml(bad);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems).toEqual([
      { line: 20, field: "criteria.0.chapter", message: "Critère A1 : chapitre « Z » inconnu." },
      { line: 22, field: "criteria.0.scale", message: "Critère A1 : échelle « cinq » inconnue." },
      { line: 24, field: "criteria.0.pillar", message: "Critère A1 : pilier « eco » inconnu." },
    ]);
  });

  it("refuses duplicate criteria and a mandatory bonus", () => {
    const twice = MINIMAL + MINIMAL.slice(MINIMAL.indexOf("  - code: A1")).replace("coefficient: 3", "coefficient: 3\n    mandatory: true\n    bonus: true");
    const outcome = parseReferentialYaml(twice);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.map((p) => p.message)).toEqual(["Critère « A1 » en double.", "Critère A1 : un critère obligatoire ne peut pas être un bonus."]);
    expect(outcome.problems[0]!.line).toBe(25);
  });

  it("refuses hostile YAML: alias bombs, tags, duplicate keys", () => {
    const bomb = ["a: &a [x,x,x,x,x,x,x,x,x]"];
    for (const [name, prev] of [["b", "a"], ["c", "b"], ["d", "c"], ["e", "d"], ["f", "e"]]) bomb.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    const aliasOutcome = parseReferentialYaml(bomb.join("\n"));
    expect(aliasOutcome).toEqual({ ok: false, problems: [{ line: null, field: "fichier", message: "Trop d'alias YAML (& et *) : fichier refusé par sécurité." }] });
    const tagged = parseReferentialYaml(MINIMAL.replace("label: Grille de test", "label: !!js/function 'return 1'"));
    expect(tagged.ok).toBe(false);
    if (!tagged.ok) expect(tagged.problems[0]).toMatchObject({ line: 2, message: "Étiquette YAML non autorisée (les « !tag » ne sont pas acceptés)." });
    const duplicate = parseReferentialYaml(`code: a\ncode: b\n`);
    expect(duplicate.ok).toBe(false);
    if (!duplicate.ok) expect(duplicate.problems[0]).toMatchObject({ line: 2, message: "Clé en double." });
  });

  it("refuses huge files and other encodings before reading them", () => {
    expect(decodeText(new Uint8Array(MAX_FILE_BYTES + 1))).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/2 Mo au maximum/) }] });
    const latin1 = Uint8Array.from([0x63, 0x6f, 0x64, 0x65, 0x3a, 0x20, 0xe9, 0x74, 0xe9]); // "code: été" in Latin-1
    expect(decodeText(latin1)).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/UTF-8/) }] });
    expect(decodeText(Uint8Array.from([0x00, 0x01, 0x02]))).toMatchObject({ ok: false });
    expect(decodeText(new TextEncoder().encode("\uFEFFcode: été"))).toEqual({ ok: true, text: "code: été" });
  });
});

describe("reading a criteria CSV", () => {
  const base = load("accueil-velo-ot-2024.yaml");
  const header = "code;chapitre;titre_chapitre;sous_chapitre;titre_sous_chapitre;texte;echelle;coefficient;obligatoire;bonus;pilier;verification;aide";
  const meta = { version: "2025", validFrom: "2025-01-01", validUntil: null };

  it("builds a new version with the base's scales and pillars", () => {
    const csv = [
      header,
      'V1.1;V1;Accueil;;;"Itinéraire à moins de 5 km; balisé";oui_non;9;oui;non;accueil-velo;contrôle visuel;',
      "V1.2;V1;Accueil;V1.a;Conseil;Conseil sur les itinéraires;quatre_niveaux;3,5;non;;accueil-velo;;",
    ].join("\r\n");
    const outcome = parseCriteriaCsv(csv, base, meta);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.referential).toMatchObject({ code: base.code, version: "2025", pillars: base.pillars });
    expect(outcome.referential.criteria.map((c) => [c.code, c.text, c.coefficient, c.mandatory, c.chapter])).toEqual([
      ["V1.1", "Itinéraire à moins de 5 km; balisé", 9, true, "V1"],
      ["V1.2", "Conseil sur les itinéraires", 3.5, false, "V1.a"],
    ]);
    expect(outcome.referential.chapters).toEqual([
      { code: "V1", title: "Accueil", parent: null },
      { code: "V1.a", title: "Conseil", parent: "V1" },
    ]);
  });

  it("reports each bad row with its line and column, and imports nothing", () => {
    const csv = [
      header,
      "V1.1;V1;Accueil;;;Texte;oui_non;neuf;peut-être;non;accueil-velo;;",
      "V1.2;V1;Accueil;;;Texte;oui_non;3;non;non;inconnu;;",
      "V1.3;V1;Accueil;;;Texte",
    ].join("\n");
    const outcome = parseCriteriaCsv(csv, base, meta);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems).toEqual([
      { line: 2, field: "coefficient", message: "coefficient : nombre attendu (exemple : 3 ou 1,5)." },
      { line: 2, field: "obligatoire", message: "obligatoire : « oui » ou « non » attendu." },
      { line: 3, field: "pilier", message: "Critère V1.2 : pilier « inconnu » inconnu." },
      { line: 4, field: "ligne", message: "13 colonnes attendues, 6 trouvées." },
    ]);
  });

  it("says which header it expects", () => {
    const outcome = parseCriteriaCsv("code,texte\nA,B", base, meta);
    expect(outcome).toMatchObject({ ok: false, problems: [{ line: 1, field: "en-tête" }] });
  });

  it("splits like Excel: quotes, doubled quotes, comma or semicolon", () => {
    expect(splitCsv('a,b\n"x, ""y""",z\n').rows).toEqual([["a", "b"], ['x, "y"', "z"]]);
    expect(splitCsv("a;b\n1;2").separator).toBe(";");
  });
});

describe("reading a criteria CSV: hostile and messy files", () => {
  const base = load("accueil-velo-ot-2024.yaml");
  const header = "code;chapitre;titre_chapitre;sous_chapitre;titre_sous_chapitre;texte;echelle;coefficient;obligatoire;bonus;pilier;verification;aide";
  const meta = { version: "2025", validFrom: "2025-01-01", validUntil: null };

  it("points at the physical line, across blank rows and cells on several lines", () => {
    const csv = `\uFEFF${header}\n\n;;;;;;;;;;;;\nV1;V;Accueil;;;"Texte\nsur deux lignes";oui_non;3;non;non;accueil-velo;;\nV2;V;Accueil;;;Texte;oui_non;trois;non;non;accueil-velo;;\n`;
    const outcome = parseCriteriaCsv(csv, base, meta);
    expect(outcome).toEqual({ ok: false, problems: [{ line: 6, field: "coefficient", message: "coefficient : nombre attendu (exemple : 3 ou 1,5)." }] });
  });

  it("reports a code used as a chapter and as a sub-chapter instead of failing", () => {
    const csv = `${header}\nV1;V;Accueil;S;Sous;Texte;oui_non;3;non;non;accueil-velo;;\nV2;S;Autre;T;Sous;Texte;oui_non;3;non;non;accueil-velo;;\n`;
    expect(parseCriteriaCsv(csv, base, meta)).toEqual({
      ok: false,
      problems: [{ line: 3, field: "chapitre", message: "chapitre : « S » est déjà un sous-chapitre." }],
    });
  });

  it("lists at most a hundred problems and counts the rest", () => {
    const csv = `${header}\n${Array.from({ length: 150 }, (_, i) => `X${i};V;A;;;T;oui_non;x;non;non;accueil-velo;;`).join("\n")}`;
    const outcome = parseCriteriaCsv(csv, base, meta);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems).toHaveLength(101);
    expect(outcome.problems[100]).toEqual({ line: null, field: "fichier", message: "… et 51 autres problèmes." });
  });

  it("refuses codes that name JavaScript's own properties", () => {
    const outcome = parseReferentialYaml(MINIMAL.replace("scale: oui_non", "scale: constructor"));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems[0]!.message).toBe("Échelle du critère : ce code est réservé.");
  });
});

describe("the spreadsheet template offered on the import page", () => {
  it("is a valid criteria CSV for the Qualité Tourisme grid", () => {
    const decoded = decodeText(fs.readFileSync(path.resolve(__dirname, "../../public/modele-criteres.csv")));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const outcome = parseCriteriaCsv(decoded.text, load("qualite-tourisme-ot-2024.yaml"), { version: "modele", validFrom: "2026-01-01", validUntil: null });
    expect(outcome.ok && outcome.referential.criteria.map((c) => [c.code, c.mandatory])).toEqual([
      ["2.1", false],
      ["8.1", true],
    ]);
  });
});
