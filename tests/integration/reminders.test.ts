// The reminder runner end to end on a real database and a real SMTP server on 127.0.0.1:
// what is sent, to whom, once; links that work; unsubscribe; retries; two runners at once,
// a runner stopped mid-batch, a day skipped.
import knexFactory, { type Knex } from "knex";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knexConfig } from "../../db/config";
import { getDb } from "~/db.server";
import { deliverOutbox } from "~/modules/mail/queries.server";
import { smtpTransport, type MailTransport } from "~/modules/mail/transport.server";
import { MAX_ATTEMPTS } from "~/modules/reminder/rules";
import { runReminders } from "~/modules/reminder/runner.server";
import { createMeetingFixture, createOfficeFixture, sessionCookie, type OfficeFixture } from "../support/factories";
import { callRoute, type RouteModule } from "../support/routes";
import { startSmtpServer, type TestSmtp } from "../support/smtp";

const routes = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const route = (id: string) => routes[`../../app/routes/${id}.tsx`]!;

const FROM = "Cap Qualité <rappels@cap-qualite.test>";
// The meeting fixture is held on 25 March 2021 (six-monthly): the next one is due on 25 September.
const at = (day: string, time = "07:00") => new Date(`${day}T${time}:00.000Z`);

let smtp: TestSmtp;
let transport: MailTransport;

beforeAll(async () => {
  smtp = await startSmtpServer();
  transport = smtpTransport(smtp.url);
});

afterAll(async () => {
  await smtp.close();
});

async function officeWithHeldMeeting(): Promise<OfficeFixture & { seriesId: number }> {
  const office = await createOfficeFixture();
  const { seriesId } = await createMeetingFixture(office, { published: true });
  return { ...office, seriesId };
}

const run = (office: OfficeFixture, day: string, extra: { db?: Knex; transport?: MailTransport | null; runnerId?: string } = {}) =>
  runReminders(extra.db ?? getDb(), { now: at(day), transport: extra.transport === undefined ? transport : extra.transport, from: FROM, officeIds: [office.officeId], runnerId: extra.runnerId });

const mailsTo = (office: OfficeFixture) => {
  const addresses = new Set([office.users.director.email, office.users.quality_referent.email]);
  return smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((v) => addresses.has(v.address ?? "")));
};

/** A header as sent (mailparser turns the List-* headers into an object). */
function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name)?.line;
  return line?.slice(line.indexOf(":") + 1).replace(/\r?\n\s+/g, " ").trim();
}

const notificationsOf = (office: OfficeFixture) => getDb()("notifications").where({ office_id: office.officeId }).orderBy("id");

describe("meeting due reminders through SMTP", () => {
  it("reminds the director and the référente once, by mail and in the app, with working links", async () => {
    const office = await officeWithHeldMeeting();
    expect((await run(office, "2021-08-20")).recorded).toBe(0);

    const report = await run(office, "2021-08-27");
    expect(report).toMatchObject({ recorded: 2, alreadySent: 0, delivery: { sent: 2, failed: 0, retrying: 0 } });
    const notifications = await notificationsOf(office);
    expect(notifications.map((n) => Number(n.user_id)).sort()).toEqual([office.users.director.userId, office.users.quality_referent.userId].sort());
    expect(notifications[0]).toMatchObject({ kind: "meeting_due", url: "/reunions", read_at: null });

    const mails = mailsTo(office);
    expect(mails).toHaveLength(2);
    const mail = mails.find((m) => !Array.isArray(m.to) && m.to?.value[0]?.address === office.users.director.email)!;
    expect(mail.from?.text).toBe('"Cap Qualité" <rappels@cap-qualite.test>');
    expect(mail.subject).toMatch(/^\[Office-[0-9a-f]+\] Réunion à planifier : « Groupe-[0-9a-f]+ » avant le samedi 25 septembre 2021$/);
    expect(mail.text).toContain("Bonjour Test director,");
    expect(mail.text).toContain("doit se tenir au plus tard le samedi 25 septembre 2021 (dans 29 jours) et aucune n'est planifiée.");
    expect(mail.html).toContain("<a href=\"http://localhost:3000/reunions\"");
    expect(rawHeader(mail, "auto-submitted")).toBe("auto-generated");
    expect(rawHeader(mail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(rawHeader(mail, "list-unsubscribe")).toMatch(/^<http:\/\/localhost:3000\/desabonnement\/[^>]+>$/);
    expect(mail.messageId).toMatch(/^<outbox-\d+-\d+@cap-qualite>$/);

    // The link opens the meetings page for the director.
    const link = /Ouvrir Cap Qualité : (\S+)/.exec(mail.text ?? "")![1]!;
    const page = await callRoute(route("_app.reunions._index"), { path: new URL(link).pathname, cookie: await sessionCookie(office.users.director.userId) });
    expect(page.status).toBe(200);

    // Again the same day, and the next days of the same window: nothing new.
    expect(await run(office, "2021-08-27")).toMatchObject({ recorded: 0, alreadySent: 2 });
    expect(await run(office, "2021-09-10")).toMatchObject({ recorded: 0, alreadySent: 2 });
    expect(mailsTo(office)).toHaveLength(2);
  });

  it("sends a skipped day's reminder the next day, then each week while late, and goes quiet once planned", async () => {
    const office = await officeWithHeldMeeting();
    // The runner did not run on 18 September (7 days before): the 19th sends it.
    expect((await run(office, "2021-09-19")).recorded).toBe(2);
    // Days skipped past the due date: one late reminder for the week, not one per day missed.
    expect((await run(office, "2021-09-30")).recorded).toBe(2);
    expect((await run(office, "2021-10-01")).recorded).toBe(0);
    expect((await run(office, "2021-10-03")).recorded).toBe(2);
    const titles = (await notificationsOf(office)).map((n) => String(n.title));
    expect(titles.filter((t) => t.startsWith("Réunion en retard"))).toHaveLength(4);
    // A meeting planned: quiet.
    await createMeetingFixture(office, { seriesId: office.seriesId, heldOn: "2021-10-20" });
    expect((await run(office, "2021-10-10")).recorded).toBe(0);
    expect(mailsTo(office)).toHaveLength(6);
  });

  it("stops the mails of a kind after one-click unsubscribe, and keeps the notification", async () => {
    const office = await officeWithHeldMeeting();
    await run(office, "2021-08-27");
    const mail = mailsTo(office).find((m) => !Array.isArray(m.to) && m.to?.value[0]?.address === office.users.director.email)!;
    const url = rawHeader(mail, "list-unsubscribe")!.replace(/[<>]/g, "");
    expect(url).toMatch(/^http:\/\/localhost:3000\/desabonnement\//);
    expect(mail.text).toContain(`Ne plus le recevoir par courriel : ${url}`);
    const path = new URL(url).pathname;
    const token = path.split("/").pop()!;
    const unsubscribe = route("desabonnement.$token");

    // Asking shows the page and changes nothing; a mail client's one-click POST turns it off.
    expect((await callRoute(unsubscribe, { path, params: { token } })).status).toBe(200);
    expect(await getDb()("notification_preferences").where({ user_id: office.users.director.userId })).toHaveLength(0);
    const posted = await callRoute(unsubscribe, { method: "POST", path, params: { token }, form: { "List-Unsubscribe": "One-Click" } });
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ done: true });

    // An altered token, or a token of another office, is refused.
    const forged = token.replace(/^(\d+)\./, (_, id: string) => `${Number(id) + 1}.`);
    expect((await callRoute(unsubscribe, { path: `/desabonnement/${forged}`, params: { token: forged } })).status).toBe(404);
    expect((await callRoute(unsubscribe, { method: "POST", path, params: { token }, form: { intent: "autre" } })).status).toBe(400);

    await run(office, "2021-09-19");
    const after = mailsTo(office);
    expect(after).toHaveLength(3);
    expect(after.at(-1)!.to).toMatchObject({ value: [{ address: office.users.quality_referent.email }] });
    const directorNotes = (await notificationsOf(office)).filter((n) => Number(n.user_id) === office.users.director.userId);
    expect(directorNotes).toHaveLength(2);
  });

  it("keeps the mail in the outbox without an SMTP server", async () => {
    const office = await officeWithHeldMeeting();
    const report = await run(office, "2021-08-27", { transport: null });
    expect(report.delivery.kept).toBeGreaterThanOrEqual(2);
    const rows = await getDb()("mail_outbox").where({ office_id: office.officeId });
    expect(rows.map((r) => r.status)).toEqual(["kept", "kept"]);
    expect(mailsTo(office)).toHaveLength(0);
  });

  it("retries a refused mail later, and gives up visibly after the last try", async () => {
    const office = await officeWithHeldMeeting();
    smtp.refuseNext(2);
    const first = await run(office, "2021-08-27");
    expect(first.delivery).toMatchObject({ sent: 0, retrying: 2 });
    const pending = await getDb()("mail_outbox").where({ office_id: office.officeId });
    expect(pending.every((r) => r.status === "pending" && Number(r.attempts) === 1 && /451/.test(String(r.last_error)))).toBe(true);
    // Not before its time…
    expect((await deliverOutbox(getDb(), { now: at("2021-08-27", "07:04"), transport, from: FROM })).sent).toBe(0);
    // …then sent.
    expect((await deliverOutbox(getDb(), { now: at("2021-08-27", "07:06"), transport, from: FROM })).sent).toBe(2);
    expect(mailsTo(office)).toHaveLength(2);

    const broken: MailTransport = { send: () => Promise.reject(new Error("Connexion refusée")) };
    const other = await officeWithHeldMeeting();
    await run(other, "2021-08-27", { transport: broken });
    let now = at("2021-08-27");
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      now = new Date(now.getTime() + 13 * 3_600_000);
      await deliverOutbox(getDb(), { now, transport: broken, from: FROM });
    }
    const failed = await getDb()("mail_outbox").where({ office_id: other.officeId });
    expect(failed.map((r) => [r.status, Number(r.attempts), r.last_error])).toEqual([
      ["failed", MAX_ATTEMPTS, "Connexion refusée"],
      ["failed", MAX_ATTEMPTS, "Connexion refusée"],
    ]);
  });
});

