// The access table: every route × every role × own or another office → the expected answer
// (200, 302 to sign-in, 403, 404). A route added without a row here makes this file fail.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { ROLES, type Role } from "~/domain/roles";
import { createInvitation } from "~/modules/account/queries.server";
import {
  createActionFixture,
  createAuditFixture,
  createMeetingFixture,
  createOfficeFixture,
  createUserInOffice,
  sessionCookie,
  TEST_PASSWORD,
  unique,
  type AuditFixture,
  type OfficeFixture,
} from "../support/factories";
import { callRoute, type RouteModule } from "../support/routes";
import { createIndicator, createSeason, enableStandardSet, listIndicators, listSeasons } from "~/modules/indicator/queries.server";
import { commandScope } from "~/modules/scope.server";

const routeFiles = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const route = (id: string): RouteModule => {
  const mod = routeFiles[`../../app/routes/${id}.tsx`];
  if (!mod) throw new Error(`no route file ${id}`);
  return mod;
};

type OfficeCase = "own" | "other";
type Target = OfficeFixture & AuditFixture & { actionId: number; seriesId: number; meetingId: number; draftMeetingId: number; indicatorId: number; seasonId: number };
interface Fixtures {
  a: Target;
  b: Target;
}

interface ProtectedCase {
  id: string;
  method: "GET" | "POST";
  /** URL with the target record of `target` office. */
  path: (target: Target) => string;
  params?: (target: Target) => Record<string, string>;
  /** the page addresses one record: asking for another office's record answers 404 */
  record: boolean;
  /** the right depends on the record (an action's owner may update it): the record is looked up first */
  recordFirst?: boolean;
  allowed: readonly Role[];
  form?: (target: Target) => Promise<Record<string, string>> | Record<string, string>;
  files?: () => Record<string, { name: string; content: string }>;
  success: 200 | 302;
  /** what a role outside `allowed` gets: 403, or 404 where the record does not exist for it (a draft) */
  denied?: 403 | 404;
}

const ALL: readonly Role[] = ROLES;
const READERS: readonly Role[] = ["admin", "director", "quality_referent"];
const ADMIN: readonly Role[] = ["admin"];
const PEOPLE_EDITORS: readonly Role[] = ["admin", "quality_referent"];

const EDITORS: readonly Role[] = ["admin", "quality_referent"];
const labelForm = (t: Target) => ({ name: unique("Label"), referentialId: String(t.referentialId), status: "actif" });
const auditForm = (t: Target) => ({
  title: unique("Audit"),
  labelId: String(t.labelId),
  referentialId: String(t.referentialId),
  kind: "audit_complet",
  mode: "rated",
  stage: "renewal",
  startsOn: "2026-11-28",
  status: "planifie",
  decision: "en_attente",
});
const yamlGrid = () => `code: acces\nlabel: Grille d'accès\nversion: "${unique("v")}"\nvalid_from: 2024-01-01\nscales:\n  oui_non:\n    label: Oui / non\n    levels:\n      - { code: oui, label: Oui, points: 1, conforme: true }\n      - { code: non, label: Non, points: 0, conforme: false }\npillars:\n  - { code: q, label: Qualité, thresholds: { first: 85, renewal: 85 } }\nchapters:\n  - { code: A, title: Accueil }\ncriteria:\n  - { code: A1, chapter: A, text: Accueil, scale: oui_non, coefficient: 3, pillar: q }\n`;

const systemScope = (officeId: number) => commandScope(getDb(), officeId);
const indicatorForm = () => ({ intent: "save", code: unique("ind").replace("-", "_"), name: unique("Indicateur"), unit: "", category: "autre", aggregation: "sum", breakdown: "none", items: "", decimals: "0", description: "" });
/** A fresh indicator or season for the rows that delete one. */
let deletable = 0;

const officeForm = { name: "Office modifié", legalForm: "SPL", street: "", postalCode: "40500", city: "Saint-Sever", phone: "", email: "", website: "" };
const siteForm = () => ({ name: unique("Bureau"), street: "", postalCode: "", city: "", phone: "", email: "", active: "on" });
const personForm = (f: OfficeFixture) => ({ fullName: unique("Pers"), kind: "staff", jobTitle: "", organisation: "", email: "", phone: "", siteId: String(f.siteId), active: "on" });

