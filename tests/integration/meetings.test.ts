// Meetings on a real database, through their routes: series and cadence, planning, attendance,
// minutes, actions from the minutes, publication and reading by role, files, the Word document.
import fs from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { getMeeting } from "~/modules/meeting/meetings.server";
import { countUnread, readReceipts } from "~/modules/meeting/reads.server";
import { listSeries } from "~/modules/meeting/series.server";
import * as meetingsPage from "~/routes/_app.reunions._index";
import * as newSeries from "~/routes/_app.reunions.series.nouvelle";
import * as seriesPage from "~/routes/_app.reunions.series.$seriesId";
import * as newMeeting from "~/routes/_app.reunions.nouvelle";
import * as meetingPage from "~/routes/_app.reunions.$meetingId._index";
import * as editMeeting from "~/routes/_app.reunions.$meetingId.modifier";
import * as attendancePage from "~/routes/_app.reunions.$meetingId.participants";
import * as minutesPage from "~/routes/_app.reunions.$meetingId.compte-rendu";
import * as minutesDocx from "~/routes/reunions.$meetingId.compte-rendu[.docx]";
import * as downloadPage from "~/routes/pieces-jointes.$attachmentId";
import * as actionPage from "~/routes/_app.plan-d-actions.$actionId";
import { createMeetingFixture, createOfficeFixture, createUserInOffice, sessionCookie, systemScope, unique, type OfficeFixture } from "../support/factories";
import { docxToPdfText } from "../support/libreoffice";
import { callRoute } from "../support/routes";
import { commandScope, scopeOn } from "~/modules/scope.server";

let a: OfficeFixture;
let b: OfficeFixture;
let referent: string;
let member: string;
let staff: string;
let director: string;

beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
  referent = await sessionCookie(a.users.quality_referent.userId, a.officeId);
  member = await sessionCookie(a.users.quality_group_member.userId, a.officeId);
  staff = await sessionCookie(a.users.staff.userId, a.officeId);
  director = await sessionCookie(a.users.director.userId, a.officeId);
});

const count = async (table: string) => Number((await getDb()(table).count<{ n: number }[]>({ n: "*" }))[0]?.n);
const counts = async () => Object.fromEntries(await Promise.all(["meeting_series", "meetings", "meeting_attendees", "meeting_sections", "meeting_decisions", "actions", "history"].map(async (t) => [t, await count(t)] as const)));
const params = (meetingId: number) => ({ meetingId: String(meetingId) });
const PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF";

function meetingForm(seriesId: number, extra: Record<string, string> = {}) {
  return { seriesId: String(seriesId), title: "Réunion du groupe", heldOn: "2021-03-25", startTime: "14:00", endTime: "16:30", place: "Saint-Sever", agenda: "Actualité\nRapport d'activité", ...extra };
}