describe("exactly once", () => {
  let second: Knex;
  beforeAll(() => {
    // Another runner: its own connection pool to the same database, as a second process has.
    second = knexFactory(knexConfig(process.env.DATABASE_URL));
  });
  afterAll(async () => {
    await second.destroy();
  });

  it("two runners at once record and send each reminder once", async () => {
    const offices = [await officeWithHeldMeeting(), await officeWithHeldMeeting(), await officeWithHeldMeeting()];
    const ids = offices.map((o) => o.officeId);
    const go = (db: Knex, runnerId: string) => runReminders(db, { now: at("2021-09-19"), transport, from: FROM, officeIds: ids, runnerId });
    const [a, b] = await Promise.all([go(getDb(), "a"), go(second, "b")]);
    expect(a.recorded + b.recorded).toBe(6);
    expect(a.delivery.sent + b.delivery.sent).toBe(6);
    for (const office of offices) {
      expect(await notificationsOf(office)).toHaveLength(2);
      expect(await getDb()("reminder_sends").where({ office_id: office.officeId })).toHaveLength(2);
      expect(mailsTo(office)).toHaveLength(2);
    }
  });

  it("a runner stopped mid-batch leaves its mail to the next run, sent once", async () => {
    const office = await officeWithHeldMeeting();
    await run(office, "2021-09-19", { transport: null, runnerId: "recorder" }).catch(() => undefined);
    // Put them back in the queue as a configured installation would have them.
    await getDb()("mail_outbox").where({ office_id: office.officeId }).update({ status: "pending" });
    // This runner sends the first mail, then hangs on the second as a killed process would.
    let sent = 0;
    let hang: () => void = () => undefined;
    const stuck: MailTransport = {
      async send(mail) {
        if (sent++ === 0) return transport.send(mail);
        await new Promise<void>((_, reject) => (hang = () => reject(new Error("processus arrêté"))));
      },
    };
    const abandoned = deliverOutbox(getDb(), { now: at("2021-09-19"), transport: stuck, from: FROM, runnerId: "killed" });
    await expect.poll(() => sent).toBe(2);
    // A runner right after: the second mail is still claimed, nothing to do.
    expect((await deliverOutbox(second, { now: at("2021-09-19", "07:01"), transport, from: FROM, runnerId: "next" })).sent).toBe(0);
    // Once the claim has expired, the next run sends it.
    expect((await deliverOutbox(second, { now: at("2021-09-19", "07:11"), transport, from: FROM, runnerId: "later" })).sent).toBe(1);
    // The stopped runner's late failure changes nothing.
    hang();
    await abandoned;
    expect(mailsTo(office)).toHaveLength(2);
    const rows = await getDb()("mail_outbox").where({ office_id: office.officeId });
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
  });
});

