// Gathers what each kind of reminder needs from the database and asks its rule what is due.
// Extension point: a new kind adds one collector to COLLECTORS (the registers' complaints,
// procedure reviews and questionnaire campaigns came that way); the runner sends whatever they return.
import type { Scope } from "../scope.server";
import { listSeries } from "../meeting/series.server";
import {
  actionDigests,
  DIGEST_DAYS_AHEAD,
  type DigestOwner,
  ANNOUNCE_WITHIN_DAYS,
  MINUTES_ROLES,
  minutesPublishedReminders,
  LABEL_ROLES,
  labelReminders,
  meetingDueReminders,
  MEETING_DUE_ROLES,
  parseReminderDays,
  CAMPAIGN_AFTER_DAYS,
  CAMPAIGN_BEFORE_DAYS,
  complaintAnswerReminders,
  procedureReviewReminders,
  questionnaireCampaignReminders,
  REFERENT_ROLES,
  REMINDER_KIND_ROLES,
  type DueReminder,
  type OfficeStages,
  type ReminderKind,
  type ReminderRecipient,
} from "./rules";
import { parseChannels } from "../questionnaire/rules";
import type { EntryStatus } from "../register/rules";
import type { MeetingsRecord, ProcedureSheetsRecord, ProcedureVersionsRecord, RegisterEntriesRecord, UsersRecord } from "../../../db/records";
import { bool, numOrNull } from "../../utils/rows.server";
import { addDays } from "../../domain/dates";
import { workingDaysBetween } from "../../domain/working-days";
import { appUrl, personLinkToken } from "../mail/links.server";
import { getOfficeStages } from "./settings.server";

/** A partner's link to their actions works this long after the digest. */
export const PARTNER_LINK_DAYS = 30;


/** What one kind needs from the database, and its rule's answer; `stages`: the office's reminder days (decision 046). */
type Collector = (scope: Scope, stages: OfficeStages) => Promise<DueReminder[]>;

/** An account as the reminders read it (from users). */
type Account = Pick<UsersRecord, "id" | "email" | "display_name" | "disabled">;

/** Accounts of the office holding one of `roles`, enabled, with their e-mail. */
async function accountsWithRoles(scope: Scope, roles: readonly string[]): Promise<ReminderRecipient[]> {
  const rows = await scope
    .db("memberships as m")
    .join("users as u", "u.id", "m.user_id")
    .where("m.office_id", scope.officeId)
    .whereIn("m.role", roles)
    .select<Account[]>("u.id", "u.email", "u.display_name", "u.disabled")
    .orderBy("u.id");
  return rows.filter((r) => !bool(r.disabled)).map((r) => ({ userId: r.id, email: r.email, name: r.display_name }));
}

const meetingDue: Collector = async (scope) => {
  const [series, settings, recipients] = await Promise.all([
    listSeries(scope),
    scope.db("meeting_series").where({ office_id: scope.officeId }).select("id", "reminder_days"),
    accountsWithRoles(scope, MEETING_DUE_ROLES),
  ]);
  if (recipients.length === 0) return [];
  const days = new Map(settings.map((r) => [r.id, parseReminderDays(r.reminder_days)]));
  return series.flatMap((s) =>
    meetingDueReminders({ seriesId: s.id, seriesName: s.name, schedule: s.schedule, daysBefore: days.get(s.id) ?? [] }, recipients, scope.today),
  );
};