describe("series", () => {
  it("creates a series, refuses bad input and a duplicate name in French with nothing written", async () => {
    const name = unique("Groupe Local Qualité");
    const created = await callRoute(newSeries, { method: "POST", path: "/reunions/series/nouvelle", cookie: referent, form: { name, kind: "quality_group", cadenceMonths: "6" } });
    expect(created.status).toBe(302);
    const before = await counts();
    const bad = await callRoute(newSeries, { method: "POST", path: "/x", cookie: referent, form: { name: "", kind: "quality_group", cadenceMonths: "0" } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ fieldErrors: { name: "Nom : ce champ est obligatoire.", cadenceMonths: "Cadence : un nombre de mois entre 1 et 24." } });
    const duplicate = await callRoute(newSeries, { method: "POST", path: "/x", cookie: referent, form: { name: name.toUpperCase(), kind: "other", cadenceMonths: "12" } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({ fieldErrors: { name: "Nom : une série porte déjà ce nom." } });
    expect(await counts()).toEqual(before);
    const forbidden = await callRoute(newSeries, { method: "POST", path: "/x", cookie: staff, form: { name: unique("S"), kind: "other", cadenceMonths: "6" } });
    expect(forbidden.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("counts a past meeting once it has taken place, not one planned and never confirmed", async () => {
    const office = await createOfficeFixture();
    const { seriesId } = await createMeetingFixture(office, { published: true });
    const schedule = async () => (await listSeries(scopeOn(commandScope(getDb(), office.officeId), "2021-12-01"))).find((s) => s.id === seriesId)!.schedule;
    expect(await schedule()).toMatchObject({ lastHeldOn: "2021-03-25", dueOn: "2021-09-25", state: "overdue" });
    const cookie = await sessionCookie(office.users.quality_referent.userId, office.officeId);
    const planned = await callRoute(newMeeting, { method: "POST", path: "/x", cookie, form: { ...meetingForm(seriesId, { heldOn: "2021-10-10" }), inviteeIds: String(office.personId) } });
    const plannedId = Number(planned.location?.split("/").pop());
    // Planned in October, still not confirmed in December: the cadence still runs from March.
    expect(await schedule()).toMatchObject({ lastHeldOn: "2021-03-25", state: "overdue" });
    const attendee = (await getMeeting(commandScope(getDb(), office.officeId), { meetingId: plannedId, userId: 0 }))!.attendees[0]!;
    await callRoute(attendancePage, { method: "POST", path: "/x", cookie, params: params(plannedId), form: { "attendees.0.id": String(attendee.id), "attendees.0.status": "present" } });
    // Held late, in October: the next one is due six months after it.
    expect(await schedule()).toMatchObject({ lastHeldOn: "2021-10-10", dueOn: "2022-04-10", state: "later" });
  });

  it("edits the cadence, and the next due date follows", async () => {
    const { seriesId } = await createMeetingFixture(a, { published: true });
    const edited = await callRoute(seriesPage, { method: "POST", path: "/x", cookie: referent, params: { seriesId: String(seriesId) }, form: { name: unique("Revue"), kind: "management_review", cadenceMonths: "12" } });
    expect(edited.status).toBe(302);
    const series = (await listSeries(scopeOn(commandScope(getDb(), a.officeId), "2021-04-01"))).find((s) => s.id === seriesId);
    expect(series?.schedule).toMatchObject({ lastHeldOn: "2021-03-25", dueOn: "2022-03-25", state: "later" });
    const before = await counts();
    const bad = await callRoute(seriesPage, { method: "POST", path: "/x", cookie: referent, params: { seriesId: String(seriesId) }, form: { name: "", kind: "quality_group", cadenceMonths: "30" } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ fieldErrors: { name: "Nom : ce champ est obligatoire.", cadenceMonths: "Cadence : un nombre de mois entre 1 et 24." } });
    expect(await counts()).toEqual(before);
    const foreign = await callRoute(seriesPage, { path: "/x", cookie: await sessionCookie(b.users.quality_referent.userId, b.officeId), params: { seriesId: String(seriesId) } });
    expect(foreign.status).toBe(404);
  });
});

describe("planning a meeting", () => {
  it("creates the meeting with its agenda and invitations", async () => {
    const { seriesId } = await createMeetingFixture(a);
    const answer = await callRoute(newMeeting, { method: "POST", path: "/x", cookie: referent, form: { ...meetingForm(seriesId), inviteeIds: String(a.personId) } });
    expect(answer.status).toBe(302);
    const id = Number(answer.location?.split("/").pop());
    const meeting = await getMeeting(commandScope(getDb(), a.officeId), { meetingId: id, userId: 0 });
    expect(meeting?.sections.map((s) => s.title)).toEqual(["Actualité", "Rapport d'activité"]);
    expect(meeting?.attendees).toMatchObject([{ personId: a.personId, status: "invited" }]);
    expect(meeting?.status).toBe("draft");
  });

  it("refuses bad input, and people or series of another office, with nothing written", async () => {
    const { seriesId } = await createMeetingFixture(a);
    const foreignSeries = (await createMeetingFixture(b)).seriesId;
    const before = await counts();
    const bad = await callRoute(newMeeting, { method: "POST", path: "/x", cookie: referent, form: meetingForm(seriesId, { title: "", endTime: "13:00", heldOn: "25/03/2021" }) });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ fieldErrors: { title: "Titre : ce champ est obligatoire.", heldOn: "Date : date attendue (jj/mm/aaaa)." } });
    const late = await callRoute(newMeeting, { method: "POST", path: "/x", cookie: referent, form: meetingForm(seriesId, { endTime: "13:00" }) });
    expect(late.body).toMatchObject({ fieldErrors: { endTime: "Heure de fin : après l'heure de début." } });
    const foreignPerson = await callRoute(newMeeting, { method: "POST", path: "/x", cookie: referent, form: { ...meetingForm(seriesId), inviteeIds: String(b.personId) } });
    expect(foreignPerson.status).toBe(400);
    expect(foreignPerson.body).toMatchObject({ fieldErrors: { inviteeIds: "Participants invités : choix invalide." } });
    const foreignChair = await callRoute(newMeeting, { method: "POST", path: "/x", cookie: referent, form: meetingForm(seriesId, { chairId: String(b.personId) }) });
    expect(foreignChair.body).toMatchObject({ fieldErrors: { chairId: "Présidence : choix invalide." } });
    const otherSeries = await callRoute(newMeeting, { method: "POST", path: "/x", cookie: referent, form: meetingForm(foreignSeries) });
    expect(otherSeries.body).toMatchObject({ fieldErrors: { seriesId: "Série de réunions : choix invalide." } });
    const tooLong = await callRoute(newMeeting, { method: "POST", path: "/x", cookie: referent, form: meetingForm(seriesId, { agenda: Array.from({ length: 41 }, (_, i) => `Point ${i}`).join("\n") }) });
    expect(tooLong.body).toMatchObject({ fieldErrors: { agenda: "Ordre du jour : 40 points au maximum." } });
    expect(await counts()).toEqual(before);
  });

  it("edits the details and the quality-document header", async () => {
    const { seriesId, meetingId } = await createMeetingFixture(a);
    const answer = await callRoute(editMeeting, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form: meetingForm(seriesId, { title: "GLQ de printemps", referentId: String(a.personId), concerned: "Toute l'équipe" }) });
    expect(answer.status).toBe(302);
    const meeting = await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 });
    expect(meeting).toMatchObject({ title: "GLQ de printemps", endTime: "16:30", concerned: "Toute l'équipe", referent: { id: a.personId } });
    // Someone who has left stays offered as the meeting's référent.
    await getDb()("people").where({ id: a.personId }).update({ active: false });
    const page = await callRoute(editMeeting, { path: "/x", cookie: referent, params: params(meetingId) });
    await getDb()("people").where({ id: a.personId }).update({ active: true });
    expect((page.body as { choices: { people: Array<{ id: number }> } }).choices.people.map((p) => p.id)).toContain(a.personId);
    const before = await counts();
    const bad = await callRoute(editMeeting, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form: meetingForm(seriesId, { startTime: "14h" }) });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ fieldErrors: { startTime: "Heure de début : heure attendue (hh:mm, exemple : 14:00)." } });
    expect(await counts()).toEqual(before);
    expect((await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))?.startTime).toBe("14:00");
  });
});

