// The hostile-input suite (issue 11): every form action of every route gets missing fields, huge
// strings, NUL bytes, wrong types, arrays for scalars, impossible dates, odd Unicode, prototype
// names and bodies the server cannot parse. A failure is any 5xx (or exception), and any row
// written by a request that was refused (4xx). Used in a short form by
// tests/integration/hostile-input.test.ts and at length by scripts/hostile.ts.
import fs from "node:fs";
import path from "node:path";
import type { ActionFunction } from "@remix-run/node";
import type { Knex } from "knex";
import { createInvitation } from "../../app/modules/account/invitations.server";
import { createPasswordReset } from "../../app/modules/account/password-resets.server";
import { personLinkToken, unsubscribeToken } from "../../app/modules/mail/links.server";
import { commandScope } from "../../app/modules/scope.server";
import { recordSheet } from "../../app/modules/questionnaire/queries.server";
import { createActionFixture, createAuditFixture, createMeetingFixture, createOfficeFixture, createQuestionnaireFixture, createUserInOffice, sessionCookie } from "./factories";

const root = path.resolve(__dirname, "../..");
const routesDir = path.join(root, "app/routes");

/** Tables a refused request may write: sessions, throttles and limits, the security log. */
const BOOKKEEPING = /^(sessions|sign_in_throttles|rate_limits|form_tokens|knex_migrations(_lock)?)$|security/;

export const KINDS = ["missing", "huge", "nul", "types", "arrays", "dates", "unicode", "proto", "bodies"] as const;
export type Kind = (typeof KINDS)[number];

export interface HostileReport {
  requests: number;
  routes: number;
  intents: number;
  byStatus: Record<string, number>;
  failures: string[];
}

/** "_app.plan-d-actions.$actionId.tsx" → "/plan-d-actions/$actionId"; "x.export[.csv]" → "/x/export.csv". */
export function urlOf(file: string): string {
  const base = file.replace(/\.tsx?$/, "").replace(/^_app\.?/, "");
  const segments: string[] = [];
  let current = "";
  let bracket = false;
  for (const ch of base) {
    if (ch === "[") bracket = true;
    else if (ch === "]") bracket = false;
    else if (ch === "." && !bracket) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  return `/${segments.filter((s) => s && s !== "_index").join("/")}`;
}

/** Intent values a route's source names, plus none and an unknown one. */
export function intentsOf(source: string): string[] {
  const found = new Set<string>(["", "inconnue"]);
  for (const pattern of [/case "([a-z][\w-]*)":/g, /intent === "([\w-]+)"/g, /intent: z\.literal\("([\w-]+)"\)/g, /name="intent" value="([\w-]+)"/g, /intent: "([\w-]+)"/g]) {
    for (const m of source.matchAll(pattern)) found.add(m[1]!);
  }
  return [...found];
}

/** Every field name the app's forms and schemas use (all of them go into each post). */
export function fieldNames(): string[] {
  const names = new Set<string>();
  const files = [
    ...fs.readdirSync(routesDir).map((f) => path.join(routesDir, f)),
    ...fs.readdirSync(path.join(root, "app/components"), { recursive: true }).map((f) => path.join(root, "app/components", String(f))),
    ...fs.readdirSync(path.join(root, "app/modules")).flatMap((d) => {
      const dir = path.join(root, "app/modules", d);
      return fs.statSync(dir).isDirectory() ? fs.readdirSync(dir).filter((f) => /schema\.ts$/.test(f)).map((f) => path.join(dir, f)) : [];
    }),
  ];
  for (const file of files) {
    if (!fs.statSync(file).isFile()) continue;
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/name="([\w.-]+)"/g)) names.add(m[1]!);
    for (const m of text.matchAll(/register\("([\w.]+)"/g)) names.add(m[1]!);
    if (file.endsWith("schema.ts")) for (const m of text.matchAll(/^\s+(\w+): /gm)) names.add(m[1]!);
  }
  for (const n of ["attendees.0.status", "attendees.0.personId", "sections.0.title", "sections.0.text", "sections.0.id", "agenda", "decisions", "file"]) names.add(n);
  names.delete("intent");
  names.delete("_once");
  return [...names].sort();
}

const WRONG_TYPES = ["abc", "-1", "1e309", "NaN", "0x10", "true", "[object Object]", "{}", "9007199254740993", " ", "-0", "1.5"];
const BAD_DATES = ["2021-02-30", "0000-00-00", "2021-13-01", "9999-12-31T99:99", "31/12/2021", "2021-02-29", "+275760-09-13", "2021-1-1"];
const ODD_TEXT = "\u202e\u200b😀\ud800 é\u0301 ﷽";

type Body = { contentType: string | null; body: string };

