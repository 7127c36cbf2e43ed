// The view models of the Word reports, read for one office (Scope) and one role: the action
// plan, an audit's report and a label's readiness file. Each returns null when the record it
// is asked for is not this office's (the route answers 404). Only what the role may read goes
// in: minutes that are not published never do, nor a complainant's name or contact.
import type { Knex } from "knex";
import { can } from "~/domain/roles";
import { addDays, addMonths, countdown, formatDate, formatLongDate } from "~/domain/dates";
import { ACTION_STATUSES, ACTION_STATUS_LABELS, EFFECTIVENESS_LABELS, ORIGINS, ORIGIN_LABELS, PRIORITY_LABELS, isOverdue, type ActionStatus, type Effectiveness } from "~/modules/action/rules";
import type { PlanFilters } from "~/modules/action/queries.server";
import { exportActions } from "~/modules/action/queries.server";
import { AUDIT_DECISION_LABELS, AUDIT_KIND_LABELS, AUDIT_STATUS_LABELS, LABEL_STATUS_LABELS, STAGE_LABELS } from "~/modules/audit/rules";
import { compareAudits, getAudit, listAudits, listFindings, listResults, type Audit } from "~/modules/audit/queries.server";
import type { Conformity } from "~/modules/audit/scoring";
import { loadIndicatorData } from "~/modules/indicator/queries.server";
import { periodKindLabel, type Period } from "~/modules/indicator/rules";
import { latestFinishedSeason, latestFinishedYear, overYears, yearOnYear, yearsChart, yearsWithFigures } from "~/modules/indicator/views";
import { getLabel } from "~/modules/label/queries.server";
import { getMeeting, listMeetings } from "~/modules/meeting/meetings.server";
import { getOffice } from "~/modules/office/queries.server";
import { listSheets } from "~/modules/procedure/queries.server";
import { REVIEW_STATE_LABELS } from "~/modules/procedure/rules";
import { getQuestionnaire, listQuestionnaires, questionnaireResults, type QuestionnaireSummary } from "~/modules/questionnaire/queries.server";
import { CAMPAIGN_STATE_LABELS, channelsText, questionLabel, rateChange } from "~/modules/questionnaire/rules";
import { getReferential } from "~/modules/referential/queries.server";
import type { Referential } from "~/modules/referential/rules";
import { getRegisterSettings, listEntries, registerCounts, registerSummary } from "~/modules/register/queries.server";
import { STATUSES, type EntryStatus, type RegisterKind } from "~/modules/register/rules";
import type { RegisterFilters } from "~/modules/register/schema";
import type { Scope } from "~/modules/scope.server";
import type { ActionsRecord } from "../../../db/records";
import type {
  ActionPlanReportModel,
  AuditFacts,
  AuditReportModel,
  CampaignLine,
  CriterionLine,
  FindingLine,
  PlanActionLine,
  RateRow,
  ReadinessItem,
  ReadinessPart,
  ReadinessReportModel,
  ReportFrame,
} from "../../../templates/report-models";
import { getBranding } from "../office/branding.server";
import { GROUPING_LABELS, WHOLE_OFFICE, countBy, groupActions, progressChart, rateChart, reportedRateRow, totalsOf, yearOnYearTable, type CountedAction } from "./rules";
import type { PlanReportOptions } from "./schema";
import { GROUPINGS } from "./rules";

const VERDICT_LABELS = { conforme: "Conforme", non_conforme: "Non conforme", incomplet: "Incomplet (grille à terminer)" } as const;

/** The cover's facts: the office, its look, when the data was read. */
async function frame(scope: Scope, notes: string[] = []): Promise<ReportFrame> {
  const [office, branding] = await Promise.all([getOffice(scope.db, scope.officeId), getBranding(scope)]);
  const logo = branding.logo ? { data: branding.logo.data, type: branding.logo.type, width: branding.logo.width, height: branding.logo.height } : null;
  return { officeName: office?.name ?? "", color: branding.color, logo, builtAt: scope.now.toISOString(), notes };
}

// ── Plan d'actions ──────────────────────────────────────────────────────────────────────────

export class ForeignOptionError extends Error {
  constructor(readonly what: string) {
    super(what);
  }
}

/** The plan's filters must name this office's records: another office's site or owner is a 404. */
async function checkFilters(scope: Scope, filters: PlanFilters): Promise<void> {
  const checks: Array<[number | null, string, string]> = [
    [filters.siteId, "sites", "Ce bureau"],
    [filters.ownerId, "people", "Ce pilote"],
    [filters.labelId, "labels", "Ce label"],
    [filters.auditId, "audits", "Cet audit"],
    [filters.findingId, "findings", "Ce constat"],
  ];
  for (const [id, table, what] of checks) {
    if (id !== null && !(await scope.db(table).where({ id, office_id: scope.officeId }).first())) throw new ForeignOptionError(what);
  }
}

interface ActionExtras {
  originDetail: string;
  proof: string;
  effectiveness: Effectiveness | null;
  effectivenessComment: string;
  findingText: string | null;
  meeting: { title: string; heldOn: string; published: boolean } | null;
  lastNote: { text: string; author: string; at: string } | null;
}