describe("attendance", () => {
  it("marks each participant, changes roles, adds a guest and removes someone", async () => {
    const { meetingId } = await createMeetingFixture(a);
    const attendee = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!.attendees[0]!;
    const post = (form: Record<string, string>) => callRoute(attendancePage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form });
    expect((await post({ "attendees.0.id": String(attendee.id), "attendees.0.status": "present", "attendees.0.role": "Président de la SPL", guestName: "Journaliste de France Bleu", guestRole: "Presse", guestStatus: "excused" })).status).toBe(302);
    let meeting = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!;
    expect(meeting.attendees.map((x) => [x.name, x.status, x.role, x.isGuest])).toEqual([
      [attendee.name, "present", "Président de la SPL", false],
      ["Journaliste de France Bleu", "excused", "Presse", true],
    ]);
    const guest = meeting.attendees[1]!;
    expect((await post({ "attendees.0.id": String(attendee.id), "attendees.0.status": "present", "attendees.1.id": String(guest.id), "attendees.1.status": "excused", "attendees.1.remove": "on" })).status).toBe(302);
    meeting = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!;
    expect(meeting.attendees.map((x) => x.name)).toEqual([attendee.name]);
  });

  it("marks everyone still invited as present in one click, keeping the excused", async () => {
    const { meetingId } = await createMeetingFixture(a);
    const other = await createPersonIn(a.officeId);
    const post = (form: Record<string, string>) => callRoute(attendancePage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form });
    await post({ addPersonIds: String(other) });
    const [first, second] = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!.attendees;
    expect((await post({ intent: "all-present", "attendees.0.id": String(first!.id), "attendees.0.status": "invited", "attendees.1.id": String(second!.id), "attendees.1.status": "excused" })).status).toBe(302);
    const statuses = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!.attendees.map((x) => x.status);
    expect(statuses).toEqual(["present", "excused"]);
  });

  it("refuses unknown statuses, attendees of another meeting and people of another office, changing nothing", async () => {
    const { meetingId } = await createMeetingFixture(a);
    const other = await createMeetingFixture(a);
    const otherAttendee = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId: other.meetingId, userId: 0 }))!.attendees[0]!;
    const before = await counts();
    const post = (form: Record<string, string>) => callRoute(attendancePage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form });
    const badStatus = await post({ "attendees.0.id": String(otherAttendee.id), "attendees.0.status": "parti" });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body).toMatchObject({ fieldErrors: { "attendees.0.status": "Présence : choisissez dans la liste." } });
    const stranger = await post({ "attendees.0.id": String(otherAttendee.id), "attendees.0.status": "present" });
    expect(stranger.status).toBe(400);
    const foreign = await post({ addPersonIds: String(b.personId) });
    expect(foreign.body).toMatchObject({ fieldErrors: { addPersonIds: "Personnes à ajouter : choix invalide." } });
    expect(await counts()).toEqual(before);
    expect((await getMeeting(commandScope(getDb(), a.officeId), { meetingId: other.meetingId, userId: 0 }))!.attendees[0]!.status).toBe("invited");
  });
});

