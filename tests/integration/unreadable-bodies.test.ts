// Every POST route, signed in or not, given a body the server cannot read as a form: a 400 in
// French (or the sign-in redirect before the body is even read), never a 500, and one line of
// warning in the log rather than a stack trace.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionFunction } from "@remix-run/node";
import { getDb } from "~/db.server";
import { createInvitation } from "~/modules/account/invitations.server";
import { createPasswordReset } from "~/modules/account/password-resets.server";
import { personLinkToken, unsubscribeToken } from "~/modules/mail/links.server";
import { createIndicator } from "~/modules/indicator/queries.server";
import { recordSheet } from "~/modules/questionnaire/queries.server";
import { commandScope } from "~/modules/scope.server";
import { UNREADABLE_FORM } from "~/utils/forms.server";
import {
  createActionFixture,
  createAuditFixture,
  createMeetingFixture,
  createComplaintFixture,
  createOfficeFixture,
  createSheetFixture,
  createQuestionnaireFixture,
  createUserInOffice,
  sessionCookie,
  unique,
  type AuditFixture,
  type OfficeFixture,
} from "../support/factories";

const routeFiles = import.meta.glob<{ action?: ActionFunction }>("../../app/routes/*.tsx", { eager: true });
const postRoutes = Object.entries(routeFiles)
  .filter(([, mod]) => typeof mod.action === "function")
  .map(([file, mod]) => ({ id: file.replace("../../app/routes/", "").replace(/\.tsx$/, ""), action: mod.action as ActionFunction }));

/** Routes whose action never reads a body. */
const NO_BODY = new Set(["deconnexion"]);

