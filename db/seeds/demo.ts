// The demo office: the SPL of the seed minutes (../shared/seed), its three bureaux named there
// and a fourth from the domain notes, its quality group described by role (no real names),
// one account per role, the label with the audit reported in the minutes (91 %, strengths and
// improvement points), a self-assessment rated on the model Qualité Tourisme grid, and the
// meeting of the minutes itself (demo-meeting.ts); then the office's life up to the seeding day
// (demo-story.ts, decision 030).
import { present } from "../../app/utils/rows.server";
import fs from "node:fs";
import path from "node:path";
import type { Knex } from "knex";
import type { Role } from "~/domain/roles";
import type { PersonContract, PersonKind } from "~/modules/person/rules";
import { parisDay } from "~/domain/dates";
import { hashPassword } from "~/crypto.server";
import { addMembership } from "~/modules/account/memberships.server";
import { createUser } from "~/modules/account/users.server";
import type { Actor } from "~/modules/history/queries.server";
import { addNote, changeStatus, createAction } from "~/modules/action/queries.server";
import { createAudit, createFinding, saveResult } from "~/modules/audit/queries.server";
import { createLabel } from "~/modules/label/queries.server";
import { createOffice, createSite } from "~/modules/office/queries.server";
import { importReferential, SHIPPED_DIR } from "~/modules/referential/queries.server";
import { parseReferentialYaml } from "~/modules/referential/file";
import { createPerson } from "~/modules/person/queries.server";
import { seedDemoIndicators } from "./demo-indicators";
import { seedDemoMeeting } from "./demo-meeting";
import { freezeSummaries } from "~/modules/meeting/sections.server";
import { commandScope, scopeOn } from "../../app/modules/scope.server";
import { seedDemoReminders } from "./demo-reminders";
import { seedDemoQuestionnaires } from "./demo-questionnaires";
import { seedDemoRegisters } from "./demo-registers";
import { seedDemoProcedures } from "./demo-procedures";
import { seedDemoStory } from "./demo-story";
import { daysBefore } from "./days";

export const DEMO_PASSWORD = "cap-qualite-demo";

export const DEMO_ACCOUNTS: Array<{ email: string; displayName: string; role: Role; person: string | null }> = [
  { email: "admin@demo.cap-qualite.fr", displayName: "Administrateur (démo)", role: "admin", person: null },
  { email: "directrice@demo.cap-qualite.fr", displayName: "Directrice (démo)", role: "director", person: "Directrice de l'office" },
  { email: "referente@demo.cap-qualite.fr", displayName: "Référente qualité (démo)", role: "quality_referent", person: "Référente qualité" },
  { email: "salariee@demo.cap-qualite.fr", displayName: "Conseillère en séjour (démo)", role: "staff", person: "Conseillère en séjour — Hagetmau" },
  { email: "membre@demo.cap-qualite.fr", displayName: "Partenaire numérique (démo)", role: "quality_group_member", person: "Partenaire prestataire — numérique" },
];

const ACTOR: Actor = { userId: null, name: "Données de démonstration" };

interface DemoPerson {
  fullName: string;
  kind: PersonKind;
  jobTitle: string;
  organisation?: string;
  site?: string;
  group: boolean;
  /** For staff (decision 036): seasonal workers and interns read the sheets of their groups. */
  contract?: PersonContract;
  /** The day of arrival; a number: that many days before the day the demo is loaded (a newcomer). */
  arrivedOn?: string | number;
}

