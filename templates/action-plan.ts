// The action plan as a Word document: a summary first (done / open / late, per site and per
// origin, with a progress chart), then the actions grouped as chosen, in landscape tables whose
// header row repeats on each page.
import { formatDate, formatDateTime } from "~/domain/dates";
import type { ActionPlanReportModel, PlanActionLine, PlanCount } from "./report-models";
import { brandOf, chart, facts, heading1, heading2, packReport, type ReportOptions, paragraph, table, type Block, type Cell, type Column } from "./report-kit";

export async function renderActionPlanDocx(model: ActionPlanReportModel): Promise<Buffer> {
  return packReport(actionPlanDocument(model));
}

/** The document's content, for packReport (and for the benchmark, which packs it apart). */
export function actionPlanDocument(model: ActionPlanReportModel): ReportOptions {
  const brand = brandOf(model);
  return {
    frame: model,
    title: "Plan d’actions",
    subtitle: `Actions regroupées par ${model.groupingLabel}`,
    coverLines: model.filters,
    parts: [{ children: summary(model, brand) }, { landscape: true, children: detail(model, brand) }],
  };
}

function summary(model: ActionPlanReportModel, brand: string): Block[] {
  const t = model.totals;
  const blocks: Block[] = [
    heading1("Synthèse"),
    ...facts([
      ["Actions", String(t.total)],
      ["Faites", String(t.done)],
      ["En cours ou à faire", String(t.open)],
      ["En retard", String(t.overdue)],
      ["Abandonnées", String(t.abandoned)],
      ["Avancement", t.percent === null ? "—" : `${t.percent} % des actions à mener sont faites`],
      ["Sélection", model.filters.join(" ; ")],
    ]),
  ];
  if (t.total === 0) {
    blocks.push(paragraph("Aucune action ne correspond à ces critères.", { italics: true }));
    return blocks;
  }
  blocks.push(...chart(model.chart, brand, { figuresIn: "Par bureau" }));
  blocks.push(heading2("Par bureau"), countTable(model.bySite, "Bureau", brand));
  blocks.push(heading2("Par origine"), countTable(model.byOrigin, "Origine", brand));
  return blocks;
}

function countTable(counts: PlanCount[], first: string, brand: string): Block {
  const columns: Column[] = [
    { title: first, share: 0.4 },
    { title: "Faites", share: 0.15, align: "right" },
    { title: "Ouvertes", share: 0.15, align: "right" },
    { title: "En retard", share: 0.15, align: "right" },
    { title: "Abandonnées", share: 0.15, align: "right" },
  ];
  return table(
    columns,
    counts.map((c) => [c.label, String(c.done), String(c.open), { text: String(c.overdue), alert: c.overdue > 0 }, String(c.abandoned)]),
    { brand },
  );
}

const COLUMNS: Column[] = [
  { title: "Action", share: 0.16 },
  { title: "Origine", share: 0.115 },
  { title: "Bureaux", share: 0.09 },
  { title: "Pilote", share: 0.09 },
  { title: "Échéance", share: 0.09 },
  { title: "Priorité", share: 0.07 },
  { title: "Statut", share: 0.075 },
  { title: "Dernière note", share: 0.115 },
  { title: "Réalisation et preuve", share: 0.105 },
  { title: "Efficacité", share: 0.085 },
];

function detail(model: ActionPlanReportModel, brand: string): Block[] {
  const blocks: Block[] = [heading1(`Actions par ${model.groupingLabel}`)];
  if (model.groups.length === 0) blocks.push(paragraph("Aucune action ne correspond à ces critères.", { italics: true }));
  for (const group of model.groups) {
    blocks.push(heading2(`${group.title} (${group.actions.length})`));
    blocks.push(table(COLUMNS, group.actions.map(actionCells), { landscape: true, brand }));
  }
  return blocks;
}

function actionCells(a: PlanActionLine): Cell[] {
  const completion = a.completedOn ? `Faite le ${formatDate(a.completedOn)}${a.proof.trim() ? `\n${a.proof}` : ""}` : a.proof;
  return [
    { text: `n° ${a.id} – ${a.title}` },
    { text: a.originDetail ? `${a.origin}\n${a.originDetail}` : a.origin },
    { text: a.sites },
    { text: a.owner },
    { text: a.dueOn ? formatDate(a.dueOn) : "—", alert: a.overdue },
    { text: a.priority },
    { text: a.overdue ? `${a.status}\nen retard` : a.status, alert: a.overdue },
    { text: a.lastNote ? `${formatDateTime(a.lastNote.at).slice(0, 10)} – ${a.lastNote.author} :\n${a.lastNote.text}` : "—", muted: a.lastNote === null },
    { text: completion || "—", muted: !completion },
    { text: a.effectiveness || "—", muted: !a.effectiveness },
  ];
}
