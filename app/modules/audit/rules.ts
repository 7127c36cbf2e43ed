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

const DAY_MS = 86_400_000;

/** Whole days from `today` to `day` (both "YYYY-MM-DD"); negative when past. */
export function daysBetween(today: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** The calendar day in Paris for an instant: what "today" means to the office. */
export function parisDay(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export type Urgency = "passe" | "proche" | "a_venir";

export interface Countdown {
  days: number;
  urgency: Urgency;
  text: string;
}

/** "dans 2 ans et 8 mois", "dans 45 jours", "aujourd'hui", "dépassé depuis 12 jours". */
export function countdown(today: string, day: string, soonDays = 180): Countdown {
  const days = daysBetween(today, day);
  const urgency: Urgency = days < 0 ? "passe" : days <= soonDays ? "proche" : "a_venir";
  return { days, urgency, text: describeDays(days) };
}

function describeDays(days: number): string {
  if (days === 0) return "aujourd'hui";
  if (days < 0) return `dépassé depuis ${span(-days)}`;
  return `dans ${span(days)}`;
}

/** "45 jours", "8 mois", "2 ans et 3 mois": a duration rounded to the nearest month past 60 days. */
function span(days: number): string {
  if (days < 60) return plural(days, "jour");
  let months = Math.round(days / 30.44);
  const years = Math.floor(months / 12);
  months -= years * 12;
  if (years === 0) return `${months} mois`;
  return months === 0 ? plural(years, "an") : `${plural(years, "an")} et ${months} mois`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n > 1 ? "s" : ""}`;
}

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
