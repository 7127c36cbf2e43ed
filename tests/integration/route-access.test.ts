// The access table: every route, every intent of its action × every role × own or another office
// → the expected answer, and what that answer must say:
//   - a visitor is sent to sign-in (302 to /connexion);
//   - a role without the right gets 403, a record of another office (or a draft, for those who may
//     not read drafts) 404: one French message and nothing else, and nothing is written;
//   - a form naming another office's record is refused beside that field (400), nothing written;
//   - a success is a 302 whose flash message is a success (an error toast is not), or a 200 whose
//     data show the record and carry no error; a POST that succeeds writes (a history row, a read
//     receipt), anything else writes nothing.
// Each role's rights come from app/domain/roles.ts. Two more accounts: "owner", a staff account
// that owns the target's action (canUpdateAction), on the routes where that gives rights; and
// "admin_of_both", administrator of both offices working in the first, on the other office's rows
// (rights follow the current office, not every membership). A route file, or an intent found in a
// route's source, without a row makes this file fail; so does a row of an intent the route lacks.
//
// To add rows: append to CASES, one per method × intent × kind of record: the route and its record
// (a `place`, or `page` for a page without one), who may (`allowed`), the form, and what success
// says (`says`, `to`, `shows`). A row that changes or deletes a record gets a fresh one from
// `setup`, made in the office the row targets. Public routes are checked at the end of this file
// and in sign-in, invitations and accounts tests.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { ROLES, type Role } from "~/domain/roles";
import { createInvitation } from "~/modules/account/invitations.server";
import { addMembership } from "~/modules/account/memberships.server";
import { changeStatus } from "~/modules/action/queries.server";
import { attachFile } from "~/modules/attachment/queries.server";
import { createFinding } from "~/modules/audit/queries.server";
import { listShippedGrids } from "~/modules/referential/queries.server";
import { commandScope, scopeOn } from "~/modules/scope.server";
import { createFeed } from "~/modules/calendar/queries.server";
import { parisDay } from "~/domain/dates";
import { fileStore } from "~/storage.server";
import {
  createActionFixture,
  createAuditFixture,
  createFailedMailFixture,
  createMeetingFixture,
  createNotificationFixture,
  createComplaintFixture,
  createOfficeFixture,
  createSheetFixture,
  createQuestionnaireFixture,
  createUserInOffice,
  sessionCookie,
  TEST_PASSWORD,
  unique,
  type AuditFixture,
  type OfficeFixture,
} from "../support/factories";
import { createIndicator, createSeason, enableStandardSet, listIndicators, listSeasons } from "~/modules/indicator/queries.server";
import { recordSheet } from "~/modules/questionnaire/queries.server";
import { shiftYears } from "~/modules/questionnaire/rules";
import { answerField } from "~/modules/questionnaire/schema";
import { callRoute, readToast, type RouteAnswer, type RouteModule } from "../support/routes";

const routeFiles = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const routeSources = import.meta.glob<string>("../../app/routes/*.tsx", { eager: true, query: "?raw", import: "default" });
const routeId = (file: string) => file.replace("../../app/routes/", "").replace(/\.tsx$/, "");
const route = (id: string): RouteModule => {
  const mod = routeFiles[`../../app/routes/${id}.tsx`];
  if (!mod) throw new Error(`no route file ${id}`);
  return mod;
};

type Who = Role | "owner" | "admin_of_both";
const WHO: readonly Who[] = [...ROLES, "owner", "admin_of_both"];
type OfficeCase = "own" | "other";

/** The records of one office that rows address; `setup` replaces some with fresh ones. */
interface Target extends OfficeFixture, AuditFixture {
  actionId: number;
  seriesId: number;
  /** a published meeting, unless the row's setup gives another */
  meetingId: number;
  draftMeetingId: number;
  /** the agenda points and attendees of `meetingId` */
  sections: Array<{ id: number; title: string }>;
  attendeeIds: number[];
  membershipId: number;
  invitationId: number;
  findingId: number;
  actionFileId: number;
  meetingFileId: number;
  draftFileId: number;
  notificationId?: number;
  mailId?: number;
  /** a complaint logged by the set-up (not by the table's staff account) */
  entryId: number;
  /** the standard set's "Contacts à l'accueil" (by site), and its summer season */
  indicatorId: number;
  seasonId: number;
  /** a procedure sheet in its second version (version 1 readable apart), and one never published */
  sheetId: number;
  draftSheetId: number;
  sheetFileId: number;
  draftSheetFileId: number;
  /** an open campaign (questionnaireFixture's five questions) and a sheet typed in it */
  questionnaireId: number;
  questionIds: number[];
  responseId: number;
}

interface Case {
  /** route file, as in app/routes/ without .tsx */
  route: string;
  method: "GET" | "POST";
  /** the action's intent, sent as the form's `intent` field (none: the action does one thing) */
  intent?: string;
  path: (t: Target) => string;
  params?: (t: Target) => Record<string, string>;
  /**
   * What "another office" means for this row: its record is another office's (404), its form names
   * another office's record (`{ refused: field }`: 400 beside that field, a field whose name may
   * carry the record's id, as the cells of the indicators' grid), or nothing ("none": the row runs
   * in the own office only).
   */
  other: "record" | "none" | { refused: string | ((t: Target) => string) };
  /** the right depends on the record (an action's owner may update it): the record is looked up first */
  recordFirst?: boolean;
  allowed: readonly Who[];
  /** roles for which the record does not exist (a draft, for those who may not read drafts): 404, not 403 */
  hidden?: readonly Who[];
  /** fresh records for this row, made in the office it targets; `poster`: the account that asks (a notification is addressed to one account) */
  setup?: (t: Target, poster: { userId: number; officeId: number } | null) => Promise<Partial<Target>>;
  form?: (t: Target) => Record<string, string>;
  files?: () => Record<string, { name: string; content: string }>;
  /** 400: the allowed are refused with a message (an unknown intent, a draft marked read) */
  success: 200 | 302 | 400;
  /** the success's flash message (302) */
  says?: RegExp;
  /** where a 302 success leads */
  to?: (t: Target) => string | RegExp;
  /** checks of a 200 success's data */
  shows?: (body: Record<string, unknown>, t: Target) => void;
}

/** The intent the table sends to check that an unknown one is refused. */
const UNKNOWN_INTENT = "inconnue";
const ALL: readonly Who[] = WHO;
const READERS: readonly Who[] = ["admin", "director", "quality_referent"];
const ADMIN: readonly Who[] = ["admin"];
const EDITORS: readonly Who[] = ["admin", "quality_referent"];
/** who may not read a draft meeting: for them it does not exist */
const NO_DRAFTS: readonly Who[] = ["staff", "quality_group_member", "owner"];
/** who may record progress on an action: editors and its owner */
const UPDATERS: readonly Who[] = ["admin", "quality_referent", "owner"];
/** who may log an entry in a register: editors and staff at the desk */
const REGISTER_LOGGERS: readonly Who[] = ["admin", "quality_referent", "staff", "owner"];
/** who may type the paper questionnaires: editors and staff at the desk */
const SHEET_TYPISTS: readonly Who[] = ["admin", "quality_referent", "staff", "owner"];

// ---------------------------------------------------------------------------------------------
// Fresh records for rows that change or delete one

const db = () => getDb();

async function meetingParts(meetingId: number): Promise<Pick<Target, "meetingId" | "sections" | "attendeeIds">> {
  const sections = await db()("meeting_sections").where({ meeting_id: meetingId }).orderBy("position").select("id", "title");
  const attendees = await db()("meeting_attendees").where({ meeting_id: meetingId }).orderBy("position").select("id");
  return { meetingId, sections: sections.map((s) => ({ id: Number(s.id), title: String(s.title) })), attendeeIds: attendees.map((a) => Number(a.id)) };
}

const fresh = {
  action: async (t: Target) => ({ actionId: await createActionFixture(t) }),
  doneAction: async (t: Target) => {
    const actionId = await createActionFixture(t);
    const done = await changeStatus(
      scopeOn(commandScope(db(), t.officeId), "2021-06-02"),
      { actionId },
      { status: "faite", completedOn: "2021-06-01", statusReason: "", proof: "" },
    );
    expect(done).toBeNull();
    return { actionId };
  },
  draft: async (t: Target) => meetingParts((await createMeetingFixture(t)).meetingId),
  /** a draft that has taken place, attendance taken: ready to publish */
  readyDraft: async (t: Target) => meetingParts((await createMeetingFixture(t, { attended: true })).meetingId),
  published: async (t: Target) => meetingParts((await createMeetingFixture(t, { published: true })).meetingId),
  theDraft: async (t: Target) => meetingParts(t.draftMeetingId),
  audits: async (t: Target) => createAuditFixture(t.officeId),
  member: async (t: Target) => ({ membershipId: (await createUserInOffice(t.officeId, "staff")).membershipId }),
  invitation: async (t: Target) => {
    const { id } = await createInvitation(commandScope(db(), t.officeId), { email: `${unique("revoke")}@test.fr`, role: "staff", personId: null, createdBy: t.users.admin.userId });
    return { invitationId: id };
  },
  finding: async (t: Target) => {
    const findingId = await createFinding(commandScope(db(), t.officeId), {
      auditId: t.reportedAuditId,
      kind: "strength",
      text: "Accueil chaleureux",
      criterionCode: "",
      siteIds: [],
    });
    return { findingId: findingId ?? 0 };
  },
  entry: async (t: Target) => ({ entryId: await complaintFixture(t.officeId) }),
  /** a logo on the office's reports, to take away */
  logo: async (t: Target) => {
    await db()("office_logos")
      .insert({ office_id: t.officeId, data: Buffer.from([0x89, 0x50, 0x4e, 0x47]), type: "png", width: 64, height: 32, original_name: "logo.png", updated_at: "2026-01-01T00:00:00Z" })
      .onConflict("office_id")
      .merge();
    return {};
  },
  /** a complaint closed long ago, its complainant's name still kept: the retention pass erases it */
  expiredEntry: async (t: Target) => {
    const entryId = await complaintFixture(t.officeId);
    await db()("register_entries").where({ id: entryId }).update({ status: "close", closed_on: "2015-01-05" });
    return { entryId };
  },
  /** an indicator of the office's own, without figures, to delete */
  indicator: async (t: Target) => ({
    indicatorId: await createIndicator(commandScope(db(), t.officeId), { code: unique("ind").replace(/\W/g, "_"), name: unique("Indicateur"), unit: "", category: "autre", aggregation: "sum", breakdown: "none", items: [], decimals: 0, description: "" }),
  }),
  season: async (t: Target) => ({ seasonId: await createSeason(commandScope(db(), t.officeId), { name: unique("Saison"), startMonth: 1, endMonth: 2 }) }),
  /** one indicator of the standard set gone from the office (an earlier row may have brought them all back) */
  standardIncomplete: async (t: Target) => {
    await db()("indicators").where({ office_id: t.officeId, code: "groupes" }).delete();
    return {};
  },
  sheet: async (t: Target) => ({ sheetId: await createSheetFixture(t, { versions: 2 }) }),
  /** a published sheet with its next version in preparation */
  sheetWithDraft: async (t: Target) => ({ sheetId: await createSheetFixture(t, { versions: 2, draft: true }) }),
  draftSheet: async (t: Target) => ({ draftSheetId: await createSheetFixture(t, { versions: 0 }) }),
  /** a campaign without answers: its questions may still move, go, and it may be deleted */
  questionnaire: async (t: Target) => {
    const q = await createQuestionnaireFixture(t);
    return { questionnaireId: q.questionnaireId, questionIds: q.questionIds };
  },
  /** a sheet of the target's campaign, with an e-mail kept with consent */
  response: async (t: Target) => ({ responseId: await sheetFixture(t.officeId, t.questionnaireId, t.questionIds, true) }),
  /** the shipped grid not yet imported in the office (an earlier row may have imported it) */
  noShippedGrid: async (t: Target) => {
    const grid = shippedGrid();
    await db()("referentials").where({ office_id: t.officeId, code: grid.code, version: grid.version }).delete();
    return {};
  },
};

function shippedGrid() {
  const first = listShippedGrids()[0];
  if (!first?.outcome.ok) throw new Error("no shipped grid");
  return { file: first.file, code: first.outcome.referential.code, version: first.outcome.referential.version };
}

const complaintFixture = (officeId: number) => createComplaintFixture(officeId);

/** A sheet typed by the system in a campaign: accueil "Pas du tout satisfait", and an e-mail when asked. */
async function sheetFixture(officeId: number, questionnaireId: number, questionIds: number[], withEmail = false) {
  const scope = commandScope(db(), officeId);
  const id = await recordSheet(scope, questionnaireId, {
    siteId: null,
    consent: withEmail,
    answeredOn: scope.today,
    channel: "papier",
    answers: [{ questionId: questionIds[0]!, number: 1, choices: [], text: "" }, ...(withEmail ? [{ questionId: questionIds[4]!, number: null, choices: [], text: "v@example.org" }] : [])],
  });
  return id!;
}


// ---------------------------------------------------------------------------------------------
// Forms

