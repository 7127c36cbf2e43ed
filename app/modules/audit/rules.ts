// Audits and labels: their kinds and states, and the label cycle's countdowns (time injected).
import type { Criterion, Referential } from "../referential/rules";

export const AUDIT_KINDS = ["visite_mystere", "audit_complet", "auto_evaluation", "audit_blanc"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  visite_mystere: "Visite mystère (audit accueil)",
  audit_complet: "Audit complet",
  auto_evaluation: "Auto-évaluation",
  audit_blanc: "Audit blanc",
};

export const AUDIT_STATUSES = ["planifie", "en_cours", "termine"] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export const AUDIT_STATUS_LABELS: Record<AuditStatus, string> = { planifie: "Planifié", en_cours: "En cours", termine: "Terminé" };

export const AUDIT_DECISIONS = ["en_attente", "obtenue", "renouvelee", "refusee"] as const;
export type AuditDecision = (typeof AUDIT_DECISIONS)[number];
export const AUDIT_DECISION_LABELS: Record<AuditDecision, string> = {
  en_attente: "En attente",
  obtenue: "Marque obtenue",
  renouvelee: "Marque renouvelée",
  refusee: "Marque refusée",
};

export const AUDIT_MODES = ["reported", "rated"] as const;
export type AuditMode = (typeof AUDIT_MODES)[number];
export const AUDIT_MODE_LABELS: Record<AuditMode, string> = {
  reported: "Taux rapporté (tel que le rapport externe le donne)",
  rated: "Grille notée critère par critère",
};

export const STAGES = ["first", "renewal"] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = { first: "Première labellisation", renewal: "Renouvellement" };

export const LABEL_STATUSES = ["en_cours", "actif", "suspendu", "expire"] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];
export const LABEL_STATUS_LABELS: Record<LabelStatus, string> = {
  en_cours: "En cours d'obtention",
  actif: "Actif",
  suspendu: "Suspendu",
  expire: "Expiré",
};

export const FINDING_KINDS = ["strength", "improvement"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_KIND_LABELS: Record<FindingKind, string> = { strength: "Point fort", improvement: "Point à améliorer" };

/**
 * Criteria whose rating must be done again when a result is carried to another version:
 * new, or changed in text, scale, coefficient, mandatory, bonus or pillar.
 */
export function changedCriteria(from: Referential, to: Referential): Set<string> {
  const before = new Map(from.criteria.map((c) => [c.code, c]));
  const scaleOf = (grid: Referential, code: string) => JSON.stringify(grid.scales.find((s) => s.code === code)?.levels ?? null);
  const changed = new Set<string>();
  for (const c of to.criteria) {
    const old = before.get(c.code);
    // A scale kept under the same code but with other levels, points or compliance changes the meaning too.
    if (!old || !sameCriterion(old, c) || scaleOf(from, old.scale) !== scaleOf(to, c.scale)) changed.add(c.code);
  }
  return changed;
}

function sameCriterion(a: Criterion, b: Criterion): boolean {
  return (
    a.text === b.text &&
    a.scale === b.scale &&
    a.coefficient === b.coefficient &&
    a.mandatory === b.mandatory &&
    a.bonus === b.bonus &&
    a.pillar === b.pillar
  );
}

/** The threshold a pillar's rate is judged against at this stage (first labelling or renewal). */
export function thresholdFor(pillar: { thresholds: { first: number; renewal: number } }, stage: Stage): number {
  return stage === "first" ? pillar.thresholds.first : pillar.thresholds.renewal;
}

/** Failing criteria not yet written down as a finding: proposed as improvement points. */
export function findingProposals(snapshot: { failing?: readonly string[] } | null, findings: ReadonlyArray<{ criterionCode: string | null }>): string[] {
  const used = new Set(findings.map((f) => f.criterionCode).filter(Boolean));
  return (snapshot?.failing ?? []).filter((code) => !used.has(code));
}

/** Decisions that start a new validity period for the label. */
export function grantsLabel(decision: AuditDecision | string): boolean {
  return decision === "obtenue" || decision === "renouvelee";
}

/** A calendar day moved by whole months, clamped to the month's last day (29 Feb + 12 → 28 Feb). */
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** How long before the label's end the next (renewal) audit is proposed. */
export const NEXT_AUDIT_MONTHS_BEFORE_END = 3;

/**
 * What a granting decision proposes from the référentiel's validity: the label lasts `years`
 * from the audit's last day, and the renewal audit falls three months before that end.
 * Null when the référentiel does not give a validity.
 */
export function renewalProposal(auditEndsOn: string, years: number | null | undefined): { labelValidUntil: string; nextAuditDue: string } | null {
  if (!years || !/^\d{4}-\d{2}-\d{2}$/.test(auditEndsOn)) return null;
  const labelValidUntil = addMonths(auditEndsOn, years * 12);
  return { labelValidUntil, nextAuditDue: addMonths(labelValidUntil, -NEXT_AUDIT_MONTHS_BEFORE_END) };
}

/** A "non mesuré" or "non concerné" still waiting for the reason an auditor will ask for. */
export function needsJustification(result: { status: string; comment: string; needsReview?: boolean }): boolean {
  return !result.needsReview && (result.status === "not_measured" || result.status === "not_applicable") && result.comment.trim() === "";
}
