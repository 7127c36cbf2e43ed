// What is reminded, to whom, and when: pure rules, the day always given. Each reminder has a
// key that names it for good (the series, the due date, the stage, the recipient), so that the
// runner can send it once whatever day it runs: a day skipped, two runners at once, a crash.
import { addMonths, type Schedule } from "../meeting/rules";
import { countdown, daysBetween, formatLongDate } from "../../domain/dates";
import { ROLES, type Role } from "../../domain/roles";

/**
 * Every kind of reminder. Extension point: the registers' reminders (complaints to answer,
 * questionnaires to send, procedure sheets to review) add their kind here, with a rule below
 * returning `ReminderStage`s and a collector in `collect.server.ts`; the runner, the outbox,
 * the notification centre and the preferences take any kind listed here.
 */
export const REMINDER_KINDS = ["meeting_due", "label_expiry", "audit_due", "minutes_published", "action_digest"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  meeting_due: "Prochaine réunion à planifier",
  label_expiry: "Fin de validité d'un label",
  audit_due: "Prochain audit d'un label",
  minutes_published: "Compte rendu publié",
  action_digest: "Mes actions de la semaine",
};

export function isReminderKind(value: unknown): value is ReminderKind {
  return typeof value === "string" && (REMINDER_KINDS as readonly string[]).includes(value);
}

/** Days before the due date of a series' next meeting when the reminder goes out. */
export const DEFAULT_MEETING_DUE_DAYS: readonly number[] = [30, 7];

/** Who is reminded that a series' next meeting must be planned (the client named the director). */
export const MEETING_DUE_ROLES: readonly Role[] = ["director", "quality_referent"];

/** A late meeting is reminded again every week. */
export const LATE_REPEAT_DAYS = 7;

/** Which reminder of a due date is due today: one of the days before, or a week late. */
export type ReminderStage = { stage: "before"; days: number } | { stage: "late"; week: number };

/** The stage's part of a reminder key: "j-30", "retard-s0". */
export function stageKey(stage: ReminderStage): string {
  return stage.stage === "before" ? `j-${stage.days}` : `retard-s${stage.week}`;
}

/**
 * The reminder due on `today` for a due date, with `daysBefore` (any order): the last one whose
 * day has come, so that a runner that missed a day still sends it, and one that missed weeks
 * sends only the latest (the 30-day reminder is not sent on the day of the 7-day one). On the
 * due date itself the last "before" reminder still holds; from the next day, one per week late
 * (week 0 on the day after, week 1 a week later…).
 */
export function dueStage(dueOn: string, daysBefore: readonly number[], today: string): ReminderStage | null {
  const left = daysBetween(today, dueOn);
  if (left < 0) return { stage: "late", week: Math.floor((-left - 1) / LATE_REPEAT_DAYS) };
  const reached = daysBefore.filter((d) => d >= left);
  if (reached.length === 0) return null;
  return { stage: "before", days: Math.min(...reached) };
}

export interface MeetingDueInput {
  seriesId: number;
  seriesName: string;
  schedule: Schedule;
  /** The series' own days before (`reminder_days`). */
  daysBefore: readonly number[];
}

export interface ReminderRecipient {
  /** null: a person without an account (a partner), reached by mail only */
  userId: number | null;
  email: string;
  name: string;
}

export interface DueReminder {
  kind: ReminderKind;
  key: string;
  recipient: ReminderRecipient;
  title: string;
  body: string;
  /** The page it is about, inside the app. */
  url: string;
  /** For a person without an account: where the mail's button and unsubscribe link go instead (signed links). */
  links?: { open: string; unsubscribe: string };
}

/**
 * The next meeting of a series: reminded to the director and the référent(e) at each of the
 * series' days before its due date while none is planned, then each week while it is late.
 * Quiet once a meeting is planned (even after the due date: the schedule flags that).
 */
export function meetingDueReminders(input: MeetingDueInput, recipients: readonly ReminderRecipient[], today: string): DueReminder[] {
  const { schedule } = input;
  if (schedule.plannedOn || !schedule.dueOn) return [];
  const stage = dueStage(schedule.dueOn, input.daysBefore, today);
  if (!stage) return [];
  const due = formatLongDate(schedule.dueOn);
  const left = daysBetween(today, schedule.dueOn);
  const title =
    stage.stage === "late"
      ? `Réunion en retard : « ${input.seriesName} » devait se tenir avant le ${due}`
      : `Réunion à planifier : « ${input.seriesName} » avant le ${due}`;
  const when =
    left < 0
      ? `devait se tenir au plus tard le ${due} (${countdown(today, schedule.dueOn).text})`
      : left === 0
        ? `doit se tenir aujourd'hui, ${due}, au plus tard`
        : `doit se tenir au plus tard le ${due} (${countdown(today, schedule.dueOn).text})`;
  const last = schedule.lastHeldOn ? ` La dernière s'est tenue le ${formatLongDate(schedule.lastHeldOn)}.` : "";
  const body = `La prochaine réunion « ${input.seriesName} » ${when} et aucune n'est planifiée.${last} Planifiez-la pour garder le rythme que l'auditeur vérifie.`;
  return recipients.map((recipient) => ({
    kind: "meeting_due",
    key: `meeting_due:serie-${input.seriesId}:${schedule.dueOn}:${stageKey(stage)}:user-${recipient.userId}`,
    recipient,
    title,
    body,
    url: "/reunions",
  }));
}