const PEOPLE: DemoPerson[] = [
  { fullName: "Directrice de l'office", kind: "staff", jobTitle: "Directrice", site: "Saint-Sever", group: true, arrivedOn: "2012-09-03" },
  { fullName: "Référente qualité", kind: "staff", jobTitle: "Référente qualité, responsable du suivi des fiches", site: "Saint-Sever", group: true, arrivedOn: "2014-04-01" },
  { fullName: "Président de la SPL", kind: "elected", jobTitle: "Président de la SPL", organisation: "SPL de l'office de tourisme", group: true },
  { fullName: "Élu référent — côté technique", kind: "elected", jobTitle: "Élu communautaire", organisation: "Communauté de communes", group: true },
  { fullName: "Partenaire prestataire — numérique", kind: "partner", jobTitle: "Prestataire, référent numérique du groupe", organisation: "Gîte et agence immobilière partenaires", group: true },
  { fullName: "Partenaire prestataire — activités", kind: "partner", jobTitle: "Prestataire d'activités de loisirs", group: true },
  { fullName: "Partenaire prestataire — hébergement", kind: "partner", jobTitle: "Hébergeur", group: true },
  { fullName: "Partenaire prestataire — restauration", kind: "partner", jobTitle: "Restaurateur", group: true },
  { fullName: "Élue déléguée au tourisme", kind: "elected", jobTitle: "Élue", organisation: "Commune membre", group: true },
  { fullName: "Partenaire institutionnel — CDT", kind: "partner", jobTitle: "Chargé de mission qualité", organisation: "Comité départemental du tourisme", group: true },
  { fullName: "Partenaire prestataire — site de visite", kind: "partner", jobTitle: "Gestionnaire d'un site de visite", group: true },
  { fullName: "Conseillère en séjour — Amou", kind: "staff", jobTitle: "Conseillère en séjour, référente taxe de séjour", site: "Amou", group: false, arrivedOn: "2016-05-02" },
  { fullName: "Conseillère en séjour — Hagetmau", kind: "staff", jobTitle: "Conseillère en séjour", site: "Hagetmau", group: false, arrivedOn: "2018-03-05" },
  { fullName: "Conseillère en séjour — Saint-Sever", kind: "staff", jobTitle: "Conseillère en séjour, boutique", site: "Saint-Sever", group: false, arrivedOn: "2017-06-12" },
  { fullName: "Chargée de communication numérique", kind: "staff", jobTitle: "Site internet et réseaux sociaux", site: "Saint-Sever", group: false, arrivedOn: "2019-09-02" },
  { fullName: "Guide conférencière", kind: "staff", jobTitle: "Visites guidées", site: "Saint-Sever", group: false, arrivedOn: "2018-04-03" },
  { fullName: "Saisonnière d'accueil — Hagetmau", kind: "staff", jobTitle: "Accueil en saison (juillet–août)", site: "Hagetmau", group: false, contract: "seasonal", arrivedOn: "2021-07-01" },
  { fullName: "Stagiaire accueil et numérique", kind: "staff", jobTitle: "Stage de BTS Tourisme", site: "Saint-Sever", group: false, contract: "intern", arrivedOn: 12 },
  { fullName: "Cabinet d'audit externe", kind: "auditor", jobTitle: "Auditeur mandaté par le CDT", organisation: "Cabinet externe", group: false },
];

const SITES = [
  { name: "Saint-Sever", city: "Saint-Sever", postalCode: "40500", isHeadquarters: true },
  { name: "Hagetmau", city: "Hagetmau", postalCode: "40700", isHeadquarters: false },
  { name: "Amou", city: "Amou", postalCode: "40330", isHeadquarters: false },
  { name: "Geaune", city: "Geaune", postalCode: "40320", isHeadquarters: false },
];

export async function isDatabaseEmpty(db: Knex): Promise<boolean> {
  const row = await db("offices").count<{ n: number | string }[]>({ n: "*" }).first();
  return Number(row?.n ?? 0) === 0;
}

/**
 * Loads the demo in one transaction: a failure leaves the database empty, ready for another try.
 * `today` (Paris day, default the real one) is the day the demo's story runs up to.
 */
export async function seedDemo(db: Knex, options: { today?: string } = {}): Promise<{ officeId: number; secondOfficeId: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const real = new Date();
  const today = options.today ?? parisDay(real);
  // What counts back from "now" (the open complaint, the sheets' reviews, the reminders) counts
  // from the seeding day too: the real instant on the real day, else that day as scopeOn reads it.
  const now = today === parisDay(real) ? real : scopeOn(commandScope(db, 0), today).now;
  return db.transaction((trx) => seedDemoIn(trx, passwordHash, today, now));
}

