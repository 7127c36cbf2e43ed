// The three registers (internal dysfunctions, complaints, suggestions): their kinds, statuses and
// words, the complaint's answer delay, closing with open actions, who may edit an entry, and what
// anonymisation clears. Pure: "today" and the working-day counting are given.

import { formatDate } from "../../domain/dates";
export const REGISTER_KINDS = ["dysfunction", "complaint", "suggestion"] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

/** The address of each register (/registres/reclamations). */
export const REGISTER_SLUGS: Record<RegisterKind, string> = {
  dysfunction: "dysfonctionnements",
  complaint: "reclamations",
  suggestion: "suggestions",
};

export function kindOfSlug(slug: string | undefined): RegisterKind | null {
  return REGISTER_KINDS.find((k) => REGISTER_SLUGS[k] === slug) ?? null;
}

export const REGISTER_TITLES: Record<RegisterKind, string> = {
  dysfunction: "Dysfonctionnements internes",
  complaint: "Réclamations",
  suggestion: "Suggestions",
};

/** One entry of the register, as a noun: "Réclamation n° 12". */
export const ENTRY_NOUNS: Record<RegisterKind, string> = {
  dysfunction: "Dysfonctionnement",
  complaint: "Réclamation",
  suggestion: "Suggestion",
};

/** The day an entry is dated by, per register. */
export const OCCURRED_LABELS: Record<RegisterKind, string> = {
  dysfunction: "Constaté le",
  complaint: "Reçue le",
  suggestion: "Date",
};

export const STATUSES = {
  dysfunction: ["ouvert", "traite", "clos"],
  complaint: ["ouverte", "repondue", "close"],
  suggestion: ["a_l_etude", "retenue", "non_retenue"],
} as const satisfies Record<RegisterKind, readonly string[]>;
export type EntryStatus = (typeof STATUSES)[RegisterKind][number];

export const ALL_STATUSES = [...STATUSES.dysfunction, ...STATUSES.complaint, ...STATUSES.suggestion] as const;

export const STATUS_LABELS: Record<EntryStatus, string> = {
  ouvert: "Ouvert",
  traite: "Traité",
  clos: "Clos",
  ouverte: "Ouverte",
  repondue: "Répondue",
  close: "Close",
  a_l_etude: "À l'étude",
  retenue: "Retenue",
  non_retenue: "Non retenue",
};

/** The status a new entry gets. */
export const INITIAL_STATUS: Record<RegisterKind, EntryStatus> = { dysfunction: "ouvert", complaint: "ouverte", suggestion: "a_l_etude" };

/** Statuses that end the entry's life: personal data retention counts from them. */
export const FINAL_STATUSES: readonly EntryStatus[] = ["clos", "close", "retenue", "non_retenue"];

export function isFinal(status: EntryStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function isStatusOf(kind: RegisterKind, status: string): status is EntryStatus {
  return (STATUSES[kind] as readonly string[]).includes(status);
}

export const CHANNELS = ["guichet", "telephone", "email", "courrier", "avis_en_ligne", "reseaux_sociaux", "questionnaire"] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  guichet: "Guichet",
  telephone: "Téléphone",
  email: "E-mail",
  courrier: "Courrier",
  avis_en_ligne: "Avis en ligne",
  reseaux_sociaux: "Réseaux sociaux",
  questionnaire: "Questionnaire de satisfaction",
};

export const SOURCES = ["visitor", "staff", "partner", "group_member", "person"] as const;
export type Source = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<Source, string> = {
  visitor: "Visiteur",
  staff: "Salarié(e)",
  partner: "Partenaire",
  group_member: "Membre du groupe qualité",
  person: "Une personne de l'office",
};

