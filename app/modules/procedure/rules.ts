// Quality procedure sheets (fiches qualité): the groups a sheet can name and who is in them,
// versions, review dates and "lu et compris" confirmations. Pure rules; today is always given.
import { addMonths, countdown, type Countdown } from "../../domain/dates";
import { can, type Role } from "../../domain/roles";
import type { PersonContract, PersonKind } from "../person/rules";

/** Groups a sheet can name beside people, in the order the header lists them (decision 036). */
export const PROCEDURE_GROUPS = ["all_staff", "quality_group", "interns", "seasonal", "newcomers"] as const;
export type ProcedureGroup = (typeof PROCEDURE_GROUPS)[number];

export const PROCEDURE_GROUP_LABELS: Record<ProcedureGroup, string> = {
  all_staff: "Toute l'équipe salariée",
  quality_group: "Membres du groupe qualité",
  interns: "Stagiaires",
  seasonal: "Saisonniers",
  newcomers: "Tout nouveau personnel",
};

/** How long a member of staff counts as "nouveau personnel" after their day of arrival. */
export const NEWCOMER_MONTHS = 6;

/** Who each group is, in a sentence (the sheet form's hints). */
export const PROCEDURE_GROUP_HINTS: Record<ProcedureGroup, string> = {
  all_staff: "les salarié(e)s de l'office, quel que soit leur contrat",
  quality_group: "les personnes cochées « membre du groupe qualité »",
  interns: "les salarié(e)s dont le contrat est « stagiaire »",
  seasonal: "les salarié(e)s dont le contrat est « saisonnier »",
  newcomers: `les salarié(e)s arrivé(e)s depuis moins de ${NEWCOMER_MONTHS} mois`,
};

export const DEFAULT_REVIEW_MONTHS = 12;
/** A review due within this many days is shown as due soon. */
export const REVIEW_SOON_DAYS = 30;

/** What the groups read of a person. */
export interface GroupedPerson {
  id: number;
  kind: PersonKind;
  contract: PersonContract;
  arrivedOn: string | null;
  qualityGroupMember: boolean;
  active: boolean;
}

/** A member of staff until NEWCOMER_MONTHS after their day of arrival (and before it: someone about to arrive). */
export function isNewcomer(person: Pick<GroupedPerson, "kind" | "arrivedOn">, today: string): boolean {
  return person.kind === "staff" && person.arrivedOn !== null && today < addMonths(person.arrivedOn, NEWCOMER_MONTHS);
}

/** The groups a person is in today. */
export function personGroups(person: GroupedPerson, today: string): ProcedureGroup[] {
  const groups: ProcedureGroup[] = [];
  if (person.kind === "staff") groups.push("all_staff");
  if (person.qualityGroupMember) groups.push("quality_group");
  if (person.kind === "staff" && person.contract === "intern") groups.push("interns");
  if (person.kind === "staff" && person.contract === "seasonal") groups.push("seasonal");
  if (isNewcomer(person, today)) groups.push("newcomers");
  return groups;
}

export interface Concerned {
  personIds: readonly number[];
  groups: readonly ProcedureGroup[];
}

/** Whether a version concerns a person today: named on it, or in one of its groups. Someone who has left is not asked. */
export function isConcerned(concerned: Concerned, person: GroupedPerson, today: string): boolean {
  if (!person.active) return false;
  if (concerned.personIds.includes(person.id)) return true;
  const groups = personGroups(person, today);
  return concerned.groups.some((g) => groups.includes(g));
}

/** The groups stored as "interns,seasonal": known codes only, each once, in the header's order. */
export function parseGroups(text: string | null | undefined): ProcedureGroup[] {
  const codes = new Set((text ?? "").split(","));
  return PROCEDURE_GROUPS.filter((g) => codes.has(g));
}

export function groupsText(groups: readonly ProcedureGroup[]): string {
  return parseGroups(groups.join(",")).join(",");
}

/** The header's "Personnes concernées": names, then groups, as the seed writes them ("… – Stagiaires – Saisonniers – Tout nouveau personnel"). */
export function concernedLine(names: readonly string[], groups: readonly ProcedureGroup[]): string {
  return [...names, ...parseGroups(groups.join(",")).map((g) => PROCEDURE_GROUP_LABELS[g])].join(" – ");
}

// ── Versions ────────────────────────────────────────────────────────────────────────────────