/** Months before a label's end of validity, and before its next audit, when the reminder goes out. */
export const DEFAULT_LABEL_MONTHS: readonly number[] = [6, 3, 1];

/** Who is reminded of a label's dates: those who answer for the label (as for the meetings). */
export const LABEL_ROLES: readonly Role[] = MEETING_DUE_ROLES;

/**
 * The reminder of a date due on `today`, counted in months before it: the last stage whose day
 * has come (a runner that missed days still sends it; one that missed months sends only the
 * nearest). Nothing once the date has passed: the label's page and the dashboard say so.
 */
export function monthStage(dueOn: string, monthsBefore: readonly number[], today: string): number | null {
  if (today > dueOn) return null;
  const reached = monthsBefore.filter((m) => addMonths(dueOn, -m) <= today);
  return reached.length ? Math.min(...reached) : null;
}

export interface LabelReminderInput {
  labelId: number;
  labelName: string;
  validUntil: string | null;
  nextAuditDue: string | null;
  /** the office's actions past their due date, still open */
  lateActions: number;
  /** improvement points of the label's audits without a done action */
  pointsWithoutAction: number;
}

const inMonths = (m: number) => (m === 1 ? "dans un mois" : `dans ${m} mois`);

/** What is not ready, in a sentence, for the next audit's reminder. */
function notReadySentence(input: LabelReminderInput): string {
  const parts: string[] = [];
  if (input.lateActions > 0) parts.push(`${input.lateActions} action${input.lateActions > 1 ? "s" : ""} en retard`);
  if (input.pointsWithoutAction > 0) parts.push(`${input.pointsWithoutAction} point${input.pointsWithoutAction > 1 ? "s" : ""} à améliorer sans action faite`);
  return parts.length ? `À préparer : ${parts.join(" et ")} ; le dossier de préparation à l'audit les détaille.` : "Aucune action en retard ni point à améliorer sans action faite : le dossier de préparation à l'audit est prêt à être relu.";
}

/**
 * A label's end of validity and its next audit, each reminded at 6, 3 and 1 month before (the
 * office may set other months) to the director and the référent(e); the next audit's reminder
 * says what is not ready.
 */
export function labelReminders(input: LabelReminderInput, recipients: readonly ReminderRecipient[], today: string, monthsBefore: readonly number[] = DEFAULT_LABEL_MONTHS): DueReminder[] {
  const out: DueReminder[] = [];
  const url = `/audits/labels/${input.labelId}`;
  const expiry = input.validUntil ? monthStage(input.validUntil, monthsBefore, today) : null;
  if (input.validUntil && expiry !== null) {
    const until = formatLongDate(input.validUntil);
    for (const recipient of recipients) {
      out.push({
        kind: "label_expiry",
        key: `label_expiry:label-${input.labelId}:${input.validUntil}:m-${expiry}:user-${recipient.userId}`,
        recipient,
        title: `Label « ${input.labelName} » : fin de validité le ${until}`,
        body: `Le label « ${input.labelName} » n'est plus valable après le ${until}, ${inMonths(expiry)} environ (${countdown(today, input.validUntil).text}). Vérifiez que l'audit de renouvellement est planifié à temps.`,
        url,
      });
    }
  }
  const audit = input.nextAuditDue ? monthStage(input.nextAuditDue, monthsBefore, today) : null;
  if (input.nextAuditDue && audit !== null) {
    const on = formatLongDate(input.nextAuditDue);
    for (const recipient of recipients) {
      out.push({
        kind: "audit_due",
        key: `audit_due:label-${input.labelId}:${input.nextAuditDue}:m-${audit}:user-${recipient.userId}`,
        recipient,
        title: `Label « ${input.labelName} » : prochain audit le ${on}`,
        body: `Le prochain audit du label « ${input.labelName} » est prévu le ${on}, ${inMonths(audit)} environ (${countdown(today, input.nextAuditDue).text}). ${notReadySentence(input)}`,
        url,
      });
    }
  }
  return out;
}

/** Who is told that minutes are published: the quality group's members (decision 025). */
export const MINUTES_ROLES: readonly Role[] = ["quality_group_member"];

/** Minutes published longer ago than this are no longer announced (a runner back after weeks). */
export const ANNOUNCE_WITHIN_DAYS = 14;

