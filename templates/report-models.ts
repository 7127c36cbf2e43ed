// What the Word reports show: plain values built by app/modules/report/, so that the templates
// know nothing of HTTP or knex. Texts are as stored (the templates typeset them); days are
// "YYYY-MM-DD", instants ISO-8601; enumerations arrive already in French.

/** What every report's cover and running header carry. */
export interface ReportFrame {
  officeName: string;
  /** Office colour "0B5E55" (no "#"), or null for the application's green. */
  color: string | null;
  /** The office's logo as PNG or JPEG bytes, or null. */
  logo: { data: Uint8Array; type: "png" | "jpg"; width: number; height: number } | null;
  /** The instant the data was read: "Données au jeudi 25 mars 2021 à 14 h". */
  builtAt: string;
  /** What the role reading it may not see, said on the cover ("Sans les réunions en brouillon"). */
  notes: string[];
}

/** A chart drawn as an image, and its figures given again in a table under it. */
export interface BarChartModel {
  title: string;
  /** Unit written after each value: "%" or "" for counts. */
  unit: "%" | "";
  /** Series names (legend), in the order of `values`. */
  series: string[];
  /**
   * One group of bars per category. `texts`: how each value is written above its bar, or in place
   * of a missing one ("2 678", "manquant"; "n.m." and the value rounded to a tenth when absent);
   * `emphasis`: the category the reader asked for (its label in bold).
   */
  categories: Array<{ label: string; values: Array<number | null>; texts?: string[]; emphasis?: boolean }>;
  /** A dashed line across, such as a threshold, when it is the same for the whole chart. */
  threshold?: { value: number; label: string } | null;
  /** Largest value of the axis (100 for rates); computed from the values when absent. */
  max?: number;
}

// ── Plan d'actions ──────────────────────────────────────────────────────────────────────────

export type PlanGrouping = "origin" | "site" | "status";

export interface PlanActionLine {
  id: number;
  title: string;
  origin: string;
  /** "Constat « … »" or "Réunion du …": where exactly it comes from, may be empty. */
  originDetail: string;
  sites: string;
  owner: string;
  dueOn: string | null;
  priority: string;
  status: string;
  overdue: boolean;
  lastNote: { text: string; author: string; at: string } | null;
  completedOn: string | null;
  proof: string;
  /** "Efficace – commentaire", "À revoir – …", or "" when not checked. */
  effectiveness: string;
}

export interface PlanCount {
  label: string;
  done: number;
  open: number;
  overdue: number;
  abandoned: number;
}

export interface ActionPlanReportModel extends ReportFrame {
  /** "Toutes les actions", or the filters chosen, in words. */
  filters: string[];
  grouping: PlanGrouping;
  groupingLabel: string;
  totals: PlanCount & { total: number; percent: number | null };
  bySite: PlanCount[];
  byOrigin: PlanCount[];
  chart: BarChartModel;
  groups: Array<{ title: string; actions: PlanActionLine[] }>;
}

// ── Rapport d'audit ─────────────────────────────────────────────────────────────────────────

export interface RateRow {
  label: string;
  rate: number | null;
  threshold: number | null;
  /** true / false against the threshold, null when not judged. */
  meets: boolean | null;
}

export interface FindingLine {
  kind: "strength" | "improvement";
  text: string;
  criterion: string;
  site: string;
  actions: Array<{ title: string; status: string; dueOn: string | null; owner: string; proof: string; overdue: boolean }>;
}

export interface CriterionLine {
  code: string;
  text: string;
  chapter: string;
  level: string;
  comment: string;
  mandatory: boolean;
}

export interface AuditFacts {
  title: string;
  kind: string;
  mode: "reported" | "rated";
  stage: string;
  startsOn: string;
  endsOn: string;
  auditor: string;
  status: string;
  decision: string;
  referential: string;
  labelName: string;
  labelValidUntil: string | null;
  summary: string;
}

export interface AuditReportModel extends ReportFrame {
  audit: AuditFacts;
  pillars: RateRow[];
  /** Empty for a reported audit. */
  chapters: RateRow[];
  pillarChart: BarChartModel | null;
  chapterChart: BarChartModel | null;
  /** The pillar whose threshold chapters are read against (chapters have none of their own). */
  referencePillar: { label: string; threshold: number } | null;
  /** "Conforme", "Non conforme", "Incomplet", or for a reported audit the decision as given. */
  verdict: string;
  blocking: CriterionLine[];
  failing: CriterionLine[];
  /** Criteria still to rate (a grid not finished), as a count. */
  toRate: number;
  findings: FindingLine[];
  comparison: {
    previous: { title: string; kind: string; startsOn: string };
    pillars: Array<{ label: string; before: number | null; after: number | null }>;
    chapters: Array<{ label: string; before: number | null; after: number | null }>;
    changed: Array<{ code: string; text: string; before: string; after: string }>;
  } | null;
}

// ── Dossier de préparation à l'audit ────────────────────────────────────────────────────────

/**
 * The readiness file is a list of parts, each built by one function of
 * app/modules/report/queries.server.ts (PARTS) from the data it needs and left out when that data
 * does not exist. A new part is a kind here, one builder there and one renderer in
 * templates/readiness.ts.
 */