async function seedDemoIn(db: Knex.Transaction, passwordHash: string, today: string, now: Date): Promise<{ officeId: number; secondOfficeId: number }> {
  const officeId = await createOffice(
    db,
    {
      name: "Office de Tourisme Landes Chalosse",
      legalForm: "SPL (société publique locale)",
      street: "",
      postalCode: "40500",
      city: "Saint-Sever",
      phone: "",
      email: "contact@demo.cap-qualite.fr",
      website: "",
    },
    ACTOR,
  );
  const siteIds = new Map<string, number>();
  for (const s of SITES) {
    const id = await createSite(
      { ...commandScope(db, officeId), actor: ACTOR },
      { name: s.name, street: "", postalCode: s.postalCode, city: s.city, phone: "", email: "", isHeadquarters: s.isHeadquarters, active: true }
    );
    siteIds.set(s.name, id);
  }
  const personIds = new Map<string, number>();
  for (const p of PEOPLE) {
    const id = await createPerson(
      { ...commandScope(db, officeId), actor: ACTOR },
      {
        fullName: p.fullName,
        kind: p.kind,
        jobTitle: p.jobTitle,
        organisation: p.organisation ?? "",
        email: "",
        phone: "",
        siteId: p.site ? (siteIds.get(p.site) ?? null) : null,
        qualityGroupMember: p.group,
        contract: p.contract ?? "permanent",
        arrivedOn: typeof p.arrivedOn === "number" ? daysBefore(today, p.arrivedOn) : (p.arrivedOn ?? null),
        active: true,
      }
    );
    personIds.set(p.fullName, id);
  }

  // A second, smaller office, so that the office switcher and the separation of data can be tried.
  const secondOfficeId = await createOffice(
    db,
    {
      name: "Office de tourisme Coteaux et Bastides (démo)",
      legalForm: "EPIC",
      street: "",
      postalCode: "",
      city: "",
      phone: "",
      email: "",
      website: "",
    },
    ACTOR,
  );
  await createSite(
    { ...commandScope(db, secondOfficeId), actor: ACTOR },
    { name: "Bureau principal", street: "", postalCode: "", city: "", phone: "", email: "", isHeadquarters: true, active: true }
  );

  await db.transaction(async (trx) => {
    for (const account of DEMO_ACCOUNTS) {
      const userId = await createUser({ ...commandScope(trx, officeId), actor: ACTOR }, { email: account.email, displayName: account.displayName, passwordHash });
      await addMembership(
        { ...commandScope(trx, officeId), actor: ACTOR },
        { userId, role: account.role, personId: account.person ? (personIds.get(account.person) ?? null) : null }
      );
      if (account.role === "admin") {
        await addMembership({ ...commandScope(trx, secondOfficeId), actor: ACTOR }, { userId, role: "admin", personId: null });
      }
    }
  });
  await seedAudits(db, officeId, siteIds, personIds);
  await seedDemoIndicators(db, { officeId, siteIds, actor: ACTOR, today });
  const meetingId = await seedDemoMeeting(db, officeId, personIds, siteIds, ACTOR);
  await seedDemoRegisters(db, officeId, personIds, siteIds, ACTOR, now);
  await seedDemoProcedures(db, officeId, personIds, now);
  await seedDemoQuestionnaires(db, officeId, siteIds, personIds, ACTOR);
  // The minutes were published before the registers held anything: their tables as they stand now.
  await freezeSummaries(scopeOn({ ...commandScope(db, officeId), actor: ACTOR }, "2021-03-26"), present(await db("meetings").where({ id: meetingId }).first(), "meetings"));
  // Then the office's life from the seed's minutes up to the seeding day (decision 030).
  await seedDemoStory(db, { officeId, actor: ACTOR, today, personIds, siteIds });
  // Once everything is there: the registers' reminders (a sheet's review) are the runner's too.
  await seedDemoReminders(db, [officeId, secondOfficeId], now);
  return { officeId, secondOfficeId };
}