describe("the registers' retention pass, run with the reminders", () => {
  it("erases the complainant of a complaint closed longer ago than the retention period, once, and not in a dry run", async () => {
    const { createEntry, getEntry } = await import("~/modules/register/queries.server");
    const { systemScope } = await import("../support/factories");
    const office = await createOfficeFixture();
    const entry = (closedOn: string) =>
      createEntry(systemScope(office.officeId), {
        kind: "complaint",
        occurredOn: "2017-03-01",
        siteId: null,
        category: "",
        subject: `Close le ${closedOn}`,
        description: "",
        personId: null,
        closeReason: "",
        status: "ouverte",
        channel: "courrier",
        platform: "",
        reviewUrl: "",
        contactName: "Paul Plaignant",
        contactDetails: "paul@example.org",
        answer: "",
        answeredOn: null,
        answeredBy: "",
      }).then(async (id) => {
        await getDb()("register_entries").where({ id }).update({ status: "close", closed_on: closedOn });
        return id;
      });
    // Three years' retention (the default): closed on 1 March 2018 → erased from 1 March 2021.
    const old = await entry("2018-02-27");
    const recent = await entry("2018-03-05");
    const dry = await runReminders(getDb(), { now: at("2021-03-02"), transport: null, from: FROM, officeIds: [office.officeId], dryRun: true });
    expect(dry.anonymised).toBe(0);
    expect((await getDb()("register_entries").where({ id: old }).first())!.contact_name).toBe("Paul Plaignant");
    const first = await runReminders(getDb(), { now: at("2021-03-02"), transport: null, from: FROM, officeIds: [office.officeId] });
    expect(first.anonymised).toBe(1);
    const row = await getDb()("register_entries").where({ id: old }).first();
    expect([row?.contact_name, row?.contact_details]).toEqual(["", ""]);
    expect((await getEntry(systemScope(office.officeId), old))?.subject).toBe("Close le 2018-02-27");
    expect((await getDb()("register_entries").where({ id: recent }).first())!.contact_name).toBe("Paul Plaignant");
    const again = await runReminders(getDb(), { now: at("2021-03-03"), transport: null, from: FROM, officeIds: [office.officeId] });
    expect(again.anonymised).toBe(0);
  });
});

describe("a label's dates through SMTP", () => {
  it("reminds the end of validity and the next audit at 6, 3 and 1 month, once each, saying what is not ready", async () => {
    const { createAuditFixture } = await import("../support/factories");
    const office = await createOfficeFixture();
    const audit = await createAuditFixture(office.officeId);
    await getDb()("labels").where({ id: audit.labelId }).update({ status: "actif", valid_until: "2022-03-31", next_audit_due: "2022-02-15" });
    // Another label, suspended: never reminded.
    await getDb()("labels").insert({ office_id: office.officeId, name: "Accueil Vélo", referential_code: "AV", status: "suspendu", valid_until: "2022-03-31", created_at: "2021-01-01T00:00:00Z", updated_at: "2021-01-01T00:00:00Z" });
    // An improvement point of the label's audit, without a done action; a late action of the office.
    await getDb()("findings").insert({ office_id: office.officeId, audit_id: audit.reportedAuditId, kind: "improvement", text: "Fléchage des bureaux", created_at: "2021-01-01T00:00:00Z", updated_at: "2021-01-01T00:00:00Z" });
    await getDb()("actions").insert({ office_id: office.officeId, title: "Rack à vélos", origin: "other", owner_person_id: office.personId, priority: "normale", status: "a_faire", due_on: "2021-06-30", created_at: "2021-01-01T00:00:00Z", updated_at: "2021-01-01T00:00:00Z" });

    expect((await run(office, "2021-08-14")).recorded).toBe(0);
    // 15 August: six months before the audit (not yet before the end of validity, 30 September).
    expect(await run(office, "2021-08-15")).toMatchObject({ recorded: 2, delivery: { sent: 2 } });
    expect(await run(office, "2021-09-30")).toMatchObject({ recorded: 2 });
    const kinds = (await notificationsOf(office)).map((n) => String(n.kind));
    expect(kinds.sort()).toEqual(["audit_due", "audit_due", "label_expiry", "label_expiry"]);
    const auditMail = mailsTo(office).find((m) => m.subject?.includes("prochain audit"))!;
    expect(auditMail.subject).toMatch(/Label « .+ » : prochain audit le mardi 15 février 2022$/);
    expect(auditMail.text).toContain("À préparer : 1 action en retard et 1 point à améliorer sans action faite");
    expect(auditMail.html).toContain(`/audits/labels/${audit.labelId}`);
    // Again the same months: nothing new; the next stage, three months before the audit.
    expect(await run(office, "2021-10-01")).toMatchObject({ recorded: 0 });
    expect(await run(office, "2021-11-15")).toMatchObject({ recorded: 2 });
    // Once the dates have passed: quiet.
    expect(await run(office, "2022-04-01")).toMatchObject({ recorded: 0 });
  });
});

describe("published minutes announced to the group's members", () => {
  it("tells each member at publication, in the app and then by mail, once; again if published again after a correction", async () => {
    const office = await createOfficeFixture();
    const { meetingId } = await createMeetingFixture(office, { attended: true });
    const page = route("_app.reunions.$meetingId._index");
    const publish = async () =>
      callRoute(page, { method: "POST", path: `/reunions/${meetingId}`, params: { meetingId: String(meetingId) }, cookie: await sessionCookie(office.users.quality_referent.userId, office.officeId), form: { intent: "publish" } });
    expect((await publish()).status).toBe(302);
    const announced = await getDb()("notifications").where({ office_id: office.officeId, kind: "minutes_published" });
    expect(announced.map((n) => Number(n.user_id))).toEqual([office.users.quality_group_member.userId]);
    expect(announced[0]).toMatchObject({ url: `/reunions/${meetingId}` });
    expect(String(announced[0]?.title)).toMatch(/^Compte rendu à lire : « Réunion-[0-9a-f]+ » du /);
    // Published again without a change: nothing more; the runner sends the mail and records nothing new.
    expect((await publish()).status).toBe(302);
    // The runner's clock is now, just after the publication (a fixed hour of today would be before
    // it when the suite runs in the afternoon, and the minutes not yet published for the runner).
    await runReminders(getDb(), { now: new Date(), transport, from: FROM, officeIds: [office.officeId] });
    // (The runner records the series' late meeting for the director and the référente, not the announcement again.)
    expect(await getDb()("notifications").where({ office_id: office.officeId, kind: "minutes_published" })).toHaveLength(1);
    const member = smtp.received.filter((m) => !Array.isArray(m.to) && m.to?.value[0]?.address === office.users.quality_group_member.email);
    expect(member).toHaveLength(1);
    expect(member[0]?.text).toContain(`/reunions/${meetingId}`);
    // Back to draft and published again: a new publication, announced again.
    const unpublish = await callRoute(page, { method: "POST", path: `/reunions/${meetingId}`, params: { meetingId: String(meetingId) }, cookie: await sessionCookie(office.users.quality_referent.userId, office.officeId), form: { intent: "unpublish" } });
    expect(unpublish.status).toBe(302);
    await new Promise((r) => setTimeout(r, 5));
    expect((await publish()).status).toBe(302);
    expect(await getDb()("notifications").where({ office_id: office.officeId, kind: "minutes_published" })).toHaveLength(2);
  });
});

