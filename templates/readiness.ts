// The audit-readiness file of a label as a Word document: a first page listing what is not
// ready, then one chapter per part that has data (templates/report-models.ts, ReadinessPart):
// label, last audit, improvements, self-assessment, meetings, plan, registers, questionnaires,
// indicators, procedure sheets. A new part is one more renderer in RENDERERS.
import { formatDay, formatLongDate } from "~/domain/dates";
import { formatRate, periodText } from "~/modules/questionnaire/rules";
import { auditFacts, improvement, rateTable } from "./audit-report";
import type { CampaignLine, ReadinessPart, ReadinessReportModel, RegistersPart } from "./report-models";
import { box, brandOf, bullets, chart, facts, formatFigure, heading1, heading2, packReport, type ReportOptions, paragraph, spacer, table, type Block, type Cell } from "./report-kit";

export async function renderReadinessDocx(model: ReadinessReportModel): Promise<Buffer> {
  return packReport(readinessDocument(model));
}

/** The document's content, for packReport (and for the benchmark, which packs it apart). */
export function readinessDocument(model: ReadinessReportModel): ReportOptions {
  const brand = brandOf(model);
  return {
    frame: model,
    title: "Dossier de préparation à l’audit",
    subtitle: model.labelName,
    coverLines: [model.nextAuditLine],
    parts: [{ children: [...notReady(model), ...model.parts.flatMap((part) => render(part, brand))] }],
  };
}

function notReady(model: ReadinessReportModel): Block[] {
  const blocks: Block[] = [heading1("Ce qui n’est pas prêt")];
  if (model.notReady.length === 0) {
    blocks.push(box([paragraph("Rien n’est en souffrance : aucune action en retard, aucune réclamation sans réponse après le délai, aucune revue de fiche procédure en retard, aucun critère sous le seuil dans la dernière auto-évaluation.")]));
    return blocks;
  }
  const topics = [...new Set(model.notReady.map((i) => i.topic))];
  blocks.push(paragraph(`${model.notReady.length} point${model.notReady.length > 1 ? "s demandent" : " demande"} encore du travail avant l’audit :`));
  for (const topic of topics) {
    const items = model.notReady.filter((i) => i.topic === topic);
    blocks.push(heading2(`${topic} (${items.length})`), ...bullets(items.map((i) => i.text)));
  }
  return blocks;
}

type Renderer<K extends ReadinessPart["kind"]> = (part: Extract<ReadinessPart, { kind: K }>, brand: string) => Block[];