export type ReadinessPart =
  | { kind: "label"; name: string; status: string; grantedOn: string | null; validUntil: string | null; validUntilText: string | null; nextAuditDue: string | null; nextAuditText: string | null; grid: { name: string; criteria: number; mandatory: number; chapters: string[] } | null; notes: string }
  | { kind: "last_audit"; audit: AuditFacts; pillars: RateRow[]; chart: BarChartModel | null; strengths: string[]; improvements: string[] }
  | { kind: "improvements"; since: string | null; findings: FindingLine[] }
  | { kind: "self_assessment"; audit: AuditFacts; pillars: RateRow[]; below: CriterionLine[] }
  | { kind: "meetings"; since: string | null; meetings: Array<{ title: string; series: string; heldOn: string; present: number; decisions: Array<{ section: string; text: string }>; actions: Array<{ title: string; status: string }> }> }
  | { kind: "plan"; totals: PlanCount & { total: number; percent: number | null }; bySite: PlanCount[]; chart: BarChartModel }
  | { kind: "indicators"; tables: YearOnYearTable[]; charts: BarChartModel[] }
  | ({ kind: "registers" } & RegistersPart)
  | { kind: "procedures"; sheets: ProcedureSheetLine[] }
  /** `fromYear`: campaigns from the last audit's year on (a yearly campaign of that year counts); null for the last twelve months. */
  | { kind: "questionnaires"; fromYear: number | null; campaigns: CampaignLine[] };

/**
 * The registers over a period (since the last audit began, or the last twelve months): figures
 * and subjects only, never a complainant's name or contact, whoever reads the file. A register
 * without entry in the period is null (the other two still show).
 */
export interface RegistersPart {
  from: string;
  to: string;
  /** true when the period starts with the last audit, false for the last twelve months. */
  sinceAudit: boolean;
  complaints: {
    total: number;
    /** The office's target, in working days. */
    targetDays: number;
    answeredInTime: number;
    answeredLate: number;
    unanswered: number;
    /** Unanswered and past their target's last day. */
    unansweredLate: number;
    /** Mean working days from reception to answer, over `answered` complaints; null when none is answered. */
    meanDelay: number | null;
    answered: number;
    byCategory: Array<{ label: string; count: number }>;
  } | null;
  dysfunctions: {
    total: number;
    /** By status: still open, treated (not closed yet), closed. */
    open: number;
    treated: number;
    closed: number;
    /** Dysfunctions of the period seen before (occurrence ≥ 2), with how many times, itself included. */
    recurring: Array<{ occurredOn: string; subject: string; site: string; status: string; occurrence: number }>;
    byCategory: Array<{ label: string; count: number }>;
  } | null;
  suggestions: { total: number; retained: number; notRetained: number; underStudy: number; byCategory: Array<{ label: string; count: number }> } | null;
}

export interface ProcedureSheetLine {
  code: string;
  title: string;
  version: number;
  /** The day of the version in force. */
  updatedOn: string | null;
  nextReviewOn: string | null;
  /** "revue en retard", "à revoir bientôt", "à jour". */
  reviewState: string;
  reviewLate: boolean;
}

export interface CampaignLine {
  title: string;
  startsOn: string;
  endsOn: string;
  /** "Terminée", "En cours", "Non réalisée"… */
  state: string;
  channels: string;
  notHeld: boolean;
  notHeldReason: string;
  responses: number;
  /** Share of answers in the two best levels of the scale questions, or null. */
  satisfactionRate: number | null;
  /** The campaign held before, its rate and the difference ("+4,2 pts", "stable"), for a campaign with answers. */
  previous: { title: string; startsOn: string; rate: number | null; change: string | null } | null;
  /** Each scale question's satisfaction rate, and that of the same question in the previous campaign. */
  questions: Array<{ label: string; text: string; answered: number; rate: number | null; previousRate: number | null }>;
}

/** The office's key figures for a period against the same period a year earlier. */
export interface YearOnYearTable {
  /** "Saison d'été 2020 par rapport à Saison d'été 2019" */
  title: string;
  previousLabel: string;
  currentLabel: string;
  /** The figures as the pages write them ("2 678", "manquant"), marked "*" when a note says where they come from. */
  rows: Array<{ name: string; previous: string; current: string; variation: string }>;
  /** "Nuitées déclarées (taxe de séjour), 2020 : chiffres non fournis…": why a figure is missing. */
  missing: string[];
  /** What the "*" means ("Chiffre de démonstration"). */
  notes: string[];
}

export interface ReadinessItem {
  /** "Actions en retard", "Critères sous le seuil"… */
  topic: string;
  text: string;
}

export interface ReadinessReportModel extends ReportFrame {
  labelName: string;
  /** "Audit complet prévu le 30 juin 2023 (dépassé depuis …)". */
  nextAuditLine: string;
  /** The first page: what is not ready. Empty: "Rien n'est en souffrance". */
  notReady: ReadinessItem[];
  parts: ReadinessPart[];
}