const CASES: ProtectedCase[] = [
  { id: "_app", method: "GET", path: () => "/tableau-de-bord", record: false, allowed: ALL, success: 200 },
  { id: "_app.tableau-de-bord", method: "GET", path: () => "/tableau-de-bord", record: false, allowed: ALL, success: 200 },
  { id: "_app.mot-de-passe", method: "GET", path: () => "/mot-de-passe", record: false, allowed: ALL, success: 200 },
  {
    id: "_app.mot-de-passe",
    method: "POST",
    path: () => "/mot-de-passe",
    record: false,
    allowed: ALL,
    form: () => ({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }),
    success: 302,
  },
  { id: "_app.administration", method: "GET", path: () => "/administration", record: false, allowed: READERS, success: 200 },
  { id: "_app.administration._index", method: "GET", path: () => "/administration", record: false, allowed: READERS, success: 200 },
  { id: "_app.administration._index", method: "POST", path: () => "/administration", record: false, allowed: ADMIN, form: () => officeForm, success: 302 },
  { id: "_app.administration.bureaux._index", method: "GET", path: () => "/administration/bureaux", record: false, allowed: READERS, success: 200 },
  { id: "_app.administration.bureaux.nouveau", method: "GET", path: () => "/administration/bureaux/nouveau", record: false, allowed: ADMIN, success: 200 },
  { id: "_app.administration.bureaux.nouveau", method: "POST", path: () => "/administration/bureaux/nouveau", record: false, allowed: ADMIN, form: siteForm, success: 302 },
  {
    id: "_app.administration.bureaux.$siteId",
    method: "GET",
    path: (t) => `/administration/bureaux/${t.siteId}`,
    params: (t) => ({ siteId: String(t.siteId) }),
    record: true,
    allowed: READERS,
    success: 200,
  },
  {
    id: "_app.administration.bureaux.$siteId",
    method: "POST",
    path: (t) => `/administration/bureaux/${t.siteId}`,
    params: (t) => ({ siteId: String(t.siteId) }),
    record: true,
    allowed: ADMIN,
    form: siteForm,
    success: 302,
  },
  { id: "_app.administration.personnes._index", method: "GET", path: () => "/administration/personnes", record: false, allowed: READERS, success: 200 },
  { id: "_app.administration.personnes.nouveau", method: "GET", path: () => "/administration/personnes/nouveau", record: false, allowed: PEOPLE_EDITORS, success: 200 },
  {
    id: "_app.administration.personnes.nouveau",
    method: "POST",
    path: () => "/administration/personnes/nouveau",
    record: false,
    allowed: PEOPLE_EDITORS,
    form: (t) => personForm(t),
    success: 302,
  },
  {
    id: "_app.administration.personnes.$personId",
    method: "GET",
    path: (t) => `/administration/personnes/${t.personId}`,
    params: (t) => ({ personId: String(t.personId) }),
    record: true,
    allowed: READERS,
    success: 200,
  },
  {
    id: "_app.administration.personnes.$personId",
    method: "POST",
    path: (t) => `/administration/personnes/${t.personId}`,
    params: (t) => ({ personId: String(t.personId) }),
    record: true,
    allowed: PEOPLE_EDITORS,
    // siteId left empty: the target's own site would be "another office's" site for the other-office row
    form: (t) => ({ ...personForm(t), siteId: "" }),
    success: 302,
  },
  { id: "_app.administration.comptes._index", method: "GET", path: () => "/administration/comptes", record: false, allowed: ADMIN, success: 200 },
  {
    id: "_app.administration.comptes._index",
    method: "POST",
    path: () => "/administration/comptes",
    record: false,
    allowed: ADMIN,
    form: () => ({ intent: "invite", email: `${unique("invite")}@test.fr`, role: "staff", personId: "" }),
    success: 200,
  },
  {
    id: "_app.administration.comptes._index",
    method: "POST",
    path: () => "/administration/comptes",
    record: true,
    allowed: ADMIN,
    form: async (t) => {
      const { id } = await createInvitation(
        commandScope(getDb(), t.officeId),
        { email: `${unique("revoke")}@test.fr`, role: "staff", personId: null, createdBy: t.users.admin.userId }
      );
      return { intent: "revoke", invitationId: String(id) };
    },
    success: 302,
  },
  {
    id: "_app.administration.comptes.$membershipId",
    method: "GET",
    path: (t) => `/administration/comptes/${t.users.staff.membershipId}`,
    params: (t) => ({ membershipId: String(t.users.staff.membershipId) }),
    record: true,
    allowed: ADMIN,
    success: 200,
  },
  {
    id: "_app.administration.comptes.$membershipId",
    method: "POST",
    path: (t) => `/administration/comptes/${t.users.staff.membershipId}`,
    params: (t) => ({ membershipId: String(t.users.staff.membershipId) }),
    record: true,
    allowed: ADMIN,
    form: () => ({ role: "staff", personId: "" }),
    success: 302,
  },
  {
    id: "_app.administration.comptes.$membershipId",
    method: "POST",
    path: (t) => `/administration/comptes/${t.users.staff.membershipId}`,
    params: (t) => ({ membershipId: String(t.users.staff.membershipId) }),
    record: true,
    allowed: ADMIN,
    form: () => ({ intent: "reset-password" }),
    success: 200,
  },
  {
    id: "_app.administration.comptes.$membershipId",
    method: "POST",
    // A fresh account each time: removing it is the most destructive action of the table.
    path: () => "/administration/comptes/removable",
    params: () => ({ membershipId: String(removable) }),
    record: true,
    allowed: ADMIN,
    form: async (t) => {
      removable = (await createUserInOffice(t.officeId, "staff")).membershipId;
      return { intent: "remove" };
    },
    success: 302,
  },
  { id: "_app.referentiels._index", method: "GET", path: () => "/referentiels", record: false, allowed: ALL, success: 200 },
  {
    id: "_app.referentiels._index",
    method: "POST",
    path: () => "/referentiels",
    record: false,
    allowed: EDITORS,
    form: () => ({ intent: "upload" }),
    files: () => ({ upload: { name: "grille.yaml", content: yamlGrid() } }),
    success: 302,
  },
  {
    id: "_app.referentiels.$referentialId",
    method: "GET",
    path: (t) => `/referentiels/${t.referentialId}`,
    params: (t) => ({ referentialId: String(t.referentialId) }),
    record: true,
    allowed: ALL,
    success: 200,
  },
  { id: "_app.audits._index", method: "GET", path: () => "/audits", record: false, allowed: ALL, success: 200 },
  { id: "_app.audits.labels.nouveau", method: "GET", path: () => "/audits/labels/nouveau", record: false, allowed: EDITORS, success: 200 },
  // The référentiel sent is the own office's: for the other office it is refused beside the field.
  { id: "_app.audits.labels.nouveau", method: "POST", path: () => "/audits/labels/nouveau", record: false, allowed: EDITORS, form: () => labelForm(fx.a), success: 302 },
  {
    id: "_app.audits.labels.$labelId",
    method: "GET",
    path: (t) => `/audits/labels/${t.labelId}`,
    params: (t) => ({ labelId: String(t.labelId) }),
    record: true,
    allowed: ALL,
    success: 200,
  },
  {
    id: "_app.audits.labels.$labelId",
    method: "POST",
    path: (t) => `/audits/labels/${t.labelId}`,
    params: (t) => ({ labelId: String(t.labelId) }),
    record: true,
    allowed: EDITORS,
    form: (t) => labelForm(t),
    success: 302,
  },
  { id: "_app.audits.nouveau", method: "GET", path: () => "/audits/nouveau", record: false, allowed: EDITORS, success: 200 },
  { id: "_app.audits.nouveau", method: "POST", path: () => "/audits/nouveau", record: false, allowed: EDITORS, form: () => auditForm(fx.a), success: 302 },
  {
    id: "_app.audits.$auditId._index",
    method: "GET",
    path: (t) => `/audits/${t.reportedAuditId}`,
    params: (t) => ({ auditId: String(t.reportedAuditId) }),
    record: true,
    allowed: ALL,
    success: 200,
  },
  {
    id: "_app.audits.$auditId._index",
    method: "POST",
    path: (t) => `/audits/${t.reportedAuditId}`,
    params: (t) => ({ auditId: String(t.reportedAuditId) }),
    record: true,
    allowed: EDITORS,
    form: () => ({ intent: "add-finding", kind: "strength", text: "Accueil chaleureux" }),
    success: 302,
  },
  {
    id: "_app.audits.$auditId.grille",
    method: "GET",
    path: (t) => `/audits/${t.ratedAuditId}/grille`,
    params: (t) => ({ auditId: String(t.ratedAuditId) }),
    record: true,
    allowed: ALL,
    success: 200,
  },
  {
    id: "_app.audits.$auditId.grille",
    method: "POST",
    path: (t) => `/audits/${t.ratedAuditId}/grille`,
    params: (t) => ({ auditId: String(t.ratedAuditId) }),
    record: true,
    allowed: EDITORS,
    form: () => ({ criterionCode: "A1", choice: "oui", comment: "" }),
    success: 200,
  },
  {
    id: "_app.audits.comparer",
    method: "GET",
    path: (t) => `/audits/comparer?a=${t.reportedAuditId}&b=${t.ratedAuditId}`,
    record: true,
    allowed: ALL,
    success: 200,
  },
  { id: "_app.plan-d-actions._index", method: "GET", path: () => "/plan-d-actions?en-retard=1", record: false, allowed: ALL, success: 200 },
  { id: "_app.plan-d-actions.tableau", method: "GET", path: () => "/plan-d-actions/tableau", record: false, allowed: ALL, success: 200 },
  {
    id: "_app.plan-d-actions.tableau",
    method: "POST",
    path: () => "/plan-d-actions/tableau",
    record: true,
    recordFirst: true,
    allowed: EDITORS,
    form: (t) => ({ actionId: String(t.actionId), status: "en_cours" }),
    success: 302,
  },
  { id: "_app.plan-d-actions.avancement", method: "GET", path: () => "/plan-d-actions/avancement", record: false, allowed: ALL, success: 200 },
  { id: "plan-d-actions.export[.csv]", method: "GET", path: () => "/plan-d-actions/export.csv", record: false, allowed: ALL, success: 200 },
  { id: "_app.plan-d-actions.nouvelle", method: "GET", path: () => "/plan-d-actions/nouvelle", record: false, allowed: EDITORS, success: 200 },
  {
    id: "_app.plan-d-actions.nouvelle",
    method: "POST",
    path: () => "/plan-d-actions/nouvelle",
    record: false,
    allowed: EDITORS,
    form: () => ({ title: unique("Action"), origin: "other", ownerId: String(fx.a.personId), priority: "normale" }),
    success: 302,
  },
  {
    id: "_app.plan-d-actions.$actionId",
    method: "GET",
    path: (t) => `/plan-d-actions/${t.actionId}`,
    params: (t) => ({ actionId: String(t.actionId) }),
    record: true,
    allowed: ALL,
    success: 200,
  },
  {
    id: "_app.plan-d-actions.$actionId",
    method: "POST",
    path: (t) => `/plan-d-actions/${t.actionId}`,
    params: (t) => ({ actionId: String(t.actionId) }),
    record: true,
    recordFirst: true,
    // Accounts of the table own no action: only the référente and administrators may write.
    allowed: EDITORS,
    form: () => ({ intent: "note", text: "Relance faite" }),
    success: 302,
  },
  { id: "_app.reunions._index", method: "GET", path: () => "/reunions", record: false, allowed: ALL, success: 200 },
  { id: "_app.reunions.series.nouvelle", method: "GET", path: () => "/reunions/series/nouvelle", record: false, allowed: EDITORS, success: 200 },
  {
    id: "_app.reunions.series.nouvelle",
    method: "POST",
    path: () => "/reunions/series/nouvelle",
    record: false,
    allowed: EDITORS,
    form: () => ({ name: unique("Série"), kind: "quality_group", cadenceMonths: "6" }),
    success: 302,
  },
  { id: "_app.reunions.series.$seriesId", method: "GET", path: (t) => `/reunions/series/${t.seriesId}`, params: (t) => ({ seriesId: String(t.seriesId) }), record: true, allowed: EDITORS, success: 200 },
  {
    id: "_app.reunions.series.$seriesId",
    method: "POST",
    path: (t) => `/reunions/series/${t.seriesId}`,
    params: (t) => ({ seriesId: String(t.seriesId) }),
    record: true,
    allowed: EDITORS,
    form: () => ({ name: unique("Série"), kind: "quality_group", cadenceMonths: "6" }),
    success: 302,
  },
  { id: "_app.reunions.nouvelle", method: "GET", path: () => "/reunions/nouvelle", record: false, allowed: EDITORS, success: 200 },
  {
    id: "_app.reunions.nouvelle",
    method: "POST",
    path: () => "/reunions/nouvelle",
    record: false,
    allowed: EDITORS,
    form: (t) => ({ seriesId: String(t.seriesId), title: unique("Réunion"), heldOn: "2030-03-25", startTime: "14:00", agenda: "Actualité" }),
    success: 302,
  },
  { id: "_app.reunions.$meetingId._index", method: "GET", path: (t) => `/reunions/${t.meetingId}`, params: (t) => ({ meetingId: String(t.meetingId) }), record: true, allowed: ALL, success: 200 },
  {
    id: "_app.reunions.$meetingId._index",
    method: "GET",
    path: (t) => `/reunions/${t.draftMeetingId}`,
    params: (t) => ({ meetingId: String(t.draftMeetingId) }),
    record: true,
    allowed: READERS,
    denied: 404,
    success: 200,
  },
  {
    id: "_app.reunions.$meetingId._index",
    method: "POST",
    path: (t) => `/reunions/${t.meetingId}`,
    params: (t) => ({ meetingId: String(t.meetingId) }),
    record: true,
    recordFirst: true,
    allowed: ALL,
    form: () => ({ intent: "read" }),
    success: 302,
  },
  {
    id: "_app.reunions.$meetingId._index",
    method: "POST",
    path: (t) => `/reunions/${t.meetingId}`,
    params: (t) => ({ meetingId: String(t.meetingId) }),
    record: true,
    recordFirst: true,
    allowed: EDITORS,
    form: () => ({ intent: "publish" }),
    success: 302,
  },
  {
    id: "_app.reunions.$meetingId._index",
    method: "POST",
    path: (t) => `/reunions/${t.meetingId}`,
    params: (t) => ({ meetingId: String(t.meetingId) }),
    record: true,
    recordFirst: true,
    allowed: EDITORS,
    form: () => ({ intent: "attach" }),
    files: () => ({ file: { name: "rapport.pdf", content: "%PDF-1.4\n%%EOF" } }),
    success: 302,
  },
  { id: "_app.reunions.$meetingId.modifier", method: "GET", path: (t) => `/reunions/${t.meetingId}/modifier`, params: (t) => ({ meetingId: String(t.meetingId) }), record: true, allowed: EDITORS, success: 200 },
  {
    id: "_app.reunions.$meetingId.modifier",
    method: "POST",
    path: (t) => `/reunions/${t.meetingId}/modifier`,
    params: (t) => ({ meetingId: String(t.meetingId) }),
    record: true,
    allowed: EDITORS,
    form: (t) => ({ seriesId: String(t.seriesId), title: unique("Réunion"), heldOn: "2021-03-25", startTime: "14:00" }),
    success: 302,
  },
  { id: "_app.reunions.$meetingId.participants", method: "GET", path: (t) => `/reunions/${t.meetingId}/participants`, params: (t) => ({ meetingId: String(t.meetingId) }), record: true, allowed: EDITORS, success: 200 },
  {
    id: "_app.reunions.$meetingId.participants",
    method: "POST",
    path: (t) => `/reunions/${t.meetingId}/participants`,
    params: (t) => ({ meetingId: String(t.meetingId) }),
    record: true,
    allowed: EDITORS,
    form: () => ({ guestName: unique("Invité"), guestStatus: "present" }),
    success: 302,
  },
  { id: "_app.reunions.$meetingId.compte-rendu", method: "GET", path: (t) => `/reunions/${t.meetingId}/compte-rendu`, params: (t) => ({ meetingId: String(t.meetingId) }), record: true, allowed: EDITORS, success: 200 },
  {
    id: "_app.reunions.$meetingId.compte-rendu",
    method: "POST",
    path: (t) => `/reunions/${t.meetingId}/compte-rendu`,
    params: (t) => ({ meetingId: String(t.meetingId) }),
    record: true,
    allowed: EDITORS,
    form: () => ({ intent: "save", summary: "Groupe à réunir tous les 6 mois." }),
    success: 302,
  },
  {
    id: "reunions.$meetingId.compte-rendu[.docx]",
    method: "GET",
    path: (t) => `/reunions/${t.meetingId}/compte-rendu.docx`,
    params: (t) => ({ meetingId: String(t.meetingId) }),
    record: true,
    allowed: ALL,
    success: 200,
  },
  {
    id: "reunions.$meetingId.compte-rendu[.docx]",
    method: "GET",
    path: (t) => `/reunions/${t.draftMeetingId}/compte-rendu.docx`,
    params: (t) => ({ meetingId: String(t.draftMeetingId) }),
    record: true,
    allowed: READERS,
    denied: 404,
    success: 200,
  },
  { id: "_app.indicateurs._index", method: "GET", path: () => "/indicateurs?periode=annee&annee=2020", record: false, allowed: ALL, success: 200 },
  { id: "_app.indicateurs._index", method: "POST", path: () => "/indicateurs", record: false, allowed: EDITORS, form: () => ({ intent: "enable-standard" }), success: 302 },
  { id: "_app.indicateurs._index", method: "POST", path: () => "/indicateurs", record: false, allowed: EDITORS, form: () => ({ intent: "add-season", name: unique("Saison"), startMonth: "4", endMonth: "6" }), success: 302 },
  {
    id: "_app.indicateurs._index",
    method: "POST",
    path: () => "/indicateurs",
    record: true,
    allowed: EDITORS,
    form: async (t) => ({ intent: "delete-season", seasonId: String(await createSeason(systemScope(t.officeId), { name: unique("Saison"), startMonth: 1, endMonth: 2 })) }),
    success: 302,
  },
  { id: "_app.indicateurs.nouveau", method: "GET", path: () => "/indicateurs/nouveau", record: false, allowed: EDITORS, success: 200 },
  { id: "_app.indicateurs.nouveau", method: "POST", path: () => "/indicateurs/nouveau", record: false, allowed: EDITORS, form: indicatorForm, success: 302 },
  {
    id: "_app.indicateurs.$indicatorId._index",
    method: "GET",
    path: (t) => `/indicateurs/${t.indicatorId}?periode=saison-${t.seasonId}&annee=2020`,
    params: (t) => ({ indicatorId: String(t.indicatorId) }),
    record: true,
    allowed: ALL,
    success: 200,
  },
  {
    id: "_app.indicateurs.$indicatorId.modifier",
    method: "GET",
    path: (t) => `/indicateurs/${t.indicatorId}/modifier`,
    params: (t) => ({ indicatorId: String(t.indicatorId) }),
    record: true,
    allowed: EDITORS,
    success: 200,
  },
  {
    id: "_app.indicateurs.$indicatorId.modifier",
    method: "POST",
    path: (t) => `/indicateurs/${t.indicatorId}/modifier`,
    params: (t) => ({ indicatorId: String(t.indicatorId) }),
    record: true,
    allowed: EDITORS,
    form: () => ({ ...indicatorForm(), code: "contacts", name: "Contacts à l'accueil", breakdown: "site", category: "frequentation" }),
    success: 302,
  },
  {
    id: "_app.indicateurs.$indicatorId.modifier",
    method: "POST",
    path: () => "/indicateurs/deletable/modifier",
    params: () => ({ indicatorId: String(deletable) }),
    record: true,
    allowed: EDITORS,
    form: async (t) => {
      const { intent: _intent, ...values } = indicatorForm();
      deletable = await createIndicator(systemScope(t.officeId), { ...values, category: "autre", aggregation: "sum", breakdown: "none", items: [], decimals: 0 });
      return { intent: "delete" };
    },
    success: 302,
  },
  { id: "_app.indicateurs.saisie", method: "GET", path: (t) => `/indicateurs/saisie?periode=saison-${t.seasonId}&annee=2020`, record: false, allowed: EDITORS, success: 200 },
  {
    id: "_app.indicateurs.saisie",
    method: "POST",
    path: (t) => `/indicateurs/saisie?periode=saison-${t.seasonId}&annee=2020`,
    record: false,
    allowed: EDITORS,
    form: (t) => ({ intent: "save", [`c|${t.indicatorId}|2020|`]: String(Math.floor(Math.random() * 1000)) }),
    success: 302,
  },
  {
    id: "_app.indicateurs.saisie",
    method: "POST",
    path: () => "/indicateurs/saisie",
    record: false,
    allowed: EDITORS,
    form: () => ({ intent: "import" }),
    files: () => ({ file: { name: "chiffres.csv", content: `indicateur;periode;detail;valeur;raison\nvisiteurs_site_web;2020;;${Math.floor(Math.random() * 60000)};\n` } }),
    success: 302,
  },
];