const BODIES: Array<{ name: string; contentType: string | null; body: string }> = [
  { name: "JSON", contentType: "application/json", body: '{"intent":"save","title":"x"}' },
  { name: "text/plain", contentType: "text/plain;charset=UTF-8", body: "intent=save\r\ntitle=x" },
  { name: "multipart without boundary", contentType: "multipart/form-data", body: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n--x--\r\n' },
  {
    name: "truncated multipart",
    contentType: "multipart/form-data; boundary=----cq",
    body: '------cq\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n------cq\r\nContent-Disposition: form-data; name="title"\r\n\r\nun titre sans fin',
  },
  {
    // A connection dropped in the middle of an upload: busboy fails the file's stream too.
    name: "multipart cut off inside a file",
    contentType: "multipart/form-data; boundary=----cq",
    body: '------cq\r\nContent-Disposition: form-data; name="intent"\r\n\r\nattach\r\n------cq\r\nContent-Disposition: form-data; name="file"; filename="preuve.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n',
  },
  { name: "no Content-Type", contentType: null, body: "intent=save" },
];

let fx: OfficeFixture & AuditFixture & { actionId: number; meetingId: number; seriesId: number; questionnaireToken: string };
let adminCookie: string;
const params: Record<string, string> = {};

beforeAll(async () => {
  const office = await createOfficeFixture();
  const audits = await createAuditFixture(office.officeId);
  const actionId = await createActionFixture(office);
  const meeting = await createMeetingFixture(office);
  // A register entry and a campaign with a sheet: their pages read the body once the record is found.
  const scope = commandScope(getDb(), office.officeId);
  const entryId = await createComplaintFixture(office.officeId, { contactName: "" });
  const questionnaire = await createQuestionnaireFixture(office);
  const responseId = await recordSheet(scope, questionnaire.questionnaireId, { siteId: null, consent: false, answeredOn: scope.today, channel: "papier", answers: [{ questionId: questionnaire.questionIds[0]!, number: 3, choices: [], text: "" }] });
  fx = { ...office, ...audits, actionId, ...meeting, questionnaireToken: questionnaire.token };
  adminCookie = await sessionCookie(fx.users.admin.userId, fx.officeId);
  const referentialId = String(fx.referentialId);
  Object.assign(params, {
    actionId: String(fx.actionId),
    auditId: String(fx.ratedAuditId),
    labelId: String(fx.labelId),
    meetingId: String(fx.meetingId),
    seriesId: String(fx.seriesId),
    siteId: String(fx.siteId),
    personId: String(fx.personId),
    membershipId: String(fx.users.staff.membershipId),
    referentialId,
    register: "reclamations",
    sheetId: String(await createSheetFixture(fx, { versions: 1 })),
    indicatorId: String(
      await createIndicator(commandScope(getDb(), fx.officeId), { code: "illisible", name: "Indicateur", unit: "", category: "autre", aggregation: "sum", breakdown: "none", items: [], decimals: 0, description: "" }),
    ),
    entryId: String(entryId),
    questionnaireId: String(questionnaire.questionnaireId),
    responseId: String(responseId),
  });
});

async function tokenFor(routeId: string): Promise<string | undefined> {
  if (routeId === "invitation.$token") {
    return (await createInvitation(commandScope(getDb(), fx.officeId), { email: `${unique("inv")}@test.fr`, role: "staff", personId: null, createdBy: fx.users.admin.userId })).token;
  }
  if (routeId === "reinitialisation.$token") {
    const other = await createUserInOffice(fx.officeId, "staff");
    return (await createPasswordReset(commandScope(getDb(), fx.officeId), { membershipId: other.membershipId, adminUserId: fx.users.admin.userId }))?.token;
  }
  if (routeId === "desabonnement.$token") return unsubscribeToken({ userId: fx.users.director.userId, officeId: fx.officeId, kind: "meeting_due" });
  if (routeId === "mes-actions.$token") return personLinkToken({ purpose: "stop", personId: fx.personId, officeId: fx.officeId, until: "2099-12-31" });
  if (routeId === "questionnaire.$token") return fx.questionnaireToken;
  return undefined;
}

async function post(action: ActionFunction, routeId: string, body: (typeof BODIES)[number], cookie?: string) {
  const headers = new Headers();
  if (body.contentType) headers.set("Content-Type", body.contentType);
  if (cookie) headers.set("Cookie", cookie);
  const token = await tokenFor(routeId);
  const request = new Request(`http://localhost/${routeId}`, { method: "POST", headers, body: body.body });
  let result: unknown;
  try {
    result = await action({ request, params: { ...params, ...(token ? { token } : {}) }, context: { clientIp: unique("ip") } });
  } catch (thrown) {
    result = thrown;
  }
  if (!(result instanceof Response)) throw result instanceof Error ? result : new Error(`réponse inattendue ${JSON.stringify(result)}`);
  return result;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("bodies that are not forms", () => {
  it("covers every route that takes a POST", () => {
    expect(postRoutes.length).toBeGreaterThan(20);
  });

  for (const { id, action } of postRoutes) {
    for (const body of BODIES) {
      it(`${id}: ${body.name}, signed in as an administrator → 400 in French, one line in the log`, async () => {
        const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
        const error = vi.spyOn(console, "error").mockImplementation(() => {});
        const answer = await post(action, id, body, adminCookie);
        if (NO_BODY.has(id)) {
          expect(answer.status).toBe(302);
          return;
        }
        expect(answer.status, await answer.clone().text()).toBe(400);
        const json = (await answer.json()) as { formError?: string; message?: string };
        expect(json.formError ?? json.message).toBe(UNREADABLE_FORM);
        expect(error).not.toHaveBeenCalled();
        expect(warn).toHaveBeenCalledTimes(1);
        expect(String(warn.mock.calls[0]?.[0])).not.toContain("\n");
      });

      it(`${id}: ${body.name}, not signed in → never a 500`, async () => {
        vi.spyOn(console, "warn").mockImplementation(() => {});
        const answer = await post(action, id, body);
        expect(answer.status).toBeLessThan(500);
        if (answer.status === 302) expect(answer.headers.get("Location")).toMatch(/^\/connexion/);
        else if (!NO_BODY.has(id)) expect(answer.status).toBe(400);
      });
    }
  }
});
