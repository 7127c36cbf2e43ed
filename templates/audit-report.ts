// The report of one audit as a Word document: its facts, the rates per pillar and per chapter
// against their thresholds with charts, the verdict, blocking and failing criteria with the
// auditor's comments, strengths and improvement points with the actions created from them, and
// the comparison with the previous audit of the label. A reported audit (rates as given, no
// grid) gets the parts that exist and says so.
import { formatDate, formatLongDate } from "~/domain/dates";
import type { AuditFacts, AuditReportModel, CriterionLine, FindingLine, RateRow } from "./report-models";
import { box, brandOf, bullets, chart, facts, formatFigure, heading1, heading2, heading3, packReport, type ReportOptions, paragraph, table, type Block, type Cell } from "./report-kit";

export async function renderAuditReportDocx(model: AuditReportModel): Promise<Buffer> {
  return packReport(auditReportDocument(model));
}

/** The document's content, for packReport (and for the benchmark, which packs it apart). */
export function auditReportDocument(model: AuditReportModel): ReportOptions {
  const brand = brandOf(model);
  return {
    frame: model,
    title: "Rapport d’audit",
    subtitle: `${model.audit.title} – ${model.audit.labelName}`,
    coverLines: [`${model.audit.kind}, ${period(model.audit)}`, model.audit.auditor ? `Auditeur : ${model.audit.auditor}` : ""].filter(Boolean),
    parts: [{ children: [...factsPart(model), ...ratesPart(model, brand), ...criteriaPart(model, brand), ...findingsPart(model.findings, brand), ...comparisonPart(model, brand)] }],
  };
}

export function period(audit: Pick<AuditFacts, "startsOn" | "endsOn">): string {
  return audit.startsOn === audit.endsOn ? `le ${formatLongDate(audit.startsOn)}` : `du ${formatLongDate(audit.startsOn)} au ${formatLongDate(audit.endsOn)}`;
}

export function auditFacts(audit: AuditFacts): Block[] {
  const lines: Array<[string, string]> = [
    ["Type d’audit", audit.kind],
    ["Dates", period(audit)],
    ["Auditeur", audit.auditor || "—"],
    ["Label", audit.labelName],
    ["Référentiel", audit.referential],
    ["Étape", audit.stage],
    ["État", audit.status],
    ["Décision", audit.decision],
  ];
  if (audit.labelValidUntil) lines.push(["Label valable jusqu’au", formatLongDate(audit.labelValidUntil)]);
  return facts(lines);
}

function factsPart(model: AuditReportModel): Block[] {
  const blocks: Block[] = [heading1("L’audit"), ...auditFacts(model.audit)];
  if (model.audit.mode === "reported") {
    blocks.push(
      box([
        paragraph(
          "Audit enregistré tel que le rapport externe l’a donné : les taux par pilier sont ceux du rapport, sans le détail critère par critère. Les taux par chapitre et les critères non conformes ne figurent donc pas dans ce rapport.",
          { italics: true },
        ),
      ]),
    );
  }
  if (model.audit.summary.trim()) blocks.push(heading2("Synthèse"), paragraph(model.audit.summary));
  return blocks;
}

export function rateTable(rows: RateRow[], first: string, brand: string, thresholdTitle = "Seuil"): Block {
  return table(
    [
      { title: first, share: 0.46 },
      { title: "Taux", share: 0.18, align: "right" },
      { title: thresholdTitle, share: 0.18, align: "right" },
      { title: "Résultat", share: 0.18 },
    ],
    rows.map((r): Cell[] => [
      { text: r.label },
      { text: formatFigure(r.rate, "%"), bold: true, alert: r.meets === false },
      { text: r.threshold === null ? "—" : formatFigure(r.threshold, "%") },
      { text: r.meets === null ? "non évalué" : r.meets ? "atteint" : "non atteint", alert: r.meets === false },
    ]),
    { brand },
  );
}

function ratesPart(model: AuditReportModel, brand: string): Block[] {
  const blocks: Block[] = [heading1("Taux de conformité"), paragraph(`Verdict : ${model.verdict}`, { bold: true })];
  if (model.toRate > 0) blocks.push(paragraph(`${model.toRate} critère${model.toRate > 1 ? "s restent" : " reste"} à évaluer : les taux ne sont pas définitifs.`, { italics: true }));
  blocks.push(heading2("Par pilier"));
  if (model.pillars.every((p) => p.rate === null)) blocks.push(paragraph("Aucun taux n’a été enregistré pour cet audit.", { italics: true }));
  else {
    if (model.pillarChart) blocks.push(...chart(model.pillarChart, brand, { figuresIn: "Pilier" }));
    blocks.push(rateTable(model.pillars, "Pilier", brand));
  }
  if (model.audit.mode === "rated") {
    blocks.push(heading2("Par chapitre"));
    if (model.chapterChart) blocks.push(...chart(model.chapterChart, brand, { figuresIn: "Chapitre" }));
    if (model.referencePillar) {
      blocks.push(paragraph(`Les chapitres n’ont pas de seuil propre : ils sont lus ici au regard du seuil du pilier ${model.referencePillar.label} (${model.referencePillar.threshold} %), qui s’applique à l’ensemble du pilier.`, { italics: true, muted: true }));
    }
    blocks.push(rateTable(model.chapters, "Chapitre", brand, "Repère"));
  }
  return blocks;
}