/** What the list does not carry: proof, effectiveness, the origin's record, the last note. In chunks of ids. */
async function actionExtras(db: Knex, officeId: number, ids: number[]): Promise<Map<number, ActionExtras>> {
  const extras = new Map<number, ActionExtras>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const [rows, notes] = await Promise.all([
      db("actions as a")
        .leftJoin("findings as f", "f.id", "a.finding_id")
        .leftJoin("meetings as m", "m.id", "a.meeting_id")
        .where("a.office_id", officeId)
        .whereIn("a.id", chunk)
        .select<
          Array<
            Pick<ActionsRecord, "id" | "origin_detail" | "proof" | "effectiveness" | "effectiveness_comment"> & {
              finding_text: string | null;
              meeting_title: string | null;
              meeting_held_on: string | null;
              meeting_status: string | null;
            }
          >
        >("a.id", "a.origin_detail", "a.proof", "a.effectiveness", "a.effectiveness_comment", "f.text as finding_text", "m.title as meeting_title", "m.held_on as meeting_held_on", "m.status as meeting_status"),
      db("action_notes").whereIn("action_id", chunk).select("action_id", "text", "author_name", "created_at").orderBy([{ column: "created_at", order: "desc" }, { column: "id", order: "desc" }]),
    ]);
    const last = new Map<number, { text: string; author: string; at: string }>();
    for (const n of notes) if (!last.has(n.action_id)) last.set(n.action_id, { text: n.text, author: n.author_name, at: n.created_at });
    for (const r of rows) {
      extras.set(r.id, {
        originDetail: r.origin_detail,
        proof: r.proof,
        effectiveness: r.effectiveness as Effectiveness | null,
        effectivenessComment: r.effectiveness_comment,
        findingText: r.finding_text || null,
        meeting: r.meeting_title ? { title: r.meeting_title, heldOn: String(r.meeting_held_on), published: r.meeting_status === "published" } : null,
        lastNote: last.get(r.id) ?? null,
      });
    }
  }
  return extras;
}

async function siteOrder(db: Knex, officeId: number): Promise<string[]> {
  return (await db("sites").where({ office_id: officeId }).orderBy([{ column: "is_headquarters", order: "desc" }, { column: "name" }]).select("name")).map((r) => r.name);
}

export async function actionPlanReport(scope: Scope, input: { filters: PlanFilters; options: PlanReportOptions }): Promise<ActionPlanReportModel> {
  await checkFilters(scope, input.filters);
  const rows = (await exportActions(scope, { filters: input.filters })).filter(
    (a) => (input.options.du === null || (a.dueOn !== null && a.dueOn >= input.options.du)) && (input.options.au === null || (a.dueOn !== null && a.dueOn <= input.options.au)),
  );
  const [extras, sites] = await Promise.all([actionExtras(scope.db, scope.officeId, rows.map((r) => r.id)), siteOrder(scope.db, scope.officeId)]);
  const seeDrafts = can(scope.role, "meetings:view_drafts");
  const lines = rows.map((a) => {
    const extra = extras.get(a.id);
    const overdue = isOverdue(a, scope.today);
    const meeting = extra?.meeting ?? null;
    const originDetail = [
      extra?.findingText ? `« ${extra.findingText} »` : "",
      meeting ? (meeting.published || seeDrafts ? `Réunion du ${formatLongDate(meeting.heldOn)}` : "Réunion") : "",
      extra?.originDetail ?? "",
    ]
      .filter(Boolean)
      .join("\n");
    const effectiveness = extra?.effectiveness ? `${EFFECTIVENESS_LABELS[extra.effectiveness]}${extra.effectivenessComment.trim() ? ` – ${extra.effectivenessComment}` : ""}` : "";
    return {
      id: a.id,
      title: a.title,
      origin: ORIGIN_LABELS[a.origin],
      originDetail,
      sites: a.siteNames.length ? a.siteNames.join(", ") : WHOLE_OFFICE,
      siteList: a.siteNames,
      owner: a.ownerName,
      dueOn: a.dueOn,
      priority: PRIORITY_LABELS[a.priority],
      status: ACTION_STATUS_LABELS[a.status],
      statusCode: a.status,
      overdue,
      lastNote: extra?.lastNote ?? null,
      completedOn: a.completedOn,
      proof: extra?.proof ?? "",
      effectiveness,
    } satisfies PlanActionLine & { siteList: string[]; statusCode: string };
  });
  const counted: CountedAction[] = lines.map((l) => ({ status: l.statusCode, overdue: l.overdue, keys: l.siteList.length ? l.siteList : [WHOLE_OFFICE] }));
  const bySite = countBy(counted, [...sites, WHOLE_OFFICE]);
  const byOrigin = countBy(
    lines.map((l) => ({ status: l.statusCode, overdue: l.overdue, keys: [l.origin] })),
    ORIGINS.map((o) => ORIGIN_LABELS[o]),
  );
  const grouping = GROUPINGS[input.options.groupe];
  return {
    ...(await frame(scope)),
    filters: await describeFilters(scope, input.filters, input.options),
    grouping,
    groupingLabel: GROUPING_LABELS[grouping],
    totals: totalsOf(counted),
    bySite,
    byOrigin,
    chart: progressChart(bySite),
    groups: groupActions(lines, grouping, { origins: ORIGINS.map((o) => ORIGIN_LABELS[o]), sites: [...sites], statuses: ACTION_STATUSES.map((s) => ACTION_STATUS_LABELS[s]) }),
  };
}