const RENDERERS: { [K in ReadinessPart["kind"]]: Renderer<K> } = {
  label: (part) => {
    const lines: Array<[string, string]> = [
      ["Label", part.name],
      ["État", part.status],
    ];
    if (part.grantedOn) lines.push(["Obtenu le", formatLongDate(part.grantedOn)]);
    if (part.validUntil) lines.push(["Valable jusqu’au", `${formatLongDate(part.validUntil)} (${part.validUntilText})`]);
    if (part.nextAuditDue) lines.push(["Prochain audit", `${formatLongDate(part.nextAuditDue)} (${part.nextAuditText})`]);
    const blocks: Block[] = [heading1("Où en est le label"), ...facts(lines)];
    if (part.notes.trim()) blocks.push(paragraph(part.notes));
    if (part.grid) {
      blocks.push(heading2("La grille de l’audit"), ...facts([
        ["Référentiel", part.grid.name],
        ["Critères", `${part.grid.criteria}, dont ${part.grid.mandatory} obligatoires`],
      ]));
      blocks.push(paragraph("Chapitres :"), ...bullets(part.grid.chapters));
    }
    return blocks;
  },
  last_audit: (part, brand) => {
    const blocks: Block[] = [heading1("Le dernier audit"), heading2(part.audit.title), ...auditFacts(part.audit)];
    if (part.audit.mode === "reported") blocks.push(paragraph("Audit enregistré tel que le rapport externe l’a donné (taux sans le détail des critères).", { italics: true }));
    if (part.audit.summary.trim()) blocks.push(paragraph(part.audit.summary));
    if (part.pillars.some((p) => p.rate !== null)) {
      if (part.chart) blocks.push(...chart(part.chart, brand, { figuresIn: "Pilier" }));
      blocks.push(rateTable(part.pillars, "Pilier", brand));
    }
    blocks.push(heading2("Points forts"), ...(part.strengths.length ? bullets(part.strengths) : [paragraph("Aucun point fort noté.", { italics: true })]));
    blocks.push(heading2("Points à améliorer"), ...(part.improvements.length ? bullets(part.improvements) : [paragraph("Aucun point à améliorer noté.", { italics: true })]));
    return blocks;
  },
  improvements: (part, brand) => {
    const blocks: Block[] = [heading1("Ce qui a été fait depuis")];
    blocks.push(paragraph(part.since ? `Les points à améliorer relevés depuis le ${formatLongDate(part.since)}, leurs actions et leurs preuves.` : "Les points à améliorer relevés, leurs actions et leurs preuves."));
    if (part.findings.length === 0) blocks.push(paragraph("Aucun point à améliorer n’a été relevé.", { italics: true }));
    for (const finding of part.findings) blocks.push(...improvement(finding, brand));
    return blocks;
  },
  self_assessment: (part, brand) => {
    const blocks: Block[] = [heading1("La dernière auto-évaluation"), heading2(part.audit.title), ...auditFacts(part.audit), rateTable(part.pillars, "Pilier", brand)];
    blocks.push(heading2("Critères sous le seuil"));
    if (part.below.length === 0) blocks.push(paragraph("Tous les critères évalués sont conformes."));
    else
      blocks.push(
        table(
          [
            { title: "Critère", share: 0.1 },
            { title: "Intitulé", share: 0.42 },
            { title: "Évaluation", share: 0.16 },
            { title: "Commentaire", share: 0.32 },
          ],
          part.below.map((c) => [{ text: c.code, bold: c.mandatory }, c.mandatory ? `${c.text}\n(obligatoire)` : c.text, { text: c.level, alert: true }, c.comment || "—"]),
          { brand },
        ),
      );
    return blocks;
  },
  meetings: (part) => {
    const blocks: Block[] = [heading1("Les réunions tenues depuis")];
    if (part.since) blocks.push(paragraph(`Réunions dont le compte rendu est publié, depuis le ${formatLongDate(part.since)}.`));
    for (const meeting of part.meetings) {
      blocks.push(heading2(`${meeting.series} du ${formatLongDate(meeting.heldOn)}`));
      if (meeting.title !== meeting.series) blocks.push(paragraph(meeting.title, { italics: true }));
      blocks.push(...facts([["Présents", String(meeting.present)]]));
      if (meeting.decisions.length) blocks.push(paragraph("Décisions :", { bold: true }), ...bullets(meeting.decisions.map((d) => `${d.text} (${d.section})`)));
      if (meeting.actions.length) blocks.push(paragraph("Actions décidées :", { bold: true }), ...bullets(meeting.actions.map((a) => `${a.title} – ${a.status}`)));
    }
    return blocks;
  },
  plan: (part, brand) => [
    heading1("Le plan d’actions"),
    ...facts([
      ["Actions", String(part.totals.total)],
      ["Faites", String(part.totals.done)],
      ["Ouvertes", String(part.totals.open)],
      ["En retard", String(part.totals.overdue)],
    ]),
    ...chart(part.chart, brand),
  ],
  indicators: (part, brand) => {
    const blocks: Block[] = [heading1("Les indicateurs d’une année à l’autre")];
    for (const t of part.tables) {
      blocks.push(
        heading2(t.title),
        table(
          [
            { title: "Indicateur", share: 0.46 },
            { title: t.previousLabel, share: 0.18, align: "right" },
            { title: t.currentLabel, share: 0.18, align: "right" },
            { title: "Évolution", share: 0.18, align: "right" },
          ],
          t.rows.map((r) => [r.name, r.previous, { text: r.current, bold: true }, r.variation]),
          { brand },
        ),
      );
      if (t.notes.length) blocks.push(paragraph(t.notes.map((n) => `* ${n}.`).join(" "), { italics: true, muted: true }));
      if (t.missing.length) blocks.push(paragraph("Chiffres manquants :", { bold: true }), ...bullets(t.missing));
    }
    for (const c of part.charts) blocks.push(...chart(c, brand));
    return blocks;
  },
  registers: (part, brand) => {
    const period = `du ${formatLongDate(part.from)} au ${formatLongDate(part.to)}`;
    const blocks: Block[] = [
      heading1("Les registres"),
      paragraph(part.sinceAudit ? `Réclamations, dysfonctionnements et suggestions enregistrés depuis le début du dernier audit, ${period}.` : `Réclamations, dysfonctionnements et suggestions des douze derniers mois, ${period}.`),
      paragraph("Chiffres et objets seulement : ni nom ni coordonnées des personnes.", { italics: true, muted: true }),
      ...complaintsBlocks(part.complaints, brand),
      ...dysfunctionsBlocks(part.dysfunctions, brand),
      heading2("Suggestions"),
    ];
    const s = part.suggestions;
    if (!s) blocks.push(paragraph("Aucune suggestion enregistrée sur la période.", { italics: true }));
    else {
      blocks.push(
        ...figuresTable("Suggestions", [
          ["Reçues", s.total],
          ["Retenues", s.retained],
          ["Non retenues", s.notRetained],
          ["À l’étude", s.underStudy],
        ], brand),
        ...byCategory(s.byCategory),
      );
    }
    return blocks;
  },
  questionnaires: (part, brand) => {
    return [
      heading1("Les questionnaires de satisfaction"),
      paragraph(part.fromYear !== null ? `Les campagnes depuis ${part.fromYear}, l’année du dernier audit.` : "Les campagnes des douze derniers mois."),
      table(
        [
          { title: "Campagne", share: 0.33 },
          { title: "Période", share: 0.23 },
          { title: "État", share: 0.13 },
          { title: "Réponses", share: 0.13, align: "right" },
          { title: "Satisfaction", share: 0.18, align: "right" },
        ],
        part.campaigns.map((c) => [
          `${c.title}\n${c.notHeld ? c.notHeldReason.trim() || "Raison non indiquée." : c.channels}`,
          periodText(c.startsOn, c.endsOn, formatDay),
          c.notHeld ? { text: c.state, alert: true } : c.state,
          c.notHeld ? "—" : String(c.responses),
          { text: c.notHeld ? "—" : formatRate(c.satisfactionRate), bold: !c.notHeld },
        ]),
        { brand },
      ),
      paragraph("Satisfaction : part des réponses aux questions à échelle données dans les deux meilleurs niveaux (satisfait, très satisfait).", { italics: true, muted: true }),
      ...part.campaigns.flatMap((c) => campaignResults(c, brand)),
    ];
  },
  procedures: (part, brand) => {
    const late = part.sheets.filter((s) => s.reviewLate).length;
    const n = part.sheets.length;
    return [
      heading1("Les fiches procédures"),
      paragraph(`${n} fiche${n > 1 ? "s publiées" : " publiée"}, avec la version en vigueur et la date de sa prochaine revue.${late ? ` ${late} revue${late > 1 ? "s sont" : " est"} en retard (en rouge).` : ""}`),
      table(
        [
          { title: "Code", share: 0.1 },
          { title: "Intitulé", share: 0.33 },
          { title: "Version", share: 0.12, align: "right" },
          { title: "Mise à jour", share: 0.21 },
          { title: "Prochaine revue", share: 0.24 },
        ],
        part.sheets.map((s) => [
          { text: s.code, bold: true },
          s.title,
          String(s.version),
          s.updatedOn ? formatDay(s.updatedOn) : "—",
          { text: s.nextReviewOn ? `${formatDay(s.nextReviewOn)}\n${s.reviewState}` : "—", alert: s.reviewLate, bold: s.reviewLate },
        ]),
        { brand },
      ),
    ];
  },
};

