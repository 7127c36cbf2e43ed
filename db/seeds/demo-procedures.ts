// The demo office's procedure sheets (decision 035): the minutes' own sheet with the seed's
// header (updated 26 March 2021, the référente as référent and follow-up, the staff by role,
// "Stagiaires – Saisonniers – Tout nouveau personnel"), never reviewed since, so late; the
// desk's welcome in its second version; complaints, due for review within the month. Some
// accounts have confirmed "lu et compris", one only the previous version. People by role.
import type { Knex } from "knex";
import { parisDay } from "~/domain/dates";
import { confirmReading, createSheet, saveSheet } from "~/modules/procedure/queries.server";
import type { SheetValues } from "~/modules/procedure/schema";
import { commandScope, scopeOn, type Scope } from "~/modules/scope.server";
import { daysBefore } from "./days";

const STAFF = [
  "Directrice de l'office",
  "Référente qualité",
  "Conseillère en séjour — Amou",
  "Conseillère en séjour — Hagetmau",
  "Conseillère en séjour — Saint-Sever",
  "Chargée de communication numérique",
  "Guide conférencière",
];

const MINUTES_SHEET = `## Objet
Réunir le Groupe Local Qualité (salariés, élus et partenaires) **au moins tous les six mois**, en garder le compte rendu et le diffuser à ses membres et à l'équipe.

## Avant la réunion
1. La directrice fixe la date avec le président de la SPL, un mois à l'avance.
2. La référente qualité prépare l'ordre du jour : actualité de la marque et de l'audit, rapport d'activité, indicateurs, dysfonctionnements internes, suggestions.
3. Les invitations partent aux membres du groupe ; les excusés sont notés.

## Pendant la réunion
- La directrice ouvre la séance, remercie les participants et présente chacun.
- La référente qualité prend les notes point par point, avec les décisions et *qui fait quoi*.

## Après la réunion
- Le compte rendu est rédigé dans Cap Qualité et publié **dans la semaine**, avec l'en-tête des documents qualité.
- Les actions décidées entrent dans le plan d'actions, avec leur pilote et leur échéance.
- Chaque membre lit le compte rendu et le marque comme lu ; la référente relance ceux qui ne l'ont pas lu.`;

const WELCOME_V1 = `## Objet
Accueillir chaque visiteur de la même façon dans tous les bureaux d'information.

## Au comptoir
- Saluer le visiteur **dans les 30 secondes**, même pendant un appel.
- Demander d'où il vient et ce qu'il cherche ; noter le contact dans le tableau de fréquentation.
- Remettre le guide découverte et la carte du territoire.`;

const WELCOME_V2 = `## Objet
Accueillir chaque visiteur de la même façon dans les bureaux d'Amou, Hagetmau, Saint-Sever et Geaune.

## Au comptoir
- Saluer le visiteur **dans les 30 secondes**, même pendant un appel.
- Demander d'où il vient et ce qu'il cherche ; noter le contact dans le tableau de fréquentation.
- Remettre le guide découverte et la carte du territoire ; signaler la boutique et les produits locaux.

## En saison (juillet et août)
- Quand plus de trois personnes attendent, la seconde conseillère vient au comptoir.
- Les cyclistes sont orientés vers les circuits vélo et le rack le plus proche.

## Au téléphone
Décrocher avant la quatrième sonnerie et se présenter : « Office de tourisme, bonjour ».`;

const COMPLAINTS = `## Objet
Traiter chaque réclamation, écrite ou orale, et y répondre dans les délais.

## Étapes
1. Enregistrer la réclamation le jour même dans le registre des réclamations (Cap Qualité, menu Registres), avec le canal et le bureau.
2. Accuser réception sous 48 heures ouvrées.
3. La référente qualité propose une réponse ; la directrice la valide.
4. Répondre par écrit **sous 15 jours ouvrés** et noter la réponse et sa date dans le registre.

## Avis en ligne
Répondre aux avis négatifs publiés sur les plateformes dans la semaine, toujours poliment, sans donner de nom.`;