/** The follow-ups the minutes of 25 March 2021 give for the improvement points. */
async function seedActions(
  db: Knex.Transaction,
  officeId: number,
  siteIds: Map<string, number>,
  personIds: Map<string, number>,
  findingIds: Map<string, number>,
) {
  const referent = personIds.get("Référente qualité")!;
  const director = personIds.get("Directrice de l'office")!;
  const site = (name: string) => siteIds.get(name)!;
  const base = { description: "", originDetail: "", contributorIds: [] as number[], priority: "normale" as const };
  const signage = await createAction(
    { ...commandScope(db, officeId), actor: ACTOR },
    { ...base, title: "Demander aux mairies d'Amou et de Hagetmau un fléchage vers les offices", origin: "finding", findingId: findingIds.get("2.1") ?? null, ownerId: director, siteIds: [site("Amou"), site("Hagetmau")], dueOn: "2021-06-30", priority: "haute" }
  );
  await addNote({ ...commandScope(db, officeId), actor: { userId: null, name: "Directrice de l'office" } }, { actionId: signage }, "Courriers préparés pour les deux mairies.");
  const flags = await createAction(
    { ...commandScope(db, officeId), actor: ACTOR },
    { ...base, title: "Acheter et installer des oriflammes devant les offices", origin: "finding", findingId: findingIds.get("2.1") ?? null, ownerId: referent, siteIds: [], dueOn: "2021-03-01" }
  );
  await changeStatus(scopeOn({ ...commandScope(db, officeId), actor: ACTOR }, "2021-03-25"), { actionId: flags }, { status: "faite", completedOn: "2021-03-01", statusReason: "", proof: "Oriflammes en place depuis quelques semaines (compte rendu du 25 mars 2021)." });
  await createAction(
    { ...commandScope(db, officeId), actor: ACTOR },
    { ...base, title: "Rencontrer la mairie de Hagetmau pour la mise en place d'un rack à vélos", origin: "finding", findingId: findingIds.get("2.6") ?? null, ownerId: referent, siteIds: [site("Hagetmau")], dueOn: "2021-05-31" }
  );
  await createAction(
    { ...commandScope(db, officeId), actor: ACTOR },
    {
      ...base,
      title: "Voir avec la communauté de communes le rafraîchissement des façades d'Amou et de Saint-Sever",
      description: "Saint-Sever : bâtiment classé et projet de futur office. Amou : bâtiment de la communauté de communes.",
      origin: "finding",
      findingId: findingIds.get("2.3") ?? null,
      ownerId: director,
      siteIds: [site("Amou"), site("Saint-Sever")],
      dueOn: "2021-09-30",
      priority: "basse",
    }
  );
}

