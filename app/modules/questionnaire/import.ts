// Answer sheets from a spreadsheet (CSV): the columns a file may have, reading each row into the
// same form values a sheet typed by hand posts (so the same rules and bounds apply), and every
// problem with its line number. Pure: the rows come parsed (import.server.ts), "today" is given.
import { answerField, answerSheetSchema, type SheetValues } from "./schema";
import { CHANNELS, CHANNEL_LABELS, SCALE_WORDS, choiceLines, type Channel, type Question } from "./rules";

/** The most rows a file may hold, and its size. */
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 2_000_000;
/** Problems listed before the rest are summed up. */
export const MAX_PROBLEMS_SHOWN = 30;

export interface ImportProblem {
  line: number;
  message: string;
}

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLocaleLowerCase("fr")
    .replace(/[\s_-]+/g, " ")
    .trim();

/** The header of a template file: what the import reads, in the order it expects them. */
export function templateHeader(questions: readonly Question[]): string[] {
  return ["date", "bureau", "canal", ...questions.map((q) => `Q${q.position} ${q.text}`.slice(0, 120)), ...(questions.some((q) => q.personal) ? ["accord"] : [])];
}

type Column = { kind: "date" | "site" | "channel" | "consent" } | { kind: "question"; question: Question };

/** What each column of the header is, or the problems of line 1. */
export function readHeader(header: readonly string[], questions: readonly Question[]): { columns: Column[]; problems: ImportProblem[] } {
  const byPosition = new Map(questions.map((q) => [q.position, q]));
  const problems: ImportProblem[] = [];
  const columns: Column[] = [];
  const seen = new Set<string>();
  for (const cell of header) {
    const name = fold(cell);
    const match = /^q ?(\d{1,2})(\b|$)/.exec(name);
    let column: Column | null = null;
    if (name === "date") column = { kind: "date" };
    else if (name === "bureau" || name === "site") column = { kind: "site" };
    else if (name === "canal") column = { kind: "channel" };
    else if (name === "accord" || name === "consentement") column = { kind: "consent" };
    else if (match) {
      const question = byPosition.get(Number(match[1]));
      if (question) column = { kind: "question", question };
      else problems.push({ line: 1, message: `Colonne « ${cell.slice(0, 60)} » : ce questionnaire n'a pas de question ${Number(match[1])}.` });
    } else problems.push({ line: 1, message: `Colonne « ${cell.slice(0, 60)} » inconnue : les colonnes sont date, bureau, canal, Q1, Q2…${questions.some((q) => q.personal) ? " et accord" : ""}.` });
    if (!column) {
      columns.push({ kind: "date" });
      continue;
    }
    const key = column.kind === "question" ? `q${column.question.id}` : column.kind;
    if (seen.has(key)) problems.push({ line: 1, message: `Colonne « ${cell.slice(0, 60)} » : en double.` });
    seen.add(key);
    columns.push(column);
  }
  if (!columns.some((c) => c.kind === "question") && problems.length === 0) problems.push({ line: 1, message: "Aucune colonne de question (Q1, Q2…) : la première ligne doit nommer les colonnes." });
  return { columns, problems };
}

/** "25/03/2021", "25/03/21" or "2021-03-25" → "2021-03-25"; anything else is returned as typed (the schema refuses it). */
function dayOf(text: string): string {
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (!french) return text;
  const year = french[3]!.length === 2 ? `20${french[3]}` : french[3]!;
  return `${year}-${french[2]!.padStart(2, "0")}-${french[1]!.padStart(2, "0")}`;
}

function channelOf(text: string): Channel | string {
  if (text === "") return "papier";
  const folded = fold(text);
  return CHANNELS.find((c) => fold(c) === folded || fold(CHANNEL_LABELS[c]) === folded || (c === "qr_code" && folded.startsWith("qr"))) ?? text;
}

/** A cell of a question's column, as the form's field would post it. */
function answerOf(q: Question, text: string): string | string[] {
  if (text === "") return q.kind === "multiple" ? [] : "";
  if (q.kind === "scale") {
    const words = SCALE_WORDS[q.levels ?? 4];
    const index = words.findIndex((w) => fold(w) === fold(text));
    return index >= 0 ? String(index + 1) : text;
  }
  const option = (part: string) => {
    const index = q.choices.findIndex((c) => fold(c) === fold(part));
    return index >= 0 ? String(index + 1) : part;
  };
  if (q.kind === "single") return option(text);
  if (q.kind === "multiple") return choiceLines(text.replace(/\|/g, "\n")).map(option);
  return text;
}

export interface ImportContext {
  questions: readonly Question[];
  sites: ReadonlyArray<{ id: number; name: string }>;
  campaign: { startsOn: string; endsOn: string };
  today: string;
}

/**
 * The sheets of a file's rows (header first, each with its line number in the file), or every
 * problem found. A row with a problem makes the whole file refused: nothing is half-imported.
 */
export function readSheets(rows: ReadonlyArray<{ line: number; cells: string[] }>, context: ImportContext): { sheets: SheetValues[]; problems: ImportProblem[] } {
  const [header, ...data] = rows;
  if (!header) return { sheets: [], problems: [{ line: 1, message: "Le fichier est vide : la première ligne doit nommer les colonnes (date, bureau, canal, Q1, Q2…)." }] };
  const { columns, problems } = readHeader(header.cells, context.questions);
  if (problems.length) return { sheets: [], problems };
  if (data.length === 0) return { sheets: [], problems: [{ line: 2, message: "Aucune réponse : le fichier n'a que sa ligne d'en-tête." }] };
  if (data.length > MAX_IMPORT_ROWS) return { sheets: [], problems: [{ line: MAX_IMPORT_ROWS + 2, message: `Trop de lignes : ${MAX_IMPORT_ROWS.toLocaleString("fr-FR")} réponses au plus par fichier.` }] };
  const schema = answerSheetSchema(context.questions, { siteIds: context.sites.map((s) => s.id), mode: "staff", campaign: context.campaign, today: context.today });
  const sheets: SheetValues[] = [];
  for (const row of data) {
    const values: Record<string, unknown> = { answeredOn: context.campaign.endsOn <= context.today ? context.campaign.endsOn : context.today, siteId: "", channel: "papier", consent: false };
    const rowProblems: string[] = [];
    columns.forEach((column, i) => {
      const text = (row.cells[i] ?? "").trim();
      if (column.kind === "date" && text !== "") values.answeredOn = dayOf(text);
      if (column.kind === "channel") values.channel = channelOf(text);
      if (column.kind === "consent") values.consent = ["oui", "o", "1", "x", "vrai"].includes(fold(text));
      if (column.kind === "site" && text !== "") {
        const site = context.sites.find((s) => fold(s.name) === fold(text));
        if (site) values.siteId = String(site.id);
        else rowProblems.push(`Bureau « ${text.slice(0, 60)} » : pas un bureau de la campagne${context.sites.length ? ` (${context.sites.map((s) => s.name).join(", ")})` : ""}.`);
      }
      if (column.kind === "question") values[answerField(column.question.id)] = answerOf(column.question, text);
    });
    const parsed = schema.safeParse(values);
    if (!parsed.success) rowProblems.push(...new Set(parsed.error.issues.map((issue) => issue.message)));
    if (rowProblems.length) problems.push(...rowProblems.map((message) => ({ line: row.line, message })));
    else if (parsed.success) sheets.push(parsed.data);
  }
  return problems.length ? { sheets: [], problems } : { sheets, problems: [] };
}