export async function seedDemoProcedures(db: Knex, officeId: number, personIds: Map<string, number>, now = new Date()): Promise<void> {
  const person = (name: string) => {
    const id = personIds.get(name);
    if (!id) throw new Error(`demo person missing: ${name}`);
    return id;
  };
  const account = async (email: string) => {
    const user = await db("users").where({ email }).first();
    if (!user) throw new Error(`demo account missing: ${email}`);
    return { userId: Number(user.id), name: String(user.display_name) };
  };
  const referente = await account("referente@demo.cap-qualite.fr");
  const directrice = await account("directrice@demo.cap-qualite.fr");
  const salariee = await account("salariee@demo.cap-qualite.fr");
  // Published by the référente's account: she is not asked to confirm her own sheets.
  const base: Scope = { ...commandScope(db, officeId, now), actor: { userId: referente.userId, name: referente.name } };
  const on = (day: string) => scopeOn(base, day);
  const today = parisDay(now);
  const referent = person("Référente qualité");
  const header = { referentId: referent, followUpId: referent };

  /** A confirmation on its day (every write is dated by its scope's day: publications and history too). */
  const confirm = async (sheetId: number, userId: number, day: string) => {
    await confirmReading(on(day), { sheetId, userId });
  };

  // The minutes' own sheet, with the seed's header; not reviewed since March 2021: late.
  const minutes: SheetValues = {
    code: "FQ-07",
    title: "Réunions du Groupe Local Qualité : compte rendu et diffusion",
    domain: "Démarche qualité",
    body: MINUTES_SHEET,
    ...header,
    personIds: STAFF.map(person),
    groups: ["interns", "seasonal", "newcomers"],
    reviewMonths: 12,
    changeNote: "",
  };
  const minutesId = await createSheet(on("2021-03-26"), minutes, { publish: true });
  await confirm(minutesId, directrice.userId, "2021-03-29");

  // The welcome at the desk: a first version, then a second three months ago.
  const v1Day = daysBefore(today, 430);
  const v2Day = daysBefore(today, 90);
  const welcome: SheetValues = {
    code: "FQ-01",
    title: "Accueil des visiteurs au comptoir et au téléphone",
    domain: "Accueil",
    body: WELCOME_V1,
    ...header,
    personIds: ["Conseillère en séjour — Amou", "Conseillère en séjour — Hagetmau", "Conseillère en séjour — Saint-Sever", "Guide conférencière"].map(person),
    groups: ["interns", "seasonal", "newcomers"],
    reviewMonths: 12,
    changeNote: "",
  };
  const welcomeId = await createSheet(on(v1Day), welcome, { publish: true });
  await confirm(welcomeId, salariee.userId, daysBefore(today, 425));
  await confirm(welcomeId, directrice.userId, daysBefore(today, 428));
  await saveSheet(on(v2Day), { sheetId: welcomeId }, { ...welcome, body: WELCOME_V2, changeNote: "Ajout de l'accueil en saison (file d'attente, cyclistes) et de l'accueil au téléphone ; le bureau de Geaune est nommé." }, { publish: true });
  // The directrice has read the second version; the salariée only the first (she is asked again).
  await confirm(welcomeId, directrice.userId, daysBefore(today, 88));

  // Complaints: every member of staff; its yearly review falls within the month.
  const complaintsDay = daysBefore(today, 350);
  const complaintsId = await createSheet(
    on(complaintsDay),
    { code: "FQ-12", title: "Traitement des réclamations", domain: "Réclamations et avis", body: COMPLAINTS, ...header, personIds: [], groups: ["all_staff"], reviewMonths: 12, changeNote: "" },
    { publish: true },
  );
  await confirm(complaintsId, salariee.userId, daysBefore(today, 345));
}
