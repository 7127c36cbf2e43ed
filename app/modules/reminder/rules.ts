// What is reminded, to whom, and when: pure rules, the day always given. Each reminder has a
// key that names it for good (the series, the due date, the stage, the recipient), so that the
// runner can send it once whatever day it runs: a day skipped, two runners at once, a crash.
import type { Schedule } from "../meeting/rules";
import { reviewOf } from "../procedure/rules";
import type { Channel } from "../questionnaire/rules";
import { isLate, type EntryStatus, type WorkingCalendar } from "../register/rules";
import { addMonths, countdown, daysBetween, formatLongDate } from "../../domain/dates";
import { ROLES, type Role } from "../../domain/roles";

/**
 * Every kind of reminder. Extension point: a new kind is added here, with a rule below returning
 * `ReminderStage`s and a collector in `collect.server.ts` (the registers' complaints to answer,
 * procedure sheets to review and questionnaire campaigns came that way, decision 044); the
 * runner, the outbox, the notification centre and the preferences take any kind listed here.
 */
export const REMINDER_KINDS = ["meeting_due", "label_expiry", "audit_due", "minutes_published", "action_digest", "complaint_answer", "procedure_review", "questionnaire_campaign"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  meeting_due: "Prochaine réunion à planifier",
  label_expiry: "Fin de validité d'un label",
  audit_due: "Prochain audit d'un label",
  minutes_published: "Compte rendu publié",
  action_digest: "Mes actions de la semaine",
  complaint_answer: "Réclamation à répondre",
  procedure_review: "Fiche qualité à revoir",
  questionnaire_campaign: "Questionnaire à diffuser ou à saisir",
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
export function labelReminders(
  input: LabelReminderInput,
  recipients: readonly ReminderRecipient[],
  today: string,
  months: readonly number[] | { expiry: readonly number[]; audit: readonly number[] } = DEFAULT_LABEL_MONTHS,
): DueReminder[] {
  const out: DueReminder[] = [];
  const url = `/audits/labels/${input.labelId}`;
  const { expiry: expiryMonths, audit: auditMonths } = "expiry" in months ? months : { expiry: months, audit: months };
  const expiry = input.validUntil ? monthStage(input.validUntil, expiryMonths, today) : null;
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
  const audit = input.nextAuditDue ? monthStage(input.nextAuditDue, auditMonths, today) : null;
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

// ── The registers' reminders (decision 044) ─────────────────────────────────────────────────

/** The référent(e) qualité is told of every complaint waiting for its answer, and of every campaign. */
export const REFERENT_ROLES: readonly Role[] = ["quality_referent"];

/** Anyone may handle a complaint, or be named on a procedure sheet: every role is offered those kinds. */
export const HANDLER_ROLES: readonly Role[] = ROLES;

export interface ComplaintToAnswer {
  entryId: number;
  subject: string;
  occurredOn: string;
  status: EntryStatus;
  /** the last working day of the office's target */
  answerDueOn: string | null;
  answeredOn: string | null;
}

/**
 * Which reminder of a complaint is due on `today`: on the working day before its last day (kept
 * until that last day, so that a runner that missed a day still sends it), then once a week
 * while it is late (the register's `isLate`). Null once it is answered or no longer open.
 */
export function complaintStage(complaint: ComplaintToAnswer, today: string, calendar: Pick<WorkingCalendar, "workingDaysBetween">, workingDaysBefore = DEFAULT_COMPLAINT_WORKING_DAYS): ReminderStage | null {
  if (complaint.answeredOn !== null || complaint.status !== "ouverte" || complaint.answerDueOn === null) return null;
  if (isLate({ kind: "complaint", answerDueOn: complaint.answerDueOn, answeredOn: null }, today)) return dueStage(complaint.answerDueOn, [], today);
  return calendar.workingDaysBetween(today, complaint.answerDueOn) <= workingDaysBefore ? { stage: "before", days: workingDaysBefore } : null;
}

/** A complaint is reminded this many working days before its last day (the office may set another). */
export const DEFAULT_COMPLAINT_WORKING_DAYS = 1;

/**
 * A complaint still unanswered: reminded to the person handling it and to the référent(e) on
 * the working day before the office's target ends, then each week while it is late.
 */
export function complaintAnswerReminders(
  complaint: ComplaintToAnswer,
  recipients: readonly ReminderRecipient[],
  today: string,
  calendar: Pick<WorkingCalendar, "workingDaysBetween">,
  workingDaysBefore = DEFAULT_COMPLAINT_WORKING_DAYS,
): DueReminder[] {
  const stage = complaintStage(complaint, today, calendar, workingDaysBefore);
  if (!stage || complaint.answerDueOn === null) return [];
  const due = formatLongDate(complaint.answerDueOn);
  const received = formatLongDate(complaint.occurredOn);
  const left = countdown(today, complaint.answerDueOn).text;
  const title =
    stage.stage === "late"
      ? `Réclamation en retard : « ${complaint.subject} », réponse attendue le ${due}`
      : `Réclamation à répondre : « ${complaint.subject} » au plus tard le ${due}`;
  const body =
    stage.stage === "late"
      ? `La réclamation n° ${complaint.entryId} reçue le ${received} (« ${complaint.subject} ») n'a toujours pas de réponse : le délai de l'office s'est terminé le ${due} (${left}). Répondez-y dès que possible et notez la réponse dans le registre ; ce rappel revient chaque semaine tant qu'elle n'est ni répondue ni close.`
      : `La réclamation n° ${complaint.entryId} reçue le ${received} (« ${complaint.subject} ») attend sa réponse : le délai de l'office se termine le ${due} (${left}). Répondez-y et notez la réponse dans le registre : une réponse après ce jour compte en retard.`;
  return recipients.map((recipient) => ({
    kind: "complaint_answer",
    key: `complaint_answer:entry-${complaint.entryId}:${complaint.answerDueOn}:${stageKey(stage)}:user-${recipient.userId}`,
    recipient,
    title,
    body,
    url: `/registres/entrees/${complaint.entryId}`,
  }));
}

/** Days before a procedure sheet's review is due when the reminder goes out (then weekly while overdue). */
export const DEFAULT_REVIEW_REMINDER_DAYS: readonly number[] = [30, 7];

export interface SheetToReview {
  sheetId: number;
  code: string;
  title: string;
  reviewedOn: string | null;
  reviewMonths: number;
  /** 0: never published, nothing to review */
  currentVersion: number;
}

/**
 * A published sheet's next review (the procedure module's `reviewOf`): reminded 30 and 7 days
 * before it is due, then each week while overdue. A review recorded, or a new version published,
 * moves the due date a cadence later: the old keys stop and new ones start there.
 */
export function procedureReviewReminders(sheet: SheetToReview, recipients: readonly ReminderRecipient[], today: string, daysBefore: readonly number[] = DEFAULT_REVIEW_REMINDER_DAYS): DueReminder[] {
  const { dueOn } = reviewOf(sheet, today);
  if (!dueOn) return [];
  const stage = dueStage(dueOn, daysBefore, today);
  if (!stage) return [];
  const due = formatLongDate(dueOn);
  const name = `${sheet.code} « ${sheet.title} »`;
  const last = sheet.reviewedOn ? ` Sa dernière revue date du ${formatLongDate(sheet.reviewedOn)} ; elle se revoit tous les ${sheet.reviewMonths} mois.` : "";
  const what = "Relisez-la : publiez une nouvelle version si quelque chose change, sinon enregistrez la revue sans modification.";
  const title = stage.stage === "late" ? `Revue en retard : fiche ${name}, à revoir depuis le ${due}` : `Fiche qualité à revoir : ${name} avant le ${due}`;
  const body =
    stage.stage === "late"
      ? `La fiche qualité ${name} devait être revue au plus tard le ${due} (${countdown(today, dueOn).text}).${last} ${what} Ce rappel revient chaque semaine tant que la revue n'est pas faite.`
      : `La fiche qualité ${name} doit être revue au plus tard le ${due} (${countdown(today, dueOn).text}).${last} ${what}`;
  return recipients.map((recipient) => ({
    kind: "procedure_review",
    key: `procedure_review:sheet-${sheet.sheetId}:${dueOn}:${stageKey(stage)}:user-${recipient.userId}`,
    recipient,
    title,
    body,
    url: `/fiches-qualite/${sheet.sheetId}`,
  }));
}

/** A campaign is reminded this many days before its first day (to print it, to send its link). */
export const CAMPAIGN_BEFORE_DAYS = 7;
/** The day-after reminder is still sent this many days after the end by a runner that missed it, then no more. */
export const CAMPAIGN_AFTER_DAYS = 7;

export interface Campaign {
  questionnaireId: number;
  title: string;
  startsOn: string;
  endsOn: string;
  notHeld: boolean;
  channels: readonly Channel[];
  /** answer sheets recorded so far */
  responses: number;
}

/** What preparing a campaign means for each of its channels, in the mail's order. */
const CAMPAIGN_CHANNEL_TASKS: ReadonlyArray<[Channel, string]> = [
  ["papier", "imprimez le questionnaire papier pour les bureaux"],
  ["email", "envoyez le lien par courriel"],
  ["en_ligne", "publiez le lien"],
  ["qr_code", "posez le QR code aux guichets"],
];

const sheets = (n: number) => (n === 0 ? "aucune feuille de réponse n'est enregistrée" : `${n} feuille${n > 1 ? "s" : ""} de réponse ${n > 1 ? "sont enregistrées" : "est enregistrée"}`);

/**
 * A questionnaire campaign, reminded to the référent(e): 7 days before it starts (until its first
 * day: to print the paper questionnaire, to send the link), and on the day after it ends (for a
 * week: to type the paper sheets in and read the results). Never for a campaign recorded as not
 * held; nothing once those windows have passed (a campaign typed in afterwards is not reminded).
 */
export function questionnaireCampaignReminders(campaign: Campaign, recipients: readonly ReminderRecipient[], today: string, daysBefore = CAMPAIGN_BEFORE_DAYS): DueReminder[] {
  if (campaign.notHeld) return [];
  const start = formatLongDate(campaign.startsOn);
  const end = formatLongDate(campaign.endsOn);
  const paper = campaign.channels.includes("papier");
  const toStart = daysBetween(today, campaign.startsOn);
  const sinceEnd = daysBetween(campaign.endsOn, today);
  let reminder: { stage: string; title: string; body: string; url: string } | null = null;
  if (toStart >= 0 && toStart <= daysBefore) {
    const todo = CAMPAIGN_CHANNEL_TASKS.filter(([channel]) => campaign.channels.includes(channel)).map(([, task]) => task).join(", ");
    reminder = {
      stage: `debut:${campaign.startsOn}`,
      title: `Questionnaire à diffuser : « ${campaign.title} » à partir du ${start}`,
      body: `La campagne « ${campaign.title} » commence le ${start} (${countdown(today, campaign.startsOn).text}) et se termine le ${end}. Préparez-la : ${todo || "diffusez le questionnaire"} ; la page « Diffusion » donne le document à imprimer, le lien et les QR codes.`,
      url: `/registres/questionnaires/${campaign.questionnaireId}/diffusion`,
    };
  } else if (sinceEnd >= 1 && sinceEnd <= CAMPAIGN_AFTER_DAYS) {
    reminder = {
      stage: `fin:${campaign.endsOn}`,
      title: `Questionnaire terminé : « ${campaign.title} », ${paper ? "saisissez les réponses papier" : "lisez les résultats"}`,
      body: `La campagne « ${campaign.title} » s'est terminée le ${end} ; ${sheets(campaign.responses)}. ${paper ? "Saisissez les feuilles papier qui restent, puis lisez" : "Lisez"} les résultats et décidez des suites (une réclamation, une action du plan).`,
      url: `/registres/questionnaires/${campaign.questionnaireId}`,
    };
  }
  if (!reminder) return [];
  const { stage, ...shown } = reminder;
  return recipients.map((recipient) => ({
    kind: "questionnaire_campaign",
    key: `questionnaire_campaign:questionnaire-${campaign.questionnaireId}:${stage}:user-${recipient.userId}`,
    recipient,
    ...shown,
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
  complaint_answer: HANDLER_ROLES,
  procedure_review: HANDLER_ROLES,
  questionnaire_campaign: REFERENT_ROLES,
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
  /** the day of the week the person chose for their digest (1 = Monday … 5 = Friday); none: the office's default */
  weekday?: number | null;
}

/** The days a person may choose for their digest, Monday to Friday (1 to 5). */
export const DIGEST_WEEKDAYS: ReadonlyArray<{ value: number; label: string }> = [
  { value: 1, label: "lundi" },
  { value: 2, label: "mardi" },
  { value: 3, label: "mercredi" },
  { value: 4, label: "jeudi" },
  { value: 5, label: "vendredi" },
];

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
 * within the next 7 days, sent on the owner's digest day (Monday unless they chose another) or,
 * if the runner missed it, later that week. The key names the week: choosing another day after
 * this week's digest left does not send a second one.
 */
export function actionDigests(owners: readonly DigestOwner[], today: string, weekday = DIGEST_WEEKDAY): DueReminder[] {
  const todayWeekday = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const week = isoWeek(today);
  const out: DueReminder[] = [];
  for (const owner of owners) {
    // Each person's own day (or the office's): sent that day, or later that week if the runner missed it.
    if (todayWeekday < (owner.weekday ?? weekday)) continue;
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

// ---------------------------------------------------------------------------------------------
// The stages an office may set (decision 046)

/** The kinds whose reminder days an office may change; a meeting series' days are set on the series. */
export const OFFICE_STAGE_KINDS = ["label_expiry", "audit_due", "procedure_review", "questionnaire_campaign", "complaint_answer"] as const;
export type OfficeStageKind = (typeof OFFICE_STAGE_KINDS)[number];

export interface StageSetting {
  /** the field's label on the page and in its messages */
  label: string;
  /** the unit, in words: "mois", "jours", "jours ouvrés" */
  unit: string;
  defaults: readonly number[];
  min: number;
  max: number;
  /** one number only (a window rather than stages) */
  single: boolean;
  hint: string;
}

export const OFFICE_STAGES: Record<OfficeStageKind, StageSetting> = {
  label_expiry: { label: "Fin de validité d'un label", unit: "mois", defaults: DEFAULT_LABEL_MONTHS, min: 1, max: 24, single: false, hint: "Mois avant la fin de validité, séparés par des virgules." },
  audit_due: { label: "Prochain audit d'un label", unit: "mois", defaults: DEFAULT_LABEL_MONTHS, min: 1, max: 24, single: false, hint: "Mois avant la date de l'audit, séparés par des virgules." },
  procedure_review: { label: "Revue d'une fiche qualité", unit: "jours", defaults: DEFAULT_REVIEW_REMINDER_DAYS, min: 1, max: 365, single: false, hint: "Jours avant la date de revue, puis chaque semaine de retard." },
  questionnaire_campaign: { label: "Début d'une campagne de questionnaire", unit: "jours", defaults: [CAMPAIGN_BEFORE_DAYS], min: 1, max: 60, single: true, hint: "Jours avant le début, pour imprimer et diffuser le questionnaire ; le lendemain de la fin, un second rappel." },
  complaint_answer: { label: "Réponse à une réclamation", unit: "jours ouvrés", defaults: [DEFAULT_COMPLAINT_WORKING_DAYS], min: 0, max: 20, single: true, hint: "Jours ouvrés avant la fin du délai de réponse (0 : le dernier jour), puis chaque semaine de retard." },
};

export type OfficeStages = Record<OfficeStageKind, readonly number[]>;

/** "6, 3, 1" → [6, 3, 1] within the kind's bounds, or the French message saying what is expected. */
export function parseStages(kind: OfficeStageKind, text: string): number[] | string {
  const setting = OFFICE_STAGES[kind];
  const expected = setting.single
    ? `${setting.label} : un nombre de ${setting.unit} entre ${setting.min} et ${setting.max}.`
    : `${setting.label} : des nombres de ${setting.unit} entre ${setting.min} et ${setting.max}, séparés par des virgules (exemple : ${setting.defaults.join(", ")}).`;
  const parts = text.split(/[,;]/).map((p) => p.trim()).filter((p) => p !== "");
  if (parts.length === 0 || (setting.single && parts.length > 1) || parts.length > 6) return expected;
  const values: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return expected;
    const n = Number(p);
    if (n < setting.min || n > setting.max) return expected;
    if (!values.includes(n)) values.push(n);
  }
  return values.sort((a, b) => b - a);
}

/** The office's stages from its stored rows; a kind without a row (or with a damaged one) keeps its defaults. */
export function officeStages(rows: ReadonlyArray<{ kind: string; stages: string }>): OfficeStages {
  const stages = Object.fromEntries(OFFICE_STAGE_KINDS.map((k) => [k, OFFICE_STAGES[k].defaults])) as Record<OfficeStageKind, readonly number[]>;
  for (const row of rows) {
    if (!(OFFICE_STAGE_KINDS as readonly string[]).includes(row.kind)) continue;
    const parsed = parseStages(row.kind as OfficeStageKind, row.stages);
    if (typeof parsed !== "string") stages[row.kind as OfficeStageKind] = parsed;
  }
  return stages;
}

/** [6, 3, 1] → "6, 3, 1", as the form shows it. */
export function formatStages(stages: readonly number[]): string {
  return stages.join(", ");
}