/** Labels held or being obtained: their end of validity and their next audit. */
const labelDates: Collector = async (scope, stages) => {
  const labels = await scope
    .db("labels")
    .where({ office_id: scope.officeId })
    .whereIn("status", ["actif", "en_cours"])
    .where((w) => w.whereNotNull("valid_until").orWhereNotNull("next_audit_due"))
    .select("id", "name", "valid_until", "next_audit_due");
  if (labels.length === 0) return [];
  const recipients = await accountsWithRoles(scope, LABEL_ROLES);
  if (recipients.length === 0) return [];
  const [late] = await scope
    .db("actions")
    .where({ office_id: scope.officeId })
    .whereIn("status", ["a_faire", "en_cours", "bloquee"])
    .where("due_on", "<", scope.today)
    .count<{ n: number }[]>({ n: "*" });
  const points = await scope
    .db("findings as f")
    .join("audits as a", "a.id", "f.audit_id")
    .where({ "f.office_id": scope.officeId, "f.kind": "improvement" })
    .whereNotExists((q) => q.select(scope.db.raw("1")).from("actions as x").whereRaw("x.finding_id = f.id").where("x.status", "faite"))
    .groupBy("a.label_id")
    .select("a.label_id")
    .count<Array<{ label_id: number; n: number }>>({ n: "*" });
  const pointsOf = new Map(points.map((p) => [p.label_id, Number(p.n)]));
  return labels.flatMap((l) =>
    labelReminders(
      {
        labelId: l.id,
        labelName: l.name,
        validUntil: l.valid_until || null,
        nextAuditDue: l.next_audit_due || null,
        lateActions: Number(late?.n ?? 0),
        pointsWithoutAction: pointsOf.get(l.id) ?? 0,
      },
      recipients,
      scope.today,
      { expiry: stages.label_expiry, audit: stages.audit_due },
    ),
  );
};

/** Minutes published lately (or one meeting's, right after its publication): announced to the members. */
export async function publishedMinutesReminders(scope: Scope, meetingId?: number): Promise<DueReminder[]> {
  const since = new Date(scope.now.getTime() - ANNOUNCE_WITHIN_DAYS * 86_400_000).toISOString();
  const query = scope
    .db("meetings")
    .where({ office_id: scope.officeId, status: "published" })
    .where("published_at", ">=", since)
    .where("published_at", "<=", scope.now.toISOString())
    // published_at is set: the two comparisons above keep no null.
    .select<Array<Pick<MeetingsRecord, "id" | "title" | "held_on"> & { published_at: string }>>("id", "title", "held_on", "published_at");
  if (meetingId !== undefined) query.where({ id: meetingId });
  const meetings = await query;
  if (meetings.length === 0) return [];
  const recipients = await accountsWithRoles(scope, MINUTES_ROLES);
  return meetings.flatMap((m) => minutesPublishedReminders({ meetingId: m.id, title: m.title, heldOn: m.held_on, publishedAt: m.published_at }, recipients));
}

const minutesPublished: Collector = (scope) => publishedMinutesReminders(scope);

/**
 * Each owner's weekly digest: the person's account in this office when there is one (bell and
 * mail), else the person's own e-mail with signed links to their actions and to stop (a partner).
 */
const digests: Collector = async (scope) => {
  const horizon = addDays(scope.today, DIGEST_DAYS_AHEAD);
  const rows = await scope
    .db("actions as a")
    .join("people as p", "p.id", "a.owner_person_id")
    .where("a.office_id", scope.officeId)
    .whereIn("a.status", ["a_faire", "en_cours", "bloquee"])
    .whereNotNull("a.due_on")
    .where("a.due_on", "<=", horizon)
    .select<Array<{ id: number; title: string; due_on: string; person_id: number; full_name: string; email: string; digest_unsubscribed_at: string | null; active: boolean | number }>>(
      "a.id",
      "a.title",
      "a.due_on",
      "p.id as person_id",
      "p.full_name",
      "p.email",
      "p.digest_unsubscribed_at",
      "p.active",
    );
  if (rows.length === 0) return [];
  const accounts = await scope
    .db("memberships as m")
    .join("users as u", "u.id", "m.user_id")
    .where("m.office_id", scope.officeId)
    .whereNotNull("m.person_id")
    .select<Array<Account & { person_id: number }>>("m.person_id", "u.id", "u.email", "u.display_name", "u.disabled");
  const accountOf = new Map(accounts.filter((r) => !bool(r.disabled)).map((r) => [r.person_id, { userId: r.id, email: r.email, name: r.display_name }]));
  // The day each account chose for its digest here (none: Monday).
  const chosenDays = await scope.db("notification_preferences").where({ office_id: scope.officeId, kind: "action_digest" }).whereNotNull("digest_weekday").select<Array<{ user_id: number; digest_weekday: number }>>("user_id", "digest_weekday");
  const weekdayOf = new Map(chosenDays.map((r) => [r.user_id, r.digest_weekday]));
  const owners = new Map<number, DigestOwner & { actions: Array<{ id: number; title: string; dueOn: string }> }>();
  for (const r of rows) {
    const personId = r.person_id;
    let owner = owners.get(personId);
    if (!owner) {
      const account = accountOf.get(personId);
      const email = r.email;
      if (!account && (!email || r.digest_unsubscribed_at || !bool(r.active))) continue;
      owner = { personId, recipient: account ?? { userId: null, email, name: r.full_name }, actions: [], weekday: account ? (weekdayOf.get(account.userId) ?? null) : null };
      owners.set(personId, owner);
    }
    owner.actions.push({ id: r.id, title: r.title, dueOn: r.due_on });
  }
  const until = addDays(scope.today, PARTNER_LINK_DAYS);
  return actionDigests([...owners.values()], scope.today).map((reminder) => {
    if (reminder.recipient.userId !== null) return reminder;
    const personId = numOrNull(/person-(\d+)/.exec(reminder.key)?.[1]) ?? 0;
    const base = appUrl();
    return {
      ...reminder,
      links: {
        open: `${base}/mes-actions/${personLinkToken({ purpose: "actions", personId, officeId: scope.officeId, until })}`,
        unsubscribe: `${base}/mes-actions/${personLinkToken({ purpose: "stop", personId, officeId: scope.officeId, until: addDays(scope.today, 365) })}`,
      },
    };
  });
};