/** Categories offered at first; the office's own categories (those it has used) are added to them. */
export const DEFAULT_CATEGORIES: Record<RegisterKind, readonly string[]> = {
  dysfunction: ["Informatique", "Accueil", "Documentation", "Locaux", "Partenaires"],
  complaint: ["Accueil", "Information", "Boutique et billetterie", "Visites guidées", "Signalétique", "Site internet"],
  suggestion: ["Accueil", "Communication", "Numérique", "Offre et produits", "Partenaires", "Signalétique"],
};

export const DEFAULT_ANSWER_DAYS = 5;
export const DEFAULT_RETENTION_YEARS = 3;

/** How a delay is counted: given by the caller (French working days in the app, decision 022). */
export interface WorkingCalendar {
  addWorkingDays(day: string, n: number): string;
  workingDaysBetween(from: string, to: string): number;
}

export interface AnswerDelay {
  /** working days from reception to the answer (or to today while unanswered) */
  days: number;
  /** the last day of the target */
  dueOn: string;
  answered: boolean;
  late: boolean;
}

/**
 * A complaint's delay in working days: from the day it was received to the day it was answered,
 * or to today while it waits. It is late when answered after the target's last day, or still
 * unanswered once that day has passed.
 */
export function answerDelay(
  complaint: { occurredOn: string; answeredOn: string | null },
  targetDays: number,
  today: string,
  calendar: WorkingCalendar,
): AnswerDelay {
  const dueOn = calendar.addWorkingDays(complaint.occurredOn, targetDays);
  const end = complaint.answeredOn ?? today;
  return {
    days: calendar.workingDaysBetween(complaint.occurredOn, end),
    dueOn,
    answered: complaint.answeredOn !== null,
    late: isLate({ kind: "complaint", answerDueOn: dueOn, answeredOn: complaint.answeredOn }, today),
  };
}

/**
 * The day after which a complaint counts as late, stored with it (`late_after`) so that the
 * lists count and filter late complaints by one indexed comparison (decision 043): its target's
 * last day while it waits or when it was answered after it; none when it was answered in time.
 */
export function lateAfter(entry: { kind: RegisterKind; answerDueOn: string | null; answeredOn: string | null }): string | null {
  if (entry.kind !== "complaint" || entry.answerDueOn === null) return null;
  return entry.answeredOn === null || entry.answeredOn > entry.answerDueOn ? entry.answerDueOn : null;
}

/** Late once the day stored by `lateAfter` has passed: the rule every list and page applies. */
export function isLate(entry: { kind: RegisterKind; answerDueOn: string | null; answeredOn: string | null }, today: string): boolean {
  const after = lateAfter(entry);
  return after !== null && today > after;
}

/**
 * The day something was done (a complaint answered, a suggestion decided) cannot be after today
 * in Paris: null when the dates are possible, else the field and its French message.
 */
export function futureDoneDate(v: { answeredOn?: string | null; decidedOn?: string | null }, today: string): { field: "answeredOn" | "decidedOn"; message: string } | null {
  if (v.answeredOn && v.answeredOn > today) return { field: "answeredOn", message: "Répondue le : la date ne peut pas être après aujourd'hui ; corrigez-la (au plus tard la date du jour)." };
  if (v.decidedOn && v.decidedOn > today) return { field: "decidedOn", message: "Décidée le : la date ne peut pas être après aujourd'hui ; corrigez-la (au plus tard la date du jour)." };
  return null;
}

/**
 * Closing an entry (a final status) while some of its actions are open needs a reason; returns
 * the message for the reason field, or null when allowed.
 */
export function checkClosing(input: { status: EntryStatus; openActions: number; closeReason: string }): string | null {
  if (!isFinal(input.status) || input.openActions === 0) return null;
  if (input.closeReason.trim() !== "") return null;
  const n = input.openActions;
  return `Raison de la clôture : ${n} action${n > 1 ? "s" : ""} liée${n > 1 ? "s sont" : " est"} encore ouverte${n > 1 ? "s" : ""} ; dites pourquoi vous clôturez quand même.`;
}