let brandingSaved = 0;
/** Other months each time: a save that changes nothing writes nothing, and the table checks that a success writes. */
let remindersSaved = 0;
const remindersForm = () => ({ labelExpiry: `${(remindersSaved++ % 20) + 2}, 1`, auditDue: "6, 3, 1", procedureReview: "30, 7", questionnaireCampaign: "7", complaintAnswer: "1" });
const officeForm = () => ({ name: unique("Office modifié"), legalForm: "SPL", street: "", postalCode: "40500", city: "Saint-Sever", phone: "", email: "", website: "" });
const siteForm = () => ({ name: unique("Bureau"), street: "", postalCode: "", city: "", phone: "", email: "", active: "on" });
const personForm = (siteId: number | "") => ({
  fullName: unique("Pers"),
  kind: "staff",
  jobTitle: "",
  organisation: "",
  email: "",
  phone: "",
  siteId: String(siteId),
  active: "on",
});
const labelForm = (t: Target) => ({ name: unique("Label"), referentialId: String(t.referentialId), status: "actif" });
const auditForm = (t: Target, mode: "rated" | "reported") => ({
  title: unique("Audit"),
  labelId: String(t.labelId),
  referentialId: String(t.referentialId),
  kind: "audit_complet",
  mode,
  stage: "renewal",
  startsOn: "2021-03-15",
  status: "en_cours",
  decision: "en_attente",
  ...(mode === "reported" ? { "reportedRates.qualite": "92" } : {}),
});
const actionForm = (t: Target) => ({ title: unique("Action"), origin: "other", ownerId: String(t.personId), siteIds: String(t.siteId), priority: "normale", dueOn: "2030-06-30" });
const seriesForm = () => ({ name: unique("Série"), kind: "quality_group", cadenceMonths: "6" });
const minutesForm = (t: Target, summary = unique("En résumé")) => {
  const form: Record<string, string> = { summary };
  t.sections.forEach((s, i) => {
    form[`sections.${i}.id`] = String(s.id);
    form[`sections.${i}.title`] = s.title;
    form[`sections.${i}.body`] = `Compte rendu du point ${i + 1}.`;
    form[`sections.${i}.decisions`] = "";
  });
  return form;
};
const attendanceForm = (t: Target, status: "invited" | "present") =>
  Object.fromEntries(
    t.attendeeIds.flatMap((id, i) => [
      [`attendees.${i}.id`, String(id)],
      [`attendees.${i}.status`, status],
      [`attendees.${i}.role`, ""],
    ]),
  );
/** A one-criterion référentiel in the YAML format (audits/README.md), a new version each time. */
const yamlGrid = () =>
  [
    "code: acces",
    "label: Grille d'accès",
    `version: "${unique("v")}"`,
    "valid_from: 2024-01-01",
    "scales:",
    "  oui_non:",
    "    label: Oui / non",
    "    levels:",
    "      - { code: oui, label: Oui, points: 1, conforme: true }",
    "      - { code: non, label: Non, points: 0, conforme: false }",
    "pillars:",
    "  - { code: q, label: Qualité, thresholds: { first: 85, renewal: 85 } }",
    "chapters:",
    "  - { code: A, title: Accueil }",
    "criteria:",
    "  - { code: A1, chapter: A, text: Accueil, scale: oui_non, coefficient: 3, pillar: q }",
    "",
  ].join("\n");
let settingsRound = 0;
/** the registers' settings, different each time (saving the same values changes nothing) */
const settingsForm = () => ({ answerDays: String(2 + (settingsRound++ % 6)), retentionYears: "3" });
const complaintForm = () => ({ occurredOn: "2026-11-27", channel: "guichet", status: "ouverte", subject: unique("Réclamation") });
const pdf = () => ({ file: { name: "rapport.pdf", content: "%PDF-1.4\n%%EOF" } });
const indicatorForm = () => ({ code: unique("ind").replace(/\W/g, "_"), name: unique("Indicateur"), unit: "", category: "autre", aggregation: "sum", breakdown: "none", items: "", decimals: "0", description: "" });
/** a figure that differs from the last one typed (saving the same figure changes nothing) */
let figure = 1000;
/** the grid's cell of the summer season 2020 for the target's indicator */
const gridCell = (t: Target) => `c|${t.indicatorId}|2020|`;
const figuresCsv = () => ({ file: { name: "chiffres.csv", content: `indicateur;periode;detail;valeur;raison\nvisiteurs_site_web;2020;;${figure++};\n` } });
/** A procedure sheet naming the target office's person (another office's, when the row targets it). */
const sheetForm = (t: Target) => ({
  code: unique("FQ"),
  title: unique("Fiche"),
  domain: "Accueil",
  body: unique("Texte"),
  reviewMonths: "12",
  referentId: String(t.personId),
  personIds: String(t.personId),
  groups: "seasonal",
  changeNote: "Texte revu",
});
/** a campaign running today (the table's sheets are typed today) */
const campaignForm = (t: Target) => {
  const today = commandScope(db(), t.officeId).today;
  return { title: unique("Campagne"), startsOn: shiftYears(today, -1), endsOn: shiftYears(today, 1), siteIds: String(t.siteId), channels: "en_ligne", intro: "", thanks: "" };
};
/** question 1 of the fixture's campaign, as it is (a scale of 4, required): only its wording changes */
const questionForm = (t: Target) => ({ questionId: String(t.questionIds[0]), kind: "scale", text: unique("Accueil"), levels: "4", required: "on" });
const answerSheetForm = (t: Target) => ({ answeredOn: commandScope(db(), t.officeId).today, [answerField(t.questionIds[0]!)]: "4" });
const csvFile = () => ({ file: { name: "reponses.csv", content: "date;Q1\n;4\n" } });

// ---------------------------------------------------------------------------------------------
// Places: a route and the record it addresses

/** A page of one record: its route, its URL, and the route parameter that names the record. */
const place = (route: string, param: string, key: keyof Target, url: (t: Target) => string) =>
  ({ route, path: url, params: (t: Target) => ({ [param]: String(t[key]) }), other: "record" } as const);
const site = place("_app.administration.bureaux.$siteId", "siteId", "siteId", (t) => `/administration/bureaux/${t.siteId}`);
const person = place("_app.administration.personnes.$personId", "personId", "personId", (t) => `/administration/personnes/${t.personId}`);
const member = place("_app.administration.comptes.$membershipId", "membershipId", "membershipId", (t) => `/administration/comptes/${t.membershipId}`);
const accounts = { route: "_app.administration.comptes._index", path: () => "/administration/comptes", other: "none" } as const;
const referentials = { route: "_app.referentiels._index", path: () => "/referentiels", other: "none" } as const;
const referential = place("_app.referentiels.$referentialId", "referentialId", "referentialId", (t) => `/referentiels/${t.referentialId}`);
const label = place("_app.audits.labels.$labelId", "labelId", "labelId", (t) => `/audits/labels/${t.labelId}`);
const audit = place("_app.audits.$auditId._index", "auditId", "reportedAuditId", (t) => `/audits/${t.reportedAuditId}`);
const grid = place("_app.audits.$auditId.grille", "auditId", "ratedAuditId", (t) => `/audits/${t.ratedAuditId}/grille`);
const action = { ...place("_app.plan-d-actions.$actionId", "actionId", "actionId", (t) => `/plan-d-actions/${t.actionId}`), recordFirst: true } as const;
const series = place("_app.reunions.series.$seriesId", "seriesId", "seriesId", (t) => `/reunions/series/${t.seriesId}`);
const meetingAt = (route: string, suffix: string) => place(route, "meetingId", "meetingId", (t) => `/reunions/${t.meetingId}${suffix}`);
const meeting = { ...meetingAt("_app.reunions.$meetingId._index", ""), recordFirst: true } as const;
const meetingEdit = meetingAt("_app.reunions.$meetingId.modifier", "/modifier");
const attendance = meetingAt("_app.reunions.$meetingId.participants", "/participants");
const minutes = meetingAt("_app.reunions.$meetingId.compte-rendu", "/compte-rendu");
const minutesWord = meetingAt("reunions.$meetingId.compte-rendu[.docx]", "/compte-rendu.docx");
const entry = { ...place("_app.registres.entrees.$entryId", "entryId", "entryId", (t) => `/registres/entrees/${t.entryId}`), recordFirst: true } as const;
const register = (name: string, query = "") => ({ route: "_app.registres.$register._index", path: () => `/registres/${name}${query}`, params: () => ({ register: name }), other: "none" } as const);
const questionnaireAt = (route: string, suffix: string) => place(route, "questionnaireId", "questionnaireId", (t) => `/registres/questionnaires/${t.questionnaireId}${suffix}`);
const results = { ...questionnaireAt("_app.registres.questionnaires.$questionnaireId._index", ""), recordFirst: true } as const;
const campaignEdit = questionnaireAt("_app.registres.questionnaires.$questionnaireId.modifier", "/modifier");
const sheetEntry = questionnaireAt("_app.registres.questionnaires.$questionnaireId.saisie", "/saisie");
const sheetImport = questionnaireAt("_app.registres.questionnaires.$questionnaireId.import", "/import");
const response = { ...place("_app.registres.questionnaires.reponses.$responseId", "responseId", "responseId", (t) => `/registres/questionnaires/reponses/${t.responseId}`), recordFirst: true } as const;
const file = (key: "actionFileId" | "meetingFileId" | "draftFileId" | "sheetFileId" | "draftSheetFileId") => place("pieces-jointes.$attachmentId", "attachmentId", key, (t) => `/pieces-jointes/${t[key]}`);
/** The place's record in the own office, whatever office the row targets (its form names the target's records). */
const inOwnOffice = <P extends { path: (t: Target) => string; params: (t: Target) => Record<string, string> }>(place: P): P => ({
  ...place,
  path: () => place.path(fx.a),
  params: () => place.params(fx.a),
});
const page = (route: string, path: string) => ({ route, path: () => path, other: "none" } as const);
const indicator = place("_app.indicateurs.$indicatorId._index", "indicatorId", "indicatorId", (t) => `/indicateurs/${t.indicatorId}?periode=saison-${t.seasonId}&annee=2020`);
const indicatorEdit = place("_app.indicateurs.$indicatorId.modifier", "indicatorId", "indicatorId", (t) => `/indicateurs/${t.indicatorId}/modifier`);
const indicators = page("_app.indicateurs._index", "/indicateurs");
const entryGrid = { route: "_app.indicateurs.saisie", path: (t: Target) => `/indicateurs/saisie?periode=saison-${t.seasonId}&annee=2020`, other: "none" } as const;
const sheetPage = { ...place("_app.fiches-qualite.$sheetId._index", "sheetId", "sheetId", (t) => `/fiches-qualite/${t.sheetId}`), recordFirst: true } as const;
const draftSheetPage = { ...place("_app.fiches-qualite.$sheetId._index", "sheetId", "draftSheetId", (t) => `/fiches-qualite/${t.draftSheetId}`), recordFirst: true } as const;
const sheetEdit = place("_app.fiches-qualite.$sheetId.modifier", "sheetId", "sheetId", (t) => `/fiches-qualite/${t.sheetId}/modifier`);
const sheetVersion = {
  route: "_app.fiches-qualite.$sheetId.versions.$number",
  path: (t: Target) => `/fiches-qualite/${t.sheetId}/versions/1`,
  params: (t: Target) => ({ sheetId: String(t.sheetId), number: "1" }),
  other: "record",
} as const;
const sheetWord = (key: "sheetId" | "draftSheetId", query: string) => place("fiches-qualite.$sheetId.fiche[.docx]", "sheetId", key, (t) => `/fiches-qualite/${t[key]}/fiche.docx${query}`);
const newCampaign = page("_app.registres.questionnaires.nouveau", "/registres/questionnaires/nouveau");

const GET = { method: "GET", success: 200 } as const;
const POST = { method: "POST" } as const;
const shows = (key: string, idOf: (t: Target) => number) => (body: Record<string, unknown>, t: Target) => expect(body[key]).toMatchObject({ id: idOf(t) });
type Item = Record<string, unknown>;
/** A list (at a dotted path of the page's data, or picked) shows the own office's record, and none of the other office's. */
const lists =
  (at: string | ((body: Record<string, unknown>) => unknown), idOf: (t: Target) => number, key = "id") =>
  (body: Record<string, unknown>, t: Target) => {
    const list = typeof at === "string" ? at.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], body) : at(body);
    const ids = (list as Item[]).map((item) => item[key]);
    expect(ids).toContain(idOf(t));
    expect(ids).not.toContain(idOf(fx.b));
  };
/** the first column of a CSV export's rows */
const csvIds = (body: unknown) =>
  String(body)
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(";")[0]);
const isWordFile = (body: Record<string, unknown>) => expect(String(body).slice(0, 2)).toBe("PK");

