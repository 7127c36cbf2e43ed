// The demo office after the seed minutes, up to the seeding day (decision 030): the seed's
// follow-ups closed over 2021–2022, a quality-group meeting every six months with short
// published minutes and one follow-up each, the full audit of June 2023 and the label renewed
// (until 31 December 2026, when Qualité Tourisme ends), then the move to Destination
// d'Excellence: its grid, a self-assessment in autumn 2025 and the audit of October 2026.
// Only what happened before `today` is written; the next meeting is planned, after `today`, and a
// few actions are late or due around it, as in an office that uses the product.
import { present } from "../../app/utils/rows.server";
import fs from "node:fs";
import path from "node:path";
import type { Knex } from "knex";
import { addMonths } from "~/modules/meeting/rules";
import type { Actor } from "~/modules/history/queries.server";
import { commandScope, scopeOn, type Scope } from "~/modules/scope.server";
import { addNote, changeStatus, createAction } from "~/modules/action/queries.server";
import { createAudit, createFinding, saveResult } from "~/modules/audit/queries.server";
import { createLabel, updateLabel } from "~/modules/label/queries.server";
import { createMeeting, getMeeting, saveAttendance } from "~/modules/meeting/meetings.server";
import { publishMeeting, saveMinutes } from "~/modules/meeting/minutes.server";
import { parseReferentialYaml } from "~/modules/referential/file";
import { importReferential, SHIPPED_DIR } from "~/modules/referential/queries.server";

/**
 * What the full audit of June 2023 noted, and how the office followed up its improvement points:
 * each action done, with its proof, months later (the readiness file shows them).
 */
export const AUDIT_2023_FINDINGS: ReadonlyArray<{
  kind: "strength" | "improvement";
  text: string;
  criterionCode: string;
  action?: { title: string; dueOn: string; doneOn: string; proof: string };
}> = [
  { kind: "strength", text: "Questionnaire de satisfaction en ligne, avec ses QR codes dans les bureaux, et résultats présentés au groupe qualité.", criterionCode: "8.1" },
  {
    kind: "improvement",
    text: "Site internet : aucune page en langue étrangère.",
    criterionCode: "1.1.4",
    action: { title: "Traduire en anglais et en espagnol les pages essentielles du site", dueOn: "2024-03-31", doneOn: "2024-02-20", proof: "Pages en anglais et en espagnol en ligne depuis le 20 février 2024." },
  },
  {
    kind: "improvement",
    text: "Bilan des actions de promotion à formaliser et à présenter au groupe qualité.",
    criterionCode: "5.2",
    action: { title: "Rédiger le bilan annuel des actions de promotion", dueOn: "2023-12-31", doneOn: "2023-12-14", proof: "Bilan 2023 rédigé et présenté au groupe local qualité." },
  },
];

/**
 * The day-to-day actions open around the seeding day, whatever it is: `dueIn` days from it
 * (negative: late). The director's is a few weeks late; the référente has one a few days late
 * and one due within the week, so each finds her weekly digest at seeding.
 */
export const ACTIONS_AROUND_TODAY: ReadonlyArray<{ title: string; owner: "director" | "referent"; site: string | null; dueIn: number; started: boolean; note?: string }> = [
  { title: "Relancer la mairie d'Amou pour le panneau d'entrée du bureau", owner: "director", site: "Amou", dueIn: -20, started: true, note: "Courrier envoyé à la mairie ; pas encore de réponse." },
  { title: "Mettre à jour le livret d'accueil des saisonniers", owner: "referent", site: null, dueIn: -6, started: true },
  { title: "Vérifier les horaires affichés dans les quatre bureaux", owner: "referent", site: null, dueIn: 5, started: false },
];

interface StoryInput {
  officeId: number;
  actor: Actor;
  today: string;
  personIds: Map<string, number>;
  siteIds: Map<string, number>;
}

/** A status change of the story is one the app accepts: anything else is a mistake in the story. */
async function changed(result: Promise<Record<string, string> | null | "not_found">): Promise<void> {
  const outcome = await result;
  if (outcome !== null) throw new Error(`histoire de la démo : changement d'état refusé (${JSON.stringify(outcome)})`);
}

/**
 * The group's meetings after the seed's, each six months after the one before (the series'
 * cadence) or the Friday before when that day falls on a weekend: never late, and still in March
 * and September. Up to the first one after `until`.
 */