/** Set by the removal row's form, read by its params (form is built first). */
let removable = 0;

/** Routes open without an account (or that only need the account, not an office role). */
/** Checked in tests/integration/actions.test.ts (a file must exist to be downloaded). */
const COVERED_ELSEWHERE = ["pieces-jointes.$attachmentId"];

const PUBLIC_ROUTES = ["_index", "connexion", "deconnexion", "bureau", "healthz", "invitation.$token", "reinitialisation.$token"];

let fx: Fixtures;
beforeAll(async () => {
  const build = async (): Promise<Target> => {
    const office = await createOfficeFixture();
    const published = await createMeetingFixture(office, { published: true });
    const draft = await createMeetingFixture(office);
    await enableStandardSet(systemScope(office.officeId));
    const indicators = await listIndicators(systemScope(office.officeId));
    return {
      indicatorId: indicators.find((i) => i.code === "contacts")!.id,
      seasonId: (await listSeasons(systemScope(office.officeId)))[0]!.id,
      ...office,
      ...(await createAuditFixture(office.officeId)),
      actionId: await createActionFixture(office),
      seriesId: published.seriesId,
      meetingId: published.meetingId,
      draftMeetingId: draft.meetingId,
    };
  };
  fx = { a: await build(), b: await build() };
});

function expected(c: ProtectedCase, role: Role | "anonymous", office: OfficeCase): number {
  if (role === "anonymous") return 302;
  if (c.recordFirst && office === "other") return 404;
  if (!c.allowed.includes(role)) return c.denied ?? 403;
  if (c.record && office === "other") return 404;
  return c.success;
}

