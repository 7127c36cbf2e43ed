// Each page with several forms knows its own intents: anything else is refused in French with a
// 400, and nothing is written.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { createActionFixture, createAuditFixture, createMeetingFixture, createOfficeFixture, sessionCookie, type AuditFixture, type OfficeFixture } from "../support/factories";
import { callRoute, type RouteModule } from "../support/routes";

const routeFiles = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });

let office: OfficeFixture;
let audit: AuditFixture;
let actionId: number;
let meetingId: number;
let cookie: string;

beforeAll(async () => {
  office = await createOfficeFixture();
  audit = await createAuditFixture(office.officeId);
  actionId = await createActionFixture(office);
  ({ meetingId } = await createMeetingFixture(office));
  cookie = await sessionCookie(office.users.admin.userId, office.officeId);
});

async function counts() {
  const tables = ["history", "actions", "action_notes", "findings", "meetings", "invitations", "memberships", "referentials", "meeting_attendees"];
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, Number((await getDb()(t).count({ n: "*" }).first())?.n)])));
}

describe("unknown intents", () => {
  const cases: Array<[string, () => string, () => Record<string, string>]> = [
    ["_app.plan-d-actions.$actionId", () => `/plan-d-actions/${actionId}`, () => ({ actionId: String(actionId) })],
    ["_app.audits.$auditId._index", () => `/audits/${audit.ratedAuditId}`, () => ({ auditId: String(audit.ratedAuditId) })],
    ["_app.reunions.$meetingId._index", () => `/reunions/${meetingId}`, () => ({ meetingId: String(meetingId) })],
    ["_app.reunions.$meetingId.compte-rendu", () => `/reunions/${meetingId}/compte-rendu`, () => ({ meetingId: String(meetingId) })],
    ["_app.reunions.$meetingId.participants", () => `/reunions/${meetingId}/participants`, () => ({ meetingId: String(meetingId) })],
    ["_app.administration.comptes._index", () => "/administration/comptes", () => ({})],
    ["_app.administration.comptes.$membershipId", () => `/administration/comptes/${office.users.staff.membershipId}`, () => ({ membershipId: String(office.users.staff.membershipId) })],
  ];
  it.each(cases)("%s answers 400 in French and writes nothing", async (id, path, params) => {
    const before = await counts();
    for (const intent of ["inconnue", "delete-everything", "move-up:abc", "__proto__"]) {
      const answer = await callRoute(routeFiles[`../../app/routes/${id}.tsx`]!, { method: "POST", path: path(), params: params(), cookie, form: { intent, text: "x", title: "x" } });
      expect(answer.status, `${id} ${intent}`).toBe(400);
      expect((answer.body as { formError?: string }).formError).toMatch(/formulaire n'est pas reconnu/);
    }
    expect(await counts()).toEqual(before);
  });
});