/** A campaign's satisfaction question by question, against the campaign held before it. */
function campaignResults(c: CampaignLine, brand: string): Block[] {
  if (c.questions.length === 0) return [];
  const blocks: Block[] = [heading2(`${c.title} : satisfaction par question`)];
  if (c.previous) {
    const change = c.previous.change ? ` (${c.previous.change})` : "";
    blocks.push(paragraph(`Ensemble : ${formatRate(c.satisfactionRate)}, contre ${formatRate(c.previous.rate)} pour « ${c.previous.title} », la dernière campagne réalisée avant elle${change}.`));
  }
  blocks.push(
    table(
      [
        { title: "Question", share: c.previous ? 0.52 : 0.64 },
        { title: "Réponses", share: 0.16, align: "right" },
        { title: "Satisfaction", share: 0.2, align: "right" },
        ...(c.previous ? [{ title: c.previous.startsOn.slice(0, 4), share: 0.12, align: "right" as const }] : []),
      ],
      c.questions.map((q) => [`${q.label}. ${q.text}`, String(q.answered), { text: formatRate(q.rate), bold: true }, ...(c.previous ? [formatRate(q.previousRate)] : [])]),
      { brand },
    ),
  );
  return blocks;
}

/** A register's figures, one line each, those that need attention in red when not nil; a line's space under them. */
function figuresTable(title: string, rows: ReadonlyArray<readonly [string, number, boolean?]>, brand: string): Block[] {
  const figures = table(
    [
      { title, share: 0.7 },
      { title: "Nombre", share: 0.3, align: "right" },
    ],
    rows.map(([label, value, alert]): Array<string | Cell> => [label, { text: String(value), alert: Boolean(alert) && value !== 0, bold: Boolean(alert) && value !== 0 }]),
    { brand, keepTogether: true },
  );
  return [figures, spacer()];
}