export const VERSION_STATUSES = ["draft", "published"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = { draft: "En préparation", published: "Publiée" };

/** What a version says: a new version is made only when one of these changes. */
export interface VersionContent {
  title: string;
  domain: string;
  body: string;
  referentId: number | null;
  followUpId: number | null;
  personIds: readonly number[];
  groups: readonly ProcedureGroup[];
}

export function sameContent(a: VersionContent, b: VersionContent): boolean {
  const ids = (list: readonly number[]) => [...new Set(list)].sort((x, y) => x - y).join(",");
  return (
    a.title === b.title &&
    a.domain === b.domain &&
    a.body === b.body &&
    a.referentId === b.referentId &&
    a.followUpId === b.followUpId &&
    ids(a.personIds) === ids(b.personIds) &&
    groupsText(a.groups) === groupsText(b.groups)
  );
}

/** The next version's number: 1 for a sheet never published. */
export function nextVersionNumber(currentVersion: number): number {
  return currentVersion + 1;
}

/**
 * What keeps a draft from being published: from the second version on, readers are told what
 * changed ("Objet de la modification"). Null when it may be published.
 */
export function publishProblem(draft: { number: number; changeNote: string }): { field: "changeNote"; message: string } | null {
  if (draft.number > 1 && draft.changeNote.trim() === "") {
    return { field: "changeNote", message: "Objet de la modification : dites ce qui change pour les lecteurs de la fiche." };
  }
  return null;
}

/** The change note of a first version when none is typed. */
export const FIRST_VERSION_NOTE = "Création de la fiche";

// ── Reviews ─────────────────────────────────────────────────────────────────────────────────

/** The day the next review is due: a review interval after the last review (none before the first publication). */
export function nextReviewOn(reviewedOn: string | null, reviewMonths: number): string | null {
  return reviewedOn ? addMonths(reviewedOn, reviewMonths) : null;
}

export type ReviewState = "late" | "soon" | "ok" | "unpublished";

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  late: "revue en retard",
  soon: "à revoir bientôt",
  ok: "à jour",
  unpublished: "pas encore publiée",
};

export interface Review {
  dueOn: string | null;
  state: ReviewState;
  countdown: Countdown | null;
}

export function reviewOf(sheet: { reviewedOn: string | null; reviewMonths: number; currentVersion: number }, today: string): Review {
  const dueOn = sheet.currentVersion > 0 ? nextReviewOn(sheet.reviewedOn, sheet.reviewMonths) : null;
  if (!dueOn) return { dueOn: null, state: "unpublished", countdown: null };
  const cd = countdown(today, dueOn, REVIEW_SOON_DAYS);
  return { dueOn, state: cd.urgency === "passe" ? "late" : cd.urgency === "proche" ? "soon" : "ok", countdown: cd };
}

/** A review without change is dated on a day that has come, not before the version it reviews. */
export function reviewDayProblem(day: string, input: { today: string; versionUpdatedOn: string | null }): string | null {
  if (day > input.today) return "Revue faite le : la date ne peut pas être à venir.";
  if (input.versionUpdatedOn && day < input.versionUpdatedOn) return "Revue faite le : la date précède la publication de la version en vigueur.";
  return null;
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────

export type ReadState = "confirmed" | "previous" | "missing";

/**
 * Where a reader stands with the version in force: confirmed it, confirmed only an earlier
 * version (which does not count), or confirmed none.
 */
export function readState(confirmedNumbers: readonly number[], currentVersion: number): ReadState {
  if (currentVersion > 0 && confirmedNumbers.includes(currentVersion)) return "confirmed";
  return confirmedNumbers.some((n) => n < currentVersion) ? "previous" : "missing";
}

/** A sheet never published exists only for those who may read drafts; a published one for everyone who reads sheets. */
export function canSeeSheet(role: Role, currentVersion: number): boolean {
  return currentVersion > 0 ? can(role, "procedures:view") : can(role, "procedures:view_drafts");
}

/** Confirming is for the version in force, by anyone who sees it. */
export function canConfirm(role: Role, currentVersion: number): boolean {
  return currentVersion > 0 && can(role, "procedures:view");
}

/** "FQ-07", "PRO 3.1", "ACC/02": letters, digits, spaces, points, slashes, tirets. */
export function isSheetCode(code: string): boolean {
  return /^[\p{L}\p{N}][\p{L}\p{N} ._/-]{0,39}$/u.test(code);
}
