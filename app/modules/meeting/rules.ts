// Quality-group meetings: kinds, attendance, the cadence that says when the next meeting is
// due, and who may see, edit and read the minutes. Pure rules; time is always given.
import { addDays, addMonths, countdown, formatTime, type Countdown } from "../../domain/dates";
import type { RegisterKind } from "../register/rules";
import { can, type Role } from "../../domain/roles";

export const MEETING_KINDS = ["quality_group", "management_review", "other"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  quality_group: "Groupe qualité",
  management_review: "Revue de direction",
  other: "Autre réunion",
};

export const ATTENDEE_STATUSES = ["invited", "present", "excused", "absent"] as const;
export type AttendeeStatus = (typeof ATTENDEE_STATUSES)[number];
export const ATTENDEE_STATUS_LABELS: Record<AttendeeStatus, string> = {
  invited: "Invité(e)",
  present: "Présent(e)",
  excused: "Excusé(e)",
  absent: "Absent(e)",
};

/** "Mme Dupont (Présent(e), maire d'Amou)": one attendee as the history records it. */
export function describeAttendee(name: string, status: string, role = ""): string {
  const word = (ATTENDEE_STATUS_LABELS as Record<string, string>)[status] ?? status;
  return `${name} (${word}${role ? `, ${role}` : ""})`;
}

export const MEETING_STATUSES = ["draft", "published"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = { draft: "Brouillon", published: "Publié" };

export const DEFAULT_CADENCE_MONTHS = 6;

/** The agenda of a quality-group meeting, as the seed's minutes run. */
export const QUALITY_GROUP_AGENDA = [
  "Actualité de la marque et de l'audit",
  "Rapport d'activité",
  "Le numérique",
  "Commercialisation",
  "Billetterie",
  "Fréquentation des sites touristiques",
  "Indicateurs internes",
  "Tableau de bord de l'offre des adhérents",
  "Taxe de séjour",
  "Dysfonctionnements internes",
  "Suggestions",
] as const;

export const MANAGEMENT_REVIEW_AGENDA = [
  "Suivi des actions de la revue précédente",
  "Résultats des audits et des enquêtes de satisfaction",
  "Réclamations et dysfonctionnements",
  "Indicateurs",
  "Objectifs et moyens",
] as const;

export function defaultAgenda(kind: MeetingKind): readonly string[] {
  if (kind === "quality_group") return QUALITY_GROUP_AGENDA;
  if (kind === "management_review") return MANAGEMENT_REVIEW_AGENDA;
  return [];
}

// addMonths lives with the other calendar helpers: procedures and reminders take it from there
// without this module and its words (decision 051).
export { addMonths };

/**
 * The period of a register's summary in the minutes: the days the point's author chose, or by
 * default since the previous meeting of the series (the day after it) up to this meeting's day;
 * a first meeting looks back one year (decision 034).
 */
export function registerPeriod(input: { heldOn: string; previousHeldOn: string | null; from: string | null; to: string | null }): { from: string; to: string } {
  const to = input.to ?? input.heldOn;
  const from = input.from ?? (input.previousHeldOn ? addDays(input.previousHeldOn, 1) : addDays(addMonths(input.heldOn, -12), 1));
  return { from: from <= to ? from : to, to };
}


export interface SeriesCadence {
  cadenceMonths: number;
  firstDueOn: string | null;
}

/**
 * When the series' next meeting is due: a cadence after the last meeting held (today counts as
 * held), or the series' first due date when none has been held yet. A meeting held early or
 * late, in or outside the cadence, starts the count again from its own day.
 */
export function nextMeetingDue(series: SeriesCadence, meetingDays: readonly string[], today: string): string | null {
  const held = meetingDays.filter((d) => d <= today).sort();
  const last = held.at(-1);
  return last ? addMonths(last, series.cadenceMonths) : series.firstDueOn;
}

export type ScheduleState = "planned" | "overdue" | "due_soon" | "later" | "unscheduled";

export interface Schedule {
  lastHeldOn: string | null;
  /** The earliest meeting after today, if one is planned. */
  plannedOn: string | null;
  dueOn: string | null;
  state: ScheduleState;
  /** Countdown to the due date (null without one). */
  countdown: Countdown | null;
  /** The planned meeting falls after the due date. */
  plannedLate: boolean;
}

/** Days before the due date from which the director is reminded to plan the meeting. */
export const PLAN_AHEAD_DAYS = 45;

export function meetingSchedule(series: SeriesCadence, meetingDays: readonly string[], today: string): Schedule {
  const sorted = [...meetingDays].sort();
  const lastHeldOn = sorted.filter((d) => d <= today).at(-1) ?? null;
  const plannedOn = sorted.find((d) => d > today) ?? null;
  const dueOn = nextMeetingDue(series, sorted, today);
  const cd = dueOn ? countdown(today, dueOn, PLAN_AHEAD_DAYS) : null;
  let state: ScheduleState;
  if (plannedOn) state = "planned";
  else if (!cd) state = "unscheduled";
  else if (cd.days < 0) state = "overdue";
  else if (cd.urgency === "proche") state = "due_soon";
  else state = "later";
  return { lastHeldOn, plannedOn, dueOn, state, countdown: cd, plannedLate: Boolean(plannedOn && dueOn && plannedOn > dueOn) };
}

/** Drafts are for those who write them and for the director; published minutes for everyone. */
export function canSeeMeeting(role: Role, status: MeetingStatus): boolean {
  return status === "published" ? can(role, "meetings:view") : can(role, "meetings:view_drafts");
}

/** Marking as read is for published minutes only, by anyone who may see them. */
export function canMarkRead(role: Role, status: MeetingStatus): boolean {
  return status === "published" && can(role, "meetings:view");
}

/** "14:00" → minutes since midnight, for comparing times of a day. */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

export function isTimeOfDay(value: string): boolean {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  return Boolean(match && Number(match[1]) <= 23 && Number(match[2]) <= 59);
}

/** One item per non-empty line, bullets and numbering removed: agenda points, decisions. */
export function listItems(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•·]|\d+[.)])\s+/, "").trim())
    .filter((line) => line.length > 0);
}

