// A register's summary under an agenda point of the minutes (decision 034), on a real database:
// the default period since the previous meeting of the series, counts by category and site, the
// entries and their actions, live while the minutes are drafts, frozen at publication and live
// again if they go back to draft; no complainant's name, for anyone; offices apart.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { getMeeting } from "~/modules/meeting/meetings.server";
import { publishMeeting, saveMinutes, unpublishMeeting } from "~/modules/meeting/minutes.server";
import type { MinutesValues } from "~/modules/meeting/schema";
import { createActionFromEntry, createEntry } from "~/modules/register/queries.server";
import type { EntryValues } from "~/modules/register/schema";
import { scopeOn } from "~/modules/scope.server";
import * as meetingPage from "~/routes/_app.reunions.$meetingId._index";
import * as minutesPage from "~/routes/_app.reunions.$meetingId.compte-rendu";
import * as minutesWord from "~/routes/reunions.$meetingId.compte-rendu[.docx]";
import { createMeetingFixture, createOfficeFixture, sessionCookie, systemScope, unique, type OfficeFixture } from "../support/factories";
import { docxParts } from "../support/docx-parts";
import { callRoute } from "../support/routes";


let a: OfficeFixture;
let b: OfficeFixture;

const dysfunction = (extra: Partial<Extract<EntryValues, { kind: "dysfunction" }>>): EntryValues => ({
  kind: "dysfunction",
  occurredOn: "2021-01-10",
  siteId: null,
  category: "Informatique",
  subject: "Connexion au serveur",
  description: "",
  personId: null,
  closeReason: "",
  status: "ouvert",
  impact: "",
  immediateFix: "",
  recurrenceOfId: null,
  ...extra,
});

const complaint = (extra: Partial<Extract<EntryValues, { kind: "complaint" }>>): EntryValues => ({
  kind: "complaint",
  occurredOn: "2021-02-01",
  siteId: null,
  category: "Accueil",
  subject: "Attente au guichet",
  description: "",
  personId: null,
  closeReason: "",
  status: "ouverte",
  channel: "guichet",
  platform: "",
  reviewUrl: "",
  contactName: "Jeanne Plaignante",
  contactDetails: "jeanne@example.org",
  answer: "",
  answeredOn: null,
  answeredBy: "",
  ...extra,
});

/** The meeting's points as saved, the first one summarising a register. */
async function minutesWith(office: OfficeFixture, meetingId: number, register: Record<string, unknown> | null): Promise<MinutesValues> {
  const meeting = await getMeeting(systemScope(office.officeId), { meetingId, userId: 0 });
  if (!meeting) throw new Error("no meeting");
  return {
    summary: "",
    endTime: null,
    version: null,
    sections: meeting.sections.map((s, i) => ({ id: s.id, title: s.title, body: s.body, decisions: "", ...(i === 0 && register ? register : {}) })),
  };
}

const scopeA = () => scopeOn(systemScope(a.officeId), "2021-03-20");

beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
});