describe("a series' own reminder days", () => {
  it("reminds on the days the référente set on the series' page, not on the defaults", async () => {
    const office = await officeWithHeldMeeting();
    const cookie = await sessionCookie(office.users.quality_referent.userId, office.officeId);
    const saved = await callRoute(route("_app.reunions.series.$seriesId"), {
      method: "POST",
      path: `/reunions/series/${office.seriesId}`,
      params: { seriesId: String(office.seriesId) },
      cookie,
      form: { name: `Groupe ${office.officeId}`, kind: "quality_group", cadenceMonths: "6", firstDueOn: "", description: "", reminderDays: "14" },
    });
    expect(saved.status).toBe(302);
    expect((await getDb()("meeting_series").where({ id: office.seriesId }).first())!.reminder_days).toBe("14");
    // Due on 25 September 2021: nothing at 30 days, the reminder at 14.
    expect((await run(office, "2021-08-27")).recorded).toBe(0);
    expect((await run(office, "2021-09-11")).recorded).toBe(2);
    expect((await getDb()("notifications").where({ office_id: office.officeId }).first())!.reminder_key).toMatch(/:j-14:/);
  });
});

describe("each person's e-mail choices", () => {
  it("keeps a kind in the bell but not by mail once the person unticks it on the notifications page", async () => {
    const office = await officeWithHeldMeeting();
    const page = route("_app.notifications");
    const director = await sessionCookie(office.users.director.userId, office.officeId);
    const shown = await callRoute(page, { path: "/notifications", cookie: director });
    expect((shown.body as { preferences: Array<{ kind: string; byEmail: boolean }> }).preferences).toEqual([
      expect.objectContaining({ kind: "meeting_due", byEmail: true }),
      expect.objectContaining({ kind: "label_expiry", byEmail: true }),
      expect.objectContaining({ kind: "audit_due", byEmail: true }),
      expect.objectContaining({ kind: "action_digest", byEmail: true }),
      expect.objectContaining({ kind: "complaint_answer", byEmail: true }),
      expect.objectContaining({ kind: "procedure_review", byEmail: true }),
    ]);
    // Only the label's reminders stay ticked.
    const saved = await callRoute(page, { method: "POST", path: "/notifications", cookie: director, form: { intent: "preferences", byEmail: "label_expiry" } });
    expect(saved.status).toBe(302);
    await run(office, "2021-08-27");
    expect((await notificationsOf(office)).map((n) => Number(n.user_id)).sort()).toEqual([office.users.director.userId, office.users.quality_referent.userId].sort());
    expect(mailsTo(office).map((m) => (Array.isArray(m.to) ? "" : m.to?.value[0]?.address))).toEqual([office.users.quality_referent.email]);
    // A member is offered the minutes, the digest, and the complaints and sheets they may be named on.
    const member = await callRoute(page, { path: "/notifications", cookie: await sessionCookie(office.users.quality_group_member.userId, office.officeId) });
    expect((member.body as { preferences: Array<{ kind: string }> }).preferences.map((p) => p.kind)).toEqual(["minutes_published", "action_digest", "complaint_answer", "procedure_review"]);
    // Staff are offered their digest, and the complaints and sheets they may be named on.
    const staff = await sessionCookie(office.users.staff.userId, office.officeId);
    expect(((await callRoute(page, { path: "/notifications", cookie: staff })).body as { preferences: Array<{ kind: string }> }).preferences.map((p) => p.kind)).toEqual(["action_digest", "complaint_answer", "procedure_review"]);
  });
});

describe("account links by e-mail", () => {
  it("sends an invitation and a password-reset link that open their pages, in French", async () => {
    const office = await createOfficeFixture();
    const admin = await sessionCookie(office.users.admin.userId, office.officeId);
    const email = `invitee-${office.officeId}@test.fr`;
    const invited = await callRoute(route("_app.administration.comptes._index"), { method: "POST", path: "/administration/comptes", cookie: admin, form: { intent: "invite", email, role: "staff", personId: "" } });
    expect(invited.status).toBe(200);
    const reset = await callRoute(route("_app.administration.comptes.$membershipId"), {
      method: "POST",
      path: `/administration/comptes/${office.users.director.membershipId}`,
      params: { membershipId: String(office.users.director.membershipId) },
      cookie: admin,
      form: { intent: "reset-password" },
    });
    expect(reset.status).toBe(200);
    await deliverOutbox(getDb(), { now: new Date(), transport, from: FROM });
    const to = (address: string) => smtp.received.find((m) => !Array.isArray(m.to) && m.to?.value[0]?.address === address);
    const invitation = to(email)!;
    expect(invitation.subject).toMatch(/^\[Office-[0-9a-f]+\] Invitation à rejoindre Cap Qualité$/);
    expect(invitation.text).toContain("Test admin vous invite à rejoindre");
    expect(invitation.text).toContain("comme salarié");
    const invitationLink = /Rejoindre l'office : (\S+)/.exec(invitation.text ?? "")![1]!;
    expect(invitationLink).toBe((invited.body as { invitationLink: string }).invitationLink);
    const token = invitationLink.split("/invitation/")[1]!;
    expect((await callRoute(route("invitation.$token"), { path: `/invitation/${token}`, params: { token } })).status).toBe(200);
    const resetMail = to(office.users.director.email)!;
    expect(resetMail.subject).toBe("Cap Qualité : réinitialisation de votre mot de passe");
    expect(resetMail.text).toContain("Bonjour Test director,");
    const resetLink = /Choisir un nouveau mot de passe : (\S+)/.exec(resetMail.text ?? "")![1]!;
    const resetToken = resetLink.split("/reinitialisation/")[1]!;
    expect((await callRoute(route("reinitialisation.$token"), { path: `/reinitialisation/${resetToken}`, params: { token: resetToken } })).status).toBe(200);
  });
});