/** The filters in words, for the cover and the summary. */
async function describeFilters(scope: Scope, f: PlanFilters, options: PlanReportOptions): Promise<string[]> {
  const name = async (table: string, column: string, id: number | null) => (id === null ? null : String((await scope.db(table).where({ id, office_id: scope.officeId }).first())?.[column] ?? ""));
  const lines: string[] = [];
  if (f.statuses.length) lines.push(`Statut : ${f.statuses.map((s) => ACTION_STATUS_LABELS[s]).join(", ")}`);
  const site = await name("sites", "name", f.siteId);
  if (site) lines.push(`Bureau : ${site}`);
  const owner = await name("people", "full_name", f.ownerId);
  if (owner) lines.push(`Pilote : ${owner}`);
  if (f.origin) lines.push(`Origine : ${ORIGIN_LABELS[f.origin]}`);
  if (f.priority) lines.push(`Priorité : ${PRIORITY_LABELS[f.priority]}`);
  if (f.overdue) lines.push("Seulement les actions en retard");
  const label = await name("labels", "name", f.labelId);
  if (label) lines.push(`Label : ${label}`);
  const audit = await name("audits", "title", f.auditId);
  if (audit) lines.push(`Audit : ${audit}`);
  if (f.q.trim()) lines.push(`Recherche : « ${f.q.trim()} »`);
  if (options.du && options.au) lines.push(`Échéance du ${formatLongDate(options.du)} au ${formatLongDate(options.au)}`);
  else if (options.du) lines.push(`Échéance à partir du ${formatLongDate(options.du)}`);
  else if (options.au) lines.push(`Échéance jusqu’au ${formatLongDate(options.au)}`);
  return lines.length ? lines : ["Toutes les actions de l’office"];
}

// ── Rapport d'audit ─────────────────────────────────────────────────────────────────────────

function factsOf(audit: Audit): AuditFacts {
  return {
    title: audit.title,
    kind: AUDIT_KIND_LABELS[audit.kind],
    mode: audit.mode,
    stage: STAGE_LABELS[audit.stage],
    startsOn: audit.startsOn,
    endsOn: audit.endsOn,
    auditor: audit.auditor,
    status: AUDIT_STATUS_LABELS[audit.status],
    decision: audit.decision ? AUDIT_DECISION_LABELS[audit.decision] : "—",
    referential: `${audit.referentialLabel}, version ${audit.referentialVersion}`,
    labelName: audit.labelName,
    labelValidUntil: audit.labelValidUntil,
    summary: audit.summary,
  };
}

function pillarRows(audit: Audit, grid: Referential): RateRow[] {
  if (audit.mode === "reported") {
    return grid.pillars.map((p) => reportedRateRow(p.label, audit.reportedRates[p.code] ?? null, audit.stage === "first" ? p.thresholds.first : p.thresholds.renewal));
  }
  return (audit.snapshot?.pillars ?? []).map((p) => ({ label: p.label, rate: p.rate, threshold: p.threshold, meets: p.meetsThreshold }));
}

/** Chapters have no threshold of their own: they are read against the main pillar's, as a landmark. */
function chapterRows(snapshot: Conformity | null, reference: number | null): RateRow[] {
  return (snapshot?.chapters ?? []).map((c) => ({ label: `${c.chapter}. ${c.title}`, rate: c.rate, threshold: reference, meets: c.rate === null || reference === null ? null : c.rate >= reference }));
}

async function criterionLines(scope: Scope, audit: Audit, grid: Referential, codes: readonly string[]): Promise<CriterionLine[]> {
  if (codes.length === 0) return [];
  const results = new Map((await listResults(scope, { auditId: audit.id })).map((r) => [r.criterionCode, r]));
  const chapters = new Map(grid.chapters.map((c) => [c.code, c.title]));
  return codes.flatMap((code) => {
    const criterion = grid.criteria.find((c) => c.code === code);
    if (!criterion) return [];
    const result = results.get(code);
    const scale = grid.scales.find((s) => s.code === criterion.scale);
    const level = result?.status === "not_measured" ? "Non mesuré" : (scale?.levels.find((l) => l.code === result?.level)?.label ?? result?.level ?? "—");
    return [{ code, text: criterion.text, chapter: chapters.get(criterion.chapter) ?? criterion.chapter, level, comment: result?.comment ?? "", mandatory: criterion.mandatory }];
  });
}

