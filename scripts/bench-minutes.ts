// The Word minutes' share of `npm run bench` (issue 17: at most 1.3 × the `docx` floor): the
// seed's meeting of 25 March 2021 and a large one (a hundred agenda points and a hundred
// actions), each built through the app's own code path (minutesDocument, then renderDocument,
// what the .docx route calls), beside docx's own packing of the same content built with plain
// `docx` calls: the same paragraphs, tables, headings and runs, no template, no kit. As for the
// readiness file (scripts/bench-reports.ts), the floor's document is built beforehand and only
// its packing is timed; that its word/document.xml is the very one ours writes is checked, and
// printed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import knexFactory from "knex";
import { knexConfig } from "../db/config";
import { seedDemo } from "../db/seeds/demo";
import { formatDate, formatDay, formatLongDate, formatTime } from "../app/domain/dates";
import { parseMarkdown, safeHref, type Inline } from "../app/domain/markdown";
import { minutesDocument } from "../app/modules/meeting/document";
import { getMeeting, type MeetingDetail } from "../app/modules/meeting/meetings.server";
import { countsLine, summaryTitle, type RegisterSummary } from "../app/modules/register/rules";
import { renderDocument } from "../app/modules/report/render.server";
import { commandScope } from "../app/modules/scope.server";
import type { MinutesDocumentModel } from "../templates/minutes-model";
import { repeatsTitle } from "../templates/minutes";
// Values, not builders: the floor's file carries the same styles, numbering and page as ours.
import { documentStyles, listNumbering, pageProperties } from "../templates/styles";
import { documentText } from "../templates/typography";

export const MINUTES_OBJECTIVE = 1.3;

/** Processor time (user + system) of this process, in ms: steadier than the clock on a shared machine. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The seed's meeting (db/seeds/demo-meeting.ts, from shared/seed) as the route reads it, and the office's name. */
export async function seedMeeting(): Promise<{ meeting: MeetingDetail; officeName: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-bench-minutes-"));
  const db = knexFactory(knexConfig(`sqlite:${path.join(dir, "bench.sqlite")}`));
  try {
    await db.migrate.latest();
    const { officeId } = await seedDemo(db);
    const office = await db("offices").where({ id: officeId }).first<{ name: string }>("name");
    const first = await db("meetings").where({ office_id: officeId }).orderBy("held_on").first<{ id: number }>("id");
    const meeting = await getMeeting(commandScope(db, officeId), { meetingId: first.id, userId: 0 });
    if (!meeting) throw new Error("la réunion du 25 mars 2021 manque à la démo");
    return { meeting, officeName: office.name };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The seed's meeting grown to `points` agenda points (its own, again and again, registers included) and `actions` actions. */
export function largeMeeting(seed: MeetingDetail, points = 100, actions = 100): MeetingDetail {
  return {
    ...seed,
    sections: Array.from({ length: points }, (_, i) => {
      const section = seed.sections[i % seed.sections.length]!;
      return { ...section, id: i + 1, position: i + 1, title: `${i + 1}. ${section.title}` };
    }),
    actions: Array.from({ length: actions }, (_, i) => {
      const action = seed.actions[i % seed.actions.length]!;
      return { ...action, id: i + 1, title: `${action.title} (n° ${i + 1})`, siteNames: i % 3 === 0 ? ["Saint-Sever", "Hagetmau"] : action.siteNames };
    }),
  };
}

// ── The floor: the same document with plain docx calls ───────────────────────────────────

const TEXT_WIDTH = 11906 - 4 * 567;
const LINE = { style: BorderStyle.SINGLE, size: 4, color: "B8C2CC" };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
const MARGINS = { top: 60, bottom: 60, left: 100, right: 100 };
const HEADER_FILL = { type: ShadingType.CLEAR, color: "auto", fill: "E3F1EF" };
const widths = (shares: number[]) => shares.map((share) => Math.floor(TEXT_WIDTH * share));

function lines(text: string, size?: number): TextRun[] {
  return documentText(text.trim())
    .split(/\r\n?|\n/)
    .map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : undefined, size }));
}

function label(text: string): TextRun {
  return new TextRun({ text: `${text}\u00A0:`, bold: true });
}

function line(name: string, value: string, after = 60): Paragraph {
  return new Paragraph({ spacing: { after }, children: [label(name), new TextRun(" "), ...lines(value)] });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2): Paragraph {
  return new Paragraph({ heading: level, children: [new TextRun(text)] });
}