function urlencoded(pairs: Array<[string, string]>): Body {
  const params = new URLSearchParams();
  for (const [k, v] of pairs) params.append(k, v);
  return { contentType: "application/x-www-form-urlencoded", body: params.toString() };
}

/** The posts of one kind for one intent. */
export function bodiesFor(kind: Kind, intent: string, fields: string[], short = false): Body[] {
  const withIntent = (pairs: Array<[string, string]>) => (intent ? [["intent", intent] as [string, string], ...pairs] : pairs);
  switch (kind) {
    case "missing":
      return [urlencoded(withIntent([]))];
    case "huge":
      return [urlencoded(withIntent(fields.map((f) => [f, "é".repeat(5_000)]))), ...(short ? [] : [urlencoded(withIntent([["text", "a".repeat(1_000_000)]]))])];
    case "nul":
      return [urlencoded(withIntent(fields.map((f) => [f, "avant\u0000après"])))];
    case "types":
      return [0, 5].map((shift) => urlencoded(withIntent(fields.map((f, i) => [f, WRONG_TYPES[(i + shift) % WRONG_TYPES.length]!]))));
    case "arrays":
      return [urlencoded(withIntent(fields.flatMap((f) => [[f, "1"], [f, "2"], [`${f}[]`, "3"], [`${f}.0`, "4"]] as Array<[string, string]>)))];
    case "dates":
      return [0, 3].map((shift) => urlencoded(withIntent(fields.map((f, i) => [f, BAD_DATES[(i + shift) % BAD_DATES.length]!]))));
    case "unicode":
      return [urlencoded(withIntent(fields.map((f) => [f, ODD_TEXT])))];
    case "proto":
      return [urlencoded(withIntent([["__proto__", "1"], ["constructor", "1"], ["__proto__.polluted", "1"], ["constructor.prototype", "1"], ["prototype.x", "1"], ["toString", "1"]]))];
    case "bodies":
      return [
        { contentType: "application/json", body: '{"intent": "' },
        { contentType: "text/plain", body: `intent=${intent}` },
        { contentType: "multipart/form-data", body: "--x\r\ncontent" },
        { contentType: "multipart/form-data; boundary=----b", body: `------b\r\nContent-Disposition: form-data; name="intent"\r\n\r\n${intent}\r\n------b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc` },
        { contentType: "application/x-www-form-urlencoded", body: "intent=%E0%A4%A&text=%" },
        { contentType: null, body: "" },
      ];
  }
}

