// Test data built through the real model functions, and signed session cookies.
import crypto from "node:crypto";
import { hashPassword } from "~/crypto.server";
import { getDb } from "~/db.server";
import { ROLES, type Role } from "~/domain/roles";
import { addMembership } from "~/modules/account/memberships.server";
import { createUser } from "~/modules/account/users.server";
import { SYSTEM_ACTOR } from "~/modules/history/queries.server";
import { commandScope, type Scope, scopeOn } from "~/modules/scope.server";
import { createOffice, createSite } from "~/modules/office/queries.server";
import { createPerson } from "~/modules/person/queries.server";
import { createMeeting, saveAttendance } from "~/modules/meeting/meetings.server";
import { publishMeeting } from "~/modules/meeting/minutes.server";
import { createSeries } from "~/modules/meeting/series.server";
import { createAudit } from "~/modules/audit/queries.server";
import { createLabel } from "~/modules/label/queries.server";
import { importReferential } from "~/modules/referential/queries.server";
import type { Referential } from "~/modules/referential/rules";
import type { ActionValues } from "~/modules/action/schema";
import { createAction } from "~/modules/action/queries.server";
import { createSheet, saveSheet } from "~/modules/procedure/queries.server";
import { createEntry } from "~/modules/register/queries.server";
import type { EntryValues } from "~/modules/register/schema";
import type { SheetValues } from "~/modules/procedure/schema";
import { SMALL_GRID } from "./referentials";
import { commitSession, getSession } from "~/session.server";

export const TEST_PASSWORD = "mot-de-passe-de-test-1";

/** The scope the tests' set-up acts in (the system, as an administrator of the office). */
export function systemScope(officeId: number, now?: Date): Scope {
  return commandScope(getDb(), officeId, now);
}