/** Findings of some audits with the actions created from each, their owner, state and proof. */
async function findingLines(scope: Scope, auditIds: number[]): Promise<FindingLine[]> {
  const findings = (await Promise.all(auditIds.map((auditId) => listFindings(scope, { auditId })))).flat();
  if (findings.length === 0) return [];
  const actions = await scope.db("actions as a")
    .join("people as p", "p.id", "a.owner_person_id")
    .where("a.office_id", scope.officeId)
    .whereIn(
      "a.finding_id",
      findings.map((f) => f.id),
    )
    .select<Array<Pick<ActionsRecord, "id" | "finding_id" | "title" | "status" | "due_on" | "proof" | "completed_on"> & { owner_name: string }>>(
      "a.id",
      "a.finding_id",
      "a.title",
      "a.status",
      "a.due_on",
      "a.proof",
      "a.completed_on",
      "p.full_name as owner_name",
    )
    .orderBy("a.id");
  return findings.map((f) => ({
    kind: f.kind,
    text: f.text,
    criterion: f.criterionCode ?? "",
    site: f.sites.map((s) => s.name).join(", "),
    actions: actions
      .filter((a) => a.finding_id === f.id)
      .map((a) => {
        const status = a.status as ActionStatus;
        const dueOn = a.due_on || null;
        return {
          title: a.title,
          status: a.completed_on && status === "faite" ? `Faite le ${formatDate(a.completed_on)}` : ACTION_STATUS_LABELS[status],
          dueOn,
          owner: a.owner_name,
          proof: a.proof,
          overdue: isOverdue({ status, dueOn }, scope.today),
        };
      }),
  }));
}

export async function auditReport(scope: Scope, auditId: number): Promise<AuditReportModel | null> {
  const audit = await getAudit(scope, { auditId });
  if (!audit) return null;
  const stored = await getReferential(scope, { referentialId: audit.referentialId });
  if (!stored) return null;
  const grid = stored.grid;
  const pillars = pillarRows(audit, grid);
  const main = pillars[0] ?? null;
  const chapters = audit.mode === "rated" ? chapterRows(audit.snapshot, main?.threshold ?? null) : [];
  const snapshot = audit.mode === "rated" ? audit.snapshot : null;
  const failing = snapshot ? snapshot.failing.filter((code) => !snapshot.blocking.includes(code)) : [];
  const [blocking, failingLines, findings, comparison] = await Promise.all([
    criterionLines(scope, audit, grid, snapshot?.blocking ?? []),
    criterionLines(scope, audit, grid, failing),
    findingLines(scope, [audit.id]),
    previousComparison(scope, audit),
  ]);
  return {
    ...(await frame(scope)),
    audit: factsOf(audit),
    pillars,
    chapters,
    pillarChart: rateChart("Taux de conformité par pilier", pillars, audit.title),
    chapterChart:
      audit.mode === "rated"
        ? rateChart("Taux de conformité par chapitre", chapters.map((c) => ({ ...c, threshold: null })), audit.title, {
            reference: main?.threshold ? { value: main.threshold, label: `Seuil ${main.label} ${main.threshold} %` } : null,
            short: (row) => `Ch. ${row.label.split(".")[0]}`,
          })
        : null,
    referencePillar: main?.threshold ? { label: main.label, threshold: main.threshold } : null,
    verdict: snapshot ? rated(snapshot) : reportedVerdict(audit, pillars),
    blocking,
    failing: failingLines,
    toRate: snapshot?.toRate ?? 0,
    findings,
    comparison,
  };
}

function rated(snapshot: Conformity): string {
  const reasons: string[] = [];
  if (snapshot.blocking.length) reasons.push(`${snapshot.blocking.length} critère${snapshot.blocking.length > 1 ? "s" : ""} obligatoire${snapshot.blocking.length > 1 ? "s" : ""} non conforme${snapshot.blocking.length > 1 ? "s" : ""}`);
  const below = snapshot.pillars.filter((p) => p.meetsThreshold === false).map((p) => `pilier ${p.label} sous son seuil`);
  reasons.push(...below);
  return reasons.length && snapshot.verdict === "non_conforme" ? `${VERDICT_LABELS[snapshot.verdict]} : ${reasons.join(", ")}` : VERDICT_LABELS[snapshot.verdict];
}

function reportedVerdict(audit: Audit, pillars: RateRow[]): string {
  const decision = audit.decision && audit.decision !== "en_attente" ? AUDIT_DECISION_LABELS[audit.decision] : null;
  const judged = pillars.filter((p) => p.meets !== null);
  const rates = judged.length === 0 ? "aucun taux rapporté" : judged.every((p) => p.meets) ? "taux rapportés au-dessus des seuils" : "un taux rapporté sous son seuil";
  return decision ? `${decision} (${rates})` : rates.charAt(0).toUpperCase() + rates.slice(1);
}

async function previousComparison(scope: Scope, audit: Audit): Promise<AuditReportModel["comparison"]> {
  const audits = await listAudits(scope, { labelId: audit.labelId });
  const index = audits.findIndex((a) => a.id === audit.id);
  const previous = audits.slice(index + 1).find((a) => a.startsOn <= audit.startsOn);
  if (!previous) return null;
  const compared = await compareAudits(scope, { a: previous.id, b: audit.id });
  if (!compared) return null;
  const { comparison } = compared;
  return {
    previous: { title: previous.title, kind: AUDIT_KIND_LABELS[previous.kind], startsOn: previous.startsOn },
    pillars: comparison.pillars.map((p) => ({ label: p.label, before: p.a, after: p.b })),
    chapters: comparison.chapters.map((c) => ({ label: `${c.code}. ${c.title}`, before: c.a, after: c.b })),
    changed: comparison.changedCriteria.map((c) => ({ code: c.code, text: c.text, before: c.a, after: c.b })),
  };
}

