// The private calendar feed: created on "Mon agenda", read by a calendar app with its secret
// address, showing only the account's own meetings and actions and its office's audits and
// labels, parsed by an independent parser (ical.js); revoked, it shows nothing.
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { scopeOn } from "~/modules/scope.server";
import { createLabel } from "~/modules/label/queries.server";
import { createMeeting } from "~/modules/meeting/meetings.server";
import { createActionFixture, createAuditFixture, createMeetingFixture, createOfficeFixture, sessionCookie, systemScope, type OfficeFixture } from "../support/factories";
import { callRoute, type RouteModule } from "../support/routes";

const routes = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const route = (id: string) => routes[`../../app/routes/${id}.tsx`]!;

interface Setup {
  office: OfficeFixture;
  seriesId: number;
  titles: { winter: string; summer: string; notInvited: string; action: string; label: string };
}

async function setUp(tag: string): Promise<Setup> {
  const office = await createOfficeFixture();
  // The staff account is the office's person, invited to the fixture's meetings.
  await getDb()("memberships").where({ id: office.users.staff.membershipId }).update({ person_id: office.personId });
  const { seriesId } = await createMeetingFixture(office);
  const plan = (title: string, heldOn: string, invitees: number[]) =>
    createMeeting(scopeOn(systemScope(office.officeId), "2026-12-01"), {
      seriesId,
      title,
      heldOn,
      startTime: "14:00",
      endTime: "16:30",
      place: "Saint-Sever",
      chairId: null,
      writerId: null,
      referentId: null,
      followUpId: null,
      concerned: "",
      agenda: "",
      inviteeIds: invitees,
    });
  const titles = { winter: `GLQ d'hiver ${tag}`, summer: `GLQ d'été ${tag}`, notInvited: `Réunion sans lui ${tag}`, action: `Fléchage ${tag}`, label: `Accueil Vélo ${tag}` };
  await plan(titles.winter, "2027-01-14", [office.personId]);
  await plan(titles.summer, "2027-07-08", [office.personId]);
  await plan(titles.notInvited, "2027-02-10", []);
  await createActionFixture(office, { title: titles.action, dueOn: "2027-02-01" });
  const { referentialId } = await createAuditFixture(office.officeId);
  await createLabel(systemScope(office.officeId), { name: titles.label, referentialId, status: "actif", grantedOn: "2023-07-30", validUntil: "2028-07-30", nextAuditDue: "2028-06-30", notes: "" });
  return { office, seriesId, titles };
}

async function newFeed(office: OfficeFixture): Promise<string> {
  const cookie = await sessionCookie(office.users.staff.userId, office.officeId);
  const answer = await callRoute(route("_app.agenda"), { method: "POST", path: "/agenda", cookie, form: { intent: "create" } });
  expect(answer.status).toBe(200);
  const url = (answer.body as { feedUrl: string }).feedUrl;
  expect(url).toMatch(/^http:\/\/localhost:3000\/agenda\/[A-Za-z0-9_-]{43}\.ics$/);
  return new URL(url).pathname;
}

async function read(path: string) {
  const token = path.split("/").pop()!;
  const answer = await callRoute(route("agenda.$token"), { path, params: { token } });
  return answer;
}

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

let a: Setup;
let b: Setup;
beforeAll(async () => {
  a = await setUp("A");
  b = await setUp("B");
});

describe("calendar feed", () => {
  it("shows the account's meetings in Paris time, its actions' due dates, the audits and the label's dates", async () => {
    const path = await newFeed(a.office);
    const answer = await read(path);
    expect(answer.status).toBe(200);
    const list = events(String(answer.body));
    const byTitle = new Map(list.map((e) => [e.summary, e]));
    const winter = byTitle.get(a.titles.winter)!;
    expect(winter.startDate.toJSDate().toISOString()).toBe("2027-01-14T13:00:00.000Z");
    expect(winter.endDate.toJSDate().toISOString()).toBe("2027-01-14T15:30:00.000Z");
    expect(winter.location).toBe("Saint-Sever");
    expect(byTitle.get(a.titles.summer)!.startDate.toJSDate().toISOString()).toBe("2027-07-08T12:00:00.000Z");
    // A draft meeting: the invited salariée gets the date, not a link to a page she cannot open.
    expect(winter.component.getFirstPropertyValue("url")).toBeNull();
    const due = byTitle.get(`Échéance : ${a.titles.action}`)!;
    expect([due.startDate.isDate, due.startDate.toString()]).toEqual([true, "2027-02-01"]);
    expect(byTitle.get(`Fin du label : ${a.titles.label}`)!.startDate.toString()).toBe("2028-07-30");
    expect(byTitle.get(`Prochain audit attendu : ${a.titles.label}`)!.startDate.toString()).toBe("2028-06-30");
    // Not invited: not in her calendar. Another office: nothing of it.
    expect(byTitle.has(a.titles.notInvited)).toBe(false);
    for (const title of Object.values(b.titles)) expect(String(answer.body)).not.toContain(title);

    // The same event keeps its UID from one reading to the next.
    const again = events(String((await read(path)).body));
    expect(again.find((e) => e.summary === a.titles.winter)!.uid).toBe(winter.uid);
  });

  it("stops working when revoked, when a new link is made, or when the account loses access", async () => {
    const first = await newFeed(a.office);
    const second = await newFeed(a.office);
    expect((await read(first)).status).toBe(404);
    expect((await read(second)).status).toBe(200);

    const cookie = await sessionCookie(a.office.users.staff.userId, a.office.officeId);
    const page = await callRoute(route("_app.agenda"), { path: "/agenda", cookie });
    expect(page.body).toMatchObject({ feed: { lastReadAt: expect.any(String) } });
    expect((await callRoute(route("_app.agenda"), { method: "POST", path: "/agenda", cookie, form: { intent: "revoke" } })).status).toBe(302);
    expect((await read(second)).status).toBe(404);
    expect((await callRoute(route("_app.agenda"), { method: "POST", path: "/agenda", cookie, form: { intent: "nimporte" } })).status).toBe(400);

    const third = await newFeed(b.office);
    expect((await read(third)).status).toBe(200);
    await getDb()("memberships").where({ id: b.office.users.staff.membershipId }).delete();
    const gone = await read(third);
    expect(gone.status).toBe(404);
    expect(String(gone.body)).not.toContain(b.titles.winter);
    expect((await read("/agenda/pas-un-secret.ics")).status).toBe(404);
  });
});