/** What the auditor reported in October 2020 (seed minutes), and a self-assessment of March 2021. */
async function seedAudits(db: Knex.Transaction, officeId: number, siteIds: Map<string, number>, personIds: Map<string, number>) {
  const file = fs.readFileSync(path.join(SHIPPED_DIR, "qualite-tourisme-ot-2024.yaml"), "utf8");
  const parsed = parseReferentialYaml(file);
  if (!parsed.ok) throw new Error(`grille modèle invalide : ${JSON.stringify(parsed.problems)}`);
  const grid = parsed.referential;
  const referentialId = await importReferential({ ...commandScope(db, officeId), actor: ACTOR }, { grid, source: "Grille modèle Cap Qualité (qualite-tourisme-ot-2024.yaml)" });
  const labelId = await createLabel(
    { ...commandScope(db, officeId), actor: ACTOR },
    {
      name: "Marque Qualité Tourisme",
      referentialId,
      status: "actif",
      grantedOn: "2020-10-21",
      validUntil: "2023-07-30",
      nextAuditDue: "2023-06-30",
      notes: "Marque maintenue après l'audit accueil d'octobre 2020 ; audit complet à repasser courant juin 2023.",
    }
  );
  // The 2020 audit predates this model grid: it is recorded as reported, with the rate only.
  const reportedId = await createAudit(
    { ...commandScope(db, officeId), actor: ACTOR },
    {
      labelId,
      referentialId,
      kind: "visite_mystere",
      mode: "reported",
      stage: "renewal",
      title: "Audit accueil 2020",
      startsOn: "2020-10-13",
      endsOn: "2020-10-21",
      auditor: "Cabinet externe choisi par le Comité départemental du tourisme",
      status: "termine",
      decision: "renouvelee",
      labelValidUntil: "2023-07-30",
      nextAuditDue: "2023-06-30",
      summary: "Marque Qualité Tourisme renouvelée avec 91 % de taux de conformité. Audit complet à repasser courant juin 2023.",
      reportedRates: { qualite: 91 },
    }
  );
  const findings: Array<{ kind: "strength" | "improvement"; text: string; criterionCode: string; sites: string[] }> = [
    { kind: "strength", text: "Site internet soigné et attractif ; identité visuelle déclinée sur tous les supports numériques et papier.", criterionCode: "1.1.7", sites: [] },
    { kind: "strength", text: "Guide découverte très apprécié, avec sa page de produits locaux.", criterionCode: "4.2", sites: [] },
    { kind: "strength", text: "Boutique bien conçue (l'auditeur a acheté des produits à Amou et à Saint-Sever).", criterionCode: "7.2", sites: ["Amou", "Saint-Sever"] },
    { kind: "improvement", text: "Fléchage des offices de tourisme d'Amou et de Hagetmau à mettre en place.", criterionCode: "2.1", sites: ["Amou", "Hagetmau"] },
    { kind: "improvement", text: "Rack à vélos à installer devant l'office de Hagetmau.", criterionCode: "2.6", sites: ["Hagetmau"] },
    { kind: "improvement", text: "Façades des offices d'Amou et de Saint-Sever à rafraîchir.", criterionCode: "2.3", sites: ["Amou", "Saint-Sever"] },
  ];
  const findingIds = new Map<string, number>();
  for (const f of findings) {
    const id = await createFinding({ ...commandScope(db, officeId), actor: ACTOR }, { auditId: reportedId, kind: f.kind, text: f.text, criterionCode: f.criterionCode, siteIds: f.sites.map((name) => siteIds.get(name)!) });
    if (id) findingIds.set(f.criterionCode, id);
  }
  await seedActions(db, officeId, siteIds, personIds, findingIds);

  const selfId = await createAudit(
    { ...commandScope(db, officeId), actor: ACTOR },
    {
      labelId,
      referentialId,
      kind: "auto_evaluation",
      mode: "rated",
      stage: "renewal",
      title: "Auto-évaluation de mars 2021",
      startsOn: "2021-03-15",
      endsOn: null,
      auditor: "Référente qualité",
      status: "en_cours",
      decision: "en_attente",
      labelValidUntil: null,
      nextAuditDue: null,
      summary: "Préparée pour le groupe local qualité du 25 mars 2021.",
      reportedRates: {},
    }
  );
  const exceptions: Record<string, { choice: string; comment: string }> = {
    "1.1.3": { choice: "non", comment: "Il manque des liens entre les pages du site et vers l'extérieur." },
    "1.1.4": { choice: "non", comment: "Pas encore de version en langue étrangère." },
    "1.2.1": { choice: "s", comment: "" },
    "1.2.3": { choice: "i", comment: "Réponses parfois au-delà de deux jours en période de fermeture (COVID)." },
    "2.1": { choice: "non", comment: "Pas de fléchage vers les offices d'Amou et de Hagetmau : demande à faire aux mairies." },
    "2.3": { choice: "non", comment: "Façades d'Amou et de Saint-Sever à rafraîchir (bâtiment classé à Saint-Sever)." },
    "2.6": { choice: "non", comment: "Pas de rack à vélos à Hagetmau : rendez-vous à prendre avec la mairie." },
    "3.2.6": { choice: "s", comment: "" },
    "5.2": { choice: "non", comment: "Bilan des actions de promotion à formaliser." },
    "6.2": { choice: "not_measured", comment: "Pas de rencontre collective en 2020 (crise sanitaire)." },
    "7.3": { choice: "oui", comment: "" },
    "8.1": { choice: "non", comment: "Pas de questionnaire visiteurs en 2020 : diffusion papier interdite (COVID). Prévoir une version en ligne." },
    "9.4": { choice: "oui", comment: "Problèmes récurrents de connexion au serveur, notés et suivis avec le prestataire informatique." },
    "9.8": { choice: "oui", comment: "Cette auto-évaluation." },
  };
  const scales = new Map(grid.scales.map((sc) => [sc.code, sc]));
  for (const criterion of grid.criteria) {
    const chosen = exceptions[criterion.code] ?? { choice: scales.get(criterion.scale)?.levels[0]?.code ?? "oui", comment: "" };
    await saveResult({ ...commandScope(db, officeId), actor: ACTOR }, { auditId: selfId, criterionCode: criterion.code, ...chosen });
  }
  // Rated, then closed: a finished audit's grid no longer changes.
  await db("audits").where({ id: selfId }).update({ status: "termine" });
}