describe("minutes", () => {
  const sectionsForm = (sections: Array<{ id: number | ""; title: string; body?: string; decisions?: string }>, extra: Record<string, string> = {}) => {
    const form: Record<string, string> = { ...extra };
    sections.forEach((s, i) => {
      form[`sections.${i}.id`] = String(s.id);
      form[`sections.${i}.title`] = s.title;
      form[`sections.${i}.body`] = s.body ?? "";
      form[`sections.${i}.decisions`] = s.decisions ?? "";
    });
    return form;
  };

  it("saves every point with its decisions, and keeps the typed text when a point is added, moved or removed", async () => {
    const { meetingId } = await createMeetingFixture(a);
    const load = async () => (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!;
    const [s1, s2, s3] = (await load()).sections;
    const post = (form: Record<string, string>) => callRoute(minutesPage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form });
    const typed = [
      { id: s1!.id, title: "Actualité de la marque", body: "La marque est **renouvelée** avec 91 %.", decisions: "- Demander le fléchage\n- Rack à vélos" },
      { id: s2!.id, title: "Rapport d'activité", body: "Saison 2020 : 2 678 contacts." },
      { id: s3!.id, title: "Suggestions", body: "<script>alert(1)</script> Beaucoup d'idées" },
    ];
    expect((await post(sectionsForm(typed, { intent: "add-section", summary: "Groupe à réunir tous les 6 mois.", endTime: "16:30" }))).status).toBe(302);
    let meeting = await load();
    expect(meeting.sections.map((s) => s.title)).toEqual(["Actualité de la marque", "Rapport d'activité", "Suggestions", "Nouveau point"]);
    expect(meeting.sections[0]!.decisions.map((d) => d.text)).toEqual(["Demander le fléchage", "Rack à vélos"]);
    expect(meeting.sections[2]!.body).toBe("<script>alert(1)</script> Beaucoup d'idées");
    expect(meeting).toMatchObject({ summary: "Groupe à réunir tous les 6 mois.", endTime: "16:30" });

    const withNew = meeting.sections.map((s) => ({ id: s.id, title: s.title, body: s.body, decisions: s.decisions.map((d) => d.text).join("\n") }));
    withNew[3] = { ...withNew[3]!, title: "Taxe de séjour", body: "Chiffres des Luys manquants." };
    expect((await post(sectionsForm(withNew, { intent: "move-up:3" }))).status).toBe(302);
    meeting = await load();
    expect(meeting.sections.map((s) => s.title)).toEqual(["Actualité de la marque", "Rapport d'activité", "Taxe de séjour", "Suggestions"]);
    expect(meeting.sections[2]!.body).toBe("Chiffres des Luys manquants.");

    const now = meeting.sections.map((s) => ({ id: s.id, title: s.title, body: s.body, decisions: s.decisions.map((d) => d.text).join("\n") }));
    expect((await post(sectionsForm(now, { intent: "remove-section:1" }))).status).toBe(302);
    meeting = await load();
    expect(meeting.sections.map((s) => s.title)).toEqual(["Actualité de la marque", "Taxe de séjour", "Suggestions"]);
    // The removed point's text stays in the history.
    const history = await getDb()("history").where({ entity_type: "meeting", entity_id: meetingId }).orderBy("id", "desc").first();
    expect(String(history?.changes)).toContain("Saison 2020 : 2 678 contacts.");
  });

  it("refuses a point without title, an unknown button and a point of another meeting, changing nothing", async () => {
    const { meetingId } = await createMeetingFixture(a);
    const other = await createMeetingFixture(a);
    const otherSection = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId: other.meetingId, userId: 0 }))!.sections[0]!;
    const [s1] = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!.sections;
    const before = await counts();
    const post = (form: Record<string, string>) => callRoute(minutesPage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form });
    const untitled = await post(sectionsForm([{ id: s1!.id, title: "", body: "Texte" }], { intent: "save" }));
    expect(untitled.status).toBe(400);
    expect(untitled.body).toMatchObject({ fieldErrors: { "sections.0.title": "Titre du point : ce champ est obligatoire." } });
    expect((await post(sectionsForm([{ id: s1!.id, title: "T" }], { intent: "explode" }))).status).toBe(400);
    expect((await post(sectionsForm([{ id: s1!.id, title: "T" }], { intent: "save", endTime: "25:00" }))).status).toBe(400);
    const early = await post(sectionsForm([{ id: s1!.id, title: "T" }], { intent: "save", endTime: "13:00" }));
    expect(early.body).toMatchObject({ fieldErrors: { endTime: "Fin de réunion : après l'heure de début (14\u00a0h)." } });
    const longDecision = await post(sectionsForm([{ id: s1!.id, title: "T", decisions: "x".repeat(1001) }], { intent: "save" }));
    expect(longDecision.body).toMatchObject({ fieldErrors: { "sections.0.decisions": "Décisions : 1000 caractères au maximum par décision." } });
    expect(await counts()).toEqual(before);

    // A point of another meeting (or one removed meanwhile) comes back as a new point of this
    // meeting: its text is kept, the other meeting is not touched.
    expect((await post(sectionsForm([{ id: s1!.id, title: "Actualité" }, { id: otherSection.id, title: "Texte d'un onglet resté ouvert", body: "À garder" }], { intent: "save" }))).status).toBe(302);
    const meeting = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!;
    expect(meeting.sections.find((s) => s.title === "Texte d'un onglet resté ouvert")).toMatchObject({ body: "À garder" });
    expect(meeting.sections.find((s) => s.title === "Texte d'un onglet resté ouvert")!.id).not.toBe(otherSection.id);
    expect((await getMeeting(commandScope(getDb(), a.officeId), { meetingId: other.meetingId, userId: 0 }))!.sections[0]!.title).toBe(otherSection.title);
  });

  it("refuses a save from a page showing an older version, keeping the typed text on the page", async () => {
    const { meetingId } = await createMeetingFixture(a);
    const load = async () => (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!;
    const first = await load();
    const [s1] = first.sections;
    const post = (form: Record<string, string>) => callRoute(minutesPage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form });
    // Tab A and tab B both show version 0; B saves first.
    expect((await post(sectionsForm([{ id: s1!.id, title: "Actualité", body: "Texte de l'onglet B" }], { intent: "save", version: String(first.minutesVersion) }))).status).toBe(302);
    const before = await counts();
    const stale = await post(sectionsForm([{ id: s1!.id, title: "Actualité", body: "Texte de l'onglet A" }], { intent: "save", version: String(first.minutesVersion) }));
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ intent: "minutes", formError: expect.stringMatching(/^Le compte rendu a été enregistré entre-temps/), conflictVersion: first.minutesVersion + 1 });
    expect(await counts()).toEqual(before);
    expect((await load()).sections[0]!.body).toBe("Texte de l'onglet B");
    // Saved again from the page now showing the new version: A's text replaces B's, kept in the
    // history. A page with JavaScript saves in place and learns the version and the points saved.
    const again = await post(sectionsForm([{ id: s1!.id, title: "Actualité", body: "Texte de l'onglet A" }], { intent: "save", version: String(first.minutesVersion + 1), inPlace: "1" }));
    expect(again.status).toBe(200);
    const saved = await load();
    expect(again.body).toMatchObject({ savedVersion: saved.minutesVersion, sectionIds: saved.sections.map((x) => x.id) });
    expect(saved.sections[0]!.body).toBe("Texte de l'onglet A");
  });

  it("creates actions from the minutes, straight into the plan and linked to the meeting", async () => {
    const { meetingId } = await createMeetingFixture(a);
    const section = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!.sections[2]!;
    const post = (form: Record<string, string>) => callRoute(minutesPage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form: { intent: "action", priority: "normale", ...form } });
    const created = await post({ title: "Réseau de prestataires à mettre en place", ownerId: String(a.personId), sectionId: String(section.id), siteIds: String(a.siteId), dueOn: "2021-09-30" });
    expect(created.status).toBe(302);
    const meeting = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!;
    expect(meeting.actions).toMatchObject([{ title: "Réseau de prestataires à mettre en place", status: "a_faire", sectionId: section.id, dueOn: "2021-09-30" }]);
    const row = await getDb()("actions").where({ id: meeting.actions[0]!.id }).first();
    expect(row).toMatchObject({ origin: "meeting_decision", office_id: a.officeId });
    // The plan shows where the action comes from; a draft meeting is a link only for those who may open it.
    const actionFor = async (cookie: string) => (await callRoute(actionPage, { path: "/x", cookie, params: { actionId: String(row?.id) } })).body as { canOpenMeeting: boolean; meetingInPreparation: boolean; action: { meeting: { id: number } | null } };
    // A draft meeting is not even named to a member (issue 11): the page says the minutes are not yet published.
    expect(await actionFor(member)).toMatchObject({ canOpenMeeting: false, meetingInPreparation: true, action: { meeting: null } });
    expect(await actionFor(referent)).toMatchObject({ canOpenMeeting: true });

    const before = await counts();
    const bad = await post({ title: "", ownerId: "" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ intent: "action", fieldErrors: { title: "Intitulé : ce champ est obligatoire.", ownerId: "Pilote : faites un choix dans la liste." } });
    const foreignOwner = await post({ title: "X", ownerId: String(b.personId) });
    expect(foreignOwner.body).toMatchObject({ fieldErrors: { ownerId: "Pilote : choix invalide." } });
    const foreignSection = await post({ title: "X", ownerId: String(a.personId), sectionId: String((await getDb()("meeting_sections").whereNot({ meeting_id: meetingId }).first())!.id) });
    expect(foreignSection.body).toMatchObject({ fieldErrors: { sectionId: "Point de l'ordre du jour : choix invalide." } });
    expect(await counts()).toEqual(before);
  });
});