function byCategory(items: ReadonlyArray<{ label: string; count: number }>): Block[] {
  return items.length ? [paragraph(`Par catégorie : ${items.map((i) => `${i.label} (${i.count})`).join(", ")}.`, { muted: true })] : [];
}

function complaintsBlocks(c: RegistersPart["complaints"], brand: string): Block[] {
  const blocks: Block[] = [heading2("Réclamations")];
  if (!c) return [...blocks, paragraph("Aucune réclamation reçue sur la période.", { italics: true })];
  const days = (n: number) => `${formatFigure(n, "")} jour${n >= 2 ? "s" : ""} ouvré${n >= 2 ? "s" : ""}`;
  blocks.push(
    ...figuresTable("Réclamations", [
      ["Reçues", c.total],
      [`Répondues dans le délai de l’office (${days(c.targetDays)})`, c.answeredInTime],
      ["Répondues en retard", c.answeredLate, true],
      ["Sans réponse", c.unanswered],
      ["Sans réponse, délai dépassé", c.unansweredLate, true],
    ], brand),
    ...facts([["Délai moyen de réponse", c.meanDelay === null ? "aucune réclamation répondue" : `${days(c.meanDelay)} (sur ${c.answered} réclamation${c.answered > 1 ? "s répondues" : " répondue"})`]]),
    ...byCategory(c.byCategory),
  );
  return blocks;
}

function dysfunctionsBlocks(d: RegistersPart["dysfunctions"], brand: string): Block[] {
  const blocks: Block[] = [heading2("Dysfonctionnements")];
  if (!d) return [...blocks, paragraph("Aucun dysfonctionnement constaté sur la période.", { italics: true })];
  blocks.push(
    ...figuresTable("Dysfonctionnements", [
      ["Constatés", d.total],
      ["Encore ouverts", d.open, true],
      ["Traités, pas encore clos", d.treated],
      ["Clos", d.closed],
    ], brand),
    ...byCategory(d.byCategory),
  );
  if (d.recurring.length) {
    blocks.push(
      paragraph("Dysfonctionnements qui reviennent :", { bold: true }),
      table(
        [
          { title: "Constaté le", share: 0.17 },
          { title: "Dysfonctionnement", share: 0.38 },
          { title: "Bureau", share: 0.15 },
          { title: "Occurrence", share: 0.16 },
          { title: "Statut", share: 0.14 },
        ],
        d.recurring.map((r) => [formatDay(r.occurredOn), r.subject, r.site, { text: `${r.occurrence}e fois`, bold: true }, r.status]),
        { brand },
      ),
    );
  }
  return blocks;
}

function render(part: ReadinessPart, brand: string): Block[] {
  const renderer = RENDERERS[part.kind] as Renderer<typeof part.kind>;
  return renderer(part as never, brand);
}