const CASES: Case[] = [
  // Dashboard, account
  { ...page("_app", "/tableau-de-bord"), ...GET, allowed: ALL },
  {
    ...page("_app.tableau-de-bord", "/tableau-de-bord"),
    ...GET,
    allowed: ALL,
    shows: lists("sites", (t) => t.siteId),
  },
  { ...page("_app.mot-de-passe", "/mot-de-passe"), ...GET, allowed: ALL },
  {
    ...page("_app.mot-de-passe", "/mot-de-passe"),
    ...POST,
    allowed: ALL,
    form: () => ({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }),
    success: 302,
    says: /Mot de passe modifié/,
  },

  // Administration: the office, its sites, people and accounts
  { ...page("_app.administration", "/administration"), ...GET, allowed: READERS },
  { ...page("_app.administration._index", "/administration"), ...GET, allowed: READERS, shows: (b, t) => expect(b.office).toMatchObject({ id: t.officeId }) },
  { ...page("_app.administration._index", "/administration"), ...POST, allowed: ADMIN, form: officeForm, success: 302, says: /Informations de l'office enregistrées/ },
  // The reports' colour and logo (decision 047): the administrator, as the office's details.
  { ...page("_app.administration._index", "/administration"), ...POST, intent: "branding", allowed: ADMIN, form: () => ({ color: `#a4${String(10 + (brandingSaved++ % 80)).padStart(2, "0")}1a` }), success: 302, says: /Couleur et logo des rapports enregistrés/ },
  { ...page("_app.administration._index", "/administration"), ...POST, intent: "remove-logo", allowed: ADMIN, setup: fresh.logo, success: 302, says: /Logo retiré des rapports/ },
  // The office's reminder days: read and set by those who answer for the label (decision 046).
  { ...page("_app.administration.rappels", "/administration/rappels"), ...GET, allowed: READERS, shows: (b) => expect((b.kinds as Array<{ kind: string }>).map((k) => k.kind)).toContain("label_expiry") },
  { ...page("_app.administration.rappels", "/administration/rappels"), ...POST, allowed: READERS, form: remindersForm, success: 302, says: /Rappels de l'office enregistrés/ },
  {
    ...page("_app.administration.bureaux._index", "/administration/bureaux"),
    ...GET,
    allowed: READERS,
    shows: lists("sites", (t) => t.siteId),
  },
  { ...page("_app.administration.bureaux.nouveau", "/administration/bureaux/nouveau"), ...GET, allowed: ADMIN },
  { ...page("_app.administration.bureaux.nouveau", "/administration/bureaux/nouveau"), ...POST, allowed: ADMIN, form: siteForm, success: 302, says: /Bureau « .* » créé/ },
  { ...site, ...GET, allowed: READERS, shows: shows("site", (t) => t.siteId) },
  { ...site, ...POST, allowed: ADMIN, form: siteForm, success: 302, says: /Bureau enregistré/, to: (t) => `/administration/bureaux/${t.siteId}` },
  {
    ...page("_app.administration.personnes._index", "/administration/personnes"),
    ...GET,
    allowed: READERS,
    shows: lists("people", (t) => t.personId),
  },
  { ...page("_app.administration.personnes.nouveau", "/administration/personnes/nouveau"), ...GET, allowed: EDITORS },
  {
    ...page("_app.administration.personnes.nouveau", "/administration/personnes/nouveau"),
    ...POST,
    other: { refused: "siteId" },
    allowed: EDITORS,
    form: (t) => personForm(t.siteId),
    success: 302,
    says: /ajouté/,
  },
  { ...person, ...GET, allowed: READERS, shows: shows("person", (t) => t.personId) },
  { ...person, ...POST, allowed: EDITORS, form: () => personForm(""), success: 302, says: /Personne enregistrée/, to: (t) => `/administration/personnes/${t.personId}` },
  // The own office's person, attached to another office's site: refused beside the field.
  { ...inOwnOffice(person), ...POST, other: { refused: "siteId" }, allowed: EDITORS, form: (t) => personForm(t.siteId), success: 302, says: /Personne enregistrée/ },
  {
    ...accounts,
    ...GET,
    allowed: ADMIN,
    shows: lists("members", (t) => t.users.staff.membershipId, "membershipId"),
  },
  {
    ...accounts,
    ...POST,
    intent: "invite",
    other: { refused: "personId" },
    allowed: ADMIN,
    form: (t) => ({ email: `${unique("invite")}@test.fr`, role: "staff", personId: String(t.personId) }),
    success: 200,
    shows: (b) => expect(b.invitationLink).toMatch(/\/invitation\/[\w-]{20,}$/),
  },
  // The invitation addressed is the target office's: another office's is not found.
  {
    ...accounts,
    ...POST,
    intent: "revoke",
    other: "record",
    allowed: ADMIN,
    setup: fresh.invitation,
    form: (t) => ({ invitationId: String(t.invitationId) }),
    success: 302,
    says: /Invitation retirée/,
  },
  { ...accounts, ...POST, intent: UNKNOWN_INTENT, allowed: ADMIN, form: () => ({ email: `${unique("x")}@test.fr`, role: "staff", personId: "" }), success: 400 },
  { ...member, ...GET, allowed: ADMIN, shows: (b, t) => expect(b.member).toMatchObject({ membershipId: t.membershipId }) },
  // The role form sends no intent (the page's main form); the others are buttons.
  {
    ...member,
    ...POST,
    allowed: ADMIN,
    setup: fresh.member,
    form: () => ({ role: "quality_group_member", personId: "" }),
    success: 302,
    says: /Accès enregistré/,
    to: (t) => `/administration/comptes/${t.membershipId}`,
  },
  // An account of the own office (made there whatever the row's target), another office's person: refused beside the field.
  {
    ...member,
    ...POST,
    other: { refused: "personId" },
    allowed: ADMIN,
    setup: () => fresh.member(fx.a),
    form: (t) => ({ role: "staff", personId: String(t.personId) }),
    success: 302,
    says: /Accès enregistré/,
  },
  { ...member, ...POST, intent: "reset-password", allowed: ADMIN, setup: fresh.member, success: 200, shows: (b) => expect(b.resetLink).toMatch(/\/reinitialisation\/[\w-]{20,}$/) },
  { ...member, ...POST, intent: "remove", allowed: ADMIN, setup: fresh.member, success: 302, says: /Accès à l'office retiré/, to: () => "/administration/comptes" },

  // Référentiels
  {
    ...referentials,
    ...GET,
    allowed: ALL,
    shows: lists("referentials", (t) => t.referentialId),
  },
  {
    ...referentials,
    ...POST,
    intent: "upload",
    allowed: EDITORS,
    files: () => ({ upload: { name: "grille.yaml", content: yamlGrid() } }),
    success: 302,
    says: /Référentiel « Grille d'accès ».* importé/,
  },
  {
    ...referentials,
    ...POST,
    intent: "shipped",
    allowed: EDITORS,
    setup: fresh.noShippedGrid,
    form: () => ({ file: shippedGrid().file }),
    files: () => ({}),
    success: 302,
    says: /importé/,
  },
  { ...referential, ...GET, allowed: ALL, shows: shows("referential", (t) => t.referentialId) },

  // Labels and audits
  {
    ...page("_app.audits._index", "/audits"),
    ...GET,
    allowed: ALL,
    shows: lists("audits", (t) => t.ratedAuditId),
  },
  { ...page("_app.audits.labels.nouveau", "/audits/labels/nouveau"), ...GET, allowed: EDITORS },
  {
    ...page("_app.audits.labels.nouveau", "/audits/labels/nouveau"),
    ...POST,
    other: { refused: "referentialId" },
    allowed: EDITORS,
    form: labelForm,
    success: 302,
    says: /Label « .* » enregistré/,
  },
  { ...label, ...GET, allowed: ALL, shows: shows("label", (t) => t.labelId) },
  { ...label, ...POST, allowed: EDITORS, form: labelForm, success: 302, says: /Label enregistré/, to: (t) => `/audits/labels/${t.labelId}` },
  { ...page("_app.audits.nouveau", "/audits/nouveau"), ...GET, allowed: EDITORS },
  {
    ...page("_app.audits.nouveau", "/audits/nouveau"),
    ...POST,
    other: { refused: "labelId" },
    allowed: EDITORS,
    form: (t) => auditForm(t, "rated"),
    success: 302,
    says: /Audit « .* » enregistré/,
    to: () => /^\/audits\/\d+\/grille$/,
  },
  { ...audit, ...GET, allowed: ALL, shows: shows("audit", (t) => t.reportedAuditId) },
  {
    ...audit,
    ...POST,
    intent: "update",
    allowed: EDITORS,
    setup: fresh.audits,
    form: (t) => auditForm(t, "reported"),
    success: 302,
    says: /Audit enregistré/,
    to: (t) => `/audits/${t.reportedAuditId}`,
  },
  {
    ...audit,
    ...POST,
    intent: "add-finding",
    allowed: EDITORS,
    form: () => ({ kind: "strength", text: "Accueil chaleureux", criterionCode: "" }),
    success: 302,
    says: /ajouté/,
  },
  // The own office's audit, a finding on another office's site: refused beside the field.
  {
    ...inOwnOffice(audit),
    ...POST,
    intent: "add-finding",
    other: { refused: "siteIds" },
    allowed: EDITORS,
    form: (t) => ({ kind: "improvement", text: "Signalétique", criterionCode: "", siteIds: String(t.siteId) }),
    success: 302,
    says: /ajouté/,
  },
  { ...audit, ...POST, intent: "propose", allowed: EDITORS, form: () => ({ criterionCode: "A1" }), success: 302, says: /Critère A1 ajouté aux points à améliorer/ },
  {
    ...audit,
    ...POST,
    intent: "delete-finding",
    allowed: EDITORS,
    setup: fresh.finding,
    form: (t) => ({ findingId: String(t.findingId) }),
    success: 302,
    says: /Constat supprimé/,
  },
  // Another office's finding under the own office's audit: not found.
  {
    ...inOwnOffice(audit),
    ...POST,
    intent: "delete-finding",
    other: "record",
    allowed: EDITORS,
    setup: fresh.finding,
    form: (t) => ({ findingId: String(t.findingId) }),
    success: 302,
    says: /Constat supprimé/,
  },
  { ...audit, ...POST, intent: "self-assessment", allowed: EDITORS, setup: fresh.audits, success: 302, says: /Auto-évaluation créée/, to: () => /^\/audits\/\d+\/grille$/ },
  { ...audit, ...POST, intent: UNKNOWN_INTENT, allowed: EDITORS, success: 400 },
  { ...grid, ...GET, allowed: ALL, shows: shows("audit", (t) => t.ratedAuditId) },
  {
    ...grid,
    ...POST,
    allowed: EDITORS,
    setup: fresh.audits,
    form: () => ({ criterionCode: "A1", choice: "oui", comment: "" }),
    success: 200,
    shows: (b) => expect(b).toMatchObject({ ok: true }),
  },
  {
    route: "_app.audits.comparer",
    path: (t) => `/audits/comparer?a=${t.reportedAuditId}&b=${t.ratedAuditId}`,
    other: "record",
    ...GET,
    allowed: ALL,
    shows: (b) => expect(b).toMatchObject({ message: null, result: { a: {}, b: {} } }),
  },

  // Action plan
  {
    ...page("_app.plan-d-actions._index", "/plan-d-actions?en-retard=1"),
    ...GET,
    allowed: ALL,
    shows: lists("result.rows", (t) => t.actionId),
  },
  { ...page("_app.plan-d-actions.avancement", "/plan-d-actions/avancement"), ...GET, allowed: ALL },
  {
    ...page("plan-d-actions.export[.csv]", "/plan-d-actions/export.csv"),
    ...GET,
    allowed: ALL,
    shows: (b, t) => {
      expect(csvIds(b)).toContain(String(t.actionId));
      expect(csvIds(b)).not.toContain(String(fx.b.actionId));
    },
  },
  {
    ...page("_app.plan-d-actions.tableau", "/plan-d-actions/tableau"),
    ...GET,
    allowed: ALL,
    shows: lists(
      (b) => (b.columns as Array<{ cards: Item[] }>).flatMap((c) => c.cards),
      (t) => t.actionId,
    ),
  },
  // The board's card names the action: another office's is not found, before any right is asked.
  {
    ...page("_app.plan-d-actions.tableau", "/plan-d-actions/tableau"),
    ...POST,
    other: "record",
    recordFirst: true,
    allowed: UPDATERS,
    setup: fresh.action,
    form: (t) => ({ actionId: String(t.actionId), status: "en_cours" }),
    success: 302,
    says: /En cours/,
  },
  { ...page("_app.plan-d-actions.nouvelle", "/plan-d-actions/nouvelle"), ...GET, allowed: EDITORS },
  {
    ...page("_app.plan-d-actions.nouvelle", "/plan-d-actions/nouvelle"),
    ...POST,
    other: { refused: "ownerId" },
    allowed: EDITORS,
    form: actionForm,
    success: 302,
    says: /Action ajoutée au plan/,
    to: () => /^\/plan-d-actions\/\d+$/,
  },
  { ...action, ...GET, allowed: ALL, shows: shows("action", (t) => t.actionId) },
  {
    ...action,
    ...POST,
    intent: "status",
    allowed: UPDATERS,
    setup: fresh.action,
    form: () => ({ status: "en_cours", completedOn: "", statusReason: "", proof: "" }),
    success: 302,
    says: /Statut : En cours/,
  },
  { ...action, ...POST, intent: "attach", allowed: UPDATERS, setup: fresh.action, files: pdf, success: 302, says: /« rapport\.pdf » ajouté aux preuves/ },
  {
    ...action,
    ...POST,
    intent: "quick",
    allowed: UPDATERS,
    setup: fresh.action,
    form: () => ({ status: "en_cours", note: "Relance faite", back: "/plan-d-actions?en-retard=1" }),
    success: 302,
    says: /mise à jour/,
    to: () => "/plan-d-actions?en-retard=1",
  },
  { ...action, ...POST, intent: "note", allowed: UPDATERS, setup: fresh.action, form: () => ({ text: "Relance faite" }), success: 302, says: /Note ajoutée/ },
  {
    ...action,
    ...POST,
    intent: "effectiveness",
    allowed: EDITORS,
    setup: fresh.doneAction,
    form: () => ({ effectiveness: "efficace", effectivenessComment: "" }),
    success: 302,
    says: /efficacité enregistrée/,
  },
  { ...action, ...POST, intent: "update", allowed: EDITORS, setup: fresh.action, form: actionForm, success: 302, says: /Action enregistrée/ },
  {
    ...inOwnOffice(action),
    ...POST,
    intent: "update",
    other: { refused: "ownerId" },
    recordFirst: false,
    allowed: EDITORS,
    form: actionForm,
    success: 302,
    says: /Action enregistrée/,
  },
  { ...action, ...POST, intent: UNKNOWN_INTENT, allowed: ALL, success: 400 },

  // Meetings
  {
    ...page("_app.reunions._index", "/reunions"),
    ...GET,
    allowed: ALL,
    shows: lists("meetings", (t) => t.meetingId),
  },
  { ...page("_app.reunions.series.nouvelle", "/reunions/series/nouvelle"), ...GET, allowed: EDITORS },
  { ...page("_app.reunions.series.nouvelle", "/reunions/series/nouvelle"), ...POST, allowed: EDITORS, form: seriesForm, success: 302, says: /Série « .* » créée/ },
  { ...series, ...GET, allowed: EDITORS, shows: shows("series", (t) => t.seriesId) },
  { ...series, ...POST, allowed: EDITORS, form: seriesForm, success: 302, says: /Série « .* » enregistrée/ },
  { ...page("_app.reunions.nouvelle", "/reunions/nouvelle"), ...GET, allowed: EDITORS },
  {
    ...page("_app.reunions.nouvelle", "/reunions/nouvelle"),
    ...POST,
    other: { refused: "seriesId" },
    allowed: EDITORS,
    form: (t) => ({ seriesId: String(t.seriesId), title: unique("Réunion"), heldOn: "2030-03-25", startTime: "14:00", agenda: "Actualité" }),
    success: 302,
    says: /Réunion planifiée/,
    to: () => /^\/reunions\/\d+$/,
  },
  { ...meeting, ...GET, allowed: ALL, shows: shows("meeting", (t) => t.meetingId) },
  { ...meeting, ...GET, setup: fresh.theDraft, allowed: READERS, hidden: NO_DRAFTS, shows: shows("meeting", (t) => t.draftMeetingId) },
  { ...meeting, ...POST, intent: "read", allowed: ALL, setup: fresh.published, success: 302, says: /marqué comme lu/ },
  // A draft is not read: refused to those who see it, absent for the others (so are its
  // publication and deletion; its unpublishing, below, is refused with 403 on a published one).
  { ...meeting, ...POST, intent: "read", allowed: READERS, hidden: NO_DRAFTS, setup: fresh.draft, success: 400 },
  { ...meeting, ...POST, intent: "publish", allowed: EDITORS, hidden: NO_DRAFTS, setup: fresh.readyDraft, success: 302, says: /Compte rendu publié/ },
  { ...meeting, ...POST, intent: "unpublish", allowed: EDITORS, setup: fresh.published, success: 302, says: /repassé en brouillon/ },
  {
    ...meeting,
    ...POST,
    intent: "delete",
    allowed: EDITORS,
    hidden: NO_DRAFTS,
    setup: fresh.draft,
    form: () => ({ confirmDelete: "on" }),
    success: 302,
    says: /Réunion « .* » supprimée/,
    to: () => "/reunions",
  },
  { ...meeting, ...POST, intent: "attach", allowed: EDITORS, setup: fresh.published, files: pdf, success: 302, says: /« rapport\.pdf » joint au compte rendu/ },
  { ...meeting, ...POST, intent: UNKNOWN_INTENT, allowed: ALL, setup: fresh.published, success: 400 },
  { ...meetingEdit, ...GET, allowed: EDITORS, shows: shows("meeting", (t) => t.meetingId) },
  {
    ...meetingEdit,
    ...POST,
    allowed: EDITORS,
    setup: fresh.draft,
    form: (t) => ({ seriesId: String(t.seriesId), title: unique("Réunion"), heldOn: "2021-03-25", startTime: "14:00" }),
    success: 302,
    says: /Réunion enregistrée/,
  },
  { ...attendance, ...GET, allowed: EDITORS, shows: shows("meeting", (t) => t.meetingId) },
  {
    ...attendance,
    ...POST,
    intent: "save",
    allowed: EDITORS,
    setup: fresh.draft,
    form: (t) => ({ ...attendanceForm(t, "present"), guestName: unique("Invité"), guestStatus: "present" }),
    success: 302,
    says: /Participants enregistrés/,
  },
  {
    ...attendance,
    ...POST,
    intent: "all-present",
    allowed: EDITORS,
    setup: fresh.draft,
    form: (t) => attendanceForm(t, "invited"),
    success: 302,
    says: /Participants enregistrés/,
  },
  { ...minutes, ...GET, allowed: EDITORS, shows: shows("meeting", (t) => t.meetingId) },
  {
    ...minutes,
    ...POST,
    intent: "save",
    allowed: EDITORS,
    setup: fresh.draft,
    form: (t) => minutesForm(t),
    success: 302,
    says: /Compte rendu enregistré/,
    to: (t) => `/reunions/${t.meetingId}/compte-rendu`,
  },
  // Saved in place by the page's script: the saved minutes come back as data.
  {
    ...minutes,
    ...POST,
    intent: "save",
    allowed: EDITORS,
    setup: fresh.draft,
    form: (t) => ({ ...minutesForm(t), inPlace: "1" }),
    success: 200,
    shows: (b, t) => expect(b).toMatchObject({ savedVersion: expect.any(Number), sectionIds: t.sections.map((s) => s.id) }),
  },
  {
    ...minutes,
    ...POST,
    intent: "add-section",
    allowed: EDITORS,
    setup: fresh.draft,
    form: (t) => minutesForm(t),
    success: 302,
    says: /Compte rendu enregistré/,
    to: (t) => `/reunions/${t.meetingId}/compte-rendu#point-${t.sections.length + 1}`,
  },
  { ...minutes, ...POST, intent: "move-up:1", allowed: EDITORS, setup: fresh.draft, form: (t) => minutesForm(t), success: 302, says: /Compte rendu enregistré/ },
  { ...minutes, ...POST, intent: "move-down:0", allowed: EDITORS, setup: fresh.draft, form: (t) => minutesForm(t), success: 302, says: /Compte rendu enregistré/ },
  { ...minutes, ...POST, intent: "remove-section:2", allowed: EDITORS, setup: fresh.draft, form: (t) => minutesForm(t), success: 302, says: /Compte rendu enregistré/ },
  {
    ...minutes,
    ...POST,
    intent: "action",
    other: "record",
    allowed: EDITORS,
    setup: fresh.draft,
    form: (t) => ({ title: unique("Action"), ownerId: String(t.personId), sectionId: String(t.sections[0]!.id), priority: "normale" }),
    success: 302,
    says: /Action « .* » ajoutée au plan d'actions/,
  },
  // The own office's minutes, an action for another office's person: refused beside the field.
  {
    ...inOwnOffice(minutes),
    ...POST,
    intent: "action",
    other: { refused: "ownerId" },
    allowed: EDITORS,
    form: (t) => ({ title: unique("Action"), ownerId: String(t.personId), priority: "normale" }),
    success: 302,
    says: /ajoutée au plan d'actions/,
  },
  { ...minutes, ...POST, intent: UNKNOWN_INTENT, allowed: EDITORS, setup: fresh.draft, form: (t) => minutesForm(t), success: 400 },
  { ...minutesWord, ...GET, allowed: ALL, shows: isWordFile },
  { ...minutesWord, ...GET, setup: fresh.theDraft, allowed: READERS, hidden: NO_DRAFTS, shows: isWordFile },

  // Procedure sheets: everyone reads the published ones and confirms them; editors write them;
  // a sheet never published does not exist for those who may not read drafts.
  { ...page("_app.fiches-qualite._index", "/fiches-qualite"), ...GET, allowed: ALL, shows: lists("sheets", (t) => t.sheetId) },
  { ...page("_app.fiches-qualite._index", "/fiches-qualite?filtre=a-revoir"), ...GET, allowed: ALL },
  { ...page("_app.fiches-qualite.nouvelle", "/fiches-qualite/nouvelle"), ...GET, allowed: EDITORS },
  ...(["save", "publish"] as const).map(
    (intent): Case => ({
      ...page("_app.fiches-qualite.nouvelle", "/fiches-qualite/nouvelle"),
      ...POST,
      intent,
      other: { refused: "referentId" },
      allowed: EDITORS,
      form: sheetForm,
      success: 302,
      says: intent === "save" ? /créée en brouillon/ : /publiée : les personnes concernées/,
      to: () => /^\/fiches-qualite\/\d+$/,
    }),
  ),
  { ...page("_app.fiches-qualite.nouvelle", "/fiches-qualite/nouvelle"), ...POST, intent: UNKNOWN_INTENT, allowed: EDITORS, form: sheetForm, success: 400 },
  { ...sheetPage, ...GET, allowed: ALL, shows: shows("sheet", (t) => t.sheetId) },
  { ...draftSheetPage, ...GET, allowed: READERS, hidden: NO_DRAFTS, shows: shows("sheet", (t) => t.draftSheetId) },
  { ...sheetPage, ...POST, intent: "confirm", allowed: ALL, setup: fresh.sheet, success: 302, says: /vous avez lu et compris la version 2/ },
  // A sheet never published is not confirmed: refused to those who see it, absent for the others.
  { ...draftSheetPage, ...POST, intent: "confirm", allowed: READERS, hidden: NO_DRAFTS, setup: fresh.draftSheet, success: 400 },
  { ...draftSheetPage, ...POST, intent: "publish", allowed: EDITORS, hidden: NO_DRAFTS, setup: fresh.draftSheet, success: 302, says: /Version 1 publiée/ },
  { ...sheetPage, ...POST, intent: "publish", allowed: EDITORS, setup: fresh.sheetWithDraft, success: 302, says: /Version 3 publiée/ },
  { ...sheetPage, ...POST, intent: "discard", allowed: EDITORS, setup: fresh.sheetWithDraft, success: 302, says: /Modifications abandonnées/ },
  { ...sheetPage, ...POST, intent: "review", allowed: EDITORS, setup: fresh.sheet, form: () => ({ reviewedOn: parisDay(new Date()) }), success: 302, says: /Revue enregistrée/ },
  {
    ...draftSheetPage,
    ...POST,
    intent: "delete",
    allowed: EDITORS,
    hidden: NO_DRAFTS,
    setup: fresh.draftSheet,
    form: () => ({ confirmDelete: "on" }),
    success: 302,
    says: /Fiche « .* » supprimée/,
    to: () => "/fiches-qualite",
  },
  { ...sheetPage, ...POST, intent: "attach", allowed: EDITORS, setup: fresh.sheet, files: pdf, success: 302, says: /« rapport\.pdf » joint à la fiche/ },
  { ...sheetPage, ...POST, intent: UNKNOWN_INTENT, allowed: ALL, success: 400 },
  { ...sheetEdit, ...GET, allowed: EDITORS, shows: shows("sheet", (t) => t.sheetId) },
  { ...sheetEdit, ...POST, intent: "save", allowed: EDITORS, setup: fresh.sheet, form: sheetForm, success: 302, says: /Version 3 enregistrée, pas encore publiée/, to: (t) => `/fiches-qualite/${t.sheetId}` },
  { ...sheetEdit, ...POST, intent: "publish", allowed: EDITORS, setup: fresh.sheet, form: sheetForm, success: 302, says: /Version 3 publiée/ },
  // The own office's sheet, naming another office's person: refused beside the field.
  { ...inOwnOffice(sheetEdit), ...POST, intent: "save", other: { refused: "referentId" }, allowed: EDITORS, form: sheetForm, success: 302, says: /Version \d+ enregistrée/ },
  { ...sheetEdit, ...POST, intent: UNKNOWN_INTENT, allowed: EDITORS, form: sheetForm, success: 400 },
  { ...sheetVersion, ...GET, allowed: ALL, shows: (b) => expect(b.version).toMatchObject({ number: 1, status: "published" }) },
  { ...sheetWord("sheetId", ""), ...GET, allowed: ALL, shows: isWordFile },
  { ...sheetWord("sheetId", "?version=1"), ...GET, allowed: ALL, shows: isWordFile },
  { ...sheetWord("draftSheetId", "?version=brouillon"), ...GET, allowed: READERS, hidden: NO_DRAFTS, shows: isWordFile },

  // Attached files: seen by those who see what they are attached to.
  { ...file("actionFileId"), ...GET, allowed: ALL, shows: (b) => expect(String(b)).toMatch(/^%PDF-1\.4/) },
  { ...file("meetingFileId"), ...GET, allowed: ALL, shows: (b) => expect(String(b)).toMatch(/^%PDF-1\.4/) },
  { ...file("draftFileId"), ...GET, allowed: READERS, hidden: NO_DRAFTS, shows: (b) => expect(String(b)).toMatch(/^%PDF-1\.4/) },
  { ...file("sheetFileId"), ...GET, allowed: ALL, shows: (b) => expect(String(b)).toMatch(/^%PDF-1\.4/) },
  { ...file("draftSheetFileId"), ...GET, allowed: READERS, hidden: NO_DRAFTS, shows: (b) => expect(String(b)).toMatch(/^%PDF-1\.4/) },
  // Notifications: the poster's own (another office's does not exist for them), the agenda, the outbox.
  { ...page("_app.notifications", "/notifications"), ...GET, allowed: ALL },
  {
    ...page("_app.notifications", "/notifications"),
    ...POST,
    intent: "read_all",
    allowed: ALL,
    setup: async (t, poster) => ({ notificationId: await createNotificationFixture(t.officeId, poster?.userId ?? t.users.staff.userId) }),
    success: 302,
  },
  ...(["open", "read"] as const).map(
    (intent): Case => ({
      route: "_app.notifications",
      path: () => "/notifications",
      other: "record",
      ...POST,
      intent,
      allowed: ALL,
      setup: async (t, poster) => ({ notificationId: await createNotificationFixture(t.officeId, t.officeId === poster?.officeId ? poster.userId : t.users.staff.userId) }),
      form: (t) => ({ notificationId: String(t.notificationId) }),
      success: 302,
    }),
  ),
  // E-mail choices: everyone receives the digest of their actions, so everyone may choose.
  { ...page("_app.notifications", "/notifications"), ...POST, intent: "preferences", allowed: ALL, form: () => ({ byEmail: "action_digest" }), success: 302, says: /choix de rappels/ },
  { ...page("_app.agenda", "/agenda"), ...GET, allowed: ALL },
  { ...page("_app.agenda", "/agenda"), ...POST, intent: "create", allowed: ALL, success: 200 },
  // Word reports: every role, the office's own records only.
  { ...page("_app.rapports", "/rapports"), ...GET, allowed: ALL },
  { route: "_app.rapports", path: (t) => `/rapports?rapport=audit&audit=${t.ratedAuditId}`, other: "none", method: "GET", allowed: ALL, success: 302, to: () => /^\/rapports\/audits\/\d+\/rapport\.docx/ },
  { route: "_app.rapports", path: (t) => `/rapports?rapport=preparation&label=${t.labelId}`, other: "none", method: "GET", allowed: ALL, success: 302, to: () => /^\/rapports\/labels\/\d+\/preparation\.docx/ },
  { route: "_app.rapports", path: (t) => `/rapports?rapport=plan&groupe=bureau&bureau=${t.siteId}`, other: "none", method: "GET", allowed: ALL, success: 302, to: () => /^\/rapports\/plan-d-actions\.docx\?/ },
  { ...page("rapports.plan-d-actions[.docx]", "/rapports/plan-d-actions.docx?groupe=statut"), ...GET, allowed: ALL, shows: isWordFile },
  { route: "rapports.plan-d-actions[.docx]", path: (t) => `/rapports/plan-d-actions.docx?bureau=${t.siteId}`, other: "none", ...GET, allowed: ALL, shows: isWordFile },
  { ...place("rapports.audits.$auditId.rapport[.docx]", "auditId", "ratedAuditId", (t) => `/rapports/audits/${t.ratedAuditId}/rapport.docx`), ...GET, allowed: ALL, shows: isWordFile },
  { ...place("rapports.labels.$labelId.preparation[.docx]", "labelId", "labelId", (t) => `/rapports/labels/${t.labelId}/preparation.docx`), ...GET, allowed: ALL, shows: isWordFile },
  {
    ...page("_app.agenda", "/agenda"),
    ...POST,
    intent: "revoke",
    allowed: ALL,
    setup: async (t, poster) => {
      if (poster) await createFeed({ ...commandScope(db(), t.officeId), actor: { userId: poster.userId, name: "Test" } });
      return {};
    },
    success: 302,
  },
  // Registers: staff log at the desk; members read without personal data; an entry is its office's.
  { ...page("_app.registres._index", "/registres"), ...GET, allowed: ALL },
  { ...page("_app.registres._index", "/registres"), ...POST, intent: "settings", allowed: EDITORS, form: settingsForm, success: 302, says: /enregistr/ },
  { ...page("_app.registres._index", "/registres"), ...POST, intent: "anonymise", allowed: EDITORS, setup: fresh.expiredEntry, success: 302 },
  { ...page("_app.registres._index", "/registres"), ...POST, intent: UNKNOWN_INTENT, allowed: EDITORS, success: 400 },
  { ...register("reclamations", "?en-retard=1&q=guichet"), ...GET, allowed: ALL },
  { ...register("dysfonctionnements"), ...GET, allowed: ALL },
  { ...register("reclamations"), ...GET, allowed: ALL, shows: lists("result.rows", (t) => t.entryId) },
  // A register's figures: everyone who reads the register reads them (counts hold no personal data).
  { route: "_app.registres.$register.chiffres", path: () => "/registres/reclamations/chiffres?en-retard=1&annee=2020", params: () => ({ register: "reclamations" }), other: "none", ...GET, allowed: ALL },
  { route: "_app.registres.$register.chiffres", path: () => "/registres/suggestions/chiffres", params: () => ({ register: "suggestions" }), other: "none", ...GET, allowed: ALL },
  { route: "_app.registres.$register.nouveau", path: () => "/registres/suggestions/nouveau", params: () => ({ register: "suggestions" }), other: "none", ...GET, allowed: REGISTER_LOGGERS },
  {
    route: "_app.registres.$register.nouveau",
    path: () => "/registres/reclamations/nouveau",
    params: () => ({ register: "reclamations" }),
    other: "none",
    ...POST,
    allowed: REGISTER_LOGGERS,
    form: complaintForm,
    success: 302,
    says: /Réclamation/,
  },
  { ...entry, ...GET, allowed: ALL, shows: shows("entry", (t) => t.entryId) },
  // Logged by the set-up, not by the staff account of the table: only editors may change it.
  { ...entry, ...POST, intent: "update", allowed: EDITORS, form: complaintForm, success: 302, says: /Entrée enregistrée/ },
  { ...entry, ...POST, intent: "action", allowed: EDITORS, form: (t) => ({ title: unique("Action"), ownerId: String(t.personId), priority: "normale" }), success: 302, says: /ajoutée au plan/ },
  { ...entry, ...POST, intent: "erase", allowed: EDITORS, setup: fresh.entry, form: () => ({ confirm: "on" }), success: 302 },
  // Staff may edit their own entries and everyone reads them: an unknown form is refused to all alike.
  { ...entry, ...POST, intent: UNKNOWN_INTENT, allowed: ALL, success: 400 },
  { route: "registres.$register.export[.csv]", path: () => "/registres/reclamations/export.csv", params: () => ({ register: "reclamations" }), other: "none", ...GET, allowed: ALL, shows: (b, t) => expect(csvIds(b)).toContain(String(t.entryId)) },
  { ...place("registres.entrees.$entryId.donnees[.json]", "entryId", "entryId", (t) => `/registres/entrees/${t.entryId}/donnees.json`), ...GET, allowed: EDITORS },
  // Satisfaction questionnaires: everyone reads the results; staff type the paper sheets; the
  // référente runs the campaigns. A campaign, a sheet and their forms are their office's.
  {
    ...page("_app.registres.questionnaires._index", "/registres/questionnaires"),
    ...GET,
    allowed: ALL,
    shows: lists("questionnaires", (t) => t.questionnaireId),
  },
  { ...newCampaign, ...GET, allowed: EDITORS },
  { ...newCampaign, ...POST, intent: "create", other: { refused: "siteIds" }, allowed: EDITORS, form: campaignForm, success: 302, says: /Campagne « .* » créée/ },
  { ...newCampaign, ...POST, intent: "copy", other: { refused: "sourceId" }, allowed: EDITORS, form: (t) => ({ sourceId: String(t.questionnaireId), year: "2030" }), success: 302, says: /créée à partir de la précédente/ },
  { ...newCampaign, ...POST, intent: UNKNOWN_INTENT, allowed: EDITORS, success: 400 },
  { ...results, ...GET, allowed: ALL, shows: (b, t) => expect(b.questionnaire).toMatchObject({ id: t.questionnaireId }) },
  { ...results, ...POST, intent: "action", allowed: EDITORS, form: (t) => ({ title: unique("Action"), ownerId: String(t.personId), priority: "normale" }), success: 302, says: /ajoutée au plan/ },
  { ...inOwnOffice(results), ...POST, intent: "action", other: { refused: "ownerId" }, recordFirst: false, allowed: EDITORS, form: (t) => ({ title: unique("Action"), ownerId: String(t.personId), priority: "normale" }), success: 302, says: /ajoutée au plan/ },
  { ...results, ...POST, intent: UNKNOWN_INTENT, allowed: ALL, success: 400 },
  {
    ...questionnaireAt("_app.registres.questionnaires.$questionnaireId.reponses", "/reponses"),
    ...GET,
    allowed: ALL,
    shows: lists("result.rows", (t) => t.responseId),
  },
  { ...questionnaireAt("_app.registres.questionnaires.$questionnaireId.diffusion", "/diffusion"), ...GET, allowed: ALL, shows: (b) => expect(String(b.link)).toMatch(/\/questionnaire\/[\w-]{16,}$/) },
  { ...campaignEdit, ...GET, allowed: EDITORS },
  { ...campaignEdit, ...POST, intent: "update", allowed: EDITORS, setup: fresh.questionnaire, form: campaignForm, success: 302, says: /Campagne enregistrée/ },
  { ...inOwnOffice(campaignEdit), ...POST, intent: "update", other: { refused: "siteIds" }, allowed: EDITORS, form: campaignForm, success: 302, says: /Campagne enregistrée/ },
  { ...campaignEdit, ...POST, intent: "delete", allowed: EDITORS, setup: fresh.questionnaire, form: () => ({ confirm: "on" }), success: 302, says: /supprimée/, to: () => "/registres/questionnaires" },
  { ...campaignEdit, ...POST, intent: "add-question", allowed: EDITORS, setup: fresh.questionnaire, form: () => ({ kind: "single", text: unique("Question"), choices: "Oui\nNon" }), success: 302, says: /Question ajoutée/ },
  { ...campaignEdit, ...POST, intent: "update-question", allowed: EDITORS, form: questionForm, success: 302, says: /Question enregistrée/ },
  { ...campaignEdit, ...POST, intent: "remove-question", allowed: EDITORS, setup: fresh.questionnaire, form: (t) => ({ questionId: String(t.questionIds[4]) }), success: 302, says: /Question retirée/ },
  { ...campaignEdit, ...POST, intent: "move-up", allowed: EDITORS, setup: fresh.questionnaire, form: (t) => ({ questionId: String(t.questionIds[1]) }), success: 302, says: /Ordre des questions/ },
  { ...campaignEdit, ...POST, intent: "move-down", allowed: EDITORS, setup: fresh.questionnaire, form: (t) => ({ questionId: String(t.questionIds[1]) }), success: 302, says: /Ordre des questions/ },
  { ...campaignEdit, ...POST, intent: UNKNOWN_INTENT, allowed: EDITORS, success: 400 },
  { ...sheetEntry, ...GET, allowed: SHEET_TYPISTS, shows: (b) => expect(b).toMatchObject({ questions: expect.any(Array) }) },
  { ...sheetEntry, ...POST, intent: "sheet", allowed: SHEET_TYPISTS, form: answerSheetForm, success: 302, says: /Feuille enregistrée/ },
  { ...inOwnOffice(sheetEntry), ...POST, intent: "sheet", other: { refused: "siteId" }, allowed: SHEET_TYPISTS, form: (t) => ({ ...answerSheetForm(fx.a), siteId: String(t.siteId) }), success: 302, says: /Feuille enregistrée/ },
  { ...sheetEntry, ...POST, intent: UNKNOWN_INTENT, allowed: SHEET_TYPISTS, success: 400 },
  { ...sheetImport, ...GET, allowed: EDITORS },
  { ...sheetImport, ...POST, intent: "import", allowed: EDITORS, files: csvFile, success: 302, says: /1 réponse importée/ },
  { ...sheetImport, ...POST, intent: UNKNOWN_INTENT, allowed: EDITORS, success: 400 },
  { ...response, ...GET, allowed: ALL, shows: shows("response", (t) => t.responseId) },
  { ...response, ...POST, intent: "complaint", allowed: REGISTER_LOGGERS, form: () => ({ subject: unique("Réclamation"), category: "Accueil" }), success: 302, says: /Réclamation n° \d+ ajoutée au registre/ },
  { ...inOwnOffice(response), ...POST, intent: "complaint", other: { refused: "personId" }, recordFirst: false, allowed: REGISTER_LOGGERS, form: (t) => ({ subject: unique("Réclamation"), personId: String(t.personId) }), success: 302, says: /ajoutée au registre/ },
  { ...response, ...POST, intent: "action", allowed: EDITORS, form: (t) => ({ title: unique("Action"), ownerId: String(t.personId), priority: "normale" }), success: 302, says: /ajoutée au plan/ },
  { ...response, ...POST, intent: "delete", allowed: EDITORS, setup: fresh.response, form: () => ({ confirm: "on" }), success: 302, says: /supprimée/, to: (t) => `/registres/questionnaires/${t.questionnaireId}/reponses` },
  { ...response, ...POST, intent: "erase", allowed: EDITORS, setup: fresh.response, form: () => ({ confirm: "on" }), success: 302, says: /effacées/ },
  { ...response, ...POST, intent: UNKNOWN_INTENT, allowed: ALL, success: 400 },
  { ...questionnaireAt("registres.questionnaires.$questionnaireId.questionnaire[.docx]", "/questionnaire.docx"), ...GET, allowed: ALL, shows: isWordFile },
  { ...questionnaireAt("registres.questionnaires.$questionnaireId.modele[.csv]", "/modele.csv"), ...GET, allowed: EDITORS, shows: (b) => expect(String(b).replace(/^\uFEFF/, "")).toMatch(/^date;bureau;canal;Q1 /) },
  { ...questionnaireAt("registres.questionnaires.$questionnaireId.qr[.png]", "/qr.png"), ...GET, allowed: ALL, shows: (b) => expect(String(b).slice(1, 4)).toBe("PNG") },
  { ...page("_app.administration.courriels", "/administration/courriels"), ...GET, allowed: ADMIN },
  {
    route: "_app.administration.courriels",
    path: () => "/administration/courriels",
    other: "record",
    ...POST,
    intent: "retry",
    allowed: ADMIN,
    setup: async (t) => ({ mailId: await createFailedMailFixture(t.officeId) }),
    form: (t) => ({ mailId: String(t.mailId) }),
    success: 302,
  },
  { ...page("_app.administration.securite", "/administration/securite"), ...GET, allowed: ADMIN, shows: (b) => expect(b).toMatchObject({ entries: expect.any(Array), more: false }) },
  // Indicators: every role reads the figures; editors define indicators and seasons and enter figures.
  { ...indicators, ...GET, allowed: ALL, shows: lists((b) => (b.byCategory as Array<{ rows: Item[] }>).flatMap((c) => c.rows), (t) => t.indicatorId) },
  { ...indicators, ...POST, intent: "enable-standard", allowed: EDITORS, setup: fresh.standardIncomplete, success: 302, says: /Jeu standard activé : 1 indicateur ajoutés/ },
  { ...indicators, ...POST, intent: "add-season", allowed: EDITORS, form: () => ({ name: unique("Saison"), startMonth: "4", endMonth: "6" }), success: 302, says: /Saison « .* » ajoutée/ },
  // The season named is another office's: not found.
  { ...indicators, ...POST, intent: "delete-season", other: "record", allowed: EDITORS, setup: fresh.season, form: (t) => ({ seasonId: String(t.seasonId) }), success: 302, says: /supprimée avec ses chiffres/ },
  { ...indicators, ...POST, intent: UNKNOWN_INTENT, allowed: EDITORS, success: 400 },
  { ...page("_app.indicateurs.nouveau", "/indicateurs/nouveau"), ...GET, allowed: EDITORS },
  { ...page("_app.indicateurs.nouveau", "/indicateurs/nouveau"), ...POST, intent: "save", allowed: EDITORS, form: indicatorForm, success: 302, says: /Indicateur « .* » créé/, to: () => /^\/indicateurs\/\d+$/ },
  { ...indicator, ...GET, allowed: ALL, shows: shows("indicator", (t) => t.indicatorId) },
  { ...indicatorEdit, ...GET, allowed: EDITORS, shows: shows("indicator", (t) => t.indicatorId) },
  // A standard indicator keeps its code, whatever the form says.
  {
    ...indicatorEdit,
    ...POST,
    intent: "save",
    allowed: EDITORS,
    form: () => ({ ...indicatorForm(), code: "contacts", category: "frequentation", breakdown: "site" }),
    success: 302,
    says: /Indicateur « .* » enregistré/,
    to: (t) => `/indicateurs/${t.indicatorId}`,
  },
  { ...indicatorEdit, ...POST, intent: "delete", allowed: EDITORS, setup: fresh.indicator, success: 302, says: /supprimé avec ses chiffres/, to: () => "/indicateurs" },
  { ...indicatorEdit, ...POST, intent: UNKNOWN_INTENT, allowed: EDITORS, success: 400 },
  { ...entryGrid, ...GET, allowed: EDITORS, shows: lists("rows", (t) => t.indicatorId, "indicatorId") },
  // A cell of another office's indicator is refused beside that cell, and nothing is written.
  { ...entryGrid, ...POST, intent: "save", other: { refused: gridCell }, allowed: EDITORS, form: (t) => ({ [gridCell(t)]: String(figure++) }), success: 302, says: /1 chiffre enregistré/ },
  { ...entryGrid, ...POST, intent: "import", allowed: EDITORS, files: figuresCsv, success: 302, says: /Fichier importé : 1 ligne, 1 chiffre modifié/ },
  { ...entryGrid, ...POST, intent: UNKNOWN_INTENT, allowed: EDITORS, success: 400 },
];

/** Where forms say which intent they post, and where actions read it. */
const INTENT_PATTERNS = [
  /name="intent" value="([\w-]+)"/g,
  /name="intent" value=\{`([\w-]+):/g,
  /\bintent="([\w-]+)"/g,
  /\{ intent: "([\w-]+)" \}/g,
  /(?<!typeof )\bintent === "([\w-]+)"/g,
  /intent: z\.literal\("([\w-]+)"\)/g,
];
const intentsIn = (source: string) => [...new Set(INTENT_PATTERNS.flatMap((p) => [...source.matchAll(p)].map((m) => m[1]!)))];
const componentSources = import.meta.glob<string>("../../app/components/*.tsx", { eager: true, query: "?raw", import: "default" });
/** Components that post an intent themselves (the files card posts "attach"), by exported name. */
const COMPONENT_INTENTS: Array<[string, string[]]> = Object.values(componentSources).flatMap((source) =>
  [...source.matchAll(/export function (\w+)/g)].map((m): [string, string[]] => [m[1]!, intentsIn(source)]).filter(([, intents]) => intents.length > 0),
);
const postedFrom = (target: string, intent: string) =>
  Object.entries(POSTS_TO).some(([from, to]) => to === target && intentsIn(routeSources[`../../app/routes/${from}.tsx`] ?? "").includes(intent));

/** Pages whose forms post to another route's action: the list's quick update goes to the action's page. */
const POSTS_TO: Record<string, string> = { "_app.plan-d-actions._index": "_app.plan-d-actions.$actionId" };

/** Routes open without an account (or that only need the account, not an office role): checked below. */
const PUBLIC_ROUTES = ["_index", "connexion", "deconnexion", "changer-d-office", "healthz", "invitation.$token", "reinitialisation.$token", "desabonnement.$token", "agenda.$token", "mes-actions.$token", "questionnaire.$token"];

interface Fixtures {
  a: Target;
  b: Target;
  /** a staff account of office a, owner of office a's actions (its person) */
  owner: { userId: number };
  /** an administrator of both offices, working in office a */
  adminOfBoth: { userId: number };
}
let fx: Fixtures;

beforeAll(async () => {
  const build = async (): Promise<Target> => {
    const office = await createOfficeFixture();
    const published = await createMeetingFixture(office, { published: true });
    const draft = await createMeetingFixture(office);
    const actionId = await createActionFixture(office);
    const sheetId = await createSheetFixture(office, { versions: 2 });
    const draftSheetId = await createSheetFixture(office, { versions: 0 });
    const attach = async (owner: { kind: "action" | "meeting" | "procedure_sheet"; id: number }) =>
      (await attachFile(commandScope(db(), office.officeId), fileStore(), {
        owner,
        name: "preuve.pdf",
        type: "application/pdf",
        bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF"),
      })) ?? 0;
    const scope = commandScope(db(), office.officeId);
    await enableStandardSet(scope);
    const indicators = await listIndicators(scope);
    return {
      ...office,
      ...(await createAuditFixture(office.officeId)),
      ...(await meetingParts(published.meetingId)),
      actionId,
      seriesId: published.seriesId,
      draftMeetingId: draft.meetingId,
      membershipId: office.users.staff.membershipId,
      invitationId: 0,
      findingId: 0,
      actionFileId: await attach({ kind: "action", id: actionId }),
      meetingFileId: await attach({ kind: "meeting", id: published.meetingId }),
      draftFileId: await attach({ kind: "meeting", id: draft.meetingId }),
      entryId: await complaintFixture(office.officeId),
      indicatorId: indicators.find((i) => i.code === "contacts")!.id,
      seasonId: (await listSeasons(scope))[0]!.id,
      sheetId,
      draftSheetId,
      sheetFileId: await attach({ kind: "procedure_sheet", id: sheetId }),
      draftSheetFileId: await attach({ kind: "procedure_sheet", id: draftSheetId }),
      ...(await (async () => {
        const q = await createQuestionnaireFixture(office);
        return { questionnaireId: q.questionnaireId, questionIds: q.questionIds, responseId: await sheetFixture(office.officeId, q.questionnaireId, q.questionIds) };
      })()),
    };
  };
  const a = await build();
  const b = await build();
  const adminOfBoth = await createUserInOffice(a.officeId, "admin");
  await db().transaction((trx) => addMembership(commandScope(trx, b.officeId), { userId: adminOfBoth.userId, role: "admin", personId: null }));
  fx = { a, b, owner: await createUserInOffice(a.officeId, "staff", undefined, a.personId), adminOfBoth };
});

// The table posts far more than a person would in ten minutes: each row starts under the write limit (decision 020; its own tests are in double-submit-and-rate-limits).
beforeEach(async () => {
  await db()("rate_limits").delete();
});

function expected(c: Case, who: Who | "anonymous", office: OfficeCase): number {
  if (who === "anonymous") return 302;
  if (c.recordFirst && office === "other") return 404;
  // Administering the other office too changes nothing: the current office is the first.
  const as = who === "admin_of_both" ? "admin" : who;
  if (c.hidden?.includes(as)) return 404;
  if (!c.allowed.includes(as)) return 403;
  if (office === "other") return c.other === "record" ? 404 : 400;
  return c.success;
}

/** Routes where owning an action gives rights (a case allows "owner"): the owner's rows run there only, elsewhere it is staff. */
const OWNER_ROUTES = new Set(CASES.filter((c) => c.allowed.includes("owner") && c.allowed !== ALL).map((c) => c.route));

const rows = CASES.flatMap((c) => {
  const offices: OfficeCase[] = c.other === "none" ? ["own"] : ["own", "other"];
  const runs = (who: Who, office: OfficeCase) =>
    (who !== "owner" || OWNER_ROUTES.has(c.route)) &&
    // In its own office the administrator of both offices is an administrator: its rows are those of another office.
    (who !== "admin_of_both" || office === "other");
  const all = [{ who: "anonymous" as const, office: "own" as const }, ...WHO.flatMap((who) => offices.filter((office) => runs(who, office)).map((office) => ({ who, office })))];
  return all.map(({ who, office }) => ({ c, who, office, want: expected(c, who, office) }));
});
const rowName = (r: (typeof rows)[number]) => `${r.c.method} ${r.c.route}${r.c.intent ? ` [${r.c.intent}]` : ""} as ${r.who} (${r.office} office) → ${r.want}`;

/**
 * What has been written so far: the last history row (every write has one), and the rows of the
 * tables a write could fill without it by mistake (read receipts have no history by design).
 */
const WRITTEN_TABLES = ["meeting_reads", "procedure_reads", "attachments", "action_notes", "findings", "invitations", "password_resets", "memberships", "referentials", "audit_results"];
async function written(): Promise<string> {
  const counts = WRITTEN_TABLES.map((table) => `(SELECT COUNT(*) FROM ${table}) AS ${table}`).join(", ");
  // A notification marked read changes no count: the number still unread says it.
  const row: unknown = await db().raw(`SELECT (SELECT MAX(id) FROM history) AS history, (SELECT COUNT(*) FROM notification_preferences) AS preferences, (SELECT COUNT(*) FROM notifications WHERE read_at IS NULL) AS unread, (SELECT COUNT(*) FROM calendar_feeds WHERE revoked_at IS NULL) AS feeds, (SELECT COUNT(*) FROM calendar_feeds) AS all_feeds, (SELECT COUNT(*) FROM mail_outbox WHERE status = 'failed') AS failed_mail, ${counts}`);
  // SQLite answers the rows, PostgreSQL a result whose rows they are.
  return JSON.stringify(Array.isArray(row) ? row[0] : (row as { rows: unknown[] }).rows[0]);
}

async function checkAnswer(r: (typeof rows)[number], answer: RouteAnswer, t: Target) {
  const { c, want } = r;
  const body = answer.body as Record<string, unknown>;
  if (r.who === "anonymous") {
    expect(answer.location).toMatch(/^\/connexion(\?|$)/);
  } else if (want === 403) {
    expect(body).toEqual({ message: "Vous n'avez pas accès à cette page." });
  } else if (want === 404) {
    // One French sentence, nothing of the record itself (a download's 404 is a small French page).
    if (typeof body === "string") expect(body).toMatch(/n’existe pas ou n’est pas accessible/);
    else expect(body).toEqual({ message: expect.stringMatching(/^\p{Lu}[\p{L}' -]+\.$/u) });
  } else if (want === 400 && r.office === "other" && typeof c.other === "object") {
    // The refusal says why, beside the field, and echoes nothing of the other office (the entry
    // grid gives back the poster's own typed cells, `values`, to show them again without JavaScript).
    expect(Object.keys(body).filter((k) => !["fieldErrors", "formError", "intent", "values"].includes(k))).toEqual([]);
    const errors = body.fieldErrors as Record<string, string> | undefined;
    const field = typeof c.other.refused === "string" ? c.other.refused : c.other.refused(t);
    expect(errors?.[field], "a message beside the field naming another office's record").toMatch(/^\p{Lu}.* : /u);
  } else if (want === 400) {
    expect(body.formError, "a message saying why").toMatch(/^\p{Lu}/u);
  } else if (want === 302) {
    // A form's success says so in a flash message; a page that only sends on (a download) says nothing.
    if (c.method === "POST") {
      const toast = await readToast(answer);
      expect(toast, `the message after going to ${answer.location}`).toMatchObject({ kind: expect.stringMatching(/^(success|info)$/) });
      if (c.says) expect(toast?.message).toMatch(c.says);
    }
    const to = c.to?.(t);
    if (typeof to === "string") expect(answer.location).toBe(to);
    else if (to) expect(answer.location).toMatch(to);
  } else {
    if (typeof body === "object" && body !== null) {
      expect(body.formError, "no error on a success").toBeUndefined();
      expect(Object.keys((body.fieldErrors as object | undefined) ?? {}), "no field error on a success").toEqual([]);
    }
    c.shows?.(body, t);
  }
}

describe("route × role × office", () => {
  it("covers every route file", () => {
    const ids = Object.keys(routeFiles).map(routeId);
    const covered = new Set([...CASES.map((c) => c.route), ...PUBLIC_ROUTES]);
    expect(ids.filter((x) => !covered.has(x))).toEqual([]);
  });

  it("covers every intent a route's forms send or its action reads, and no other", () => {
    const missing: string[] = [];
    const unknown: string[] = [];
    for (const [file, source] of Object.entries(routeSources)) {
      const id = routeId(file);
      const target = POSTS_TO[id] ?? id;
      // The route's own forms and action, and those of the components it draws (the files card).
      const sent = new Set([...intentsIn(source), ...COMPONENT_INTENTS.flatMap(([name, intents]) => (source.includes(`<${name}`) ? intents : []))]);
      const rowsFor = new Set(CASES.filter((c) => c.route === target && c.intent).map((c) => c.intent!.replace(/:\d+$/, "")));
      if (PUBLIC_ROUTES.includes(target)) continue; // checked on their own, below
      for (const intent of sent) if (!rowsFor.has(intent)) missing.push(`${target} [${intent}]`);
      if (target === id) for (const intent of rowsFor) if (intent !== UNKNOWN_INTENT && !sent.has(intent) && !postedFrom(id, intent)) unknown.push(`${id} [${intent}]`);
    }
    expect(missing, "intents without rows").toEqual([]);
    expect(unknown, "rows of intents the route does not know").toEqual([]);
  });

  it.each(rows.map((r) => [rowName(r), r] as const))("%s", async (_name, r) => {
    const base = r.office === "own" ? fx.a : fx.b;
    const account = r.who === "anonymous" ? null : r.who === "owner" ? fx.owner : r.who === "admin_of_both" ? fx.adminOfBoth : fx.a.users[r.who];
    const t: Target = { ...base, ...(await r.c.setup?.(base, account ? { userId: account.userId, officeId: fx.a.officeId } : null)) };
    const cookie = account ? await sessionCookie(account.userId, fx.a.officeId) : undefined;
    const form = r.c.method === "POST" ? { ...(r.c.intent ? { intent: r.c.intent } : {}), ...r.c.form?.(t) } : undefined;
    const before = await written();
    const answer = await callRoute(route(r.c.route), { method: r.c.method, path: r.c.path(t), params: r.c.params?.(t), cookie, form, files: r.c.files?.() });
    expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(r.want);
    await checkAnswer(r, answer, t);
    const writes = r.c.method === "POST" && r.want === r.c.success && r.c.success !== 400 && r.who !== "anonymous";
    expect((await written()) !== before, writes ? "a success writes" : "nothing written").toBe(writes);
  });
});

/**
 * Bad input, one row per intent that reads a form: the first role allowed gets a French message
 * beside the field ("Label : …"), status 400, and nothing is written.
 */
const BAD_INPUT: Array<{
  route: string;
  intent?: string;
  /** a function where a field's name carries a record's id (the cells of the indicators' grid) */
  form: Record<string, string> | ((t: Target) => Record<string, string>);
  field: string | ((t: Target) => string);
  files?: () => Record<string, { name: string; content: string }>;
}> = [
  { route: "_app.mot-de-passe", form: { newPassword: "court", confirmPassword: "court" }, field: "newPassword" },
  { route: "_app.administration._index", form: { postalCode: "4050" }, field: "postalCode" },
  { route: "_app.administration._index", intent: "branding", form: { color: "rouge" }, field: "color" },
  { route: "_app.administration.rappels", form: { ...remindersForm(), labelExpiry: "0, 30" }, field: "labelExpiry" },
  { route: "_app.administration.rappels", form: { ...remindersForm(), questionnaireCampaign: "7, 3" }, field: "questionnaireCampaign" },
  { route: "_app.administration.bureaux.nouveau", form: { name: "" }, field: "name" },
  { route: "_app.administration.bureaux.$siteId", form: { name: "" }, field: "name" },
  { route: "_app.administration.personnes.nouveau", form: { fullName: "" }, field: "fullName" },
  { route: "_app.administration.personnes.$personId", form: { fullName: "" }, field: "fullName" },
  { route: "_app.administration.comptes._index", intent: "invite", form: { email: "pas-une-adresse" }, field: "email" },
  { route: "_app.administration.comptes.$membershipId", form: { role: "chef" }, field: "role" },
  { route: "_app.referentiels._index", intent: "upload", form: {}, field: "upload", files: () => ({ upload: { name: "grille.yaml", content: "" } }) },
  { route: "_app.audits.labels.nouveau", form: { name: "" }, field: "name" },
  { route: "_app.audits.labels.$labelId", form: { name: "" }, field: "name" },
  { route: "_app.audits.nouveau", form: { startsOn: "2021-02-30" }, field: "startsOn" },
  { route: "_app.audits.nouveau", form: { nextAuditDue: "2030-02-30" }, field: "nextAuditDue" },
  { route: "_app.audits.$auditId._index", intent: "update", form: { title: "" }, field: "title" },
  { route: "_app.audits.$auditId._index", intent: "add-finding", form: { text: "" }, field: "text" },
  { route: "_app.audits.$auditId._index", intent: "add-finding", form: { siteIds: "999999999" }, field: "siteIds" },
  { route: "_app.audits.$auditId._index", intent: "update", form: { nextAuditDue: "2030-02-30" }, field: "nextAuditDue" },
  { route: "_app.audits.$auditId.grille", form: { choice: "" }, field: "choice" },
  { route: "_app.plan-d-actions.nouvelle", form: { title: "" }, field: "title" },
  { route: "_app.plan-d-actions.$actionId", intent: "status", form: { status: "peut-etre" }, field: "status" },
  { route: "_app.plan-d-actions.$actionId", intent: "attach", form: {}, field: "file", files: () => ({ file: { name: "programme.exe", content: "MZ" } }) },
  { route: "_app.plan-d-actions.$actionId", intent: "note", form: { text: "" }, field: "text" },
  { route: "_app.plan-d-actions.$actionId", intent: "effectiveness", form: { effectiveness: "bof" }, field: "effectiveness" },
  { route: "_app.plan-d-actions.$actionId", intent: "update", form: { title: "" }, field: "title" },
  { route: "_app.reunions.series.nouvelle", form: { name: "" }, field: "name" },
  { route: "_app.reunions.series.$seriesId", form: { name: "" }, field: "name" },
  { route: "_app.reunions.series.nouvelle", form: { reminderDays: "trente, 7" }, field: "reminderDays" },
  { route: "_app.notifications", intent: "preferences", form: { byEmail: "tous_les_rappels" }, field: "byEmail" },
  { route: "_app.reunions.series.$seriesId", form: { reminderDays: "400" }, field: "reminderDays" },
  { route: "_app.reunions.nouvelle", form: { heldOn: "2030-02-30" }, field: "heldOn" },
  { route: "_app.reunions.$meetingId._index", intent: "attach", form: {}, field: "file", files: () => ({ file: { name: "programme.exe", content: "MZ" } }) },
  { route: "_app.reunions.$meetingId.modifier", form: { title: "" }, field: "title" },
  { route: "_app.reunions.$meetingId.participants", intent: "save", form: { guestName: "", guestRole: "Élu" }, field: "guestName" },
  { route: "_app.reunions.$meetingId.compte-rendu", intent: "save", form: { endTime: "25:00" }, field: "endTime" },
  { route: "_app.reunions.$meetingId.compte-rendu", intent: "save", form: { "sections.0.title": "" }, field: "sections.0.title" },
  { route: "_app.reunions.$meetingId.compte-rendu", intent: "save", form: { "sections.0.register": "plaintes" }, field: "sections.0.register" },
  { route: "_app.reunions.$meetingId.compte-rendu", intent: "save", form: { "sections.0.register": "complaint", "sections.0.registerFrom": "2021-03-01", "sections.0.registerTo": "2021-02-01" }, field: "sections.0.registerTo" },
  { route: "_app.reunions.$meetingId.compte-rendu", intent: "action", form: { title: "" }, field: "title" },
  { route: "_app.fiches-qualite.nouvelle", intent: "save", form: { code: "" }, field: "code" },
  { route: "_app.fiches-qualite.nouvelle", intent: "publish", form: { reviewMonths: "0" }, field: "reviewMonths" },
  { route: "_app.fiches-qualite.nouvelle", intent: "save", form: { groups: "chefs" }, field: "groups.0" },
  { route: "_app.fiches-qualite.$sheetId.modifier", intent: "save", form: { title: "" }, field: "title" },
  // Published with nothing said of what changed: the whole save is undone.
  { route: "_app.fiches-qualite.$sheetId.modifier", intent: "publish", form: { changeNote: "" }, field: "changeNote" },
  { route: "_app.fiches-qualite.$sheetId._index", intent: "review", form: { reviewedOn: "2030-02-30" }, field: "reviewedOn" },
  { route: "_app.fiches-qualite.$sheetId._index", intent: "review", form: { reviewedOn: "2099-01-01" }, field: "reviewedOn" },
  { route: "_app.fiches-qualite.$sheetId._index", intent: "delete", form: { confirmDelete: "" }, field: "confirmDelete" },
  { route: "_app.fiches-qualite.$sheetId._index", intent: "attach", form: {}, field: "file", files: () => ({ file: { name: "programme.exe", content: "MZ" } }) },
  { route: "_app.registres._index", intent: "settings", form: { answerDays: "0" }, field: "answerDays" },
  { route: "_app.registres.$register.nouveau", form: { occurredOn: "2026-02-30" }, field: "occurredOn" },
  { route: "_app.registres.$register.nouveau", form: { subject: "" }, field: "subject" },
  { route: "_app.registres.entrees.$entryId", intent: "update", form: { channel: "pigeon" }, field: "channel" },
  { route: "_app.registres.entrees.$entryId", intent: "action", form: { title: "" }, field: "title" },
  { route: "_app.registres.entrees.$entryId", intent: "erase", form: { confirm: "" }, field: "confirm" },
  { route: "_app.indicateurs._index", intent: "add-season", form: { name: "" }, field: "name" },
  { route: "_app.indicateurs._index", intent: "add-season", form: { endMonth: "13" }, field: "endMonth" },
  { route: "_app.indicateurs.nouveau", intent: "save", form: { code: "Visiteurs du musée" }, field: "code" },
  { route: "_app.indicateurs.nouveau", intent: "save", form: { breakdown: "origin", items: "" }, field: "items" },
  { route: "_app.indicateurs.$indicatorId.modifier", intent: "save", form: { name: "" }, field: "name" },
  { route: "_app.indicateurs.saisie", intent: "save", form: (t) => ({ [gridCell(t)]: "12,5,3" }), field: gridCell },
  {
    route: "_app.indicateurs.saisie",
    intent: "import",
    form: {},
    field: "file",
    files: () => ({ file: { name: "chiffres.csv", content: "indicateur;periode;detail;valeur;raison\nvisiteurs_site_web;2020;;12abc;\n" } }),
  },
  { route: "_app.registres.questionnaires.nouveau", intent: "create", form: { title: "" }, field: "title" },
  { route: "_app.registres.questionnaires.nouveau", intent: "create", form: { startsOn: "2021-09-30", endsOn: "2021-06-01" }, field: "endsOn" },
  { route: "_app.registres.questionnaires.nouveau", intent: "create", form: { channels: "" }, field: "channels" },
  { route: "_app.registres.questionnaires.nouveau", intent: "copy", form: { year: "1999" }, field: "year" },
  { route: "_app.registres.questionnaires.$questionnaireId._index", intent: "action", form: { title: "" }, field: "title" },
  { route: "_app.registres.questionnaires.$questionnaireId.modifier", intent: "update", form: { notHeld: "on", notHeldReason: "" }, field: "notHeldReason" },
  { route: "_app.registres.questionnaires.$questionnaireId.modifier", intent: "delete", form: { confirm: "" }, field: "confirm" },
  { route: "_app.registres.questionnaires.$questionnaireId.modifier", intent: "add-question", form: { kind: "single", choices: "Seul" }, field: "choices" },
  { route: "_app.registres.questionnaires.$questionnaireId.modifier", intent: "update-question", form: { text: "" }, field: "text" },
  { route: "_app.registres.questionnaires.$questionnaireId.modifier", intent: "update-question", form: { levels: "5" }, field: "kind" },
  { route: "_app.registres.questionnaires.$questionnaireId.saisie", intent: "sheet", form: { answeredOn: "2021-02-30" }, field: "answeredOn" },
  { route: "_app.registres.questionnaires.$questionnaireId.saisie", intent: "sheet", form: { channel: "pigeon" }, field: "channel" },
  { route: "_app.registres.questionnaires.$questionnaireId.import", intent: "import", form: {}, field: "file", files: () => ({ file: { name: "reponses.csv", content: "date;Q9\n;4\n" } }) },
  { route: "_app.registres.questionnaires.$questionnaireId.import", intent: "import", form: {}, field: "file", files: () => ({ file: { name: "reponses.xlsx", content: "PK" } }) },
  { route: "_app.registres.questionnaires.reponses.$responseId", intent: "complaint", form: { subject: "" }, field: "subject" },
  { route: "_app.registres.questionnaires.reponses.$responseId", intent: "action", form: { title: "" }, field: "title" },
  { route: "_app.registres.questionnaires.reponses.$responseId", intent: "delete", form: { confirm: "" }, field: "confirm" },
  { route: "_app.registres.questionnaires.reponses.$responseId", intent: "erase", form: { confirm: "" }, field: "confirm" },
];

/** The table's own-office row of a route and intent (the first one listed). */
const caseOf = (routeName: string, intent?: string) => {
  const found = CASES.find((c) => c.route === routeName && c.method === "POST" && c.intent === intent);
  if (!found) throw new Error(`no row for ${routeName} [${intent ?? ""}]`);
  return found;
};

/** Asks as the office's administrator (every row allows one), in the own office. */
async function askAsAdmin(
  c: Case,
  t: Target,
  options: { params?: Record<string, string>; form?: Record<string, string>; files?: Record<string, { name: string; content: string }> },
) {
  const cookie = await sessionCookie(fx.a.users.admin.userId, fx.a.officeId);
  return callRoute(route(c.route), { method: c.method, path: c.path(t), params: options.params ?? c.params?.(t), cookie, form: options.form, files: options.files });
}

describe("bad input: refused beside the field, nothing written", () => {
  it("has a row of bad input for every intent that reads a form", () => {
    const reading = CASES.filter((c) => c.method === "POST" && c.form !== undefined && c.intent !== UNKNOWN_INTENT);
    const withBad = new Set(BAD_INPUT.map((b) => `${b.route} [${b.intent ?? ""}]`));
    // Forms that only name a record or a choice from a list (their refusals are in the access rows or the model tests),
    // and the agenda moves, which send the same minutes as a save.
    const exempt = new Set([
      "_app.plan-d-actions.$actionId [quick]",
      "_app.plan-d-actions.tableau []",
      "_app.audits.$auditId._index [propose]",
      "_app.audits.$auditId._index [delete-finding]",
      "_app.administration.comptes._index [revoke]",
      "_app.reunions.$meetingId._index [delete]",
      "_app.reunions.$meetingId.participants [all-present]",
      "_app.referentiels._index [shipped]",
      "_app.reunions.$meetingId.compte-rendu [add-section]",
      "_app.notifications [open]",
      "_app.notifications [read]",
      "_app.administration.courriels [retry]",
      "_app.reunions.$meetingId.compte-rendu [move-up]",
      "_app.reunions.$meetingId.compte-rendu [move-down]",
      "_app.reunions.$meetingId.compte-rendu [remove-section]",
      "_app.indicateurs._index [delete-season]",
      "_app.registres.questionnaires.$questionnaireId.modifier [remove-question]",
      "_app.registres.questionnaires.$questionnaireId.modifier [move-up]",
      "_app.registres.questionnaires.$questionnaireId.modifier [move-down]",
    ]);
    const missing = [...new Set(reading.map((c) => `${c.route} [${c.intent?.replace(/:\d+$/, "") ?? ""}]`))].filter((k) => !withBad.has(k) && !exempt.has(k));
    expect(missing).toEqual([]);
  });

  it.each(BAD_INPUT.map((b) => [`POST ${b.route}${b.intent ? ` [${b.intent}]` : ""}: ${typeof b.field === "string" ? b.field : "a cell"} → 400`, b] as const))("%s", async (_name, b) => {
    const c = caseOf(b.route, b.intent);
    const t: Target = { ...fx.a, ...(await c.setup?.(fx.a, { userId: fx.a.users.admin.userId, officeId: fx.a.officeId })) };
    const before = await written();
    const bad = typeof b.form === "function" ? b.form(t) : b.form;
    const answer = await askAsAdmin(c, t, { form: { ...(c.intent ? { intent: c.intent } : {}), ...c.form?.(t), ...bad }, files: b.files?.() ?? c.files?.() });
    expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(400);
    const errors = (answer.body as { fieldErrors?: Record<string, string> }).fieldErrors;
    expect(errors?.[typeof b.field === "string" ? b.field : b.field(t)], JSON.stringify(answer.body)).toMatch(/^\p{Lu}.* : \S/u);
    expect(await written(), "nothing written").toBe(before);
  });
});

/** Record pages asked for a record that is nowhere: a number no record has, or no number at all. */
const MISSING = CASES.filter((c) => c.params && c.other === "record").filter(
  (c, i, all) => all.findIndex((x) => x.route === c.route && x.method === c.method && x.intent === c.intent) === i,
);

describe("no such record: 404, nothing written", () => {
  it.each(MISSING.flatMap((c) => ["999999999", "abc"].map((value) => [`${c.method} ${c.route}${c.intent ? ` [${c.intent}]` : ""} with ${value} → 404`, c, value] as const)))(
    "%s",
    async (_name, c, value) => {
      const t: Target = { ...fx.a, ...(await c.setup?.(fx.a, { userId: fx.a.users.admin.userId, officeId: fx.a.officeId })) };
      const params = Object.fromEntries(Object.keys(c.params?.(t) ?? {}).map((key) => [key, value]));
      const form = c.method === "POST" ? { ...(c.intent ? { intent: c.intent } : {}), ...c.form?.(t) } : undefined;
      const before = await written();
      const answer = await askAsAdmin(c, t, { params, form, files: c.files?.() });
      expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(404);
      if (typeof answer.body === "string") expect(answer.body).toMatch(/n’existe pas ou n’est pas accessible/);
      else expect(answer.body).toEqual({ message: expect.stringMatching(/^\p{Lu}[\p{L}' -]+\.$/u) });
      expect(await written(), "nothing written").toBe(before);
    },
  );
});

describe("the table's checks can fail", () => {
  it("an error message on a 302 is not a success", async () => {
    // The list's quick update refuses to abandon an action: a 302 back to the list, with an error.
    const actionId = await createActionFixture(fx.a);
    const answer = await callRoute(route("_app.plan-d-actions.$actionId"), {
      method: "POST",
      path: `/plan-d-actions/${actionId}`,
      params: { actionId: String(actionId) },
      cookie: await sessionCookie(fx.a.users.quality_referent.userId, fx.a.officeId),
      form: { intent: "quick", status: "abandonnee", note: "", back: "/plan-d-actions" },
    });
    expect(answer.status).toBe(302);
    expect(await readToast(answer)).toMatchObject({ kind: "error", message: expect.stringMatching(/ouvrez l'action pour l'abandonner/) });
    const row = rows.find((x) => x.c.route === "_app.plan-d-actions.$actionId" && x.c.intent === "quick" && x.who === "quality_referent" && x.office === "own")!;
    await expect(checkAnswer(row, answer, { ...fx.a, actionId })).rejects.toThrow();
  });

  it("a 200 carrying an error message is not a success", async () => {
    const row = rows.find((x) => x.c.route === "_app.administration.comptes._index" && x.c.intent === "invite" && x.who === "admin" && x.office === "own")!;
    const answer: RouteAnswer = { status: 200, location: null, setCookie: null, body: { fieldErrors: {}, formError: "Erreur." }, headers: new Headers() };
    await expect(checkAnswer(row, answer, fx.a)).rejects.toThrow();
  });
});

describe("routes open without an office role", () => {
  it("sends visitors to sign-in and signed-in users to their dashboard", async () => {
    expect((await callRoute(route("_index"), { path: "/" })).location).toBe("/connexion");
    const cookie = await sessionCookie(fx.a.users.staff.userId);
    expect((await callRoute(route("_index"), { path: "/", cookie })).location).toBe("/tableau-de-bord");
  });

  it("shows the sign-in page to visitors only", async () => {
    expect((await callRoute(route("connexion"), { path: "/connexion" })).status).toBe(200);
    const cookie = await sessionCookie(fx.a.users.staff.userId);
    expect((await callRoute(route("connexion"), { path: "/connexion", cookie })).status).toBe(302);
  });

  it("signs out with a POST only", async () => {
    expect((await callRoute(route("deconnexion"), { path: "/deconnexion" })).location).toBe("/");
    const out = await callRoute(route("deconnexion"), { method: "POST", path: "/deconnexion" });
    expect(out.status).toBe(302);
    expect(out.location).toBe("/connexion?deconnecte=1");
  });

  it("answers the health check", async () => {
    expect((await callRoute(route("healthz"), { path: "/healthz" })).status).toBe(200);
  });

  it("says an unknown invitation is not valid, and refuses to use it", async () => {
    const page = await callRoute(route("invitation.$token"), { path: "/invitation/nope", params: { token: "nope" } });
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ invitation: null });
    const post = await callRoute(route("invitation.$token"), {
      method: "POST",
      path: "/invitation/nope",
      params: { token: "nope" },
      form: { displayName: "X", newPassword: "abcdefghijklm", confirmPassword: "abcdefghijklm" },
    });
    expect(post.status).toBe(404);
  });

  it("unsubscribes only with a link signed for an account of that office", async () => {
    const { unsubscribeToken } = await import("~/modules/mail/links.server");
    const unsubscribe = route("desabonnement.$token");
    const own = unsubscribeToken({ userId: fx.a.users.director.userId, officeId: fx.a.officeId, kind: "meeting_due" });
    const page = await callRoute(unsubscribe, { path: `/desabonnement/${own}`, params: { token: own } });
    expect(page.status).toBe(200);
    const names = async (id: number) => String((await getDb()("offices").where({ id }).first())!.name);
    expect(page.body).toEqual({ kindLabel: "Prochaine réunion à planifier", officeName: await names(fx.a.officeId) });
    // Signed, but the account is not a member of the other office: nothing of it shows.
    const foreign = unsubscribeToken({ userId: fx.a.users.director.userId, officeId: fx.b.officeId, kind: "meeting_due" });
    for (const method of ["GET", "POST"] as const) {
      const answer = await callRoute(unsubscribe, { method, path: `/desabonnement/${foreign}`, params: { token: foreign }, form: { intent: "unsubscribe" } });
      expect(answer.status).toBe(404);
      expect(JSON.stringify(answer.body)).not.toContain(await names(fx.b.officeId));
    }
    const tampered = own.slice(0, -2) + (own.endsWith("AA") ? "BB" : "AA");
    expect((await callRoute(unsubscribe, { path: `/desabonnement/${tampered}`, params: { token: tampered } })).status).toBe(404);
    expect((await callRoute(unsubscribe, { path: "/desabonnement/x", params: { token: "x" } })).status).toBe(404);
  });

  it("opens a campaign's public page to anyone: the questionnaire only, answers without an account", async () => {
    const publicPage = route("questionnaire.$token");
    const token = String((await getDb()("questionnaires").where({ id: fx.a.questionnaireId }).first())!.public_token);
    const page = await callRoute(publicPage, { path: `/questionnaire/${token}`, params: { token } });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ state: "open", title: expect.any(String), questions: expect.any(Array) });
    expect(JSON.stringify(page.body)).not.toContain(String((await getDb()("people").where({ id: fx.a.personId }).first())!.full_name));
    expect((await callRoute(publicPage, { path: "/questionnaire/x", params: { token: "x" } })).status).toBe(404);
    const form = { site_web: "", [answerField(fx.a.questionIds[0]!)]: "4" };
    const before = await written();
    // Anonymous, or signed in to another office: the same page, the same answer.
    for (const cookie of [undefined, await sessionCookie(fx.b.users.staff.userId, fx.b.officeId)]) {
      const sent = await callRoute(publicPage, { method: "POST", path: `/questionnaire/${token}`, params: { token }, cookie, form, clientIp: `198.51.100.${cookie ? 2 : 1}` });
      expect(sent.status).toBe(302);
      expect(sent.location).toBe(`/questionnaire/${token}?merci=1`);
    }
    // A visitor's answer is data, not a change of the office's records: no history row.
    expect(await written()).toBe(before);
    const foreign = await callRoute(publicPage, { method: "POST", path: `/questionnaire/${token}`, params: { token }, form: { site_web: "", [answerField(fx.b.questionIds[0]!)]: "4" }, clientIp: "198.51.100.3" });
    expect(foreign.status).toBe(400);
  });

  it("switches office only to one of the user's offices", async () => {
    const anonymous = await callRoute(route("changer-d-office"), { method: "POST", path: "/changer-d-office", form: { officeId: String(fx.a.officeId) } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/connexion/);

    const user = await createUserInOffice(fx.a.officeId, "staff");
    const cookie = await sessionCookie(user.userId, fx.a.officeId);
    const foreign = await callRoute(route("changer-d-office"), { method: "POST", path: "/changer-d-office", cookie, form: { officeId: String(fx.b.officeId) } });
    expect(foreign.status).toBe(403);
    const own = await callRoute(route("changer-d-office"), { method: "POST", path: "/changer-d-office", cookie, form: { officeId: String(fx.a.officeId) } });
    expect(own.status).toBe(302);
    expect(own.location).toBe("/tableau-de-bord");
    expect(await readToast(own)).toMatchObject({ kind: "success" });
  });
});
