// The demo office: the SPL of the seed minutes (../shared/seed), its three bureaux named there
// and a fourth from the domain notes, its quality group described by role (no real names),
// and one account per role. Later issues extend it with the audit, actions and meeting.
import type { Knex } from "knex";
import type { Role } from "~/domain/roles";
import type { PersonKind } from "~/domain/people";
import { hashPassword } from "~/crypto.server";
import { addMembership, createUser } from "~/models/account.server";
import type { Actor } from "~/models/history.server";
import { createOffice, createSite } from "~/models/office.server";
import { createPerson } from "~/models/person.server";

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
}

const PEOPLE: DemoPerson[] = [
  { fullName: "Directrice de l'office", kind: "staff", jobTitle: "Directrice", site: "Saint-Sever", group: true },
  { fullName: "Référente qualité", kind: "staff", jobTitle: "Référente qualité, responsable du suivi des fiches", site: "Saint-Sever", group: true },
  { fullName: "Président de la SPL", kind: "elected", jobTitle: "Président de la SPL", organisation: "SPL de l'office de tourisme", group: true },
  { fullName: "Élu référent — côté technique", kind: "elected", jobTitle: "Élu communautaire", organisation: "Communauté de communes", group: true },
  { fullName: "Partenaire prestataire — numérique", kind: "partner", jobTitle: "Prestataire, référent numérique du groupe", organisation: "Gîte et agence immobilière partenaires", group: true },
  { fullName: "Partenaire prestataire — activités", kind: "partner", jobTitle: "Prestataire d'activités de loisirs", group: true },
  { fullName: "Partenaire prestataire — hébergement", kind: "partner", jobTitle: "Hébergeur", group: true },
  { fullName: "Partenaire prestataire — restauration", kind: "partner", jobTitle: "Restaurateur", group: true },
  { fullName: "Élue déléguée au tourisme", kind: "elected", jobTitle: "Élue", organisation: "Commune membre", group: true },
  { fullName: "Partenaire institutionnel — CDT", kind: "partner", jobTitle: "Chargé de mission qualité", organisation: "Comité départemental du tourisme", group: true },
  { fullName: "Partenaire prestataire — site de visite", kind: "partner", jobTitle: "Gestionnaire d'un site de visite", group: true },
  { fullName: "Conseillère en séjour — Amou", kind: "staff", jobTitle: "Conseillère en séjour, référente taxe de séjour", site: "Amou", group: false },
  { fullName: "Conseillère en séjour — Hagetmau", kind: "staff", jobTitle: "Conseillère en séjour", site: "Hagetmau", group: false },
  { fullName: "Conseillère en séjour — Saint-Sever", kind: "staff", jobTitle: "Conseillère en séjour, boutique", site: "Saint-Sever", group: false },
  { fullName: "Chargée de communication numérique", kind: "staff", jobTitle: "Site internet et réseaux sociaux", site: "Saint-Sever", group: false },
  { fullName: "Guide conférencière", kind: "staff", jobTitle: "Visites guidées", site: "Saint-Sever", group: false },
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

/** Loads the demo in one transaction: a failure leaves the database empty, ready for another try. */
export async function seedDemo(db: Knex): Promise<{ officeId: number; secondOfficeId: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction((trx) => seedDemoIn(trx, passwordHash));
}

async function seedDemoIn(db: Knex.Transaction, passwordHash: string): Promise<{ officeId: number; secondOfficeId: number }> {
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
      db,
      officeId,
      { name: s.name, street: "", postalCode: s.postalCode, city: s.city, phone: "", email: "", isHeadquarters: s.isHeadquarters, active: true },
      ACTOR,
    );
    siteIds.set(s.name, id);
  }
  const personIds = new Map<string, number>();
  for (const p of PEOPLE) {
    const id = await createPerson(
      db,
      officeId,
      {
        fullName: p.fullName,
        kind: p.kind,
        jobTitle: p.jobTitle,
        organisation: p.organisation ?? "",
        email: "",
        phone: "",
        siteId: p.site ? (siteIds.get(p.site) ?? null) : null,
        qualityGroupMember: p.group,
        active: true,
      },
      ACTOR,
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
    db,
    secondOfficeId,
    { name: "Bureau principal", street: "", postalCode: "", city: "", phone: "", email: "", isHeadquarters: true, active: true },
    ACTOR,
  );

  await db.transaction(async (trx) => {
    for (const account of DEMO_ACCOUNTS) {
      const userId = await createUser(trx, { email: account.email, displayName: account.displayName, passwordHash }, ACTOR, officeId);
      await addMembership(
        trx,
        { userId, officeId, role: account.role, personId: account.person ? (personIds.get(account.person) ?? null) : null },
        ACTOR,
      );
      if (account.role === "admin") {
        await addMembership(trx, { userId, officeId: secondOfficeId, role: "admin", personId: null }, ACTOR);
      }
    }
  });
  return { officeId, secondOfficeId };
}