async function tableNames(db: Knex): Promise<string[]> {
  const rows =
    db.client.config.client === "pg"
      ? ((await db.raw("select table_name as name from information_schema.tables where table_schema = current_schema()")) as { rows: Array<{ name: string }> }).rows
      : ((await db.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")) as Array<{ name: string }>);
  return rows.map((r) => r.name).filter((n) => !BOOKKEEPING.test(n)).sort();
}

async function countAll(db: Knex, tables: string[]): Promise<string> {
  const sql = tables.map((t) => `select '${t}' as t, count(*) as n from "${t}"`).join(" union all ");
  const result = (await db.raw(sql)) as Array<{ t: string; n: number }> | { rows: Array<{ t: string; n: string }> };
  const rows = Array.isArray(result) ? result : result.rows;
  return rows.map((r) => `${r.t}=${r.n}`).join(",");
}

/** What changed between two counts, for the failure message. */
function changed(before: string, after: string): string {
  const a = new Map(before.split(",").map((p) => p.split("=") as [string, string]));
  return after
    .split(",")
    .map((p) => p.split("=") as [string, string])
    .filter(([t, n]) => a.get(t) !== n)
    .map(([t, n]) => `${t} ${a.get(t)}→${n}`)
    .join(", ");
}

/**
 * Runs the suite. `kinds` per intent: all of them, or (short form) a few in turn so that every
 * route still gets every kind once.
 */
export async function runHostileSuite(db: Knex, options: { short: boolean; log?: (line: string) => void }): Promise<HostileReport> {
  const a = await createOfficeFixture();
  const audit = await createAuditFixture(a.officeId);
  const actionId = await createActionFixture(a);
  const meeting = await createMeetingFixture(a);
  // An open campaign and a sheet, so that the questionnaire pages and the public page read their forms.
  const questionnaire = await createQuestionnaireFixture(a);
  const responseId = await recordSheet(commandScope(db, a.officeId), questionnaire.questionnaireId, {
    siteId: null,
    consent: false,
    answeredOn: commandScope(db, a.officeId).today,
    channel: "papier",
    answers: [{ questionId: questionnaire.questionIds[0]!, number: 2, choices: [], text: "" }],
  });
  const params: Record<string, string> = {
    actionId: String(actionId),
    auditId: String(audit.ratedAuditId),
    labelId: String(audit.labelId),
    referentialId: String(audit.referentialId),
    meetingId: String(meeting.meetingId),
    seriesId: String(meeting.seriesId),
    siteId: String(a.siteId),
    personId: String(a.personId),
    membershipId: String(a.users.staff.membershipId),
    questionnaireId: String(questionnaire.questionnaireId),
    responseId: String(responseId),
  };
  // The public links' tokens are real ones, so that their forms are read, not refused as unknown links.
  const resetFor = await createUserInOffice(a.officeId, "staff");
  const tokens: Record<string, string> = {
    "invitation.$token.tsx": (await createInvitation(commandScope(db, a.officeId), { email: "hostile-invitee@test.fr", role: "staff", personId: null, createdBy: a.users.admin.userId })).token,
    "reinitialisation.$token.tsx": (await createPasswordReset(commandScope(db, a.officeId), { membershipId: resetFor.membershipId, adminUserId: a.users.admin.userId }))!.token,
    "desabonnement.$token.tsx": unsubscribeToken({ userId: a.users.director.userId, officeId: a.officeId, kind: "meeting_due" }),
    "mes-actions.$token.tsx": personLinkToken({ purpose: "stop", personId: a.personId, officeId: a.officeId, until: "2099-12-31" }),
    "questionnaire.$token.tsx": questionnaire.token,
  };
  const cookies = {
    referent: await sessionCookie(a.users.quality_referent.userId, a.officeId),
    admin: await sessionCookie(a.users.admin.userId, a.officeId),
  };
  // The questionnaire's answers are named after its questions (q12…): they get hostile values too.
  const fields = [...fieldNames(), ...questionnaire.questionIds.map((id) => `q${id}`)];
  const tables = await tableNames(db);
  const report: HostileReport = { requests: 0, routes: 0, intents: 0, byStatus: {}, failures: [] };
  const files = fs.readdirSync(routesDir).filter((f) => f.endsWith(".tsx")).sort();
  let turn = 0;
  for (const file of files) {
    const source = fs.readFileSync(path.join(routesDir, file), "utf8");
    if (!/export (async function|const) action\b/.test(source)) continue;
    const mod = (await import(path.join(routesDir, file))) as { action: ActionFunction };
    report.routes += 1;
    const url = urlOf(file);
    const routeParams = Object.fromEntries([...url.matchAll(/\$(\w+)/g)].map((m) => [m[1]!, (m[1] === "token" ? tokens[file] : params[m[1]!]) ?? "1"]));
    const concrete = url.replace(/\$(\w+)/g, (_, name: string) => routeParams[name]!);
    const roles: Array<keyof typeof cookies> = options.short ? [/administration|bureau/.test(file) ? "admin" : "referent"] : ["referent", "admin"];
    const intents = intentsOf(source);
    report.intents += intents.length;
    for (const role of roles) {
      for (const intent of intents) {
        // Limits would soon answer 429 to every post of a route: each intent starts afresh.
        await db("rate_limits").delete();
        await db("sign_in_throttles").delete();
        const kinds = options.short ? KINDS.filter((_, i) => (i + turn) % 4 === 0) : KINDS;
        turn += 1;
        for (const kind of kinds) {
          if (kind === "bodies" && intent !== "" && options.short) continue;
          for (const body of bodiesFor(kind, intent, fields, options.short)) {
            const headers = new Headers({ Cookie: cookies[role] });
            if (body.contentType) headers.set("Content-Type", body.contentType);
            const request = new Request(`http://localhost${concrete}${file.includes("_index") ? "?index" : ""}`, { method: "POST", headers, body: body.body });
            const before = await countAll(db, tables);
            let status: number;
            let detail = "";
            try {
              const result = await mod.action({ request, params: routeParams, context: { clientIp: "198.51.100.7" } });
              status = result instanceof Response ? result.status : 200;
            } catch (thrown) {
              if (thrown instanceof Response) status = thrown.status;
              else {
                status = 500;
                detail = thrown instanceof Error ? thrown.message.split("\n")[0]!.slice(0, 160) : String(thrown);
              }
            }
            report.requests += 1;
            report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
            const where = `${file} as ${role}, intent "${intent}", ${kind}${body.contentType ? ` (${body.contentType.split(";")[0]})` : ""}`;
            if (status >= 500) report.failures.push(`${status} ${where}${detail ? ` — ${detail}` : ""}`);
            else if (status >= 400) {
              const after = await countAll(db, tables);
              if (after !== before) report.failures.push(`${status} with rows written: ${where} — ${changed(before, after)}`);
            }
          }
        }
      }
    }
    options.log?.(`${file}: ${intents.length} intent(s)`);
  }
  return report;
}