// ── Dossier de préparation à l'audit ────────────────────────────────────────────────────────

interface ReadinessContext {
  scope: Scope;
  label: NonNullable<Awaited<ReturnType<typeof getLabel>>>;
  audits: Audit[];
  /** The latest audit by someone else than the office (any kind but self-assessment). */
  lastAudit: Audit | null;
  selfAssessment: Audit | null;
  grids: Map<number, Referential>;
}

/**
 * The parts of the file, in order. Each reads what it needs and returns null when its data does
 * not exist, so that the file never prints an empty chapter.
 */
const PARTS: ReadonlyArray<(ctx: ReadinessContext) => Promise<ReadinessPart | null>> = [
  labelPart,
  lastAuditPart,
  improvementsPart,
  selfAssessmentPart,
  meetingsPart,
  planPart,
  registersPart,
  questionnairesPart,
  indicatorsPart,
  proceduresPart,
];

export async function readinessReport(scope: Scope, labelId: number): Promise<ReadinessReportModel | null> {
  const label = await getLabel(scope, { labelId });
  if (!label) return null;
  const audits = await listAudits(scope, { labelId });
  const external = audits.filter((a) => a.kind !== "auto_evaluation");
  const lastAudit = external.find((a) => a.status === "termine") ?? external[0] ?? null;
  const selfAssessment = audits.find((a) => a.kind === "auto_evaluation" && a.mode === "rated") ?? null;
  const grids = new Map<number, Referential>();
  for (const id of new Set([label.referentialId, ...audits.map((a) => a.referentialId)])) {
    if (id === null) continue;
    const stored = await getReferential(scope, { referentialId: id });
    if (stored) grids.set(id, stored.grid);
  }
  const ctx: ReadinessContext = { scope, label, audits, lastAudit, selfAssessment, grids };
  const parts: ReadinessPart[] = [];
  for (const build of PARTS) {
    const part = await build(ctx);
    if (part) parts.push(part);
  }
  const next = label.nextAuditDue ? countdown(scope.today, label.nextAuditDue) : null;
  return {
    ...(await frame(scope, ["Seules les réunions dont le compte rendu est publié figurent dans ce dossier."])),
    labelName: label.name,
    nextAuditLine: label.nextAuditDue && next ? `Prochain audit prévu le ${formatLongDate(label.nextAuditDue)} (${next.text})` : "Date du prochain audit non renseignée",
    notReady: await notReady(ctx, parts),
    parts,
  };
}

async function labelPart({ scope, label, grids }: ReadinessContext): Promise<ReadinessPart> {
  const grid = label.referentialId ? grids.get(label.referentialId) : undefined;
  return {
    kind: "label",
    name: label.name,
    status: LABEL_STATUS_LABELS[label.status],
    grantedOn: label.grantedOn,
    validUntil: label.validUntil,
    validUntilText: label.validUntil ? countdown(scope.today, label.validUntil).text : null,
    nextAuditDue: label.nextAuditDue,
    nextAuditText: label.nextAuditDue ? countdown(scope.today, label.nextAuditDue).text : null,
    grid: grid
      ? {
          name: `${grid.label}, version ${grid.version}`,
          criteria: grid.criteria.length,
          mandatory: grid.criteria.filter((c) => c.mandatory).length,
          chapters: grid.chapters.filter((c) => c.parent === null).map((c) => `${c.code}. ${c.title}`),
        }
      : null,
    notes: label.notes,
  };
}

async function lastAuditPart({ scope, lastAudit, grids }: ReadinessContext): Promise<ReadinessPart | null> {
  if (!lastAudit) return null;
  const grid = grids.get(lastAudit.referentialId);
  const pillars = grid ? pillarRows(lastAudit, grid) : [];
  const findings = await listFindings(scope, { auditId: lastAudit.id });
  return {
    kind: "last_audit",
    audit: factsOf(lastAudit),
    pillars,
    chart: rateChart("Taux de conformité du dernier audit", pillars, lastAudit.title),
    strengths: findings.filter((f) => f.kind === "strength").map((f) => f.text),
    improvements: findings.filter((f) => f.kind === "improvement").map((f) => f.text),
  };
}

/** Improvement points from the last audit on (every audit of the label when none is finished). */
async function improvementsPart({ scope, audits, lastAudit }: ReadinessContext): Promise<ReadinessPart | null> {
  const since = lastAudit?.startsOn ?? null;
  const concerned = audits.filter((a) => since === null || a.startsOn >= since);
  const findings = (await findingLines(scope, concerned.map((a) => a.id))).filter((f) => f.kind === "improvement");
  if (findings.length === 0) return null;
  return { kind: "improvements", since, findings };
}

async function selfAssessmentPart({ scope, selfAssessment, grids }: ReadinessContext): Promise<ReadinessPart | null> {
  if (!selfAssessment?.snapshot) return null;
  const grid = grids.get(selfAssessment.referentialId);
  if (!grid) return null;
  return { kind: "self_assessment", audit: factsOf(selfAssessment), pillars: pillarRows(selfAssessment, grid), below: await criterionLines(scope, selfAssessment, grid, selfAssessment.snapshot.failing) };
}

