// Reading référentiel files: YAML (a whole version) and CSV (the criteria of a new version of a
// référentiel already known). Every problem is reported with its line and field, and a file
// with any problem gives no référentiel at all. Pure: bytes or text in, data or problems out.
import { LineCounter, isMap, isSeq, parseDocument, type Document } from "yaml";
import { referentialFileSchema, type ChapterInput, type ReferentialFile } from "../../../audits/schema";
import type { Chapter, Criterion, Referential } from "./rules";

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_ALIASES = 100;

export interface FileProblem {
  line: number | null;
  field: string;
  message: string;
}

export type FileOutcome = { ok: true; referential: Referential } | { ok: false; problems: FileProblem[] };

const fail = (problems: FileProblem[]): FileOutcome => ({ ok: false, problems: capped(problems) });

/** UTF-8 text from uploaded bytes (a BOM is dropped); refuses other encodings and binary files. */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problems: FileProblem[] } {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return { ok: false, problems: [{ line: null, field: "fichier", message: `Fichier trop volumineux : 2 Mo au maximum (reçu ${(bytes.byteLength / 1024 / 1024).toFixed(1)} Mo).` }] };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      problems: [{ line: null, field: "fichier", message: "Encodage non reconnu : enregistrez le fichier en UTF-8 (dans Excel : « CSV UTF-8 »)." }],
    };
  }
  if (text.includes("\u0000")) {
    return { ok: false, problems: [{ line: null, field: "fichier", message: "Ce fichier n'est pas un fichier texte." }] };
  }
  return { ok: true, text: text.replace(/^\uFEFF/, "") };
}

export function parseReferentialYaml(text: string): FileOutcome {
  if (text.length > MAX_FILE_BYTES) return fail([{ line: null, field: "fichier", message: "Fichier trop volumineux : 2 Mo au maximum." }]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, schema: "core", customTags: [] });
  const syntax = [...doc.errors, ...doc.warnings].map((e) => ({
    line: e.linePos?.[0]?.line ?? null,
    field: "syntaxe",
    message:
      e.code === "TAG_RESOLVE_FAILED"
        ? "Étiquette YAML non autorisée (les « !tag » ne sont pas acceptés)."
        : e.code === "DUPLICATE_KEY"
          ? "Clé en double."
          : `Erreur de syntaxe YAML : ${e.message.split(" at line")[0]}.`,
  }));
  if (syntax.length > 0) return fail(syntax);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    return fail([{ line: null, field: "fichier", message: "Trop d'alias YAML (& et *) : fichier refusé par sécurité." }]);
  }
  const parsed = referentialFileSchema.safeParse(data);
  if (!parsed.success) {
    return fail(
      parsed.error.issues.map((issue) => ({
        line: lineOf(doc, lineCounter, issue.path),
        field: issue.path.map(String).join(".") || "fichier",
        message: issue.message,
      })),
    );
  }
  return toReferential(parsed.data, (path) => lineOf(doc, lineCounter, path));
}

/** The line of the deepest node that exists along a path. */
function lineOf(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | null {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = doc.getIn(path.slice(0, depth) as Array<string | number>, true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === "object" && node.range) return lineCounter.linePos(node.range[0]).line;
    if (depth === 0 && (isMap(doc.contents) || isSeq(doc.contents)) && doc.contents.range) {
      return lineCounter.linePos(doc.contents.range[0]).line;
    }
  }
  return null;
}

function flattenChapters(inputs: readonly ChapterInput[], parent: string | null, out: Chapter[] = []): Chapter[] {
  for (const c of inputs) {
    out.push({ code: c.code, title: c.title, parent });
    if (c.chapters) flattenChapters(c.chapters, c.code, out);
  }
  return out;
}