/**
 * The accounts in this office of each of these people (through the membership that names the
 * person), enabled, holding a role that may receive `kind`.
 */
async function accountsOfPeople(scope: Scope, personIds: ReadonlyArray<number | null>, kind: ReminderKind): Promise<Map<number, ReminderRecipient[]>> {
  const ids = [...new Set(personIds.filter((id): id is number => id !== null))];
  const out = new Map<number, ReminderRecipient[]>();
  if (ids.length === 0) return out;
  const rows = await scope
    .db("memberships as m")
    .join("users as u", "u.id", "m.user_id")
    .where("m.office_id", scope.officeId)
    .whereIn("m.person_id", ids)
    .whereIn("m.role", REMINDER_KIND_ROLES[kind])
    .select<Array<Account & { person_id: number }>>("m.person_id", "u.id", "u.email", "u.display_name", "u.disabled")
    .orderBy("u.id");
  for (const r of rows) {
    if (bool(r.disabled)) continue;
    out.set(r.person_id, [...(out.get(r.person_id) ?? []), { userId: r.id, email: r.email, name: r.display_name }]);
  }
  return out;
}

/** Each account once, in the order given (the person named on the record first). */
function oncePerAccount(recipients: readonly ReminderRecipient[]): ReminderRecipient[] {
  const seen = new Set<number | null>();
  return recipients.filter((r) => (seen.has(r.userId) ? false : (seen.add(r.userId), true)));
}

/**
 * The working day before a complaint's last day can be a few calendar days before it (a
 * weekend, a bank holiday next to it): complaints due within this many days (and two more per
 * working day the office set) are read, the rule decides.
 */
const COMPLAINT_LOOKAHEAD_DAYS = 7;

/** Complaints still open and unanswered: the person handling each one and the référent(e)s. */
const complaintsToAnswer: Collector = async (scope, stages) => {
  const workingDays = stages.complaint_answer[0] ?? 0;
  const rows = await scope
    .db("register_entries")
    .where({ office_id: scope.officeId, kind: "complaint", status: "ouverte" })
    .whereNull("answered_on")
    .whereNotNull("answer_due_on")
    .where("answer_due_on", "<=", addDays(scope.today, COMPLAINT_LOOKAHEAD_DAYS + 2 * workingDays))
    .select<Array<Pick<RegisterEntriesRecord, "id" | "subject" | "occurred_on" | "status" | "person_id"> & { answer_due_on: string }>>("id", "subject", "occurred_on", "status", "answer_due_on", "person_id")
    .orderBy("id");
  if (rows.length === 0) return [];
  const [referents, handlers] = await Promise.all([
    accountsWithRoles(scope, REFERENT_ROLES),
    accountsOfPeople(scope, rows.map((r) => r.person_id), "complaint_answer"),
  ]);
  return rows.flatMap((r) => {
    const handler = handlers.get(r.person_id ?? -1) ?? [];
    return complaintAnswerReminders(
      { entryId: r.id, subject: r.subject, occurredOn: r.occurred_on, status: r.status as EntryStatus, answerDueOn: r.answer_due_on, answeredOn: null },
      oncePerAccount([...handler, ...referents]),
      scope.today,
      { workingDaysBetween },
      workingDays,
    );
  });
};