function caption(text: string, before = 160): Paragraph {
  return new Paragraph({ keepNext: true, spacing: { before, after: 60 }, children: [label(text)] });
}

function bullet(children: ParagraphChild[]): Paragraph {
  return new Paragraph({ numbering: { reference: "puces", level: 0 }, children });
}

function table(columnWidths: number[], titles: string[], rows: TableCell[][], alignments: Array<(typeof AlignmentType)[keyof typeof AlignmentType] | undefined> = []): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: titles.map(
      (title, i) =>
        new TableCell({
          width: { size: columnWidths[i]!, type: WidthType.DXA },
          shading: HEADER_FILL,
          children: [new Paragraph({ alignment: alignments[i], spacing: { after: 0 }, children: [new TextRun({ text: title, bold: true, size: 19, color: "0B5E55" })] })],
        }),
    ),
  });
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths, borders: BORDERS, margins: MARGINS, rows: [header, ...rows.map((children) => new TableRow({ cantSplit: true, children }))] });
}

function cell(text: string, width: number): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({ spacing: { after: 0 }, children: lines(text, 19) })] });
}

function runs(nodes: Inline[], format: { bold?: boolean; italics?: boolean; link?: boolean } = {}): ParagraphChild[] {
  return nodes.flatMap((node): ParagraphChild[] => {
    if (node.type === "text") return [new TextRun({ text: documentText(node.text), bold: format.bold, italics: format.italics, style: format.link ? "Hyperlink" : undefined })];
    if (node.type === "break") return [new TextRun({ break: 1 })];
    if (node.type === "strong") return runs(node.children, { ...format, bold: true });
    if (node.type === "em") return runs(node.children, { ...format, italics: true });
    const href = safeHref(node.href);
    return href === null ? runs(node.children, format) : [new ExternalHyperlink({ link: href, children: runs(node.children, { ...format, link: true }) })];
  });
}

function markdown(source: string, lists: { numbered: number }): Paragraph[] {
  const levels = [HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5] as const;
  return parseMarkdown(source).flatMap((block) => {
    if (block.type === "heading") return [new Paragraph({ heading: levels[Math.min(block.level, 3)], children: runs(block.children) })];
    if (block.type === "paragraph") return [new Paragraph({ children: runs(block.children) })];
    const numbering = block.ordered ? { reference: "numeros", level: 0, instance: ++lists.numbered } : { reference: "puces", level: 0 };
    return block.items.map((item, i) => new Paragraph({ numbering, spacing: i === block.items.length - 1 ? { after: 120 } : undefined, children: runs(item) }));
  });
}

function register(summary: RegisterSummary): Array<Paragraph | Table> {
  const blocks: Array<Paragraph | Table> = [caption(summaryTitle(summary))];
  if (summary.total === 0) return [...blocks, new Paragraph({ children: [new TextRun("Aucune entrée sur la période.")] })];
  const late = summary.kind === "complaint" && summary.late > 0 ? `, dont ${summary.late} hors délai de réponse` : "";
  const w = widths([0.14, 0.25, 0.13, 0.19, 0.1, 0.19]);
  blocks.push(
    new Paragraph({ spacing: { after: 60 }, children: lines(`${summary.total} entrée${summary.total > 1 ? "s" : ""}${late}.`) }),
    line("Par catégorie", countsLine(summary.byCategory)),
    line("Par bureau", countsLine(summary.bySite), 120),
    table(
      w,
      ["Date", "Objet", "Bureau", "Catégorie", "Statut", "Actions"],
      summary.entries.map((e) =>
        [
          formatDate(e.occurredOn),
          e.occurrence > 1 ? `${e.subject} (${e.occurrence}e fois)` : e.subject,
          e.site,
          e.category || "—",
          e.late ? `${e.status}, hors délai` : e.status,
          e.actions.length ? e.actions.map((a) => `${a.title} (${a.status.toLowerCase()}${a.dueOn ? `, échéance ${formatDate(a.dueOn)}` : ""})`).join("\n") : "—",
        ].map((text, i) => cell(text, w[i]!)),
      ),
    ),
  );
  if (summary.more > 0) blocks.push(new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: `… et ${summary.more} autre${summary.more > 1 ? "s" : ""} entrée${summary.more > 1 ? "s" : ""}, dans le registre.`, italics: true })] }));
  return blocks;
}