describe("publication and reading", () => {
  it("publishes only a held meeting whose attendance is taken; members see it only then, and mark it read", async () => {
    const future = await createMeetingFixture(a, { heldOn: "2099-01-01" });
    const publish = (meetingId: number, as = referent) => callRoute(meetingPage, { method: "POST", path: "/x", cookie: as, params: params(meetingId), form: { intent: "publish" } });
    const tooEarly = await publish(future.meetingId);
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body).toMatchObject({ formError: "Publication : la réunion n'a pas encore eu lieu." });

    const { meetingId } = await createMeetingFixture(a);
    const notTaken = await publish(meetingId);
    expect(notTaken.body).toMatchObject({ formError: "Publication : indiquez d'abord pour chaque participant s'il était présent, excusé ou absent." });
    // A draft does not exist for members and staff; the director reads it.
    for (const cookie of [member, staff]) expect((await callRoute(meetingPage, { path: "/x", cookie, params: params(meetingId) })).status).toBe(404);
    expect((await callRoute(meetingPage, { path: "/x", cookie: director, params: params(meetingId) })).status).toBe(200);
    expect((await publish(meetingId, staff)).status).toBe(404);
    const readDraft = await callRoute(meetingPage, { method: "POST", path: "/x", cookie: director, params: params(meetingId), form: { intent: "read" } });
    expect(readDraft.status).toBe(400);

    const attendee = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!.attendees[0]!;
    await callRoute(attendancePage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form: { "attendees.0.id": String(attendee.id), "attendees.0.status": "present" } });
    expect((await publish(meetingId)).status).toBe(302);
    expect((await publish(meetingId, director)).status).toBe(403);

    const page = await callRoute(meetingPage, { path: "/x", cookie: member, params: params(meetingId) });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ canRead: true, canEdit: false, receipts: null });
    const list = await callRoute(meetingsPage, { path: "/reunions", cookie: member });
    expect((list.body as { meetings: Array<{ id: number; readAt: string | null }> }).meetings.find((m) => m.id === meetingId)?.readAt).toBeNull();

    expect((await callRoute(meetingPage, { method: "POST", path: "/x", cookie: member, params: params(meetingId), form: { intent: "read" } })).status).toBe(302);
    const receipts = await readReceipts(commandScope(getDb(), a.officeId), { meetingId });
    expect(receipts.find((r) => r.userId === a.users.quality_group_member.userId)).toMatchObject({ readAt: expect.any(String), stale: false });
    // The referent sees the members who have not read yet.
    const referentView = await callRoute(meetingPage, { path: "/x", cookie: referent, params: params(meetingId) });
    expect((referentView.body as { receipts: unknown[] }).receipts.length).toBeGreaterThanOrEqual(1);

    // Another office never sees it.
    const foreign = await callRoute(meetingPage, { path: "/x", cookie: await sessionCookie(b.users.quality_group_member.userId, b.officeId), params: params(meetingId) });
    expect(foreign.status).toBe(404);
  });

  it("lists drafts only to those who may see them", async () => {
    const draft = await createMeetingFixture(a);
    const published = await createMeetingFixture(a, { published: true });
    const ids = async (cookie: string) => (((await callRoute(meetingsPage, { path: "/reunions", cookie })).body as { meetings: Array<{ id: number }> }).meetings.map((m) => m.id));
    expect(await ids(member)).toContain(published.meetingId);
    expect(await ids(member)).not.toContain(draft.meetingId);
    expect(await ids(director)).toContain(draft.meetingId);
  });

  it("marks a read as stale when the minutes change after it, not when they are saved unchanged", async () => {
    const office = await createOfficeFixture();
    const { meetingId } = await createMeetingFixture(office, { published: true });
    const reader = await createUserInOffice(office.officeId, "quality_group_member");
    const cookie = await sessionCookie(reader.userId, office.officeId);
    const writer = await sessionCookie(office.users.quality_referent.userId, office.officeId);
    await callRoute(meetingPage, { method: "POST", path: "/x", cookie, params: params(meetingId), form: { intent: "read" } });
    const sections = (await getMeeting(commandScope(getDb(), office.officeId), { meetingId, userId: 0 }))!.sections;
    const form = (summary: string) => ({ intent: "save", summary, ...Object.fromEntries(sections.flatMap((s, i) => [[`sections.${i}.id`, String(s.id)], [`sections.${i}.title`, s.title]])) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await callRoute(minutesPage, { method: "POST", path: "/x", cookie: writer, params: params(meetingId), form: form("") })).status).toBe(302);
    expect((await readReceipts(commandScope(getDb(), office.officeId), { meetingId })).find((r) => r.userId === reader.userId)).toMatchObject({ stale: false });
    expect((await callRoute(minutesPage, { method: "POST", path: "/x", cookie: writer, params: params(meetingId), form: form("Correction d'un chiffre") })).status).toBe(302);
    const receipts = await readReceipts(commandScope(getDb(), office.officeId), { meetingId });
    expect(receipts.find((r) => r.userId === reader.userId)).toMatchObject({ stale: true });
    expect(receipts.find((r) => r.userId === office.users.quality_group_member.userId)).toMatchObject({ readAt: null });
  });
});