describe("meeting invitations with their calendar part", () => {
  it("invites those with an e-mail when a meeting is planned, updates them when it moves, cancels it, and invites nobody to a past meeting", async () => {
    const ICAL = (await import("ical.js")).default;
    const { createMeeting, deleteMeeting, saveAttendance, updateMeeting } = await import("~/modules/meeting/meetings.server");
    const { createSeries } = await import("~/modules/meeting/series.server");
    const { scopeOn } = await import("~/modules/scope.server");
    const { systemScope } = await import("../support/factories");
    const office = await createOfficeFixture();
    const email = `president-${office.officeId}@example.org`;
    await getDb()("people").where({ id: office.personId }).update({ email });
    const scope = scopeOn(systemScope(office.officeId), "2026-11-20");
    const seriesId = await createSeries(scope, { name: `Groupe ${office.officeId}`, kind: "quality_group", cadenceMonths: 6, firstDueOn: null, description: "" });
    const values = { seriesId, title: "Groupe Local Qualité", heldOn: "2026-12-10", startTime: "14:00", endTime: "16:30", place: "Saint-Sever", chairId: null, writerId: null, referentId: null, followUpId: null, concerned: "", agenda: "Ouverture", inviteeIds: [office.personId] };
    const meetingId = await createMeeting(scope, values);
    // Minutes of a meeting already held, typed afterwards: nobody is invited.
    await createMeeting(scope, { ...values, heldOn: "2026-10-01" });
    await updateMeeting(scope, { meetingId }, { ...values, title: "Groupe Local Qualité (renommé)" });
    await updateMeeting(scope, { meetingId }, { ...values, startTime: "15:00" });
    await deleteMeeting(scope, { meetingId });
    await deliverOutbox(getDb(), { now: new Date(), transport, from: FROM });
    const mails = smtp.received.filter((m) => !Array.isArray(m.to) && m.to?.value[0]?.address === email);
    expect(mails.map((m) => m.subject?.replace(/^\[[^\]]+\] /, "").replace(/\u00a0/g, " "))).toEqual([
      "Invitation : Groupe Local Qualité (jeudi 10 décembre 2026 à 14 h)",
      "Modifiée : Groupe Local Qualité (jeudi 10 décembre 2026 à 15 h)",
      "Annulée : Groupe Local Qualité (jeudi 10 décembre 2026 à 15 h)",
    ]);
    const calendars = mails.map((m) => {
      const part = m.attachments.find((a) => a.contentType.startsWith("text/calendar"));
      expect(part, m.subject).toBeDefined();
      const calendar = new ICAL.Component(ICAL.parse(part!.content.toString("utf8")));
      return { method: calendar.getFirstPropertyValue("method"), event: new ICAL.Event(calendar.getFirstSubcomponent("vevent")!) };
    });
    expect(calendars.map((c) => c.method)).toEqual(["REQUEST", "REQUEST", "CANCEL"]);
    expect(new Set(calendars.map((c) => c.event.uid)).size).toBe(1);
    expect(calendars.map((c) => c.event.sequence)).toEqual([0, 1, 2]);
    expect(calendars[1]!.event.startDate.toJSDate().toISOString()).toBe("2026-12-10T14:00:00.000Z");
    // Someone added later to a meeting still to come gets the invitation too.
    const second = await createMeeting(scope, { ...values, inviteeIds: [] });
    const other = await getDb()("people").insert({ office_id: office.officeId, full_name: "Élue référente", kind: "elected", email: `elue-${office.officeId}@example.org`, job_title: "", organisation: "", phone: "", active: true, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" }).returning("id");
    const otherId = Number((other[0] as { id: number }).id ?? other[0]);
    await saveAttendance(scope, { meetingId: second }, { attendees: [], addPersonIds: [otherId], guestName: "", guestRole: "", guestStatus: "invited" });
    expect(await getDb()("mail_outbox").where({ to_address: `elue-${office.officeId}@example.org`, calendar_method: "REQUEST" })).toHaveLength(1);
  });
});

describe("the owners' weekly digest", () => {
  it("sends each owner one digest a week; a partner without an account gets a signed link to their actions only, and can stop it", async () => {
    const office = await createOfficeFixture();
    const other = await createOfficeFixture();
    const partnerEmail = `partenaire-${office.officeId}@example.org`;
    const [row] = await getDb()("people").insert({ office_id: office.officeId, full_name: "Partenaire prestataire", kind: "partner", email: partnerEmail, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" }).returning("id");
    const partnerId = Number((row as { id: number }).id ?? row);
    const action = (officeId: number, owner: number, title: string, dueOn: string) =>
      getDb()("actions").insert({ office_id: officeId, title, origin: "other", owner_person_id: owner, priority: "normale", status: "a_faire", due_on: dueOn, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" });
    await action(office.officeId, partnerId, "Mettre à jour la fiche de l'hébergement", "2026-12-04");
    await action(office.officeId, partnerId, "Échéance lointaine", "2027-03-01");
    await action(other.officeId, other.personId, "Action d'un autre office", "2026-12-04");
    // Monday 30 November 2026.
    const report = await run(office, "2026-11-30");
    expect(report.recorded).toBeGreaterThanOrEqual(1);
    await run(office, "2026-12-02");
    const mails = smtp.received.filter((m) => !Array.isArray(m.to) && m.to?.value[0]?.address === partnerEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/Vos actions : 1 action à échéance cette semaine$/);
    expect(mails[0]?.text).toContain("Mettre à jour la fiche de l'hébergement");
    expect(mails[0]?.text).not.toContain("Échéance lointaine");
    // No bell for a person without an account.
    expect(await getDb()("notifications").where({ office_id: office.officeId, kind: "action_digest" })).toHaveLength(0);

    const link = /Ouvrir Cap Qualité : (\S+)/.exec(mails[0]?.text ?? "")![1]!;
    const token = link.split("/mes-actions/")[1]!;
    const page = route("mes-actions.$token");
    const shown = await callRoute(page, { path: `/mes-actions/${token}`, params: { token } });
    expect(shown.status).toBe(200);
    const body = shown.body as { person: { name: string }; actions: Array<{ title: string }> };
    expect(body.actions.map((a) => a.title)).toEqual(["Mettre à jour la fiche de l'hébergement", "Échéance lointaine"]);
    expect(JSON.stringify(body)).not.toContain("autre office");
    // An altered link, or one for another office's person: 404.
    const forged = token.replace(/^actions\.(\d+)\./, (_, id: string) => `actions.${Number(id) + 1}.`);
    expect((await callRoute(page, { path: `/mes-actions/${forged}`, params: { token: forged } })).status).toBe(404);

    const stopLink = /Ne plus le recevoir par courriel : (\S+)/.exec(mails[0]?.text ?? "")![1]!;
    const stopToken = stopLink.split("/mes-actions/")[1]!;
    const stopped = await callRoute(page, { method: "POST", path: `/mes-actions/${stopToken}`, params: { token: stopToken }, form: { intent: "stop" } });
    expect(stopped.status).toBe(200);
    expect((await getDb()("people").where({ id: partnerId }).first())!.digest_unsubscribed_at).not.toBeNull();
    await run(office, "2026-12-07");
    expect(smtp.received.filter((m) => !Array.isArray(m.to) && m.to?.value[0]?.address === partnerEmail)).toHaveLength(1);
  });
});

describe("the registers' reminders through SMTP (decision 044)", () => {
  const to = (address: string) => smtp.received.filter((m) => !Array.isArray(m.to) && m.to?.value.some((v) => v.address === address));
  const linkOf = (mail: ParsedMail | undefined) => new URL(/Ouvrir Cap Qualité : (\S+)/.exec(mail?.text ?? "")![1]!).pathname;

  /** A member of staff of the office with an account there, who handles complaints. */
  async function staffWithAccount(office: OfficeFixture) {
    const { createPerson } = await import("~/modules/person/queries.server");
    const { createUserInOffice, systemScope, unique } = await import("../support/factories");
    const personId = await createPerson(systemScope(office.officeId), { fullName: unique("Accueil"), kind: "staff", jobTitle: "", organisation: "", email: "", phone: "", siteId: office.siteId, qualityGroupMember: false, contract: "permanent", arrivedOn: null, active: true });
    const account = await createUserInOffice(office.officeId, "staff", undefined, personId);
    return { personId, ...account };
  }

  it("reminds the person handling a complaint and the référente the working day before its last day, then weekly while late, once each, and stops once answered", async () => {
    const { createComplaintFixture, systemScope } = await import("../support/factories");
    const { updateEntry } = await import("~/modules/register/queries.server");
    const office = await createOfficeFixture();
    const other = await createOfficeFixture();
    const handler = await staffWithAccount(office);
    // Received on Monday 13 September 2021: five working days, due on Monday 20 September.
    const values = { occurredOn: "2021-09-13", subject: "Plan de ville introuvable", personId: handler.personId };
    const entryId = await createComplaintFixture(office.officeId, values);
    await createComplaintFixture(office.officeId, { ...values, subject: "Déjà répondue", answer: "Envoyé par courrier.", answeredOn: "2021-09-14" });
    // Another office's complaint, wrongly naming this office's person: its people only.
    const foreignId = await createComplaintFixture(other.officeId, { occurredOn: "2021-09-13", subject: "Réclamation de l'autre office" });
    await getDb()("register_entries").where({ id: foreignId }).update({ person_id: handler.personId });
    const runBoth = (day: string) => runReminders(getDb(), { now: at(day), transport, from: FROM, officeIds: [office.officeId, other.officeId] });

    expect((await runBoth("2021-09-16")).recorded).toBe(0);
    expect(await runBoth("2021-09-17")).toMatchObject({ recorded: 3, alreadySent: 0 });
    const notes = await notificationsOf(office);
    expect(notes.map((n) => Number(n.user_id))).toEqual([handler.userId, office.users.quality_referent.userId]);
    expect(notes[0]).toMatchObject({ kind: "complaint_answer", url: `/registres/entrees/${entryId}`, title: "Réclamation à répondre : « Plan de ville introuvable » au plus tard le lundi 20 septembre 2021" });
    expect((await notificationsOf(other)).map((n) => [Number(n.user_id), n.url])).toEqual([[other.users.quality_referent.userId, `/registres/entrees/${foreignId}`]]);

    const [mail] = to(handler.email);
    expect(to(handler.email)).toHaveLength(1);
    expect(mail?.subject).toMatch(/^\[Office-[0-9a-f]+\] Réclamation à répondre : « Plan de ville introuvable » au plus tard le lundi 20 septembre 2021$/);
    expect(mail?.text).toContain(`La réclamation n° ${entryId} reçue le lundi 13 septembre 2021`);
    expect(mail?.text).toContain("Vous recevez ce rappel (« Réclamation à répondre »)");
    expect(mail?.html).toContain(`<a href="http://localhost:3000/registres/entrees/${entryId}"`);
    expect(rawHeader(mail!, "list-unsubscribe")).toMatch(/^<http:\/\/localhost:3000\/desabonnement\/[^>]+>$/);
    expect(to(office.users.quality_referent.email)).toHaveLength(1);
    expect(to(office.users.director.email)).toHaveLength(0);
    // The link opens the complaint for the person handling it.
    const path = linkOf(mail);
    const page = await callRoute(route("_app.registres.entrees.$entryId"), { path, params: { entryId: String(entryId) }, cookie: await sessionCookie(handler.userId, office.officeId) });
    expect(page.status).toBe(200);
    expect((page.body as { entry: { subject: string } }).entry.subject).toBe("Plan de ville introuvable");

    // Run again, and on the last day: nothing new.
    expect(await runBoth("2021-09-17")).toMatchObject({ recorded: 0, alreadySent: 3 });
    expect((await runBoth("2021-09-20")).recorded).toBe(0);
    // Late: once a week.
    expect((await runBoth("2021-09-21")).recorded).toBe(3);
    expect((await runBoth("2021-09-27")).recorded).toBe(0);
    expect(to(handler.email).map((m) => m.subject?.replace(/^\[[^\]]+\] /, ""))).toEqual([
      "Réclamation à répondre : « Plan de ville introuvable » au plus tard le lundi 20 septembre 2021",
      "Réclamation en retard : « Plan de ville introuvable », réponse attendue le lundi 20 septembre 2021",
    ]);
    // Answered: quiet from then on; the other office's, unanswered, goes on.
    const answered = await updateEntry(systemScope(office.officeId, at("2021-09-28")), entryId, {
      kind: "complaint", occurredOn: "2021-09-13", siteId: null, category: "", subject: "Plan de ville introuvable", description: "", personId: handler.personId, closeReason: "",
      status: "ouverte", channel: "guichet", platform: "", reviewUrl: "", contactName: "Personne Privée", contactDetails: "", answer: "Plan envoyé.", answeredOn: "2021-09-28", answeredBy: "Accueil",
    });
    expect(answered).toBeNull();
    expect((await runBoth("2021-09-28")).recorded).toBe(1);
    expect((await runBoth("2021-10-12")).recorded).toBe(1);
    expect(to(handler.email)).toHaveLength(2);
    expect((await notificationsOf(office)).every((n) => n.url === `/registres/entrees/${entryId}`)).toBe(true);
    expect(await getDb()("notifications").where({ user_id: handler.userId }).whereNot({ office_id: office.officeId })).toHaveLength(0);
  });

  it("lets a person switch a register's kind off by mail on the notifications page; the bell still shows it", async () => {
    const { createComplaintFixture } = await import("../support/factories");
    const office = await createOfficeFixture();
    const handler = await staffWithAccount(office);
    const page = route("_app.notifications");
    const cookie = await sessionCookie(handler.userId, office.officeId);
    const shown = await callRoute(page, { path: "/notifications", cookie });
    expect((shown.body as { preferences: Array<{ kind: string; label: string }> }).preferences.map((p) => [p.kind, p.label])).toEqual([
      ["action_digest", "Mes actions de la semaine"],
      ["complaint_answer", "Réclamation à répondre"],
      ["procedure_review", "Fiche qualité à revoir"],
    ]);
    // A campaign's reminder is the référente's: a member of staff cannot choose it.
    expect((await callRoute(page, { method: "POST", path: "/notifications", cookie, form: { intent: "preferences", byEmail: "action_digest" } })).status).toBe(302);
    const saved = await getDb()("notification_preferences").where({ user_id: handler.userId, office_id: office.officeId }).orderBy("kind").select("kind", "by_email");
    expect(saved.map((r) => [r.kind, Number(r.by_email)])).toEqual([["action_digest", 1], ["complaint_answer", 0], ["procedure_review", 0]]);
    await createComplaintFixture(office.officeId, { occurredOn: "2021-09-13", personId: handler.personId });
    expect((await run(office, "2021-09-17")).recorded).toBe(2);
    expect(to(handler.email)).toHaveLength(0);
    expect(to(office.users.quality_referent.email)).toHaveLength(1);
    expect((await notificationsOf(office)).map((n) => Number(n.user_id))).toEqual([handler.userId, office.users.quality_referent.userId]);
  });

  it("reminds a procedure sheet's people 30 and 7 days before its review, then weekly, and stops once reviewed; the référente when the sheet names nobody with an account", async () => {
    const { createSheetFixture, createUserInOffice, systemScope } = await import("../support/factories");
    const { recordReview } = await import("~/modules/procedure/queries.server");
    const office = await createOfficeFixture();
    const other = await createOfficeFixture();
    // The fixture's sheet names the office's person as référent and follow-up; here that person has an account.
    const named = await createUserInOffice(office.officeId, "staff", undefined, office.personId);
    const sheetId = await createSheetFixture(office);
    const otherSheetId = await createSheetFixture(other);
    // Published on 26 March 2021, reviewed every 12 months: due on 26 March 2022.
    expect((await getDb()("procedure_sheets").where({ id: sheetId }).first())!.reviewed_on).toBe("2021-03-26");
    const runBoth = (day: string) => runReminders(getDb(), { now: at(day), transport, from: FROM, officeIds: [office.officeId, other.officeId] });

    expect((await runBoth("2022-02-23")).recorded).toBe(0);
    expect(await runBoth("2022-02-24")).toMatchObject({ recorded: 2 });
    expect(await runBoth("2022-02-24")).toMatchObject({ recorded: 0, alreadySent: 2 });
    expect((await notificationsOf(office)).map((n) => [Number(n.user_id), n.kind, n.url])).toEqual([[named.userId, "procedure_review", `/fiches-qualite/${sheetId}`]]);
    // The other office's sheet names its person, who has no account: its référente is told.
    expect((await notificationsOf(other)).map((n) => [Number(n.user_id), n.url])).toEqual([[other.users.quality_referent.userId, `/fiches-qualite/${otherSheetId}`]]);
    const [mail] = to(named.email);
    expect(mail?.subject).toMatch(/Fiche qualité à revoir : FQ-[0-9a-f]+ « Fiche-[0-9a-f]+ » avant le samedi 26 mars 2022$/);
    expect(mail?.text).toContain("Sa dernière revue date du vendredi 26 mars 2021 ; elle se revoit tous les 12 mois.");
    const path = linkOf(mail);
    expect(path).toBe(`/fiches-qualite/${sheetId}`);
    expect((await callRoute(route("_app.fiches-qualite.$sheetId._index"), { path, params: { sheetId: String(sheetId) }, cookie: await sessionCookie(named.userId, office.officeId) })).status).toBe(200);

    expect((await run(office, "2022-03-19")).recorded).toBe(1);
    expect((await run(office, "2022-03-27")).recorded).toBe(1);
    expect((await run(office, "2022-04-02")).recorded).toBe(0);
    // Reviewed without a change: the next review is a year later, nothing until its 30 days.
    expect(await recordReview(systemScope(office.officeId, at("2022-04-02")), { sheetId }, "2022-04-02")).toBe(true);
    expect((await run(office, "2022-04-03")).recorded).toBe(0);
    expect((await run(office, "2023-03-02")).recorded).toBe(0);
    expect((await run(office, "2023-03-03")).recorded).toBe(1);
    expect(to(named.email).map((m) => m.subject?.replace(/^\[[^\]]+\] /, "").split(" : ")[0])).toEqual(["Fiche qualité à revoir", "Fiche qualité à revoir", "Revue en retard", "Fiche qualité à revoir"]);
    expect(to(office.users.quality_referent.email)).toHaveLength(0);
  });

  it("reminds the référente of a campaign 7 days before it starts and the day after it ends, never of one not held", async () => {
    const { createQuestionnaire } = await import("~/modules/questionnaire/queries.server");
    const { systemScope } = await import("../support/factories");
    const office = await createOfficeFixture();
    const other = await createOfficeFixture();
    const campaign = { startsOn: "2022-06-01", endsOn: "2022-08-31", siteIds: [office.siteId], channels: ["papier" as const, "qr_code" as const], intro: "", thanks: "", notHeldReason: "", starter: false };
    const id = await createQuestionnaire(systemScope(office.officeId), { ...campaign, title: "Satisfaction 2022", notHeld: false });
    await createQuestionnaire(systemScope(office.officeId), { ...campaign, title: "Satisfaction des groupes 2022", notHeld: true, notHeldReason: "Pas de groupes cette année" });
    const otherId = await createQuestionnaire(systemScope(other.officeId), { ...campaign, siteIds: [other.siteId], title: "Autre office", notHeld: false });
    const runBoth = (day: string) => runReminders(getDb(), { now: at(day), transport, from: FROM, officeIds: [office.officeId, other.officeId] });

    expect((await runBoth("2022-05-24")).recorded).toBe(0);
    expect(await runBoth("2022-05-25")).toMatchObject({ recorded: 2 });
    expect(await runBoth("2022-05-26")).toMatchObject({ recorded: 0, alreadySent: 2 });
    expect((await runBoth("2022-06-15")).recorded).toBe(0);
    expect((await runBoth("2022-09-01")).recorded).toBe(2);
    expect((await runBoth("2022-09-02")).recorded).toBe(0);
    const notes = await notificationsOf(office);
    expect(notes.map((n) => [Number(n.user_id), n.kind, n.url])).toEqual([
      [office.users.quality_referent.userId, "questionnaire_campaign", `/registres/questionnaires/${id}/diffusion`],
      [office.users.quality_referent.userId, "questionnaire_campaign", `/registres/questionnaires/${id}`],
    ]);
    const mails = to(office.users.quality_referent.email);
    expect(mails.map((m) => m.subject?.replace(/^\[[^\]]+\] /, ""))).toEqual([
      "Questionnaire à diffuser : « Satisfaction 2022 » à partir du mercredi 1er juin 2022",
      "Questionnaire terminé : « Satisfaction 2022 », saisissez les réponses papier",
    ]);
    expect(mails[0]?.text).toContain("Préparez-la : imprimez le questionnaire papier pour les bureaux, posez le QR code aux guichets");
    expect(mails[0]?.text).toContain("Vous recevez ce rappel (« Questionnaire à diffuser ou à saisir »)");
    expect(mails[1]?.text).toContain("aucune feuille de réponse n'est enregistrée");
    const cookie = await sessionCookie(office.users.quality_referent.userId, office.officeId);
    expect((await callRoute(route("_app.registres.questionnaires.$questionnaireId.diffusion"), { path: linkOf(mails[0]), params: { questionnaireId: String(id) }, cookie })).status).toBe(200);
    expect((await callRoute(route("_app.registres.questionnaires.$questionnaireId._index"), { path: linkOf(mails[1]), params: { questionnaireId: String(id) }, cookie })).status).toBe(200);
    // Nobody else of the office; the other office's référente, of its own campaign only.
    expect(await getDb()("notifications").where({ office_id: office.officeId }).whereNot({ user_id: office.users.quality_referent.userId })).toHaveLength(0);
    expect((await notificationsOf(other)).map((n) => [Number(n.user_id), n.url])).toEqual([
      [other.users.quality_referent.userId, `/registres/questionnaires/${otherId}/diffusion`],
      [other.users.quality_referent.userId, `/registres/questionnaires/${otherId}`],
    ]);
    expect(mails.some((m) => m.text?.includes("Autre office"))).toBe(false);
  });
});

describe("the office's reminder days and each person's digest day (decision 046)", () => {
  it("reminds a label at the months the office set on Administration › Rappels, refusing bad ones beside the field", async () => {
    const { createAuditFixture } = await import("../support/factories");
    const office = await createOfficeFixture();
    const other = await createOfficeFixture();
    const audit = await createAuditFixture(office.officeId);
    await getDb()("labels").where({ id: audit.labelId }).update({ status: "actif", valid_until: "2022-03-31", next_audit_due: null });
    const page = route("_app.administration.rappels");
    const cookie = await sessionCookie(office.users.director.userId, office.officeId);
    const form = { labelExpiry: "2", auditDue: "6, 3, 1", procedureReview: "30, 7", questionnaireCampaign: "7", complaintAnswer: "1" };
    const bad = await callRoute(page, { method: "POST", path: "/administration/rappels", cookie, form: { ...form, labelExpiry: "2, 0", procedureReview: "1000" } });
    expect(bad.status).toBe(400);
    expect((bad.body as { fieldErrors: Record<string, string> }).fieldErrors).toMatchObject({ labelExpiry: expect.stringMatching(/^Fin de validité d'un label : /), procedureReview: expect.stringMatching(/^Revue d'une fiche qualité : /) });
    expect(await getDb()("office_reminder_settings").where({ office_id: office.officeId })).toHaveLength(0);
    const saved = await callRoute(page, { method: "POST", path: "/administration/rappels", cookie, form });
    expect(saved.status).toBe(302);
    expect((await callRoute(page, { path: "/administration/rappels", cookie })).body).toMatchObject({ kinds: expect.arrayContaining([expect.objectContaining({ kind: "label_expiry", value: "2" })]) });
    // The office's history says who changed it, before and after.
    const history = await getDb()("history").where({ office_id: office.officeId, entity_type: "office" }).orderBy("id", "desc").first();
    expect(JSON.parse(String(history?.changes))).toMatchObject({ reminder_label_expiry: { before: "6, 3, 1", after: "2" } });
    // Staff and members read no such page's form; another office keeps its defaults.
    const staff = await sessionCookie(office.users.staff.userId, office.officeId);
    expect((await callRoute(page, { method: "POST", path: "/administration/rappels", cookie: staff, form })).status).toBe(403);

    // Six and three months before: nothing (the office set two); two months before: once.
    expect((await run(office, "2021-09-30")).recorded).toBe(0);
    expect((await run(office, "2021-12-31")).recorded).toBe(0);
    expect(await run(office, "2022-01-31")).toMatchObject({ recorded: 2 });
    expect(await run(office, "2022-02-01")).toMatchObject({ recorded: 0 });
    expect(await getDb()("notifications").where({ office_id: office.officeId, kind: "label_expiry" })).toHaveLength(2);
    expect(await getDb()("office_reminder_settings").where({ office_id: other.officeId })).toHaveLength(0);
  });

  it("sends a person's digest on the weekday they chose on the notifications page, once that week", async () => {
    const office = await createOfficeFixture();
    const staff = office.users.staff;
    // The conseillère's account names her person of the office: she owns the action.
    const [row] = await getDb()("people").insert({ office_id: office.officeId, full_name: "Conseillère en séjour", kind: "staff", created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" }).returning("id");
    const personId = Number((row as { id: number }).id ?? row);
    await getDb()("memberships").where({ user_id: staff.userId, office_id: office.officeId }).update({ person_id: personId });
    await getDb()("actions").insert({ office_id: office.officeId, title: "Réassort des brochures", origin: "other", owner_person_id: personId, priority: "normale", status: "a_faire", due_on: "2026-12-03", created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" });
    const page = route("_app.notifications");
    const cookie = await sessionCookie(staff.userId, office.officeId);
    const shown = await callRoute(page, { path: "/notifications", cookie });
    const digest = (shown.body as { preferences: Array<{ kind: string; digestWeekday: number | null }> }).preferences.find((p) => p.kind === "action_digest");
    expect(digest?.digestWeekday).toBe(1);
    const refused = await callRoute(page, { method: "POST", path: "/notifications", cookie, form: { intent: "preferences", byEmail: "action_digest", digestWeekday: "7" } });
    expect(refused.status).toBe(400);
    expect((refused.body as { fieldErrors: Record<string, string> }).fieldErrors.digestWeekday).toMatch(/^Jour du récapitulatif : /);
    const saved = await callRoute(page, { method: "POST", path: "/notifications", cookie, form: { intent: "preferences", byEmail: "action_digest", digestWeekday: "3" } });
    expect(saved.status).toBe(302);
    const mine = () => getDb()("notifications").where({ office_id: office.officeId, user_id: staff.userId, kind: "action_digest" });
    // Monday 30 November and Tuesday: not yet; Wednesday 2 December: the digest; Thursday: not again.
    await run(office, "2026-11-30");
    await run(office, "2026-12-01");
    expect(await mine()).toHaveLength(0);
    await run(office, "2026-12-02");
    expect(await mine()).toHaveLength(1);
    await run(office, "2026-12-03");
    expect(await mine()).toHaveLength(1);
    // Saving the e-mail choices again without the day (an older page) keeps Wednesday.
    await callRoute(page, { method: "POST", path: "/notifications", cookie, form: { intent: "preferences", byEmail: "action_digest" } });
    expect((await getDb()("notification_preferences").where({ user_id: staff.userId, office_id: office.officeId, kind: "action_digest" }).first())!.digest_weekday).toBe(3);
  });
});