function indicators(block: NonNullable<MinutesDocumentModel["sections"][number]["indicators"]>): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [caption(documentText(block.title))];
  const t = block.table;
  if (!t) return [...out, new Paragraph({ children: [new TextRun("Aucun chiffre saisi pour cette période.")] })];
  const w = widths([0.46, 0.18, 0.18, 0.18]);
  const figure = (text: string, width: number, bold = false) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 0 }, children: [new TextRun({ text: documentText(text), size: 19, bold })] })] });
  out.push(
    table(
      w,
      ["Indicateur", t.previousLabel, t.currentLabel, "Évolution"].map(documentText),
      t.rows.map((r) => [cell(r.name, w[0]!), figure(r.previous, w[1]!), figure(r.current, w[2]!, true), figure(r.variation, w[3]!)]),
      [undefined, AlignmentType.RIGHT, AlignmentType.RIGHT, AlignmentType.RIGHT],
    ),
  );
  if (t.notes.length) out.push(new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: documentText(t.notes.map((n) => `* ${n}.`).join(" ")), italics: true, color: "4F5B69", size: 18 })] }));
  if (t.missing.length) {
    out.push(new Paragraph({ keepNext: true, spacing: { before: 60, after: 0 }, children: [new TextRun({ text: "Chiffres manquants :", bold: true, size: 18 })] }));
    out.push(...t.missing.map((m) => bullet([new TextRun({ text: documentText(m), size: 18 })])));
  }
  return out;
}

/** The minutes written with docx alone: what the template writes, paragraph for paragraph and run for run. */
export function floorMinutes(model: MinutesDocumentModel): Document {
  const lists = { numbered: 0 };
  const title = `Compte rendu de la réunion ${model.seriesName} du ${formatLongDate(model.date)}`;
  const small = { size: 18, color: "4F5B69" };
  const headerLines = (
    [
      ["Date d’actualisation", formatDay(model.header.updatedOn)],
      ["Référent qualité", model.header.referent],
      ["Responsable suivi fiche", model.header.followUp],
      ["Personnes concernées", model.header.concerned],
    ] as Array<[string, string]>
  ).filter(([, value]) => value.trim() !== "");
  const people = (name: string, attendees: MinutesDocumentModel["present"]) =>
    attendees.length === 0
      ? [line(name, "aucun")]
      : [caption(name), ...attendees.map((a) => bullet([new TextRun(documentText(a.name)), ...(a.role.trim() === "" ? [] : [new TextRun({ text: ` – ${documentText(a.role)}`, color: "4F5B69" })])]))];
  const w = widths([0.36, 0.18, 0.17, 0.15, 0.14]);
  const children: Array<Paragraph | Table> = [
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [TEXT_WIDTH],
      borders: BORDERS,
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: TEXT_WIDTH, type: WidthType.DXA },
              shading: { type: ShadingType.CLEAR, color: "auto", fill: "F5F7FA" },
              margins: { top: 100, bottom: 60, left: 160, right: 160 },
              children: headerLines.map(([name, value]) => line(name, value, 40)),
            }),
          ],
        }),
      ],
    }),
    new Paragraph({ border: { bottom: LINE }, spacing: { before: 120, after: 240 } }),
    heading(documentText(title), HeadingLevel.HEADING_1),
  ];
  if (!repeatsTitle(model.title, title, model.date)) children.push(new Paragraph({ spacing: { after: 160 }, children: [new TextRun({ text: documentText(model.title), italics: true, size: 23, color: "4F5B69" })] }));
  const time = model.endTime === null ? `à ${formatTime(model.startTime)}` : `de ${formatTime(model.startTime)} à ${formatTime(model.endTime)}`;
  children.push(line("Date", `${formatLongDate(model.date)}, ${time}`));
  if (model.place.trim() !== "") children.push(line("Lieu", model.place));
  if (model.chair) children.push(line("Présidence", model.chair));
  if (model.writer) children.push(line("Rédaction", model.writer));
  children.push(...people("Présents", model.present), ...people("Excusés", model.excused), ...(model.absent.length > 0 ? people("Absents", model.absent) : []));
  for (const section of model.sections) {
    children.push(heading(documentText(section.title)), ...markdown(section.body, lists));
    if (section.register) children.push(...register(section.register));
    if (section.indicators) children.push(...indicators(section.indicators));
    const decisions = section.decisions.filter((d) => d.trim() !== "");
    if (decisions.length > 0) children.push(caption("Décisions"), ...decisions.map((d) => bullet(lines(d))));
  }
  children.push(heading("Actions décidées"));
  if (model.actions.length === 0) children.push(new Paragraph({ children: [new TextRun("Aucune action n’a été créée à partir de cette réunion.")] }));
  else
    children.push(
      table(
        w,
        ["Action", "Pilote", "Bureau(x)", "Échéance", "Statut"],
        model.actions.map((a) => [a.title, a.owner, a.sites, a.dueOn === null ? "—" : formatDate(a.dueOn), a.status].map((text, i) => cell(text, w[i]!))),
      ),
    );
  if (model.summary.trim() !== "") children.push(heading("En résumé"), ...markdown(model.summary, lists));
  if (model.attachments.length > 0) children.push(caption("Pièces jointes", 240), ...model.attachments.map((name) => bullet(lines(name))));
  if (model.endTime !== null) children.push(new Paragraph({ spacing: { before: 360 }, border: { top: LINE }, alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `Fin de réunion à ${formatTime(model.endTime)}`, italics: true })] }));
  const running = [
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      border: { bottom: LINE },
      spacing: { after: 0 },
      children: [new TextRun({ text: documentText(model.officeName), bold: true, ...small }), new TextRun({ text: `\t${documentText(`Compte rendu – ${model.seriesName}`)}`, ...small })],
    }),
  ];
  if (!model.published) running.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 60, after: 0 }, children: [new TextRun({ text: "BROUILLON – non publié", bold: true, size: 18, color: "A4161A" })] }));
  return new Document({
    creator: documentText(model.officeName),
    title: documentText(title),
    styles: documentStyles(),
    numbering: listNumbering(),
    sections: [
      {
        properties: pageProperties(),
        headers: { default: new Header({ children: running }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " sur ", PageNumber.TOTAL_PAGES], ...small })] })] }) },
        children,
      },
    ],
  });
}