describe("who is asked to read the minutes", () => {
  it("not the writer nor the publisher of the minutes", async () => {
    const office = await createOfficeFixture();
    const db = getDb();
    const { meetingId } = await createMeetingFixture(office);
    // The writer has an account linked to the invited person; the publisher is a quality-group member too.
    const writer = await createUserInOffice(office.officeId, "staff");
    await db("memberships").where({ id: writer.membershipId }).update({ person_id: office.personId });
    await db("meetings").where({ id: meetingId }).update({ writer_person_id: office.personId });
    const publisherPerson = Number(((await db("people").insert({ office_id: office.officeId, full_name: "Référente", kind: "staff", quality_group_member: true, created_at: "x", updated_at: "x" }).returning("id"))[0] as { id: number }).id);
    await db("memberships").where({ user_id: office.users.quality_referent.userId, office_id: office.officeId }).update({ person_id: publisherPerson });
    const publisher = await sessionCookie(office.users.quality_referent.userId, office.officeId);
    const scope = systemScope(office.officeId);
    const attendee = (await getMeeting(scope, { meetingId, userId: 0 }))!.attendees[0]!;
    await callRoute(attendancePage, { method: "POST", path: "/x", cookie: publisher, params: params(meetingId), form: { "attendees.0.id": String(attendee.id), "attendees.0.status": "present" } });
    expect((await callRoute(meetingPage, { method: "POST", path: "/x", cookie: publisher, params: params(meetingId), form: { intent: "publish" } })).status).toBe(302);

    const expected = (await readReceipts(scope, { meetingId })).map((r) => r.userId);
    expect(expected).toContain(office.users.quality_group_member.userId);
    expect(expected).not.toContain(writer.userId);
    expect(expected).not.toContain(office.users.quality_referent.userId);
    // Nor is it counted as unread for them.
    expect(await countUnread(scope, { userId: writer.userId })).toBe(0);
    expect(await countUnread(scope, { userId: office.users.quality_referent.userId })).toBe(0);
    expect(await countUnread(scope, { userId: office.users.quality_group_member.userId })).toBe(1);
  });
});