/**
 * What keeps minutes from being saved as typed: an agenda already full when a point is added,
 * or a closing time that is not after the start. Null when they may be saved.
 */
export function minutesProblem(
  input: { adding: boolean; sectionCount: number; endTime: string | null; startTime: string },
  maxSections: number,
): { field: "endTime" | null; message: string } | null {
  if (input.adding && input.sectionCount >= maxSections) return { field: null, message: `Ordre du jour : ${maxSections} points au maximum.` };
  if (input.endTime && minutesOfDay(input.endTime) <= minutesOfDay(input.startTime)) {
    return { field: "endTime", message: `Fin de réunion : après l'heure de début (${formatTime(input.startTime)}).` };
  }
  return null;
}

/** What the agenda buttons of the minutes do, beside saving the text typed. */
export type MinutesOperation =
  | { kind: "save" }
  | { kind: "add-section" }
  | { kind: "move-up"; index: number }
  | { kind: "move-down"; index: number }
  | { kind: "remove-section"; index: number };

/** The text of a point added by "Ajouter un point". */
export const NEW_POINT = { title: "Nouveau point", body: "", decisions: "" } as const;

/**
 * The agenda after a button: a new point at the end, a point up or down one place, or a point
 * removed. An index out of the agenda (a stale page) leaves the agenda as it is.
 */
export function applyAgendaOperation<T>(points: readonly T[], op: MinutesOperation, newPoint: () => T): T[] {
  const list = [...points];
  const swap = (i: number, j: number) => {
    [list[i], list[j]] = [list[j] as T, list[i] as T];
    return list;
  };
  switch (op.kind) {
    case "save":
      return list;
    case "add-section":
      return [...list, newPoint()];
    case "move-up":
      return op.index > 0 && op.index < list.length ? swap(op.index - 1, op.index) : list;
    case "move-down":
      return op.index >= 0 && op.index < list.length - 1 ? swap(op.index, op.index + 1) : list;
    case "remove-section":
      return list.filter((_, i) => i !== op.index);
  }
}

/**
 * Why the minutes may not be published yet: the meeting is still to come, someone's attendance
 * is not taken, or nobody is noted present. Null when they may be published.
 */
export function publishProblem(input: { heldOn: string; today: string; attendeeStatuses: readonly AttendeeStatus[] }): string | null {
  if (input.heldOn > input.today) return "Publication : la réunion n'a pas encore eu lieu.";
  if (input.attendeeStatuses.includes("invited")) return "Publication : indiquez d'abord pour chaque participant s'il était présent, excusé ou absent.";
  if (!input.attendeeStatuses.includes("present")) return "Publication : aucun participant n'est noté présent.";
  return null;
}

/** A point's register summary as chosen: which register, and the days (null: the default period). */
export interface PointRegister {
  kind: RegisterKind;
  from: string | null;
  to: string | null;
}