export interface PublishedMinutes {
  meetingId: number;
  title: string;
  heldOn: string;
  /** the instant of publication: published again after a correction, announced again */
  publishedAt: string;
}

/** Published minutes, announced once to each member with a link (again if published again). */
export function minutesPublishedReminders(minutes: PublishedMinutes, recipients: readonly ReminderRecipient[]): DueReminder[] {
  const held = formatLongDate(minutes.heldOn);
  return recipients.map((recipient) => ({
    kind: "minutes_published",
    key: `minutes_published:meeting-${minutes.meetingId}:${minutes.publishedAt}:user-${recipient.userId}`,
    recipient,
    title: `Compte rendu à lire : « ${minutes.title} » du ${held}`,
    body: `Le compte rendu de la réunion « ${minutes.title} » du ${held} est publié. Lisez-le et indiquez que vous l'avez lu ; vous pouvez aussi le télécharger en Word.`,
    url: `/reunions/${minutes.meetingId}`,
  }));
}

/** Who may receive each kind: the preferences page offers a person only the kinds of their role. */
export const REMINDER_KIND_ROLES: Record<ReminderKind, readonly Role[]> = {
  meeting_due: MEETING_DUE_ROLES,
  label_expiry: LABEL_ROLES,
  audit_due: LABEL_ROLES,
  minutes_published: MINUTES_ROLES,
  // Anyone may own actions.
  action_digest: ROLES,
};

export function reminderKindsFor(role: Role): ReminderKind[] {
  return REMINDER_KINDS.filter((kind) => REMINDER_KIND_ROLES[kind].includes(role));
}

/** The digest goes out on this day of the week (1 = Monday), or later that week if the runner missed it. */
export const DIGEST_WEEKDAY = 1;
/** Actions due within this many days are in the digest, with the late ones. */
export const DIGEST_DAYS_AHEAD = 7;

export interface DigestAction {
  id: number;
  title: string;
  dueOn: string;
}

export interface DigestOwner {
  personId: number;
  recipient: ReminderRecipient;
  actions: readonly DigestAction[];
}

/** ISO week of a day: "2026-W49" (weeks start on Monday; the week of 4 January is the first). */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the week's Thursday
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * One digest per owner and week (not one mail per action): their open actions late or due
 * within the next 7 days, sent on the digest day or, if the runner missed it, later that week.
 */
export function actionDigests(owners: readonly DigestOwner[], today: string, weekday = DIGEST_WEEKDAY): DueReminder[] {
  const todayWeekday = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  if (todayWeekday < weekday) return [];
  const week = isoWeek(today);
  const out: DueReminder[] = [];
  for (const owner of owners) {
    const listed = owner.actions.filter((a) => daysBetween(today, a.dueOn) <= DIGEST_DAYS_AHEAD).slice().sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id - b.id);
    if (listed.length === 0) continue;
    const late = listed.filter((a) => a.dueOn < today);
    const lines = listed.map((a) => `– ${a.title} : ${a.dueOn < today ? `en retard depuis le ${formatLongDate(a.dueOn)}` : `échéance le ${formatLongDate(a.dueOn)}`}`);
    const count = `${listed.length} action${listed.length > 1 ? "s" : ""}`;
    out.push({
      kind: "action_digest",
      key: `action_digest:person-${owner.personId}:${week}:${owner.recipient.userId === null ? `mail-${owner.recipient.email}` : `user-${owner.recipient.userId}`}`,
      recipient: owner.recipient,
      title: late.length ? `Vos actions : ${count}, dont ${late.length} en retard` : `Vos actions : ${count} à échéance cette semaine`,
      body: `Voici les actions du plan dont vous êtes le pilote, en retard ou à échéance dans les ${DIGEST_DAYS_AHEAD} jours :\n${lines.join("\n")}`,
      url: `/plan-d-actions?pilote=${owner.personId}&statut=a_faire&statut=en_cours&statut=bloquee`,
    });
  }
  return out;
}

/** "30,7" → [30, 7]; anything that is not a whole number of days from 0 to 365 is dropped. */
export function parseReminderDays(text: string): number[] {
  const days = text
    .split(/[,;\s]+/)
    .filter((part) => /^\d{1,3}$/.test(part))
    .map(Number)
    .filter((d) => d <= 365);
  return [...new Set(days)].sort((a, b) => b - a);
}

/** Mail retries: 5 minutes, then 30 minutes, 2 hours, 12 hours; after `MAX_ATTEMPTS` the mail has failed. */
export const RETRY_DELAYS_MINUTES: readonly number[] = [5, 30, 120, 720];
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/** When to try again after the `attempts`-th failure, or null when it is time to give up. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const minutes = RETRY_DELAYS_MINUTES[Math.max(attempts, 1) - 1]!;
  return new Date(now.getTime() + minutes * 60_000);
}