describe("deleting a meeting planned by mistake", () => {
  it("deletes a draft after confirmation, keeping its text in the history, its actions in the plan, and removing its files", async () => {
    const { meetingId } = await createMeetingFixture(a);
    const section = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!.sections[0]!;
    await callRoute(minutesPage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form: { intent: "save", "sections.0.id": String(section.id), "sections.0.title": section.title, "sections.0.body": "Texte à ne pas perdre" } });
    await callRoute(minutesPage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form: { intent: "action", title: "Action née de la réunion", ownerId: String(a.personId), priority: "normale" } });
    await callRoute(meetingPage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form: { intent: "attach" }, files: { file: { name: "rapport.pdf", content: PDF } } });
    const fileKey = String((await getDb()("attachments").where({ meeting_id: meetingId }).first())!.storage_key);
    const post = (form: Record<string, string>, cookie = referent) => callRoute(meetingPage, { method: "POST", path: "/x", cookie, params: params(meetingId), form });

    const unconfirmed = await post({ intent: "delete" });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toMatchObject({ formError: "Suppression : cochez la case pour confirmer." });
    expect((await post({ intent: "delete", confirmDelete: "on" }, director)).status).toBe(403);
    expect((await post({ intent: "delete", confirmDelete: "on" }, staff)).status).toBe(404);
    expect(await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 })).not.toBeNull();

    const deleted = await post({ intent: "delete", confirmDelete: "on" });
    expect(deleted.status).toBe(302);
    expect(deleted.location).toBe("/reunions");
    expect(await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 })).toBeNull();
    const history = await getDb()("history").where({ entity_type: "meeting", entity_id: meetingId, action: "delete" }).first();
    expect(String(history?.changes)).toContain("Texte à ne pas perdre");
    const { listRecentOfficeHistory } = await import("~/modules/history/queries.server");
    const recent = (await listRecentOfficeHistory(systemScope(a.officeId), 5)).find((e) => e.entityType === "meeting" && e.action === "delete" && e.entityId === meetingId);
    expect(recent?.entityName).toMatch(/^Réunion-/);
    const action = await getDb()("actions").where({ title: "Action née de la réunion", office_id: a.officeId }).first();
    expect(action).toMatchObject({ meeting_id: null, origin: "meeting_decision" });
    expect(action?.origin_detail).not.toBe("");
    const { fileStore } = await import("~/storage.server");
    expect(await fileStore().get(fileKey)).toBeNull();
  });

  it("refuses to delete published minutes", async () => {
    const { meetingId } = await createMeetingFixture(a, { published: true });
    const answer = await callRoute(meetingPage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form: { intent: "delete", confirmDelete: "on" } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ formError: "Suppression : repassez d'abord le compte rendu en brouillon." });
    expect(await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 })).not.toBeNull();
  });
});