/** Cross-checks (codes unique, references known) and conversion to the domain shape. */
export function toReferential(file: ReferentialFile, lineAt: (path: PropertyKey[]) => number | null = () => null): FileOutcome {
  const problems: FileProblem[] = [];
  const add = (path: PropertyKey[], message: string) => problems.push({ line: lineAt(path), field: path.map(String).join("."), message });

  if (file.valid_until && file.valid_until < file.valid_from) add(["valid_until"], "valid_until : doit suivre valid_from.");
  for (const [scaleCode, scale] of Object.entries(file.scales)) {
    const seen = new Set<string>();
    scale.levels.forEach((level, i) => {
      if (seen.has(level.code)) add(["scales", scaleCode, "levels", i, "code"], `Niveau « ${level.code} » en double dans l'échelle ${scaleCode}.`);
      seen.add(level.code);
    });
    if (!scale.levels.some((l) => l.conforme)) add(["scales", scaleCode, "levels"], `Échelle ${scaleCode} : au moins un niveau doit être conforme.`);
    if (Math.max(...scale.levels.map((l) => l.points)) <= 0) add(["scales", scaleCode, "levels"], `Échelle ${scaleCode} : au moins un niveau doit valoir des points.`);
  }
  const pillarCodes = new Set<string>();
  file.pillars.forEach((p, i) => {
    if (pillarCodes.has(p.code)) add(["pillars", i, "code"], `Pilier « ${p.code} » en double.`);
    pillarCodes.add(p.code);
  });
  const chapters = flattenChapters(file.chapters, null);
  const chapterCodes = new Set<string>();
  for (const c of chapters) {
    if (chapterCodes.has(c.code)) add(["chapters"], `Chapitre « ${c.code} » en double.`);
    chapterCodes.add(c.code);
  }
  const criterionCodes = new Set<string>();
  file.criteria.forEach((c, i) => {
    if (criterionCodes.has(c.code)) add(["criteria", i, "code"], `Critère « ${c.code} » en double.`);
    criterionCodes.add(c.code);
    if (!chapterCodes.has(c.chapter)) add(["criteria", i, "chapter"], `Critère ${c.code} : chapitre « ${c.chapter} » inconnu.`);
    if (!Object.hasOwn(file.scales, c.scale)) add(["criteria", i, "scale"], `Critère ${c.code} : échelle « ${c.scale} » inconnue.`);
    if (!pillarCodes.has(c.pillar)) add(["criteria", i, "pillar"], `Critère ${c.code} : pilier « ${c.pillar} » inconnu.`);
    if (c.mandatory && c.bonus) add(["criteria", i, "bonus"], `Critère ${c.code} : un critère obligatoire ne peut pas être un bonus.`);
  });
  if (problems.length > 0) return fail(problems);

  const criteria: Criterion[] = file.criteria.map((c) => ({
    code: c.code,
    text: c.text,
    chapter: c.chapter,
    scale: c.scale,
    coefficient: c.coefficient,
    mandatory: c.mandatory,
    bonus: c.bonus,
    pillar: c.pillar,
    check: c.check,
    guidance: c.guidance,
  }));
  return {
    ok: true,
    referential: {
      code: file.code,
      label: file.label,
      version: file.version,
      validFrom: file.valid_from,
      validUntil: file.valid_until ?? null,
      validityYears: file.validity ?? null,
      notice: file.notice,
      scales: Object.entries(file.scales).map(([code, s]) => ({
        code,
        label: s.label,
        levels: s.levels.map((l) => ({ code: l.code, label: l.label, points: l.points, compliant: l.conforme })),
      })),
      pillars: file.pillars.map((p) => ({ code: p.code, label: p.label, thresholds: { first: p.thresholds.first, renewal: p.thresholds.renewal } })),
      chapters,
      criteria,
    },
  };
}

/** Columns of a criteria CSV, in this order (documented in audits/README.md). */
export const CSV_COLUMNS = [
  "code",
  "chapitre",
  "titre_chapitre",
  "sous_chapitre",
  "titre_sous_chapitre",
  "texte",
  "echelle",
  "coefficient",
  "obligatoire",
  "bonus",
  "pilier",
  "verification",
  "aide",
] as const;

