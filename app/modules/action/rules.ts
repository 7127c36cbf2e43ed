// The improvement action plan: statuses and the rules to move between them, overdue actions
// and progress. Time is injected ("today" as a Paris calendar day, YYYY-MM-DD).

export const ACTION_STATUSES = ["a_faire", "en_cours", "bloquee", "faite", "abandonnee"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  a_faire: "À faire",
  en_cours: "En cours",
  bloquee: "Bloquée",
  faite: "Faite",
  abandonnee: "Abandonnée",
};

export const PRIORITIES = ["basse", "normale", "haute"] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, string> = { basse: "Basse", normale: "Normale", haute: "Haute" };
export const PRIORITY_RANK: Record<Priority, number> = { basse: 1, normale: 2, haute: 3 };
/** Sort key of a due date: an action without one comes after every dated action. */
export function dueSortKey(dueOn: string | null): string {
  return dueOn ?? "9999-12-31";
}
export const OPEN_STATUSES = ["a_faire", "en_cours", "bloquee"] as const;

export const ORIGINS = ["finding", "meeting_decision", "dysfunction", "complaint", "suggestion", "self_assessment", "questionnaire", "other"] as const;
export type Origin = (typeof ORIGINS)[number];
export const ORIGIN_LABELS: Record<Origin, string> = {
  finding: "Constat d'audit",
  meeting_decision: "Décision de réunion",
  dysfunction: "Dysfonctionnement",
  complaint: "Réclamation",
  suggestion: "Suggestion",
  self_assessment: "Auto-évaluation",
  questionnaire: "Questionnaire de satisfaction",
  other: "Autre",
};

export const EFFECTIVENESS = ["efficace", "a_revoir"] as const;
export type Effectiveness = (typeof EFFECTIVENESS)[number];
export const EFFECTIVENESS_LABELS: Record<Effectiveness, string> = { efficace: "Efficace", a_revoir: "À revoir" };

const CLOSED: readonly ActionStatus[] = ["faite", "abandonnee"];

export function isClosed(status: ActionStatus): boolean {
  return CLOSED.includes(status);
}

/** Late: a due date passed while the action is still open. */
export function isOverdue(action: { status: ActionStatus; dueOn: string | null }, today: string): boolean {
  return action.dueOn !== null && action.dueOn < today && !isClosed(action.status);
}

export interface StatusChange {
  from: ActionStatus;
  to: ActionStatus;
  completedOn: string | null;
  reason: string;
  today: string;
}

/**
 * The rules of a status change, as messages for the field concerned (empty when allowed):
 * "faite" needs a completion date, not in the future; "bloquée" and "abandonnée" need a reason.
 * Reopening a done or abandoned action is allowed: the history keeps what it was.
 */
export function checkStatusChange(change: StatusChange): Record<string, string> {
  const errors: Record<string, string> = {};
  if (change.to === "faite") {
    if (!change.completedOn) errors.completedOn = "Date de réalisation : obligatoire pour une action faite.";
    else if (change.completedOn > change.today) errors.completedOn = "Date de réalisation : elle ne peut pas être dans le futur.";
  }
  if ((change.to === "bloquee" || change.to === "abandonnee") && change.reason.trim() === "") {
    errors.statusReason = `Raison : dites pourquoi l'action est ${change.to === "bloquee" ? "bloquée" : "abandonnée"}.`;
  }
  return errors;
}

/** What a status change writes besides the status: a reopened action loses its completion date. */
export function statusFields(change: StatusChange): { completedOn: string | null; statusReason: string } {
  return {
    completedOn: change.to === "faite" ? change.completedOn : null,
    statusReason: change.to === "bloquee" || change.to === "abandonnee" ? change.reason.trim() : "",
  };
}

export interface Progress {
  total: number;
  done: number;
  open: number;
  overdue: number;
  abandoned: number;
  /** done over done + open, in percent; null with nothing to do */
  percent: number | null;
}

export function progressOf(actions: ReadonlyArray<{ status: ActionStatus; dueOn: string | null }>, today: string): Progress {
  let done = 0;
  let open = 0;
  let overdue = 0;
  let abandoned = 0;
  for (const a of actions) {
    if (a.status === "faite") done += 1;
    else if (a.status === "abandonnee") abandoned += 1;
    else {
      open += 1;
      if (isOverdue(a, today)) overdue += 1;
    }
  }
  return { total: actions.length, done, open, overdue, abandoned, percent: percentDone(done, open) };
}

/** Done over done + open, in percent (abandoned actions count for neither); null with nothing to do. */
export function percentDone(done: number, open: number): number | null {
  return done + open === 0 ? null : Math.round((done / (done + open)) * 100);
}

export type QuickOutcome =
  | { kind: "unchanged" }
  | { kind: "change"; change: { status: ActionStatus; completedOn: string | null; statusReason: string; proof: string } }
  | { kind: "refused"; message: string };

/**
 * A status chosen from the list (no form of the action open): abandoning needs the action's
 * page (a confirmation and a reason); "faite" is done today unless it was done already.
 */
export function quickStatusChange(
  current: { status: ActionStatus; completedOn: string | null; statusReason: string; proof: string },
  status: ActionStatus | undefined,
  today: string,
): QuickOutcome {
  if (!status || status === current.status) return { kind: "unchanged" };
  if (status === "abandonnee") return { kind: "refused", message: "ouvrez l'action pour l'abandonner (une confirmation et une raison sont demandées)." };
  const completedOn = status === "faite" ? (current.completedOn ?? today) : null;
  return { kind: "change", change: { status, completedOn, statusReason: current.statusReason, proof: current.proof } };
}