/** A complaint's status follows its answer unless the user chose otherwise. */
export function statusAfterAnswer(kind: RegisterKind, status: EntryStatus, answeredOn: string | null): EntryStatus {
  if (kind === "complaint" && status === "ouverte" && answeredOn !== null) return "repondue";
  return status;
}

/**
 * Who may change an entry: the référente and administrators always; the person who logged it
 * while it is not handled yet (still in its first status, and a complaint not answered).
 */
export function canEditEntry(
  viewer: { canEditAll: boolean; canLog: boolean; userId: number | null },
  entry: { kind: RegisterKind; status: EntryStatus; createdByUserId: number | null; answeredOn: string | null },
): boolean {
  if (viewer.canEditAll) return true;
  if (!viewer.canLog || viewer.userId === null || entry.createdByUserId !== viewer.userId) return false;
  return entry.status === INITIAL_STATUS[entry.kind] && entry.answeredOn === null;
}

/** The personal-data columns of an entry: the complainant's name and contact. */
export const PERSONAL_FIELDS = ["contact_name", "contact_details"] as const;

/** The day from which an entry closed on `closedOn` may no longer keep personal data. */
export function retentionEnd(closedOn: string, retentionYears: number): string {
  const [y, m, d] = closedOn.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + retentionYears, m - 1, 1));
  const lastDay = new Date(Date.UTC(y + retentionYears, m, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Closed entries whose personal data must go: closed on or before this day. */
export function anonymiseClosedUpTo(today: string, retentionYears: number): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y - retentionYears, m - 1, 1));
  const lastDay = new Date(Date.UTC(y - retentionYears, m, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** "2021-03" → "mars 2021". */
export function monthLabel(month: string): string {
  const names = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
  return `${names[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}

/**
 * A register's summary for a period, as an agenda point of the minutes shows it (decision 034):
 * counts by category and by site, the entries and their actions. It names no complainant, so
 * that the quality group's members may read it (decision 023).
 */
export interface RegisterSummary {
  kind: RegisterKind;
  from: string;
  to: string;
  total: number;
  /** complaints answered late or still waiting past their due day */
  late: number;
  byCategory: Array<{ label: string; count: number }>;
  bySite: Array<{ label: string; count: number }>;
  entries: Array<{
    id: number;
    occurredOn: string;
    subject: string;
    category: string;
    site: string;
    status: string;
    late: boolean;
    /** how many times a dysfunction has been seen, itself included */
    occurrence: number;
    actions: Array<{ title: string; status: string; dueOn: string | null }>;
  }>;
  /** entries of the period not listed (the summary lists the first SUMMARY_ENTRIES) */
  more: number;
}

/** A summary's title, the same on the meeting's page and in the Word minutes. */
export function summaryTitle(summary: Pick<RegisterSummary, "kind" | "from" | "to">): string {
  return `Synthèse du registre « ${REGISTER_TITLES[summary.kind]} » du ${formatDate(summary.from)} au ${formatDate(summary.to)}`;
}

/** "Informatique : 2 · Documentation : 1" */
export function countsLine(items: RegisterSummary["byCategory"]): string {
  return items.map((i) => `${i.label} : ${i.count}`).join(" · ");
}

/** How many entries a summary lists; the counts cover them all. */
export const SUMMARY_ENTRIES = 100;

/** Reads a summary frozen at publication; a value that is not one (a damaged row) reads as none. */
export function parseFrozenSummary(text: unknown): RegisterSummary | null {
  if (typeof text !== "string" || text === "") return null;
  try {
    const value = JSON.parse(text) as Partial<RegisterSummary>;
    if (!value || !(REGISTER_KINDS as readonly string[]).includes(String(value.kind)) || !Array.isArray(value.entries) || !Array.isArray(value.byCategory) || !Array.isArray(value.bySite)) return null;
    return value as RegisterSummary;
  } catch {
    return null;
  }
}