/**
 * Splits CSV text (separator ; or , detected on the header; quotes "" as in Excel). Each row
 * keeps the physical line it starts on, so that problems point at the line a spreadsheet shows.
 */
export function splitCsv(text: string): { rows: string[][]; lines: number[]; separator: string } {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const separator = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    row.push(field);
    if (row.some((cell) => cell.trim() !== "")) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
    field = "";
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line += 1;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (ch === separator) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else field += ch;
  }
  if (field !== "" || row.length > 0) endRow();
  return { rows, lines, separator };
}

/** At most this many problems are listed; the rest are counted. */
export const MAX_PROBLEMS = 100;
const MAX_CSV_ROWS = 2000;

function capped(problems: FileProblem[]): FileProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), { line: null, field: "fichier", message: `… et ${problems.length - MAX_PROBLEMS} autres problèmes.` }];
}

const YES = new Set(["oui", "o", "x", "1", "true", "vrai", "yes"]);
const NO = new Set(["", "non", "n", "0", "false", "faux", "no"]);

/**
 * A new version of a known référentiel from a criteria CSV: the label, scales and pillars are
 * those of `base`; chapters and criteria come from the rows.
 */
export function parseCriteriaCsv(
  text: string,
  base: Referential,
  meta: { version: string; validFrom: string; validUntil: string | null },
): FileOutcome {
  const { rows, lines } = splitCsv(text);
  const header = rows[0]?.map((h) => h.trim().toLowerCase());
  const problems: FileProblem[] = [];
  if (!header || CSV_COLUMNS.some((c, i) => header[i] !== c)) {
    return fail([{ line: 1, field: "en-tête", message: `En-tête attendu : ${CSV_COLUMNS.join(";")}` }]);
  }
  if (rows.length - 1 > MAX_CSV_ROWS) {
    return fail([{ line: null, field: "fichier", message: `Trop de lignes : ${MAX_CSV_ROWS} critères au maximum.` }]);
  }
  const chapters: ChapterInput[] = [];
  const tops = new Map<string, ChapterInput & { chapters: ChapterInput[] }>();
  const subs = new Map<string, { parent: string }>();
  const criteria: ReferentialFile["criteria"] = [];
  const criterionLines: number[] = [];
  rows.slice(1).forEach((cells, i) => {
    const line = lines[i + 1] ?? i + 2;
    const problemsBefore = problems.length;
    if (cells.length !== CSV_COLUMNS.length) {
      problems.push({ line, field: "ligne", message: `${CSV_COLUMNS.length} colonnes attendues, ${cells.length} trouvées.` });
      return;
    }
    const v = Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, cells[j]!.trim()])) as Record<(typeof CSV_COLUMNS)[number], string>;
    const flag = (column: "obligatoire" | "bonus") => {
      const value = v[column].toLowerCase();
      if (YES.has(value)) return true;
      if (NO.has(value)) return false;
      problems.push({ line, field: column, message: `${column} : « oui » ou « non » attendu.` });
      return false;
    };
    const coefficient = /^\d+([.,]\d+)?$/.test(v.coefficient) ? Number(v.coefficient.replace(",", ".")) : Number.NaN;
    if (!Number.isFinite(coefficient)) problems.push({ line, field: "coefficient", message: "coefficient : nombre attendu (exemple : 3 ou 1,5)." });
    // A code is either a chapter or a sub-chapter of one chapter, never both.
    if (subs.has(v.chapitre)) {
      problems.push({ line, field: "chapitre", message: `chapitre : « ${v.chapitre} » est déjà un sous-chapitre.` });
    } else if (v.sous_chapitre && (tops.has(v.sous_chapitre) || v.sous_chapitre === v.chapitre)) {
      problems.push({ line, field: "sous_chapitre", message: `sous_chapitre : « ${v.sous_chapitre} » est déjà un chapitre.` });
    } else if (v.sous_chapitre && subs.has(v.sous_chapitre) && subs.get(v.sous_chapitre)!.parent !== v.chapitre) {
      problems.push({ line, field: "sous_chapitre", message: `sous_chapitre : « ${v.sous_chapitre} » appartient déjà au chapitre ${subs.get(v.sous_chapitre)!.parent}.` });
    } else if (v.chapitre) {
      let top = tops.get(v.chapitre);
      if (!top) {
        top = { code: v.chapitre, title: v.titre_chapitre || v.chapitre, chapters: [] };
        tops.set(v.chapitre, top);
        chapters.push(top);
      }
      if (v.sous_chapitre && !subs.has(v.sous_chapitre)) {
        subs.set(v.sous_chapitre, { parent: v.chapitre });
        top.chapters.push({ code: v.sous_chapitre, title: v.titre_sous_chapitre || v.sous_chapitre });
      }
    }
    const mandatory = flag("obligatoire");
    const bonus = flag("bonus");
    // A row with problems is reported and left out, so the other rows are still checked.
    if (problems.length > problemsBefore) return;
    criteria.push({
      code: v.code,
      chapter: v.sous_chapitre || v.chapitre,
      text: v.texte,
      scale: v.echelle,
      coefficient,
      mandatory,
      bonus,
      pillar: v.pilier,
      check: v.verification,
      guidance: v.aide,
    });
    criterionLines.push(line);
  });
  const COLUMN_OF: Record<string, string> = { chapter: "chapitre", text: "texte", scale: "echelle", pillar: "pilier", mandatory: "obligatoire", check: "verification", guidance: "aide" };
  const asColumn = (p: FileProblem): FileProblem => {
    const field = /^criteria\.\d+\.(\w+)$/.exec(p.field)?.[1];
    return field ? { ...p, field: COLUMN_OF[field] ?? field } : p;
  };
  const lineOfCriterion = (index: unknown) => (typeof index === "number" ? (criterionLines[index] ?? null) : null);
  const sorted = (list: FileProblem[]) => list.map(asColumn).sort((x, y) => (x.line ?? 0) - (y.line ?? 0));
  if (criteria.length === 0) return fail(sorted([...problems, { line: null, field: "fichier", message: "Aucun critère valable dans ce fichier." }]));
  const file = {
    code: base.code,
    label: base.label,
    version: meta.version,
    valid_from: meta.validFrom,
    valid_until: meta.validUntil ?? undefined,
    validity: base.validityYears ?? undefined,
    notice: base.notice,
    scales: Object.fromEntries(
      base.scales.map((s) => [s.code, { label: s.label, levels: s.levels.map((l) => ({ code: l.code, label: l.label, points: l.points, conforme: l.compliant })) }]),
    ),
    pillars: base.pillars,
    chapters,
    criteria,
  };
  const parsed = referentialFileSchema.safeParse(file);
  if (!parsed.success) {
    return fail(
      sorted([
        ...problems,
        ...parsed.error.issues.map((issue) => {
          const [section, index] = issue.path;
          const line = section === "criteria" ? lineOfCriterion(index) : null;
          const field = section === "chapters" ? "chapitre" : issue.path.map(String).join(".") || "fichier";
          return { line, field, message: issue.message };
        }),
      ]),
    );
  }
  const outcome = toReferential(parsed.data, (path) => (path[0] === "criteria" ? lineOfCriterion(path[1]) : null));
  if (problems.length === 0) return outcome.ok ? outcome : fail(sorted(outcome.problems));
  return fail(sorted([...problems, ...(outcome.ok ? [] : outcome.problems)]));
}

export function describeProblems(problems: readonly FileProblem[]): string {
  return problems.map((p) => `${p.line ? `ligne ${p.line}` : "fichier"} — ${p.field} : ${p.message}`).join("\n");
}