/** Published meetings held since the last audit began, with their decisions and actions. Drafts never. */
async function meetingsPart({ scope, lastAudit }: ReadinessContext): Promise<ReadinessPart | null> {
  const since = lastAudit?.startsOn ?? null;
  const rows = (await listMeetings(scope, { userId: scope.actor.userId ?? 0, includeDrafts: false })).filter(
    (m) => m.status === "published" && (since === null || m.heldOn >= since) && m.heldOn <= scope.today,
  );
  if (rows.length === 0) return null;
  const meetings = [];
  for (const row of [...rows].reverse()) {
    const m = await getMeeting(scope, { meetingId: row.id, userId: scope.actor.userId ?? 0 });
    if (!m || m.status !== "published") continue;
    meetings.push({
      title: m.title,
      series: m.seriesName,
      heldOn: m.heldOn,
      present: m.attendees.filter((a) => a.status === "present").length,
      decisions: m.sections.flatMap((s) => s.decisions.map((d) => ({ section: s.title, text: d.text }))),
      actions: m.actions.map((a) => ({ title: a.title, status: ACTION_STATUS_LABELS[a.status] })),
    });
  }
  return meetings.length ? { kind: "meetings", since, meetings } : null;
}

async function planPart({ scope }: ReadinessContext): Promise<ReadinessPart | null> {
  const rows = await scope.db("actions as a").leftJoin("action_sites as s", "s.action_id", "a.id").leftJoin("sites as si", "si.id", "s.site_id").where("a.office_id", scope.officeId).select<Array<Pick<ActionsRecord, "id" | "status" | "due_on"> & { site_name: string | null }>>("a.id", "a.status", "a.due_on", "si.name as site_name");
  if (rows.length === 0) return null;
  const byAction = new Map<number, CountedAction>();
  for (const r of rows) {
    const status = r.status as ActionStatus;
    const entry = byAction.get(r.id) ?? { status, overdue: isOverdue({ status, dueOn: r.due_on || null }, scope.today), keys: [] };
    entry.keys.push(r.site_name || WHOLE_OFFICE);
    byAction.set(r.id, entry);
  }
  const counted = [...byAction.values()];
  const bySite = countBy(counted, [...(await siteOrder(scope.db, scope.officeId)), WHOLE_OFFICE]);
  return { kind: "plan", totals: totalsOf(counted), bySite, chart: progressChart(bySite) };
}

/** Charts of the first key figures over the years, as the indicator's page draws them. */
const INDICATOR_CHARTS = 2;
/** Years a chart goes back, the period's own included. */
const CHART_YEARS = 8;

/**
 * The key figures of the latest season over and of the latest year over, each against the year
 * before, then the first figures of the season (or the year) over the years, in charts.
 */
async function indicatorsPart({ scope }: ReadinessContext): Promise<ReadinessPart | null> {
  if (!can(scope.role, "indicators:view")) return null;
  const data = await loadIndicatorData(scope);
  if (data.indicators.length === 0) return null;
  const periods = [latestFinishedSeason(data.seasons, scope.today), latestFinishedYear(scope.today)].filter((p): p is Period => p !== null);
  const sets = periods.flatMap((period) => {
    const set = yearOnYear(data.context, data.indicators, period);
    return set ? [{ period, set }] : [];
  });
  if (sets.length === 0) return null;
  const { period, set } = sets[0]!;
  const kind = periodKindLabel(period, data.seasons).toLowerCase();
  const charts = set.figures.slice(0, INDICATOR_CHARTS).flatMap((f) => {
    const def = data.context.indicators.get(f.code)!;
    const span = yearsWithFigures(data.context, def, period, period.year - CHART_YEARS + 1, period.year);
    if (!span) return [];
    return [yearsChart(def, overYears(data.context, def, period, span.first, period.year), `${f.name} — ${kind}, d'une année à l'autre`, period.year)];
  });
  return { kind: "indicators", tables: sets.map((s) => yearOnYearTable(s.set)), charts };
}

/** Where the registers look back from: the day the last audit began, or twelve months ago when there is none. */
function lookBack({ scope, lastAudit }: ReadinessContext): { from: string; sinceAudit: boolean } {
  return lastAudit ? { from: lastAudit.startsOn, sinceAudit: true } : { from: addDays(addMonths(scope.today, -12), 1), sinceAudit: false };
}

const NO_FILTER: Omit<RegisterFilters, "from" | "to"> = { siteId: null, wholeOffice: false, status: null, category: "", late: false, q: "", page: 1 };

/**
 * Complaints of the period read one by one for their delays (working days are counted in code,
 * with the French holidays): far more than an office receives between two audits.
 */
const COMPLAINTS_READ = 20_000;

/** How many entries of the period are in each status of the register: the list's own count. */
async function statusCounts(scope: Scope, kind: RegisterKind, filters: RegisterFilters): Promise<Map<EntryStatus, number>> {
  const counts = await Promise.all(STATUSES[kind].map(async (status) => [status, (await listEntries(scope, kind, { ...filters, status }, { pageSize: 1 })).total] as const));
  return new Map<EntryStatus, number>(counts);
}

const byCategoryOf = (counts: Array<{ category: string; count: number }>) => counts.map((c) => ({ label: c.category || "Sans catégorie", count: c.count }));