function criteriaTable(lines: CriterionLine[], brand: string): Block {
  return table(
    [
      { title: "Critère", share: 0.1 },
      { title: "Intitulé", share: 0.4 },
      { title: "Évaluation", share: 0.15 },
      { title: "Commentaire de l’auditeur", share: 0.35 },
    ],
    lines.map((c): Cell[] => [{ text: c.code, bold: c.mandatory }, { text: c.mandatory ? `${c.text}\n(obligatoire)` : c.text }, { text: c.level, alert: true }, { text: c.comment || "—", muted: !c.comment }]),
    { brand },
  );
}

function criteriaPart(model: AuditReportModel, brand: string): Block[] {
  if (model.audit.mode === "reported") return [];
  const blocks: Block[] = [heading1("Critères non conformes"), heading2("Critères obligatoires bloquants")];
  blocks.push(model.blocking.length === 0 ? paragraph("Aucun critère obligatoire n’est bloquant.") : criteriaTable(model.blocking, brand));
  blocks.push(heading2("Critères non conformes"));
  blocks.push(model.failing.length === 0 ? paragraph("Aucun critère n’a été évalué non conforme.") : criteriaTable(model.failing, brand));
  return blocks;
}

export function findingsPart(findings: FindingLine[], brand: string): Block[] {
  const strengths = findings.filter((f) => f.kind === "strength");
  const improvements = findings.filter((f) => f.kind === "improvement");
  const blocks: Block[] = [heading1("Points forts et points à améliorer"), heading2("Points forts")];
  blocks.push(...(strengths.length === 0 ? [paragraph("Aucun point fort n’a été noté.", { italics: true })] : bullets(strengths.map(findingText))));
  blocks.push(heading2("Points à améliorer"));
  if (improvements.length === 0) blocks.push(paragraph("Aucun point à améliorer n’a été noté.", { italics: true }));
  for (const finding of improvements) blocks.push(...improvement(finding, brand));
  return blocks;
}

function findingText(f: FindingLine): string {
  const where = [f.criterion ? `critère ${f.criterion}` : "", f.site].filter(Boolean).join(", ");
  return where ? `${f.text} (${where})` : f.text;
}

export function improvement(finding: FindingLine, brand: string): Block[] {
  const blocks: Block[] = [heading3(findingText(finding))];
  if (finding.actions.length === 0) {
    blocks.push(paragraph("Aucune action n’a encore été créée pour ce point.", { italics: true }));
    return blocks;
  }
  blocks.push(
    table(
      [
        { title: "Action", share: 0.32 },
        { title: "Pilote", share: 0.16 },
        { title: "Échéance", share: 0.14 },
        { title: "Statut", share: 0.14 },
        { title: "Preuve", share: 0.24 },
      ],
      finding.actions.map((a): Cell[] => [
        { text: a.title },
        { text: a.owner },
        { text: a.dueOn ? formatDate(a.dueOn) : "—", alert: a.overdue },
        { text: a.overdue ? `${a.status}, en retard` : a.status, alert: a.overdue },
        { text: a.proof || "—", muted: !a.proof },
      ]),
      { brand },
    ),
  );
  return blocks;
}

function comparisonPart(model: AuditReportModel, brand: string): Block[] {
  const blocks: Block[] = [heading1("Comparaison avec l’audit précédent")];
  const c = model.comparison;
  if (!c) return [...blocks, paragraph("C’est le premier audit enregistré pour ce label.", { italics: true })];
  blocks.push(paragraph(`Audit précédent : ${c.previous.title} (${c.previous.kind}, ${formatLongDate(c.previous.startsOn)}).`));
  const evolution = (rows: typeof c.pillars, first: string) =>
    table(
      [
        { title: first, share: 0.46 },
        { title: "Avant", share: 0.18, align: "right" },
        { title: "Cet audit", share: 0.18, align: "right" },
        { title: "Écart", share: 0.18, align: "right" },
      ],
      rows.map((r): Cell[] => {
        const gap = r.before !== null && r.after !== null ? Math.round((r.after - r.before) * 10) / 10 : null;
        return [{ text: r.label }, { text: formatFigure(r.before, "%") }, { text: formatFigure(r.after, "%"), bold: true }, { text: gap === null ? "—" : `${gap > 0 ? "+" : ""}${formatFigure(gap, "")} pt`, alert: gap !== null && gap < 0 }];
      }),
      { brand },
    );
  blocks.push(heading2("Par pilier"), evolution(c.pillars, "Pilier"));
  if (c.chapters.some((r) => r.before !== null || r.after !== null)) blocks.push(heading2("Par chapitre"), evolution(c.chapters, "Chapitre"));
  if (c.changed.length > 0) {
    blocks.push(
      heading2("Critères dont l’évaluation a changé"),
      table(
        [
          { title: "Critère", share: 0.1 },
          { title: "Intitulé", share: 0.5 },
          { title: "Avant", share: 0.2 },
          { title: "Cet audit", share: 0.2 },
        ],
        c.changed.map((r) => [r.code, r.text, r.before, r.after]),
        { brand },
      ),
    );
  }
  return blocks;
}