/**
 * Published sheets: the version in force's follow-up person and its référent qualité (the
 * header's two people), through their accounts; the office's référent(e)s when neither has one.
 */
const sheetsToReview: Collector = async (scope, stages) => {
  const rows = await scope
    .db("procedure_sheets as s")
    .join("procedure_versions as v", (j) => j.on("v.sheet_id", "s.id").andOn("v.number", "s.current_version"))
    .where("s.office_id", scope.officeId)
    .where("s.current_version", ">", 0)
    .whereNotNull("s.reviewed_on")
    .select<Array<Pick<ProcedureSheetsRecord, "id" | "code" | "title" | "review_months" | "current_version"> & { reviewed_on: string } & Pick<ProcedureVersionsRecord, "follow_up_person_id" | "referent_person_id">>>(
      "s.id",
      "s.code",
      "s.title",
      "s.reviewed_on",
      "s.review_months",
      "s.current_version",
      "v.follow_up_person_id",
      "v.referent_person_id",
    )
    .orderBy("s.id");
  if (rows.length === 0) return [];
  const [people, referents] = await Promise.all([
    accountsOfPeople(scope, rows.flatMap((r) => [r.follow_up_person_id, r.referent_person_id]), "procedure_review"),
    accountsWithRoles(scope, REFERENT_ROLES),
  ]);
  return rows.flatMap((r) => {
    const named = oncePerAccount([...(people.get(r.follow_up_person_id ?? -1) ?? []), ...(people.get(r.referent_person_id ?? -1) ?? [])]);
    return procedureReviewReminders(
      { sheetId: r.id, code: r.code, title: r.title, reviewedOn: r.reviewed_on, reviewMonths: r.review_months, currentVersion: r.current_version },
      named.length ? named : referents,
      scope.today,
      stages.procedure_review,
    );
  });
};

/** Campaigns about to start or just ended, with their count of answer sheets: the référent(e)s. */
const campaigns: Collector = async (scope, stages) => {
  const before = stages.questionnaire_campaign[0] ?? CAMPAIGN_BEFORE_DAYS;
  const rows = await scope
    .db("questionnaires")
    .where({ office_id: scope.officeId, not_held: false })
    .where((w) =>
      w
        .whereBetween("starts_on", [scope.today, addDays(scope.today, before)])
        .orWhereBetween("ends_on", [addDays(scope.today, -CAMPAIGN_AFTER_DAYS), addDays(scope.today, -1)]),
    )
    .select("id", "title", "starts_on", "ends_on", "not_held", "channels")
    .orderBy("id");
  if (rows.length === 0) return [];
  const recipients = await accountsWithRoles(scope, REFERENT_ROLES);
  if (recipients.length === 0) return [];
  const counts = await scope
    .db("questionnaire_responses")
    .where({ office_id: scope.officeId })
    .whereIn("questionnaire_id", rows.map((r) => r.id))
    .groupBy("questionnaire_id")
    .select("questionnaire_id")
    .count<Array<{ questionnaire_id: number; n: number }>>({ n: "*" });
  const responses = new Map(counts.map((c) => [c.questionnaire_id, Number(c.n)]));
  return rows.flatMap((r) =>
    questionnaireCampaignReminders(
      { questionnaireId: r.id, title: r.title, startsOn: r.starts_on, endsOn: r.ends_on, notHeld: bool(r.not_held), channels: parseChannels(r.channels), responses: responses.get(r.id) ?? 0 },
      recipients,
      scope.today,
      before,
    ),
  );
};

export const COLLECTORS: readonly Collector[] = [meetingDue, labelDates, minutesPublished, digests, complaintsToAnswer, sheetsToReview, campaigns];

export async function collectReminders(scope: Scope): Promise<DueReminder[]> {
  const stages = await getOfficeStages(scope);
  const lists = await Promise.all(COLLECTORS.map((collect) => collect(scope, stages)));
  return lists.flat();
}