/**
 * Complaints, dysfunctions and suggestions since the last audit (or over twelve months): counts,
 * answer delays, recurring dysfunctions. Subjects and figures only, never a complainant's name
 * or contact, whoever reads (decision 023). Null when none of the registers has an entry then.
 */
async function registersPart(ctx: ReadinessContext): Promise<ReadinessPart | null> {
  const { scope } = ctx;
  if (!can(scope.role, "registers:view")) return null;
  const { from, sinceAudit } = lookBack(ctx);
  const to = scope.today;
  const filters: RegisterFilters = { ...NO_FILTER, from, to };
  const [complaints, dysfunctions, suggestions] = await Promise.all([complaintFigures(scope, filters), dysfunctionFigures(scope, filters), suggestionFigures(scope, filters)]);
  if (!complaints && !dysfunctions && !suggestions) return null;
  return { kind: "registers", from, to, sinceAudit, complaints, dysfunctions, suggestions };
}

/** Late and delay as the register's pages count them (isLate on the stored last day, working days to the answer). */
async function complaintFigures(scope: Scope, filters: RegisterFilters) {
  const [list, counts, settings] = await Promise.all([listEntries(scope, "complaint", filters, { pageSize: COMPLAINTS_READ }), registerCounts(scope, "complaint", filters), getRegisterSettings(scope)]);
  if (list.total === 0) return null;
  const answered = list.rows.filter((r) => r.answeredOn !== null);
  const waiting = list.rows.filter((r) => r.answeredOn === null);
  const delays = answered.flatMap((r) => (r.delayDays === null ? [] : [r.delayDays]));
  return {
    total: list.total,
    targetDays: settings.answerDays,
    answeredInTime: answered.filter((r) => !r.late).length,
    answeredLate: answered.filter((r) => r.late).length,
    unanswered: waiting.length,
    unansweredLate: waiting.filter((r) => r.late).length,
    meanDelay: delays.length ? Math.round((delays.reduce((a, b) => a + b, 0) / delays.length) * 10) / 10 : null,
    answered: delays.length,
    byCategory: byCategoryOf(counts.byCategory),
  };
}

async function dysfunctionFigures(scope: Scope, filters: RegisterFilters) {
  const [summary, statuses] = await Promise.all([registerSummary(scope, "dysfunction", { from: filters.from!, to: filters.to! }), statusCounts(scope, "dysfunction", filters)]);
  if (summary.total === 0) return null;
  return {
    total: summary.total,
    open: statuses.get("ouvert") ?? 0,
    treated: statuses.get("traite") ?? 0,
    closed: statuses.get("clos") ?? 0,
    recurring: summary.entries.filter((e) => e.occurrence > 1).map((e) => ({ occurredOn: e.occurredOn, subject: e.subject, site: e.site, status: e.status, occurrence: e.occurrence })),
    byCategory: summary.byCategory,
  };
}

async function suggestionFigures(scope: Scope, filters: RegisterFilters) {
  const [statuses, counts] = await Promise.all([statusCounts(scope, "suggestion", filters), registerCounts(scope, "suggestion", filters)]);
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  return { total, retained: statuses.get("retenue") ?? 0, notRetained: statuses.get("non_retenue") ?? 0, underStudy: statuses.get("a_l_etude") ?? 0, byCategory: byCategoryOf(counts.byCategory) };
}

/**
 * The satisfaction campaigns from the last audit's year on (campaigns are yearly: that year's
 * counts, held or not), or those ending in the last twelve months; with their answers and
 * satisfaction rate as the questionnaire's pages give them. Null when there is none.
 */
async function questionnairesPart(ctx: ReadinessContext): Promise<ReadinessPart | null> {
  const { scope, lastAudit } = ctx;
  if (!can(scope.role, "questionnaires:view")) return null;
  const fromYear = lastAudit ? Number(lastAudit.startsOn.slice(0, 4)) : null;
  const from = fromYear !== null ? `${fromYear}-01-01` : lookBack(ctx).from;
  const campaigns = (await listQuestionnaires(scope)).filter((c) => c.endsOn >= from).reverse();
  if (campaigns.length === 0) return null;
  const lines: CampaignLine[] = [];
  for (const c of campaigns) lines.push(await campaignLine(scope, c));
  return { kind: "questionnaires", fromYear, campaigns: lines };
}

/** A campaign's line; one with answers gets its results as its page gives them (no answer of anyone's, only rates). */
async function campaignLine(scope: Scope, c: QuestionnaireSummary): Promise<CampaignLine> {
  const line: CampaignLine = {
    title: c.title,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    state: CAMPAIGN_STATE_LABELS[c.state],
    channels: channelsText(c.channels),
    notHeld: c.notHeld,
    notHeldReason: c.notHeldReason,
    responses: c.responses,
    satisfactionRate: c.satisfactionRate,
    previous: null,
    questions: [],
  };
  if (c.notHeld || c.responses === 0) return line;
  const detail = await getQuestionnaire(scope, c.id);
  if (!detail) return line;
  const results = await questionnaireResults(scope, detail, { siteId: null });
  return {
    ...line,
    previous: results.previous ? { title: results.previous.title, startsOn: results.previous.startsOn, rate: results.previous.rate, change: rateChange(results.rate, results.previous.rate) } : null,
    questions: results.questions.flatMap((q) =>
      q.current.kind === "scale"
        ? [{ label: questionLabel(q.question), text: q.question.text, answered: q.current.stats.answered, rate: q.current.stats.satisfactionRate, previousRate: q.previous?.kind === "scale" ? q.previous.stats.satisfactionRate : null }]
        : [],
    ),
  };
}