export function meetingDays(until: string): string[] {
  const days: string[] = [];
  let previous = "2021-03-25";
  for (;;) {
    const due = new Date(`${addMonths(previous, 6)}T12:00:00Z`);
    const weekday = due.getUTCDay();
    if (weekday === 6 || weekday === 0) due.setUTCDate(due.getUTCDate() - (weekday === 6 ? 1 : 2));
    const day = due.toISOString().slice(0, 10);
    days.push(day);
    if (day > until) return days;
    previous = day;
  }
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** What each meeting's minutes say, as the story goes. */
function meetingNews(day: string): { label: string; plan: string; figures: string; action: { title: string; site: string | null } } {
  const year = Number(day.slice(0, 4));
  const autumn = day.slice(5, 7) >= "09";
  const label =
    day < "2023-06-13"
      ? "Préparation de l'audit complet de juin 2023 : relecture des fiches qualité et auto-évaluation sur la grille Qualité Tourisme."
      : day < "2024-01-01"
        ? "Audit complet des 13 et 14 juin 2023 : Marque Qualité Tourisme renouvelée avec 94 % de conformité."
        : day < "2025-09-01"
          ? "La marque Qualité Tourisme s'arrête au 31 décembre 2026 : présentation de Destination d'Excellence et de son pilier éco-responsable."
          : day < "2026-10-13"
            ? "Auto-évaluation sur la grille Destination d'Excellence faite à l'automne 2025 ; audit prévu en octobre 2026."
            : "Audit Destination d'Excellence d'octobre 2026 : label obtenu, piliers qualité et éco-responsabilité au-dessus des seuils.";
  const plan = `Revue du plan d'actions : actions terminées depuis la dernière réunion présentées, actions en retard revues une à une.`;
  const figures = autumn
    ? `Saison d'été ${year} : chiffres de fréquentation présentés (page Indicateurs), comparés à la saison ${year - 1}.`
    : `Bilan de l'année ${year - 1} : fréquentation, numérique, billetterie et taxe de séjour comparés à ${year - 2}.`;
  const actions = [
    { title: "Mettre à jour les horaires d'ouverture sur le site et les fiches Google", site: null },
    { title: "Former les saisonniers à l'accueil et au registre des réclamations", site: null },
    { title: "Refaire la signalétique intérieure du bureau de Hagetmau", site: "Hagetmau" },
    { title: "Mettre en ligne le questionnaire de satisfaction des visiteurs", site: null },
    { title: "Organiser une rencontre des prestataires pour créer des offres communes", site: null },
    { title: "Renouveler le présentoir de la boutique de Saint-Sever", site: "Saint-Sever" },
    { title: "Réviser la fiche « Accueil des personnes en situation de handicap »", site: null },
    { title: "Préparer les preuves du pilier éco-responsable (tri, énergie, mobilités)", site: null },
    { title: "Installer un point de recharge pour vélos électriques à Amou", site: "Amou" },
    { title: "Faire relire les fiches qualité par les nouveaux salariés", site: null },
    { title: "Publier le bilan annuel des indicateurs aux partenaires", site: null },
    { title: "Mettre à jour la charte d'accueil avec les engagements Destination d'Excellence", site: null },
  ];
  const index = (year - 2021) * 2 + (autumn ? 0 : -1);
  return { label, plan, figures, action: actions[((index % actions.length) + actions.length) % actions.length]! };
}

export async function seedDemoStory(db: Knex, input: StoryInput): Promise<void> {
  const { officeId, actor, today } = input;
  const on = (day: string) => scopeOn({ ...commandScope(db, officeId), actor }, day);
  const person = (name: string) => input.personIds.get(name)!;
  const referent = person("Référente qualité");
  const director = person("Directrice de l'office");

  // The seed's follow-ups, closed as the office went on (the façades could not be done).
  const open = await db("actions").where({ office_id: officeId }).whereIn("status", ["a_faire", "en_cours", "bloquee"]).orderBy("id");
  for (const [i, a] of open.entries()) {
    const onDay = addDays("2021-06-15", i * 45);
    if (onDay > today) continue;
    const abandoned = String(a.title).includes("façades");
    await changed(changeStatus(
      on(onDay),
      { actionId: Number(a.id) },
      abandoned
        ? { status: "abandonnee", completedOn: null, statusReason: "Bâtiment classé à Saint-Sever et projet de nouvel office ; Amou relève de la communauté de communes.", proof: "" }
        : { status: "faite", completedOn: onDay, statusReason: "", proof: "Fait ; présenté au groupe local qualité suivant." },
    ));
  }

  const series = present(await db("meeting_series").where({ office_id: officeId }).first(), "meeting_series");
  const members = (await db("people").where({ office_id: officeId, quality_group_member: true })).map((p) => Number(p.id));
  const days = meetingDays(today);
  // Held, and published the next day (the same day when it is the seeding day).
  const held = days.filter((d) => d <= today);
  for (const day of held) {
    await holdMeeting(on, { seriesId: Number(series.id), day, members, referent, director, today, siteIds: input.siteIds });
  }
  await readMinutes(db, officeId, held, today);
  // The next meeting was planned when the last minutes were published: the series is never late
  // on the seeding day.
  const next = days[days.length - 1]!;
  const last = held[held.length - 1];
  await planMeeting(on(last ? minDay(addDays(last, 1), today) : today), { seriesId: Number(series.id), day: next, members, referent, director, today });
  await actionsAroundToday(on, { referent, director, today, siteIds: input.siteIds, since: last ?? "2021-03-25" });
  await auditsAndLabels(db, input, on);
}

/**
 * The group's members with an account read each published minutes three days after the meeting;
 * the partner has not yet read the latest, which waits for her.
 */
async function readMinutes(db: Knex, officeId: number, held: readonly string[], today: string): Promise<void> {
  const readers = await db("memberships as m")
    .join("people as p", "p.id", "m.person_id")
    .where({ "m.office_id": officeId, "p.quality_group_member": true })
    .select("m.user_id", "m.role");
  const meetings = await db("meetings").where({ office_id: officeId, status: "published" }).whereIn("held_on", [...held]).select("id", "held_on");
  const latest = held[held.length - 1];
  for (const m of meetings) {
    const readOn = addDays(String(m.held_on), 3);
    if (readOn >= today) continue;
    for (const r of readers) {
      if (m.held_on === latest && r.role === "quality_group_member") continue;
      await db("meeting_reads").insert({ meeting_id: Number(m.id), user_id: Number(r.user_id), read_at: `${readOn}T08:00:00.000Z` });
    }
  }
}

/** The day-to-day actions of ACTIONS_AROUND_TODAY, raised at most 75 days before the seeding day. */
async function actionsAroundToday(
  on: (day: string) => Scope,
  input: { referent: number; director: number; today: string; siteIds: Map<string, number>; since: string },
): Promise<void> {
  const { today } = input;
  const createdOn = addDays(today, -75) > input.since ? addDays(today, -75) : input.since;
  const startedOn = minDay(addDays(createdOn, 7), today);
  for (const a of ACTIONS_AROUND_TODAY) {
    const owner = a.owner === "director" ? input.director : input.referent;
    const actionId = await createAction(on(createdOn), {
      title: a.title,
      description: "",
      origin: "other",
      originDetail: "Suivi courant de l'office",
      findingId: null,
      ownerId: owner,
      contributorIds: [],
      siteIds: a.site ? [input.siteIds.get(a.site)!] : [],
      dueOn: addDays(today, a.dueIn),
      priority: a.dueIn < -10 ? "haute" : "normale",
    });
    if (a.started) await changed(changeStatus(on(startedOn), { actionId }, { status: "en_cours", completedOn: null, statusReason: "", proof: "" }));
    if (a.note) await addNote({ ...on(startedOn), actor: { userId: null, name: a.owner === "director" ? "Directrice de l'office" : "Référente qualité" } }, { actionId }, a.note);
  }
}

interface MeetingInput {
  seriesId: number;
  day: string;
  members: number[];
  referent: number;
  director: number;
  today: string;
}

const AGENDA = ["Actualité de la marque et des audits", "Plan d'actions", "Indicateurs", "Questions diverses"];

/** A meeting planned by the référente: `scope` says on which day it was planned. */
async function planMeeting(scope: Scope, m: MeetingInput): Promise<number> {
  return createMeeting(
    scope,
    {
      seriesId: m.seriesId,
      title: "Réunion du Groupe Local Qualité",
      heldOn: m.day,
      startTime: "14:00",
      endTime: "16:00",
      place: "Saint-Sever (siège)",
      chairId: m.director,
      writerId: m.referent,
      referentId: m.referent,
      followUpId: m.referent,
      concerned: "Directrice – référente qualité – conseillères en séjour – tout nouveau personnel",
      agenda: AGENDA.join("\n"),
      inviteeIds: m.members,
    },
  );
}

async function holdMeeting(on: (day: string) => Scope, m: MeetingInput & { siteIds: Map<string, number> }) {
  const scope = on(m.day);
  const meetingId = await planMeeting(scope, m);
  const query = { meetingId };
  const meeting = (await getMeeting(scope, { meetingId, userId: 0 }))!;
  await saveAttendance(scope, query, { attendees: meeting.attendees.map((a) => ({ id: a.id, status: "present", role: a.role, remove: false })), addPersonIds: [], guestName: "", guestRole: "", guestStatus: "invited" });
  const news = meetingNews(m.day);
  const bodies = [news.label, news.plan, news.figures, "Pas d'autre point."];
  await saveMinutes(
    scope,
    query,
    {
      sections: meeting.sections.map((s, i) => ({ id: s.id, title: s.title, body: bodies[i] ?? "", decisions: i === 1 ? news.action.title : "" })),
      summary: "Démarche qualité suivie ; prochaine réunion dans six mois.",
      endTime: "16:00",
      version: null,
    },
    { kind: "save" },
  );
  const published = minDay(addDays(m.day, 1), m.today);
  await publishMeeting(on(published), query);
  await scope.db("meetings").where({ id: meetingId }).update({ published_at: `${published}T09:00:00.000Z`, minutes_updated_at: `${published}T08:30:00.000Z`, doc_updated_on: published });

  // One follow-up per meeting, due four months later: done when its day has long passed,
  // still open (late or due soon) around today.
  const dueOn = addMonths(m.day, 4);
  const site = news.action.site ? m.siteIds.get(news.action.site) : undefined;
  const actionId = await createAction(
    scope,
    {
      title: news.action.title,
      description: "",
      origin: "meeting_decision",
      findingId: null,
      originDetail: "Réunion du Groupe Local Qualité",
      ownerId: m.referent,
      contributorIds: [],
      siteIds: site ? [site] : [],
      dueOn,
      priority: "normale",
    },
    { meetingId, meetingSectionId: meeting.sections[1]?.id ?? null },
  );
  const doneOn = addDays(dueOn, -12);
  if (doneOn <= addDays(m.today, -75)) {
    await changed(changeStatus(on(doneOn), { actionId }, { status: "faite", completedOn: doneOn, statusReason: "", proof: "Présenté au groupe local qualité." }));
  }
}

/** The audits and labels of the story, each once its day has come. */
async function auditsAndLabels(db: Knex, input: StoryInput, on: (day: string) => Scope): Promise<void> {
  const { officeId, today } = input;
  const label = present(await db("labels").where({ office_id: officeId, name: "Marque Qualité Tourisme" }).first(), "labels");
  if (today > "2023-06-30") {
    const auditId = await createAudit(
      on("2023-06-30"),
      {
        labelId: Number(label.id),
        referentialId: Number(label.referential_id),
        kind: "audit_complet",
        mode: "reported",
        stage: "renewal",
        title: "Audit complet 2023",
        startsOn: "2023-06-13",
        endsOn: "2023-06-14",
        auditor: "Cabinet externe choisi par le Comité départemental du tourisme",
        status: "termine",
        decision: "renouvelee",
        labelValidUntil: "2026-12-31",
        nextAuditDue: null,
        summary: "Marque Qualité Tourisme renouvelée avec 94 % de conformité, jusqu'à la fin de la marque (31 décembre 2026).",
        reportedRates: { qualite: 94 },
      },
    );
    const referent = input.personIds.get("Référente qualité")!;
    for (const f of AUDIT_2023_FINDINGS) {
      const findingId = await createFinding(on("2023-06-30"), { auditId, kind: f.kind, text: f.text, criterionCode: f.criterionCode, siteIds: [] });
      if (!f.action || findingId === null) continue;
      const actionId = await createAction(on("2023-07-06"), {
        title: f.action.title,
        description: "",
        origin: "finding",
        originDetail: "",
        findingId,
        ownerId: referent,
        contributorIds: [],
        siteIds: [],
        dueOn: f.action.dueOn,
        priority: "normale",
      });
      if (f.action.doneOn <= today) await changed(changeStatus(on(f.action.doneOn), { actionId }, { status: "faite", completedOn: f.action.doneOn, statusReason: "", proof: f.action.proof }));
    }
    await updateLabel(
      on("2023-06-30"),
      { labelId: Number(label.id) },
      {
        name: "Marque Qualité Tourisme",
        referentialId: Number(label.referential_id),
        status: "actif",
        grantedOn: "2023-06-30",
        validUntil: "2026-12-31",
        nextAuditDue: null,
        notes: "Renouvelée après l'audit complet de juin 2023. La marque Qualité Tourisme s'arrête le 31 décembre 2026 : relais par Destination d'Excellence.",
      },
    );
  }
  if (today < "2025-09-15") return;
  const parsed = parseReferentialYaml(fs.readFileSync(path.join(SHIPPED_DIR, "destination-excellence-ot-2025.yaml"), "utf8"));
  if (!parsed.ok) throw new Error("grille Destination d'Excellence invalide");
  const grid = parsed.referential;
  const referentialId = await importReferential(on("2025-09-15"), { grid, source: "Grille modèle Cap Qualité (destination-excellence-ot-2025.yaml)" });
  const audited = today >= "2026-10-14";
  const labelId = await createLabel(
    on("2025-09-15"),
    {
      name: "Destination d'Excellence",
      referentialId,
      status: "en_cours",
      grantedOn: null,
      validUntil: null,
      nextAuditDue: "2026-10-13",
      notes: "Relais de la marque Qualité Tourisme avant le 31 décembre 2026.",
    },
  );
  const selfId = await createAudit(
    on("2025-09-15"),
    {
      labelId,
      referentialId,
      kind: "auto_evaluation",
      mode: "rated",
      stage: "first",
      title: "Auto-évaluation Destination d'Excellence 2025",
      startsOn: "2025-09-15",
      endsOn: "2025-10-10",
      auditor: "Référente qualité",
      status: "en_cours",
      decision: "en_attente",
      labelValidUntil: null,
      nextAuditDue: null,
      summary: "Première lecture de la nouvelle grille ; écarts surtout sur le pilier éco-responsable.",
      reportedRates: {},
    },
  );
  const scales = new Map(grid.scales.map((s) => [s.code, s]));
  for (const [i, criterion] of grid.criteria.entries()) {
    const levels = scales.get(criterion.scale)?.levels ?? [];
    // One criterion in six short of the best level, none of them mandatory.
    const choice = !criterion.mandatory && i % 6 === 5 ? (levels[levels.length - 1]?.code ?? "non") : (levels[0]?.code ?? "oui");
    await saveResult(on("2025-10-10"), { auditId: selfId, criterionCode: criterion.code, choice, comment: choice === levels[0]?.code ? "" : "À améliorer avant l'audit." });
  }
  await db("audits").where({ id: selfId }).update({ status: "termine" });
  if (!audited) return;
  await createAudit(
    on("2026-10-14"),
    {
      labelId,
      referentialId,
      kind: "audit_complet",
      mode: "reported",
      stage: "first",
      title: "Audit Destination d'Excellence 2026",
      startsOn: "2026-10-13",
      endsOn: "2026-10-14",
      auditor: "Cabinet externe accrédité",
      status: "termine",
      decision: "obtenue",
      labelValidUntil: "2031-10-31",
      nextAuditDue: "2031-04-30",
      summary: "Label Destination d'Excellence obtenu : 92 % sur le pilier qualité, 81 % sur le pilier éco-responsable.",
      reportedRates: { qualite: 92, eco: 81 },
    },
  );
  await updateLabel(
    on("2026-11-02"),
    { labelId },
    {
      name: "Destination d'Excellence",
      referentialId,
      status: "actif",
      grantedOn: "2026-11-02",
      validUntil: "2031-10-31",
      nextAuditDue: "2031-04-30",
      notes: "Obtenu après l'audit d'octobre 2026 ; prend le relais de la marque Qualité Tourisme.",
    },
  );
  // No Qualité Tourisme label outlives 31 December 2026 (domain notes): expired the next day.
  if (today > "2026-12-31") {
    await updateLabel(
      on("2027-01-01"),
      { labelId: Number(label.id) },
      {
        name: "Marque Qualité Tourisme",
        referentialId: Number(label.referential_id),
        status: "expire",
        grantedOn: "2023-06-30",
        validUntil: "2026-12-31",
        nextAuditDue: null,
        notes: "Arrêtée le 31 décembre 2026 avec la fin de la marque Qualité Tourisme ; relayée par Destination d'Excellence.",
      },
    );
  }
}
