// The demo office of the seed minutes, loaded on an empty database.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { listMemberships } from "~/modules/account/memberships.server";
import { listSites } from "~/modules/office/queries.server";
import { getMeeting } from "~/modules/meeting/meetings.server";
import { createSeries, listSeries } from "~/modules/meeting/series.server";
import { addDays, formatLongDate } from "~/domain/dates";
import { listPeople } from "~/modules/person/queries.server";
import * as connexion from "~/routes/connexion";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from "../../db/seeds/demo";
import { seedDemoReminders } from "../../db/seeds/demo-reminders";
import { callRoute } from "../support/routes";
import { commandScope, scopeOn } from "~/modules/scope.server";

let officeId: number;
beforeAll(async () => {
  expect(await isDatabaseEmpty(getDb())).toBe(true);
  ({ officeId } = await seedDemo(getDb()));
});

describe("demo data", () => {
  it("is the SPL of the seed minutes with its bureaux at Amou, Hagetmau and Saint-Sever", async () => {
    const office = await getDb()("offices").where({ id: officeId }).first();
    expect(office?.legal_form).toMatch(/SPL/);
    const sites = (await listSites(commandScope(getDb(), officeId))).map((s) => s.name);
    expect(sites).toEqual(expect.arrayContaining(["Amou", "Hagetmau", "Saint-Sever"]));
    expect(await isDatabaseEmpty(getDb())).toBe(false);
  });

  it("describes the quality group by role, without personal names", async () => {
    const group = (await listPeople(commandScope(getDb(), officeId))).filter((p) => p.qualityGroupMember).map((p) => p.fullName);
    expect(group).toEqual(expect.arrayContaining(["Directrice de l'office", "Référente qualité", "Président de la SPL"]));
    const seedNames = ["Beaumont", "Masson", "Fray", "Detaint", "Datola", "Lafargue", "Fort", "Ducamp", "Van Es", "Favre", "Toulouse"];
    for (const name of group) for (const real of seedNames) expect(name).not.toContain(real);
  });

  it("has one account per role, each able to sign in", async () => {
    const roles = new Set<string>();
    for (const account of DEMO_ACCOUNTS) {
      const answer = await callRoute(connexion, {
        method: "POST",
        path: "/connexion",
        form: { email: account.email, password: DEMO_PASSWORD, redirectTo: "" },
        clientIp: account.email,
      });
      expect(answer.status, account.email).toBe(302);
      const user = await getDb()("users").where({ email: account.email }).first();
      const membership = (await listMemberships(getDb(), user!.id)).find((m) => m.officeId === officeId);
      roles.add(membership!.role);
    }
    expect([...roles].sort()).toEqual(["admin", "director", "quality_group_member", "quality_referent", "staff"]);
  });

  it("holds the meeting of 25 March 2021 in full, its follow-ups as actions, and the next meeting due six months later", async () => {
    const db = getDb();
    const [row] = await db("meetings").where({ office_id: officeId });
    const meeting = (await getMeeting(commandScope(db, officeId), { meetingId: row!.id, userId: 0 }))!;
    expect(meeting).toMatchObject({ heldOn: "2021-03-25", startTime: "14:00", endTime: "16:30", status: "published", docUpdatedOn: "2021-03-26" });
    expect(meeting.attendees.filter((a) => a.status === "present")).toHaveLength(8);
    expect(meeting.attendees.filter((a) => a.status === "excused")).toHaveLength(3);
    expect(meeting.sections.map((s) => s.title)).toEqual(
      expect.arrayContaining(["Actualité de la marque et de l'audit", "Rapport d'activité", "Le numérique", "Commercialisation", "Billetterie", "Fréquentation des sites touristiques", "Indicateurs internes", "Tableau de bord de l'offre des adhérents", "Taxe de séjour", "Dysfonctionnements internes", "Suggestions"]),
    );
    expect(meeting.sections.every((s) => s.body.length > 0)).toBe(true);
    const all = meeting.sections.map((s) => s.body).join("\n");
    for (const figure of ["91 %", "2 678 contacts pour 5 698 personnes", "2 638 contacts pour 4 922 personnes", "52 000", "1 087 638", "834 personnes"]) expect(all).toContain(figure);
    expect(meeting.summary).toContain("à réunir tous les 6 mois");
    expect(meeting.actions.length).toBeGreaterThanOrEqual(4);
    const seedNames = ["Beaumont", "Masson", "Fray", "Detaint", "Datola", "Lafargue", "Fort", "Ducamp", "Van Es", "Favre", "Toulouse", "Mathieu", "Nicolas", "Muriel", "Christian"];
    for (const real of seedNames) expect(`${all} ${meeting.summary} ${meeting.concerned}`).not.toContain(real);
    const [series] = await listSeries(scopeOn(commandScope(db, officeId), "2021-04-01"));
    expect(series?.schedule).toMatchObject({ lastHeldOn: "2021-03-25", dueOn: "2021-09-25" });
  });

  it("keeps the registers of the seed: the recurring server problem, complaints with one late and one open, the suggestions with their actions", async () => {
    const { commandScope } = await import("~/modules/scope.server");
    const { getEntry, listEntries } = await import("~/modules/register/queries.server");
    const { parseRegisterFilters } = await import("~/modules/register/schema");
    const scope = commandScope(getDb(), officeId);
    const server = await getDb()("register_entries").where({ office_id: officeId, kind: "dysfunction" }).where("subject", "like", "%serveur%").orderBy("occurred_on", "desc").first();
    expect((await getEntry(scope, Number(server?.id)))?.occurrence).toBe(3);
    const complaints = await listEntries(scope, "complaint", parseRegisterFilters("complaint", new URLSearchParams()));
    expect(new Set(complaints.rows.map((r) => r.channel)).size).toBeGreaterThanOrEqual(4);
    expect(complaints.rows.filter((r) => r.late && r.answeredOn)).toHaveLength(1);
    expect(complaints.rows.filter((r) => !r.answeredOn)).toHaveLength(1);
    const suggestions = await listEntries(scope, "suggestion", parseRegisterFilters("suggestion", new URLSearchParams()));
    expect(suggestions.total).toBeGreaterThanOrEqual(7);
    expect(suggestions.rows.filter((r) => r.status === "retenue" && r.actionCount > 0).length).toBeGreaterThanOrEqual(3);
  });

  it("shows the 2020 dysfunctions and the meeting's suggestions under their points of the published minutes, frozen", async () => {
    const { commandScope } = await import("~/modules/scope.server");
    const { getMeeting } = await import("~/modules/meeting/meetings.server");
    const meeting = await getDb()("meetings").where({ office_id: officeId }).orderBy("id").first();
    const detail = await getMeeting(commandScope(getDb(), officeId), { meetingId: Number(meeting?.id), userId: 0 });
    const point = (title: string) => detail?.sections.find((s) => s.title === title);
    expect(point("Dysfonctionnements internes")?.registerSummary).toMatchObject({ kind: "dysfunction", from: "2020-01-01", to: "2020-12-31" });
    const server = point("Dysfonctionnements internes")?.registerSummary?.entries.find((e) => e.subject === "Problèmes de connexion au serveur");
    // The 2020 occurrence of the problem first seen in 2019.
    expect(server).toMatchObject({ occurredOn: "2020-06-15", occurrence: 2 });
    expect(point("Suggestions")?.registerSummary?.total).toBeGreaterThanOrEqual(7);
    const frozen = await getDb()("meeting_sections").where({ meeting_id: meeting?.id }).whereNotNull("register_summary");
    expect(frozen).toHaveLength(2);
  });
});