/** The published procedure sheets with their version in force and next review (drafts never). */
async function proceduresPart({ scope }: ReadinessContext): Promise<ReadinessPart | null> {
  if (!can(scope.role, "procedures:view")) return null;
  const sheets = await listSheets(scope, { userId: scope.actor.userId ?? 0, personId: null, includeDrafts: false, withReading: false });
  if (sheets.length === 0) return null;
  return {
    kind: "procedures",
    sheets: sheets.map((s) => ({
      code: s.code,
      title: s.title,
      version: s.currentVersion,
      updatedOn: s.updatedOn,
      nextReviewOn: s.review.dueOn,
      reviewState: REVIEW_STATE_LABELS[s.review.state],
      reviewLate: s.review.state === "late",
    })),
  };
}

/** Complaints still unanswered past their target's last day, whenever received: the latest shown at most. */
const LATE_COMPLAINTS_SHOWN = 50;

/**
 * The first page: dates passed, late actions, complaints unanswered past their target, improvement
 * points without action, criteria below the threshold, procedure sheets whose review is overdue.
 */
async function notReady(ctx: ReadinessContext, parts: ReadinessPart[]): Promise<ReadinessItem[]> {
  const { scope, label } = ctx;
  const items: ReadinessItem[] = [];
  if (label.validUntil && label.validUntil < scope.today) items.push({ topic: "Label", text: `Le label n’est plus valable depuis le ${formatLongDate(label.validUntil)}.` });
  if (label.nextAuditDue && label.nextAuditDue < scope.today) items.push({ topic: "Label", text: `La date prévue du prochain audit (${formatLongDate(label.nextAuditDue)}) est passée : mettez-la à jour.` });
  const late = await scope.db("actions as a")
    .join("people as p", "p.id", "a.owner_person_id")
    .where("a.office_id", scope.officeId)
    .whereIn("a.status", ["a_faire", "en_cours", "bloquee"])
    .where("a.due_on", "<", scope.today)
    // due_on: a string, as the where keeps only the actions with a due date.
    .select<Array<{ id: number; title: string; due_on: string; owner_name: string }>>("a.id", "a.title", "a.due_on", "p.full_name as owner_name")
    .orderBy("a.due_on")
    .orderBy("a.id");
  for (const a of late) items.push({ topic: "Actions en retard", text: `${a.title} – ${a.owner_name}, échéance du ${formatLongDate(a.due_on)}` });
  if (can(scope.role, "registers:view")) {
    // Still open and late: waiting past the target's last day (the register's own filters), oldest first.
    const waiting = await listEntries(scope, "complaint", { ...NO_FILTER, from: null, to: null, status: "ouverte", late: true }, { pageSize: LATE_COMPLAINTS_SHOWN });
    const topic = "Réclamations sans réponse après le délai";
    for (const c of [...waiting.rows].reverse().filter((r) => r.answeredOn === null)) {
      items.push({ topic, text: `${c.subject} – reçue le ${formatLongDate(c.occurredOn)}${c.answerDueOn ? `, réponse attendue au plus tard le ${formatLongDate(c.answerDueOn)}` : ""}` });
    }
    const more = waiting.total - waiting.rows.length;
    if (more > 0) items.push({ topic, text: `Et ${more} réclamation${more > 1 ? "s plus anciennes" : " plus ancienne"} : voir le registre des réclamations.` });
  }
  for (const part of parts) {
    if (part.kind === "improvements") {
      for (const f of part.findings.filter((f) => f.actions.length === 0)) items.push({ topic: "Points à améliorer sans action", text: f.text });
    }
    if (part.kind === "self_assessment") {
      for (const p of part.pillars.filter((p) => p.meets === false)) items.push({ topic: "Critères sous le seuil (dernière auto-évaluation)", text: `Pilier ${p.label} : ${p.rate ?? "—"} % pour un seuil de ${p.threshold ?? "—"} %` });
      for (const c of part.below) items.push({ topic: "Critères sous le seuil (dernière auto-évaluation)", text: `${c.code} ${c.text} – ${c.level}${c.mandatory ? " (obligatoire)" : ""}` });
    }
    if (part.kind === "procedures") {
      for (const s of part.sheets.filter((s) => s.reviewLate)) items.push({ topic: "Fiches procédures à revoir (revue en retard)", text: `${s.code} ${s.title} – revue prévue le ${formatLongDate(s.nextReviewOn!)}` });
    }
  }
  return items;
}

/** When the office's data last changed (its latest history row): the date a report's data is from. */
export async function lastChange(scope: Scope): Promise<string | null> {
  const row = await scope.db("history").where({ office_id: scope.officeId }).max<{ at: string | null }[]>({ at: "at" }).first();
  return row?.at || null;
}