// ── The measure ───────────────────────────────────────────────────────────────────────────

/** word/document.xml of a .docx, read by `unzip` from a copy on disk. */
function documentXml(buffer: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-bench-minutes-"));
  try {
    fs.writeFileSync(path.join(dir, "cr.docx"), buffer);
    return execFileSync("unzip", ["-p", path.join(dir, "cr.docx"), "word/document.xml"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const count = (xml: string, tag: string) => xml.split(`<${tag}>`).length - 1 + xml.split(`<${tag} `).length - 1;

/**
 * One minutes' figures: ours (the model from the meeting, then renderDocument, as the route
 * does; here in this thread, no worker) and the floor's packing, rounds interleaved, medians
 * of the rounds after the first.
 */
async function benchOne(meeting: MeetingDetail, officeName: string, rounds: number): Promise<{ row: Record<string, string>; ratio: number }> {
  const model = minutesDocument(meeting, officeName);
  const ours = await renderDocument("minutes", minutesDocument(meeting, officeName));
  const floorXml = documentXml(await Packer.toBuffer(floorMinutes(model)));
  const oursXml = documentXml(ours);
  if (floorXml !== oursXml) throw new Error("le plancher n'écrit pas le même word/document.xml que le modèle : scripts/bench-minutes.ts est à reprendre");
  const mine: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const t = cpuMs();
    await renderDocument("minutes", minutesDocument(meeting, officeName));
    mine.push(cpuMs() - t);
    const doc = floorMinutes(model);
    const f = cpuMs();
    await Packer.toBuffer(doc);
    floor.push(cpuMs() - f);
  }
  const [o, f] = [median(mine.slice(1)), median(floor.slice(1))];
  return {
    ratio: o / f,
    row: {
      contenu: `${model.sections.length} points, ${model.actions.length} actions ; ${count(oursXml, "w:p")} paragraphes, ${count(oursXml, "w:tbl")} tableaux, ${count(oursXml, "w:r")} runs (document.xml identique au plancher)`,
      taille: `${(ours.byteLength / 1024).toFixed(0)} Ko`,
      "notre modèle, tout compris (processeur)": `${o.toFixed(1)} ms`,
      "docx seul : Packer sur le même contenu (processeur)": `${f.toFixed(1)} ms`,
      [`rapport (objectif ≤ ${String(MINUTES_OBJECTIVE).replace(".", ",")})`]: `${(o / f).toFixed(2)} ×`,
    },
  };
}

/** The seed's minutes and the large ones beside their floor. */
export async function benchMinutes(): Promise<Record<string, Record<string, string>>> {
  const { meeting, officeName } = await seedMeeting();
  const table: Record<string, Record<string, string>> = {};
  table["compte rendu du 25/03/2021 (démo)"] = (await benchOne(meeting, officeName, 41)).row;
  table["grand compte rendu (100 points, 100 actions)"] = (await benchOne(largeMeeting(meeting), officeName, 15)).row;
  return table;
}
