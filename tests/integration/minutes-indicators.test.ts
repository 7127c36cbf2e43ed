// The office's indicators under an agenda point of the minutes (decision 045), on a real
// database: a season against the same season a year earlier (the seed's 2020 against 2019), one
// category or all, live while the minutes are drafts, frozen at publication and live again as a
// draft; carried into the Word minutes; another office's season refused beside the field.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { enableStandardSet, listIndicators, listSeasons, writeValues } from "~/modules/indicator/queries.server";
import { getMeeting } from "~/modules/meeting/meetings.server";
import { publishMeeting, saveMinutes, unpublishMeeting } from "~/modules/meeting/minutes.server";
import type { MinutesValues } from "~/modules/meeting/schema";
import { scopeOn } from "~/modules/scope.server";
import * as meetingPage from "~/routes/_app.reunions.$meetingId._index";
import * as minutesPage from "~/routes/_app.reunions.$meetingId.compte-rendu";
import * as minutesWord from "~/routes/reunions.$meetingId.compte-rendu[.docx]";
import { createMeetingFixture, createOfficeFixture, sessionCookie, systemScope, type OfficeFixture } from "../support/factories";
import { docxParts } from "../support/docx-parts";
import { callRoute } from "../support/routes";

let a: OfficeFixture;
let b: OfficeFixture;
let seasonId: number;
let foreignSeasonId: number;
const id = { contacts: 0, personnes: 0 };

const scopeA = () => scopeOn(systemScope(a.officeId), "2021-03-20");

/** The meeting's points as saved, the first one with the given indicator fields. */
async function minutesWith(meetingId: number, fields: Record<string, unknown> | null): Promise<MinutesValues> {
  const meeting = await getMeeting(systemScope(a.officeId), { meetingId, userId: 0 });
  if (!meeting) throw new Error("no meeting");
  return { summary: "", endTime: null, version: null, sections: meeting.sections.map((s, i) => ({ id: s.id, title: s.title, body: s.body, decisions: "", ...(i === 0 && fields ? fields : {}) })) };
}

const season = (year: number) => `s${seasonId}:${year}`;

beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
  await enableStandardSet(scopeA());
  await enableStandardSet(systemScope(b.officeId));
  seasonId = (await listSeasons(scopeA()))[0]!.id;
  foreignSeasonId = (await listSeasons(systemScope(b.officeId)))[0]!.id;
  const indicators = await listIndicators(scopeA());
  id.contacts = indicators.find((i) => i.code === "contacts")!.id;
  id.personnes = indicators.find((i) => i.code === "personnes")!.id;
  // The seed's season figures: 2,638 contacts for 4,922 persons in 2019, 2,678 for 5,698 in 2020.
  const value = (indicatorId: number, period: string, v: number) => ({ indicatorId, period, item: "", input: { kind: "value" as const, value: v } });
  await writeValues(scopeA(), [value(id.contacts, season(2019), 2638), value(id.contacts, season(2020), 2678), value(id.personnes, season(2019), 4922), value(id.personnes, season(2020), 5698)]);
});