describe("demo procedure sheets", () => {
  it("holds three sheets, the minutes' own with the seed's header and a late review, one in its second version, some confirmations", async () => {
    const { listSheets, getSheet, readReceipts, sheetsToConfirm } = await import("~/modules/procedure/queries.server");
    const scope = commandScope(getDb(), officeId);
    const sheets = await listSheets(scope, { userId: 0, personId: null, includeDrafts: true, withReading: true });
    expect(sheets.map((s) => s.code)).toEqual(["FQ-01", "FQ-07", "FQ-12"]);
    expect(sheets.map((s) => s.review.state)).toEqual(["ok", "late", "soon"]);
    const minutes = (await getSheet(scope, { sheetId: sheets[1]!.id, userId: 0, personId: null }))!;
    expect(minutes.current).toMatchObject({ updatedOn: "2021-03-26", referentName: "Référente qualité", followUpName: "Référente qualité" });
    expect(minutes.current!.concernedText).toMatch(/Directrice de l'office – Guide conférencière – Référente qualité – Stagiaires – Saisonniers – Tout nouveau personnel$/);
    const seedNames = ["Masson", "Pelegry", "Lafargue", "Lamothe", "Gomez", "Bovy", "Daugreilh", "De Zen", "Fray", "Duvignau", "Despouys"];
    for (const real of seedNames) expect(`${minutes.current!.concernedText} ${minutes.current!.body}`).not.toContain(real);
    expect(sheets[0]).toMatchObject({ currentVersion: 2, draftNumber: null });
    // The salariée confirmed only the first version of the welcome sheet: she is asked again, with the minutes' sheet.
    const salariee = await getDb()("memberships as m").join("users as u", "u.id", "m.user_id").where({ "u.email": "salariee@demo.cap-qualite.fr", "m.office_id": officeId }).first();
    const toRead = await sheetsToConfirm(scope, { userId: Number(salariee.user_id), personId: Number(salariee.person_id) });
    expect(toRead.map((s) => s.code)).toEqual(["FQ-01", "FQ-07"]);
    const welcome = (await readReceipts(scope, { sheetId: sheets[0]!.id }))!;
    expect(welcome.expected.find((r) => r.userId === Number(salariee.user_id))).toMatchObject({ state: "previous" });
    // The intern and the seasonal worker have no account: to have read on paper.
    expect(welcome.withoutAccount).toEqual(expect.arrayContaining(["Saisonnière d'accueil — Hagetmau", "Stagiaire accueil et numérique"]));
  });
});

describe("demo reminders", () => {
  it("keeps the group's reminder quiet, its next meeting planned, and keeps every mail of the seeding in the outbox", async () => {
    const db = getDb();
    // The story plans the group's next meeting (decision 030): nothing late to remind.
    const [series] = await listSeries(commandScope(db, officeId));
    expect(series?.schedule).toMatchObject({ state: "planned", plannedLate: false });
    expect(await db("notifications").where({ office_id: officeId, kind: "meeting_due" })).toEqual([]);
    // The director and the référente own actions late or due this week: their digests, bell and mail.
    const digests = await db("notifications as n").join("users as u", "u.id", "n.user_id").where({ "n.office_id": officeId, "n.kind": "action_digest" }).select("u.email", "n.title");
    expect(digests.map((r) => r.email).sort()).toEqual(["directrice@demo.cap-qualite.fr", "referente@demo.cap-qualite.fr"]);
    for (const r of digests) expect(r.title).toMatch(/^Vos actions : \d+ actions?, dont \d+ en retard$/);
    // Every mail is kept in the outbox (no SMTP server in the demo).
    const mails = await db("mail_outbox").where({ office_id: officeId });
    expect(mails.filter((m) => m.kind === "action_digest")).toHaveLength(2);
    expect(new Set(mails.map((m) => m.status))).toEqual(new Set(["kept"]));
  });

  it("tells the director and the référente when a series' meeting is late, through the demo's runner, mail kept in the outbox", async () => {
    const db = getDb();
    // A series of the office's own whose first meeting was due ten days ago, none planned.
    const scope = { ...commandScope(db, officeId), actor: { userId: null, name: "Test" } };
    const dueOn = addDays(scope.today, -10);
    await createSeries(scope, { name: "Revue de direction (essai)", kind: "management_review", cadenceMonths: 12, firstDueOn: dueOn, description: "" });
    await seedDemoReminders(db, [officeId]);
    const rows = await db("notifications as n").join("users as u", "u.id", "n.user_id").where({ "n.office_id": officeId, "n.kind": "meeting_due" }).select("u.email", "n.title", "n.url");
    expect(rows.map((r) => r.email).sort()).toEqual(["directrice@demo.cap-qualite.fr", "referente@demo.cap-qualite.fr"]);
    expect(rows[0]).toMatchObject({ url: "/reunions", title: `Réunion en retard : « Revue de direction (essai) » devait se tenir avant le ${formatLongDate(dueOn)}` });
    const mails = await db("mail_outbox").where({ office_id: officeId, kind: "meeting_due" });
    expect(mails).toHaveLength(2);
    expect(new Set(mails.map((m) => m.status))).toEqual(new Set(["kept"]));
  });

  it("tells the référente, named on the sheets, of the overdue minutes sheet and of the complaints sheet due within 30 days", async () => {
    const rows = await getDb()("notifications as n").join("users as u", "u.id", "n.user_id").where({ "n.office_id": officeId, "n.kind": "procedure_review" }).orderBy("n.title").select("u.email", "n.title");
    expect(rows.map((r) => [r.email, String(r.title).replace(/ (avant|depuis) le .*$/, "")])).toEqual([
      ["referente@demo.cap-qualite.fr", "Fiche qualité à revoir : FQ-12 « Traitement des réclamations »"],
      ["referente@demo.cap-qualite.fr", "Revue en retard : fiche FQ-07 « Réunions du Groupe Local Qualité : compte rendu et diffusion », à revoir"],
    ]);
  });

  it("holds the visitor questionnaires: 2019 on paper across the desks, 2020 not held (COVID), 2021 online with its QR codes, compared", async () => {
    const { listQuestionnaires, getQuestionnaire, questionnaireResults } = await import("~/modules/questionnaire/queries.server");
    const scope = commandScope(getDb(), officeId);
    const campaigns = await listQuestionnaires(scope);
    const byYear = new Map(campaigns.map((c) => [c.startsOn.slice(0, 4), c]));
    const y2019 = byYear.get("2019")!;
    expect(y2019).toMatchObject({ channels: ["papier"], notHeld: false, responses: 150 });
    expect(y2019.sites.map((s) => s.name).sort()).toEqual(["Amou", "Geaune", "Hagetmau", "Saint-Sever"]);
    const perSite = await getDb()("questionnaire_responses").where({ questionnaire_id: y2019.id }).groupBy("site_id").count({ n: "*" });
    expect(perSite).toHaveLength(4);
    expect(byYear.get("2020")).toMatchObject({ notHeld: true, notHeldReason: expect.stringMatching(/COVID/), responses: 0 });
    const y2021 = byYear.get("2021")!;
    expect(y2021.channels).toEqual(["en_ligne", "qr_code"]);
    expect(y2021.responses).toBeGreaterThan(40);
    const detail = (await getQuestionnaire(scope, y2021.id))!;
    expect(detail.publicToken).toMatch(/^[\w-]{22}$/);
    const results = await questionnaireResults(scope, detail, { siteId: null });
    expect(results.previous?.id).toBe(y2019.id);
    expect(results.skipped.map((s) => s.id)).toEqual([byYear.get("2020")!.id]);
    expect(results.byChannel.qr_code).toBeGreaterThan(0);
    // Signage, weak at Amou and Hagetmau in 2019 (the audit's finding), is better in 2021.
    const signage = results.questions.find((r) => /Signalétique/.test(r.question.text))!;
    expect(signage.current.kind === "scale" && signage.previous?.kind === "scale" && signage.current.stats.satisfactionRate! > signage.previous.stats.satisfactionRate!).toBe(true);
    // A dissatisfied answer has become a complaint of the register, answered.
    expect(detail.followUps).toEqual([expect.objectContaining({ kind: "complaint", status: "close" })]);
  });
});