describe("a register's summary in the minutes", () => {
  it("covers the days since the previous meeting of the series, counted by category and site, with the entries' actions", async () => {
    const earlier = await createMeetingFixture(a, { heldOn: "2020-09-24" });
    const { meetingId } = await createMeetingFixture(a, { heldOn: "2021-03-25", seriesId: earlier.seriesId, attended: true });
    const s = scopeA();
    const first = await createEntry(s, dysfunction({ occurredOn: "2020-09-24", subject: "Le jour de la réunion précédente" }));
    const inside = await createEntry(s, dysfunction({ occurredOn: "2020-09-25", siteId: a.siteId, subject: "Connexion au serveur perdue" }));
    await createEntry(s, dysfunction({ occurredOn: "2021-03-25", category: "Locaux", subject: "Porte du bureau bloquée", recurrenceOfId: first }));
    await createEntry(s, dysfunction({ occurredOn: "2021-03-26", subject: "Après la réunion" }));
    await createEntry(systemScope(b.officeId), dysfunction({ occurredOn: "2021-01-05", subject: "Chez un autre office" }));
    const actionId = await createActionFromEntry(s, inside, { title: "Appeler le prestataire informatique", description: "", origin: "dysfunction", findingId: null, originDetail: "", ownerId: a.personId, contributorIds: [], siteIds: [], dueOn: "2021-06-30", priority: "normale" });
    expect(actionId).toBeGreaterThan(0);
    const siteName = String((await getDb()("sites").where({ id: a.siteId }).first())!.name);
    await saveMinutes(s, { meetingId }, await minutesWith(a, meetingId, { register: "dysfunction", registerFrom: null, registerTo: null }), { kind: "save" });
    const meeting = await getMeeting(s, { meetingId, userId: 0 });
    const summary = meeting?.sections[0]?.registerSummary;
    expect(meeting?.sections[0]?.register).toEqual({ kind: "dysfunction", from: null, to: null });
    expect(summary).toMatchObject({ kind: "dysfunction", from: "2020-09-25", to: "2021-03-25", total: 2, more: 0 });
    expect(summary?.entries.map((e) => e.subject)).toEqual(["Connexion au serveur perdue", "Porte du bureau bloquée"]);
    expect(summary?.byCategory).toEqual(expect.arrayContaining([{ label: "Informatique", count: 1 }, { label: "Locaux", count: 1 }]));
    expect(summary?.bySite).toEqual(expect.arrayContaining([{ label: siteName, count: 1 }, { label: "Tout l'office", count: 1 }]));
    // The door comes back after the entry logged on the previous meeting's day: seen twice.
    expect(summary?.entries.map((e) => e.occurrence)).toEqual([1, 2]);
    expect(summary?.entries[0]?.actions).toEqual([{ title: "Appeler le prestataire informatique", status: "À faire", dueOn: "2021-06-30" }]);
    expect(first).toBeGreaterThan(0);
    // The other points summarise nothing.
    expect(meeting?.sections.slice(1).every((p) => p.register === null && p.registerSummary === null)).toBe(true);
  });

  it("takes the days chosen, is live while the minutes are drafts, frozen when published and live again as a draft", async () => {
    const { meetingId } = await createMeetingFixture(a, { heldOn: "2021-03-25", attended: true });
    const s = scopeA();
    await createEntry(s, complaint({ occurredOn: "2021-02-01", subject: "Brochure introuvable" }));
    await saveMinutes(s, { meetingId }, await minutesWith(a, meetingId, { register: "complaint", registerFrom: "2021-01-01", registerTo: "2021-02-28" }), { kind: "save" });
    const total = async () => (await getMeeting(s, { meetingId, userId: 0 }))?.sections[0]?.registerSummary?.total;
    const before = Number(await total());
    await createEntry(s, complaint({ occurredOn: "2021-02-10", subject: "Toilettes fermées" }));
    expect(await total()).toBe(before + 1);

    expect(await publishMeeting(scopeOn(systemScope(a.officeId), "2021-03-26"), { meetingId })).toBe(true);
    expect(await getDb()("meeting_sections").where({ meeting_id: meetingId }).whereNotNull("register_summary")).toHaveLength(1);
    await createEntry(s, complaint({ occurredOn: "2021-02-11", subject: "Logée après la publication" }));
    expect(await total()).toBe(before + 1);
    const frozen = (await getMeeting(s, { meetingId, userId: 0 }))?.sections[0]?.registerSummary;
    expect(frozen?.entries.map((e) => e.subject)).not.toContain("Logée après la publication");

    expect(await unpublishMeeting(scopeOn(systemScope(a.officeId), "2021-03-27"), { meetingId })).toBe(true);
    expect(await total()).toBe(before + 2);
  });

  it("keeps a point's register when a save does not send it, and takes it away when told", async () => {
    const { meetingId } = await createMeetingFixture(a, { heldOn: "2021-03-25" });
    const s = scopeA();
    await saveMinutes(s, { meetingId }, await minutesWith(a, meetingId, { register: "suggestion", registerFrom: "2021-03-25", registerTo: null }), { kind: "save" });
    // An older page sends the points without the register fields: kept.
    const old = await minutesWith(a, meetingId, null);
    await saveMinutes(s, { meetingId }, { ...old, sections: old.sections.map((p, i) => (i === 0 ? { ...p, body: "Texte ajouté" } : p)) }, { kind: "save" });
    expect((await getMeeting(s, { meetingId, userId: 0 }))?.sections[0]?.register).toEqual({ kind: "suggestion", from: "2021-03-25", to: null });
    await saveMinutes(s, { meetingId }, await minutesWith(a, meetingId, { register: null, registerFrom: null, registerTo: null }), { kind: "save" });
    const after = await getMeeting(s, { meetingId, userId: 0 });
    expect(after?.sections[0]?.register).toBeNull();
    expect(after?.sections[0]?.registerSummary).toBeNull();
  });

  it("names no complainant, for the référente as for a member, on the page and in the Word minutes", async () => {
    const { meetingId } = await createMeetingFixture(a, { heldOn: "2021-03-25", attended: true });
    const s = scopeA();
    const subject = unique("Réclamation sans nom");
    await createEntry(s, complaint({ occurredOn: "2021-03-02", subject }));
    await saveMinutes(s, { meetingId }, await minutesWith(a, meetingId, { register: "complaint", registerFrom: "2021-03-01", registerTo: "2021-03-25" }), { kind: "save" });
    await publishMeeting(scopeOn(systemScope(a.officeId), "2021-03-26"), { meetingId });
    for (const role of ["quality_referent", "quality_group_member"] as const) {
      const cookie = await sessionCookie(a.users[role].userId, a.officeId);
      const page = await callRoute(meetingPage, { method: "GET", path: `/reunions/${meetingId}`, params: { meetingId: String(meetingId) }, cookie });
      expect(page.status).toBe(200);
      const text = JSON.stringify(page.body);
      expect(text).toContain(subject);
      expect(text).not.toContain("Jeanne Plaignante");
      expect(text).not.toContain("jeanne@example.org");
    }
    // The Word minutes, as a member downloads them.
    const request = new Request(`http://localhost/reunions/${meetingId}/compte-rendu.docx`, { headers: { Cookie: await sessionCookie(a.users.quality_group_member.userId, a.officeId) } });
    const response = (await minutesWord.loader({ request, params: { meetingId: String(meetingId) }, context: {} })) as Response;
    expect(response.status).toBe(200);
    const { xml } = await docxParts(await response.arrayBuffer());
    expect(xml).toContain("Synthèse du registre « Réclamations » du 01/03/2021 au 25/03/2021");
    expect(xml).toContain(subject);
    expect(xml).not.toContain("Plaignante");
  });

  it("refuses a register that does not exist and a period that ends before it starts, beside the field, and writes nothing", async () => {
    const { meetingId } = await createMeetingFixture(a, { heldOn: "2021-03-25" });
    const cookie = await sessionCookie(a.users.quality_referent.userId, a.officeId);
    const meeting = await getMeeting(systemScope(a.officeId), { meetingId, userId: 0 });
    const base = Object.fromEntries(meeting!.sections.flatMap((p, i) => [[`sections.${i}.id`, String(p.id)], [`sections.${i}.title`, p.title]]));
    const version = meeting!.minutesVersion;
    for (const [bad, field, message] of [
      [{ "sections.0.register": "plaintes" }, "sections.0.register", /^Synthèse d'un registre : /],
      [{ "sections.0.register": "complaint", "sections.0.registerFrom": "2021-03-01", "sections.0.registerTo": "2021-02-01" }, "sections.0.registerTo", /^Synthèse : au : /],
      [{ "sections.0.register": "complaint", "sections.0.registerFrom": "2021-02-30" }, "sections.0.registerFrom", /^Synthèse : du : /],
    ] as const) {
      const answer = await callRoute(minutesPage, { method: "POST", path: `/reunions/${meetingId}/compte-rendu`, params: { meetingId: String(meetingId) }, cookie, form: { intent: "save", ...base, ...bad } });
      expect(answer.status).toBe(400);
      expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors[field]).toMatch(message);
    }
    const after = await getMeeting(systemScope(a.officeId), { meetingId, userId: 0 });
    expect(after?.minutesVersion).toBe(version);
    expect(after?.sections.every((p) => p.register === null)).toBe(true);
  });
});