describe("indicators in the minutes", () => {
  it("shows the season against the one before, live while drafts, frozen at publication, live again as a draft", async () => {
    const { meetingId } = await createMeetingFixture(a, { heldOn: "2021-03-25", attended: true });
    const s = scopeA();
    await saveMinutes(s, { meetingId }, await minutesWith(meetingId, { indicatorPeriod: `saison-${seasonId}`, indicatorYear: 2020, indicatorCategory: "frequentation" }), { kind: "save" });
    const point = async () => (await getMeeting(s, { meetingId, userId: 0 }))?.sections[0];
    const first = await point();
    expect(first?.indicators).toEqual({ choice: `saison-${seasonId}`, year: 2020, category: "frequentation" });
    expect(first?.indicatorTable?.title).toBe("Indicateurs « Fréquentation » — Saison d'été 2020 par rapport à Saison d'été 2019");
    const rows = first?.indicatorTable?.table?.rows ?? [];
    expect(rows.find((r) => r.name.startsWith("Contacts"))).toMatchObject({ previous: "2 638", current: "2 678", variation: "+1,5 %" });
    expect(rows.find((r) => r.name.startsWith("Personnes"))).toMatchObject({ previous: "4 922", current: "5 698", variation: "+15,8 %" });
    // The other points show no indicators.
    expect((await getMeeting(s, { meetingId, userId: 0 }))?.sections.slice(1).every((p) => p.indicators === null && p.indicatorTable === null)).toBe(true);

    // Live: a figure corrected before publication shows at once.
    await writeValues(s, [{ indicatorId: id.contacts, period: season(2020), item: "", input: { kind: "value", value: 2700 } }]);
    expect((await point())?.indicatorTable?.table?.rows.find((r) => r.name.startsWith("Contacts"))?.current).toBe("2 700");

    expect(await publishMeeting(scopeOn(systemScope(a.officeId), "2021-03-26"), { meetingId })).toBe(true);
    expect(await getDb()("meeting_sections").where({ meeting_id: meetingId }).whereNotNull("indicator_table")).toHaveLength(1);
    await writeValues(s, [{ indicatorId: id.contacts, period: season(2020), item: "", input: { kind: "value", value: 2678 } }]);
    // Published minutes never change: the figure as it stood at publication.
    expect((await point())?.indicatorTable?.table?.rows.find((r) => r.name.startsWith("Contacts"))?.current).toBe("2 700");

    expect(await unpublishMeeting(scopeOn(systemScope(a.officeId), "2021-03-27"), { meetingId })).toBe(true);
    expect((await point())?.indicatorTable?.table?.rows.find((r) => r.name.startsWith("Contacts"))?.current).toBe("2 678");
  });

  it("says when the period has no figure, keeps the choice when a save does not send it, and takes it away when told", async () => {
    const { meetingId } = await createMeetingFixture(a, { heldOn: "2021-03-25" });
    const s = scopeA();
    await saveMinutes(s, { meetingId }, await minutesWith(meetingId, { indicatorPeriod: "mois-02", indicatorYear: 2015, indicatorCategory: null }), { kind: "save" });
    expect((await getMeeting(s, { meetingId, userId: 0 }))?.sections[0]?.indicatorTable).toEqual({ title: "Indicateurs — février 2015 par rapport à février 2014", table: null });
    // An older page sends the points without the indicator fields: kept.
    const old = await minutesWith(meetingId, null);
    await saveMinutes(s, { meetingId }, { ...old, sections: old.sections.map((p, i) => (i === 0 ? { ...p, body: "Texte ajouté" } : p)) }, { kind: "save" });
    expect((await getMeeting(s, { meetingId, userId: 0 }))?.sections[0]?.indicators).toEqual({ choice: "mois-02", year: 2015, category: null });
    await saveMinutes(s, { meetingId }, await minutesWith(meetingId, { indicatorPeriod: null, indicatorYear: 2020, indicatorCategory: null }), { kind: "save" });
    const after = await getMeeting(s, { meetingId, userId: 0 });
    expect(after?.sections[0]?.indicators).toBeNull();
    expect(after?.sections[0]?.indicatorTable).toBeNull();
  });

  it("carries the table into the Word minutes and onto the page a member reads", async () => {
    const { meetingId } = await createMeetingFixture(a, { heldOn: "2021-03-25", attended: true });
    await saveMinutes(scopeA(), { meetingId }, await minutesWith(meetingId, { indicatorPeriod: `saison-${seasonId}`, indicatorYear: 2020, indicatorCategory: null }), { kind: "save" });
    await publishMeeting(scopeOn(systemScope(a.officeId), "2021-03-26"), { meetingId });
    const cookie = await sessionCookie(a.users.quality_group_member.userId, a.officeId);
    const page = await callRoute(meetingPage, { method: "GET", path: `/reunions/${meetingId}`, params: { meetingId: String(meetingId) }, cookie });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).toContain("Saison d'été 2020 par rapport à Saison d'été 2019");
    const request = new Request(`http://localhost/reunions/${meetingId}/compte-rendu.docx`, { headers: { Cookie: cookie } });
    const response = (await minutesWord.loader({ request, params: { meetingId: String(meetingId) }, context: {} })) as Response;
    expect(response.status).toBe(200);
    const { xml } = await docxParts(await response.arrayBuffer());
    expect(xml).toContain("Indicateurs — Saison d’été 2020 par rapport à Saison d’été 2019");
    expect(xml).toContain("Saison d’été 2019</w:t>");
    for (const figure of ["2 638", "2 678", "+1,5 %", "5 698", "+15,8 %"]) expect(xml).toContain(figure);
  });

  it("refuses another office's season, a period not in the list and a missing year, beside the field, and writes nothing", async () => {
    const { meetingId } = await createMeetingFixture(a, { heldOn: "2021-03-25" });
    const cookie = await sessionCookie(a.users.quality_referent.userId, a.officeId);
    const meeting = await getMeeting(systemScope(a.officeId), { meetingId, userId: 0 });
    const base = Object.fromEntries(meeting!.sections.flatMap((p, i) => [[`sections.${i}.id`, String(p.id)], [`sections.${i}.title`, p.title]]));
    const version = meeting!.minutesVersion;
    for (const [bad, field, message] of [
      [{ "sections.0.indicatorPeriod": `saison-${foreignSeasonId}`, "sections.0.indicatorYear": "2020" }, "sections.0.indicatorPeriod", /^Indicateurs : cette saison n'est pas une saison de l'office/],
      [{ "sections.0.indicatorPeriod": "trimestre-1", "sections.0.indicatorYear": "2020" }, "sections.0.indicatorPeriod", /^Indicateurs : choisissez une période/],
      [{ "sections.0.indicatorPeriod": "annee", "sections.0.indicatorYear": "" }, "sections.0.indicatorYear", /^Indicateurs, année : indiquez l'année/],
      [{ "sections.0.indicatorPeriod": "annee", "sections.0.indicatorYear": "20201" }, "sections.0.indicatorYear", /^Indicateurs, année : une année entre/],
      [{ "sections.0.indicatorPeriod": "annee", "sections.0.indicatorYear": "2020", "sections.0.indicatorCategory": "meteo" }, "sections.0.indicatorCategory", /^Indicateurs, catégorie : /],
    ] as const) {
      const answer = await callRoute(minutesPage, { method: "POST", path: `/reunions/${meetingId}/compte-rendu`, params: { meetingId: String(meetingId) }, cookie, form: { intent: "save", ...base, ...bad } });
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors[field]).toMatch(message);
    }
    const after = await getMeeting(systemScope(a.officeId), { meetingId, userId: 0 });
    expect(after?.minutesVersion).toBe(version);
    expect(after?.sections.every((p) => p.indicators === null)).toBe(true);
  });
});
