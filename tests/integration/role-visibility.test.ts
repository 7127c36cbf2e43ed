// What a page's loader sends depends on the role: the history (who changed what) only to roles
// with `history:view`, and nothing of a draft meeting to roles that may not read drafts.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { ROLES, can, type Permission, type Role } from "~/domain/roles";
import { createAction } from "~/modules/action/queries.server";
import { commandScope } from "~/modules/scope.server";
import * as actionPage from "~/routes/_app.plan-d-actions.$actionId";
import * as auditPage from "~/routes/_app.audits.$auditId._index";
import * as labelPage from "~/routes/_app.audits.labels.$labelId";
import * as meetingPage from "~/routes/_app.reunions.$meetingId._index";
import * as seriesPage from "~/routes/_app.reunions.series.$seriesId";
import {
  createActionFixture,
  createAuditFixture,
  createMeetingFixture,
  createOfficeFixture,
  sessionCookie,
  unique,
  type AuditFixture,
  type OfficeFixture,
} from "../support/factories";
import { callRoute, type RouteModule } from "../support/routes";

let fx: OfficeFixture & AuditFixture;
let actionId: number;
let published: { seriesId: number; meetingId: number };
let fromDraft: number;
let fromPublished: number;
let draftTitle: string;
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  const office = await createOfficeFixture();
  fx = { ...office, ...(await createAuditFixture(office.officeId)) };
  actionId = await createActionFixture(office);
  published = await createMeetingFixture(office, { published: true });
  const draft = await createMeetingFixture(office);
  draftTitle = String((await getDb()("meetings").where({ id: draft.meetingId }).first())!.title);
  const fromMeeting = (meetingId: number) =>
    createAction(
      commandScope(getDb(), office.officeId),
      { title: unique("Décision"), description: "", origin: "meeting_decision", findingId: null, originDetail: "", ownerId: office.personId, contributorIds: [], siteIds: [], dueOn: "2021-09-30", priority: "normale" },
      { meetingId, meetingSectionId: null },
    );
  fromDraft = await fromMeeting(draft.meetingId);
  fromPublished = await fromMeeting(published.meetingId);
  for (const role of ROLES) cookies[role] = await sessionCookie(fx.users[role].userId, fx.officeId);
});

const pages: Array<{ name: string; mod: RouteModule; params: () => Record<string, string>; opens?: Permission }> = [
  { name: "action", mod: actionPage, params: () => ({ actionId: String(actionId) }) },
  { name: "audit", mod: auditPage, params: () => ({ auditId: String(fx.ratedAuditId) }) },
  { name: "label", mod: labelPage, params: () => ({ labelId: String(fx.labelId) }) },
  { name: "published meeting", mod: meetingPage, params: () => ({ meetingId: String(published.meetingId) }) },
  { name: "meeting series", mod: seriesPage, params: () => ({ seriesId: String(published.seriesId) }), opens: "meetings:edit" },
];

describe("history panel", () => {
  for (const page of pages) {
    it.each(ROLES)(`${page.name} page: the loader sends the history only to roles allowed to read it (%s)`, async (role) => {
      const answer = await callRoute(page.mod, { path: "/x", params: page.params(), cookie: cookies[role] });
      if (page.opens && !can(role, page.opens)) {
        expect(answer.status).toBe(403);
        return;
      }
      expect(answer.status).toBe(200);
      const history = (answer.body as { history: unknown[] | null }).history;
      if (can(role, "history:view")) {
        expect(Array.isArray(history)).toBe(true);
        expect(history!.length).toBeGreaterThan(0);
      } else {
        expect(history).toBeNull();
      }
    });
  }
});

describe("an action created from a meeting's minutes", () => {
  it.each(ROLES)("shows a draft meeting's title and date only to roles that may read drafts (%s)", async (role) => {
    const answer = await callRoute(actionPage, { path: "/x", params: { actionId: String(fromDraft) }, cookie: cookies[role] });
    expect(answer.status).toBe(200);
    const body = answer.body as { action: { meeting: { title: string } | null }; meetingInPreparation: boolean };
    if (can(role, "meetings:view_drafts")) {
      expect(body.action.meeting?.title).toBe(draftTitle);
      expect(body.meetingInPreparation).toBe(false);
    } else {
      expect(body.action.meeting).toBeNull();
      expect(body.meetingInPreparation).toBe(true);
      expect(JSON.stringify(body)).not.toContain(draftTitle);
      expect(JSON.stringify(body)).not.toContain("2021-03-25");
    }
  });

  it.each(ROLES)("shows a published meeting to every role that may read minutes (%s)", async (role) => {
    const answer = await callRoute(actionPage, { path: "/x", params: { actionId: String(fromPublished) }, cookie: cookies[role] });
    const body = answer.body as { action: { meeting: { id: number } | null }; canOpenMeeting: boolean };
    expect(body.action.meeting?.id).toBe(published.meetingId);
    expect(body.canOpenMeeting).toBe(can(role, "meetings:view"));
  });
});