describe("files and the Word document", () => {
  it("keeps files of a meeting, shown to those who see the meeting", async () => {
    const { meetingId } = await createMeetingFixture(a);
    const upload = (name: string, content: string, as = referent) =>
      callRoute(meetingPage, { method: "POST", path: "/x", cookie: as, params: params(meetingId), form: { intent: "attach" }, files: { file: { name, content } } });
    expect((await upload("rapport-activite-2020.pdf", PDF)).status).toBe(302);
    const bad = await upload("rapport.exe", "MZ...");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ intent: "attach", fieldErrors: { file: expect.stringMatching(/^Fichier : /) } });
    const meeting = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!;
    expect(meeting.attachments.map((f) => f.originalName)).toEqual(["rapport-activite-2020.pdf"]);
    const fileId = String(meeting.attachments[0]!.id);
    const download = (cookie: string) => callRoute(downloadPage, { path: "/x", cookie, params: { attachmentId: fileId } });
    expect((await download(director)).status).toBe(200);
    expect((await download(member)).status).toBe(404);
    expect((await upload("autre.pdf", PDF, member)).status).toBe(404);
    await getDb()("meetings").where({ id: meetingId }).update({ status: "published" });
    expect((await download(member)).status).toBe(200);
    expect((await download(await sessionCookie(b.users.admin.userId, b.officeId))).status).toBe(404);
  });

  it("returns the minutes as a Word document that LibreOffice opens", async () => {
    const { meetingId } = await createMeetingFixture(a, { published: true });
    const section = (await getMeeting(commandScope(getDb(), a.officeId), { meetingId, userId: 0 }))!.sections[0]!;
    await callRoute(minutesPage, {
      method: "POST",
      path: "/x",
      cookie: referent,
      params: params(meetingId),
      form: { intent: "save", "sections.0.id": String(section.id), "sections.0.title": "Actualité de la marque", "sections.0.body": "Renouvelée avec **91 %** !", "sections.0.decisions": "Réunir le groupe tous les 6 mois", summary: "Groupe plein d'idées", endTime: "16:30" },
    });
    await callRoute(minutesPage, { method: "POST", path: "/x", cookie: referent, params: params(meetingId), form: { intent: "action", title: "Faire le point numérique", ownerId: String(a.personId), priority: "haute", dueOn: "2021-06-30" } });
    const answer = await fetchDocx(meetingId, member);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(answer.headers.get("Content-Disposition")).toBe('attachment; filename="compte-rendu-2021-03-25.docx"');
    const buffer = Buffer.from(await answer.arrayBuffer());
    expect(buffer.subarray(0, 2).toString()).toBe("PK");
    const { text, dir } = await docxToPdfText(buffer);
    await fs.rm(dir, { recursive: true, force: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("jeudi 25 mars 2021");
    expect(flat).toContain("Actualité de la marque");
    expect(flat).toContain("Réunir le groupe tous les 6 mois");
    expect(flat).toContain("Faire le point numérique");
    expect(flat).toContain("30/06/2021");
    expect(flat).toContain("Groupe plein d'idées".replace("'", "’"));
  });

  it("gives a draft's document only to those who may read drafts", async () => {
    const { meetingId } = await createMeetingFixture(a);
    expect((await fetchDocx(meetingId, member)).status).toBe(404);
    const answer = await fetchDocx(meetingId, director);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Disposition")).toContain("brouillon");
  });
});

async function createPersonIn(officeId: number): Promise<number> {
  const { createPerson } = await import("~/modules/person/queries.server");
  return createPerson(commandScope(getDb(), officeId), { fullName: unique("Élu"), kind: "elected", jobTitle: "", organisation: "", email: "", phone: "", siteId: null, contract: "permanent", arrivedOn: null, qualityGroupMember: false, active: true });
}

async function fetchDocx(meetingId: number, cookie: string): Promise<Response> {
  const request = new Request("http://localhost/x", { headers: { Cookie: cookie } });
  try {
    return (await minutesDocx.loader({ request, params: params(meetingId), context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