export function unique(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(4).toString("hex")}`;
}

export interface OfficeFixture {
  officeId: number;
  siteId: number;
  personId: number;
  users: Record<Role, { userId: number; email: string; membershipId: number }>;
}

let testPasswordHash: Promise<string> | undefined;

/** An account with one role in the office; `personId` says who the account is there (an action's owner, say). */
export async function createUserInOffice(officeId: number, role: Role, email = `${unique(role)}@test.fr`, personId: number | null = null) {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await testPasswordHash;
  return getDb().transaction(async (trx) => {
    const userId = await createUser(commandScope(trx, officeId), { email, displayName: `Test ${role}`, passwordHash });
    const membershipId = await addMembership(commandScope(trx, officeId), { userId, role, personId });
    return { userId, email, membershipId };
  });
}

/** An office with a site, a person and one account per role. */
export async function createOfficeFixture(name = unique("Office")): Promise<OfficeFixture> {
  const db = getDb();
  const officeId = await createOffice(
    db,
    { name, legalForm: "SPL", street: "", postalCode: "40500", city: "Saint-Sever", phone: "", email: "", website: "" },
    SYSTEM_ACTOR,
  );
  const siteId = await createSite(
    commandScope(db, officeId),
    { name: unique("Bureau"), street: "", postalCode: "", city: "", phone: "", email: "", isHeadquarters: true, active: true }
  );
  const personId = await createPerson(
    commandScope(db, officeId),
    {
      fullName: unique("Personne"),
      kind: "partner",
      jobTitle: "",
      organisation: "",
      email: "",
      phone: "",
      siteId,
      qualityGroupMember: true,
      contract: "permanent",
      arrivedOn: null,
      active: true,
    }
  );
  const users = {} as OfficeFixture["users"];
  for (const role of ROLES) users[role] = await createUserInOffice(officeId, role);
  return { officeId, siteId, personId, users };
}

/** A "Cookie" header for a signed-in session of this user in this office. */
export async function sessionCookie(userId: number, officeId?: number): Promise<string> {
  const session = await getSession(new Request("http://localhost/"));
  session.set("userId", userId);
  if (officeId !== undefined) session.set("officeId", officeId);
  const setCookie = await commitSession(session);
  return setCookie.split(";")[0]!;
}

export function formBody(values: Record<string, string>): URLSearchParams {
  return new URLSearchParams(values);
}

export interface AuditFixture {
  referentialId: number;
  labelId: number;
  ratedAuditId: number;
  reportedAuditId: number;
}

/** A référentiel (the small hand-computed grid), a label, a rated audit and a reported one. */
export async function createAuditFixture(officeId: number, grid: Referential = SMALL_GRID): Promise<AuditFixture> {
  const db = getDb();
  const referentialId = await importReferential(commandScope(db, officeId), { grid: { ...grid, version: unique("v") }, source: "test" });
  const labelId = await createLabel(
    commandScope(db, officeId),
    { name: unique("Label"), referentialId, status: "actif", grantedOn: "2020-10-21", validUntil: "2023-07-30", nextAuditDue: "2023-06-30", notes: "" }
  );
  const base = {
    labelId,
    referentialId,
    kind: "audit_complet" as const,
    stage: "renewal" as const,
    startsOn: "2021-03-15",
    endsOn: null,
    auditor: "",
    status: "en_cours" as const,
    decision: "en_attente" as const,
    labelValidUntil: null,
    nextAuditDue: null,
    summary: "",
  };
  const ratedAuditId = await createAudit(commandScope(db, officeId), { ...base, mode: "rated", title: unique("Grille"), reportedRates: {} });
  const reportedAuditId = await createAudit(commandScope(db, officeId), { ...base, mode: "reported", title: unique("Rapport"), startsOn: "2020-10-13", reportedRates: { qualite: 91, eco: null } });
  return { referentialId, labelId, ratedAuditId, reportedAuditId };
}

/** An action owned by the office's person, on its site. */
export async function createActionFixture(office: OfficeFixture, extra: Partial<ActionValues> = {}): Promise<number> {
  return createAction(
    commandScope(getDb(), office.officeId),
    {
      title: unique("Action"),
      description: "",
      origin: "other",
      findingId: null,
      originDetail: "",
      ownerId: office.personId,
      contributorIds: [],
      siteIds: [office.siteId],
      dueOn: "2021-06-30",
      priority: "normale",
      ...extra,
    }
  );
}

export interface MeetingFixture {
  seriesId: number;
  meetingId: number;
}

/**
 * A series and a meeting of the office (25 March 2021, the office's person invited, three agenda
 * points); with the person marked present when asked (`attended`: a draft ready to publish),
 * and published when asked.
 */
/** A meeting of a new series, or of `seriesId` when given. */
export async function createMeetingFixture(
  office: OfficeFixture,
  options: { published?: boolean; attended?: boolean; heldOn?: string; seriesId?: number } = {},
): Promise<MeetingFixture> {
  const db = getDb();
  const seriesId =
    options.seriesId ?? (await createSeries(commandScope(db, office.officeId), { name: unique("Groupe"), kind: "quality_group", cadenceMonths: 6, firstDueOn: null, description: "" }));
  const meetingId = await createMeeting(
    scopeOn(commandScope(db, office.officeId), "2021-03-25"),
    {
      seriesId,
      title: unique("Réunion"),
      heldOn: options.heldOn ?? "2021-03-25",
      startTime: "14:00",
      endTime: null,
      place: "",
      chairId: null,
      writerId: null,
      referentId: null,
      followUpId: null,
      concerned: "",
      agenda: "Actualité de la marque\nRapport d'activité\nSuggestions",
      inviteeIds: [office.personId],
    }
  );
  if (options.published || options.attended) {
    const attendee = await db("meeting_attendees").where({ meeting_id: meetingId }).first();
    await saveAttendance(scopeOn(commandScope(db, office.officeId), "2021-03-25"), { meetingId }, { attendees: [{ id: attendee!.id, status: "present", role: "", remove: false }], addPersonIds: [], guestName: "", guestRole: "", guestStatus: "invited" });
  }
  if (options.published) await publishMeeting(scopeOn(commandScope(db, office.officeId), "2021-03-26"), { meetingId });
  return { seriesId, meetingId };
}

/** A complaint logged by the system (not by one of the test's accounts), its complainant named. */
export function createComplaintFixture(officeId: number, extra: Partial<Extract<EntryValues, { kind: "complaint" }>> = {}): Promise<number> {
  return createEntry(commandScope(getDb(), officeId), {
    kind: "complaint",
    occurredOn: "2026-11-20",
    siteId: null,
    category: "",
    subject: unique("Réclamation"),
    description: "",
    personId: null,
    closeReason: "",
    status: "ouverte",
    channel: "guichet",
    platform: "",
    reviewUrl: "",
    contactName: "Personne Privée",
    contactDetails: "",
    answer: "",
    answeredOn: null,
    answeredBy: "",
    ...extra,
  });
}

/** A notification for an account, as the reminder runner writes them. */
export async function createNotificationFixture(officeId: number, userId: number): Promise<number> {
  const rows = await getDb()("notifications")
    .insert({ office_id: officeId, user_id: userId, kind: "meeting_due", title: unique("Rappel"), body: "", url: "/reunions", created_at: new Date().toISOString() })
    .returning("id");
  return Number((rows[0] as { id: number }).id ?? rows[0]);
}

/** A mail of the outbox that failed its last try. */
export async function createFailedMailFixture(officeId: number): Promise<number> {
  const now = new Date().toISOString();
  const rows = await getDb()("mail_outbox")
    .insert({ office_id: officeId, kind: "meeting_due", to_address: "x@test.fr", subject: unique("Courriel"), text_body: "Bonjour", html_body: "<p>Bonjour</p>", status: "failed", attempts: 5, next_attempt_at: now, last_error: "Connexion refusée", created_at: now })
    .returning("id");
  return Number((rows[0] as { id: number }).id ?? rows[0]);
}

/**
 * A procedure sheet of the office naming its person: never published (`versions: 0`), or
 * published in that many versions (the last in force) on 26 March 2021; with a version in
 * preparation when asked.
 */
export async function createSheetFixture(office: OfficeFixture, options: { versions?: number; draft?: boolean } = {}): Promise<number> {
  const scope = scopeOn(systemScope(office.officeId), "2021-03-26");
  const values: SheetValues = {
    code: unique("FQ"),
    title: unique("Fiche"),
    domain: "Accueil",
    body: "## Objet\nAccueillir chaque visiteur.",
    referentId: office.personId,
    followUpId: office.personId,
    personIds: [office.personId],
    groups: ["seasonal"],
    reviewMonths: 12,
    changeNote: "",
  };
  const versions = options.versions ?? 1;
  const id = await createSheet(scope, values, { publish: versions > 0 });
  for (let n = 2; n <= versions; n++) await saveSheet(scope, { sheetId: id }, { ...values, body: `Version ${n}`, changeNote: `Version ${n}` }, { publish: true });
  if (options.draft && versions > 0) await saveSheet(scope, { sheetId: id }, { ...values, body: "En préparation", changeNote: "En préparation" }, { publish: false });
  return id;
}

export interface QuestionnaireFixture {
  questionnaireId: number;
  token: string;
  /** the campaign's questions, in order: accueil (scale, required), signalétique (scale), origine (single), commentaire (text), e-mail (text, personal) */
  questionIds: number[];
}

/**
 * A campaign of the office on its site, open today unless told (`open: false`: it ended in
 * 2019), online and on paper, with five questions of every kind that matters to the rules.
 */
export async function createQuestionnaireFixture(office: OfficeFixture, options: { open?: boolean; title?: string } = {}): Promise<QuestionnaireFixture> {
  const { addQuestion, createQuestionnaire, getQuestionnaire } = await import("~/modules/questionnaire/queries.server");
  const { shiftYears } = await import("~/modules/questionnaire/rules");
  const scope = systemScope(office.officeId);
  const open = options.open ?? true;
  const id = await createQuestionnaire(scope, {
    title: options.title ?? unique("Questionnaire"),
    startsOn: open ? shiftYears(scope.today, -1) : "2019-07-01",
    endsOn: open ? shiftYears(scope.today, 1) : "2019-08-31",
    siteIds: [office.siteId],
    channels: ["papier", "en_ligne", "qr_code"],
    intro: "Votre avis compte.",
    thanks: "Merci !",
    notHeld: false,
    notHeldReason: "",
    starter: false,
  });
  const none = { help: "", levels: null, choices: [] as string[], minValue: null, maxValue: null, personal: false, required: false };
  for (const q of [
    { ...none, kind: "scale" as const, text: "Qualité de l'accueil", levels: 4 as const, required: true },
    { ...none, kind: "scale" as const, text: "Signalétique", levels: 4 as const },
    { ...none, kind: "single" as const, text: "D'où venez-vous ?", choices: ["Landes", "Ailleurs"] },
    { ...none, kind: "text" as const, text: "Vos remarques" },
    { ...none, kind: "text" as const, text: "Votre e-mail", personal: true },
  ]) {
    await addQuestion(scope, id, q);
  }
  const detail = (await getQuestionnaire(scope, id))!;
  return { questionnaireId: id, token: detail.publicToken, questionIds: detail.questions.map((q) => q.id) };
}