const rows = CASES.flatMap((c) => {
  const offices: OfficeCase[] = c.record ? ["own", "other"] : ["own"];
  const who: Array<Role | "anonymous"> = ["anonymous", ...ROLES];
  return who.flatMap((role) =>
    (role === "anonymous" ? (["own"] as OfficeCase[]) : offices).map((office) => ({ c, role, office, want: expected(c, role, office) })),
  );
});

describe("route × role × office", () => {
  it("covers every route file", () => {
    const ids = Object.keys(routeFiles).map((k) => k.replace("../../app/routes/", "").replace(/\.tsx$/, ""));
    const covered = new Set([...CASES.map((c) => c.id), ...PUBLIC_ROUTES, ...COVERED_ELSEWHERE]);
    expect(ids.filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(rows.map((r) => [`${r.c.method} ${r.c.id} as ${r.role} (${r.office} office) → ${r.want}`, r] as const))("%s", async (_name, r) => {
    const target = r.office === "own" ? fx.a : fx.b;
    const cookie = r.role === "anonymous" ? undefined : await sessionCookie(fx.a.users[r.role].userId, fx.a.officeId);
    const form = r.c.form ? await r.c.form(target) : undefined;
    const params = r.c.params?.(target);
    const answer = await callRoute(route(r.c.id), {
      method: r.c.method,
      path: r.c.path(target),
      params,
      cookie,
      form,
      files: r.c.files?.(),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(r.want);
    if (r.want === 302 && r.role === "anonymous") expect(answer.location).toMatch(/^\/connexion/);
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

  it("switches office only to one of the user's offices", async () => {
    const anonymous = await callRoute(route("bureau"), { method: "POST", path: "/bureau", form: { officeId: String(fx.a.officeId) } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/connexion/);

    const user = await createUserInOffice(fx.a.officeId, "staff");
    const cookie = await sessionCookie(user.userId, fx.a.officeId);
    const foreign = await callRoute(route("bureau"), { method: "POST", path: "/bureau", cookie, form: { officeId: String(fx.b.officeId) } });
    expect(foreign.status).toBe(403);
    const own = await callRoute(route("bureau"), { method: "POST", path: "/bureau", cookie, form: { officeId: String(fx.a.officeId) } });
    expect(own.status).toBe(302);
    expect(own.location).toBe("/tableau-de-bord");
  });
});
