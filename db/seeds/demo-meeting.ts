// The meeting of the seed minutes (../shared/seed/compte-rendu-glq-2021-03-25.txt): the local
// quality group of 25 March 2021, 14:00–16:30, entered in full with people named by role, its
// follow-ups as actions of the plan, published the next day. The series' cadence then says the
// next meeting was due six months later.
import type { Knex } from "knex";
import type { Actor } from "~/modules/history/queries.server";
import { createAction } from "~/modules/action/queries.server";
import type { RegisterKind } from "~/modules/register/rules";
import { createMeeting, getMeeting, saveAttendance } from "~/modules/meeting/meetings.server";
import { publishMeeting, saveMinutes } from "~/modules/meeting/minutes.server";
import { createSeries } from "~/modules/meeting/series.server";
import { commandScope, scopeOn, type Scope } from "../../app/modules/scope.server";

const MEETING_DAY = "2021-03-25";
const UPDATED_ON = "2021-03-26";

/** Attendance of the seed's list ("Présents", "Excusés"), by the role each person holds here. */
const PRESENT: Array<[string, string]> = [
  ["Président de la SPL", "Président de la SPL"],
  ["Directrice de l'office", "Directrice"],
  ["Référente qualité", "Référente qualité"],
  ["Partenaire prestataire — numérique", "Partenaire, gîte et agence immobilière"],
  ["Partenaire prestataire — activités", "Partenaire prestataire"],
  ["Élu référent — côté technique", "Élu communautaire"],
  ["Partenaire prestataire — hébergement", "Partenaire hébergeur"],
  ["Partenaire prestataire — restauration", "Partenaire restaurateur"],
];
const EXCUSED: Array<[string, string]> = [
  ["Élue déléguée au tourisme", "Élue"],
  ["Partenaire institutionnel — CDT", "Comité départemental du tourisme"],
  ["Partenaire prestataire — site de visite", "Partenaire, site de visite"],
];

const SECTIONS: Array<{ title: string; body: string; decisions?: string }> = [
  {
    title: "Ouverture de la réunion",
    body: `La directrice remercie tous les participants de leur présence, excuse ceux qui n'ont pas pu venir et présente chacun. Elle rappelle le contexte de la démarche qualité et le pourquoi de cette réunion.
Le président de la SPL dit quelques mots sur la fusion des deux communautés de communes et passe la parole à la référente qualité.`,
  },
  {
    title: "Actualité de la marque et de l'audit",
    body: `Un rappel est fait sur l'acquisition de la marque : Amou était marqué **Qualité Tourisme** et devait repasser un audit en 2020 ; Chalosse Tursan devait passer l'audit accueil. La fusion étant arrivée, l'Office Landes Chalosse a passé l'audit accueil et **maintient la marque Qualité Tourisme jusqu'au 30 juillet 2023**. Il faudra repasser l'audit complet courant juin 2023.
Cet audit accueil a eu lieu entre le 13 et le 21 octobre 2020 ; il a été effectué par un cabinet externe choisi par le Comité départemental du tourisme.

Le rapport d'audit est présenté avec ses points forts et ses points d'amélioration. **La marque Qualité Tourisme est renouvelée avec 91 % de taux de conformité.**

### Points forts
- Site internet soigné, attractif ; identité visuelle déclinée sur tous les supports numériques et papier
- Guide découverte très apprécié, avec la page produits locaux
- Boutique bien conçue (l'auditeur a acheté des produits à Amou et à Saint-Sever) ; un rappel des produits en vente dans les offices est fait

### Points à améliorer
- Fléchage des offices d'Amou et de Hagetmau : une demande auprès des mairies concernées va être faite. Pour une meilleure visibilité, des oriflammes ont également été achetées ; elles sont en place depuis quelques semaines.
- Rack à vélos à mettre en place à Hagetmau : un rendez-vous sera pris avec la mairie pour savoir si elle peut l'installer.
- Façades des offices d'Amou et de Saint-Sever à rafraîchir. Saint-Sever est difficile : le bâtiment est classé et un futur office est en projet. À Amou, le bâtiment appartient à la communauté de communes : voir avec elle, mais le groupe trouve la réflexion très dure.`,
    decisions: "Demander un fléchage des offices aux mairies d'Amou et de Hagetmau\nPrendre rendez-vous avec la mairie de Hagetmau pour le rack à vélos",
  },
  {
    title: "Rapport d'activité",
    body: `La synthèse des activités et de l'offre touristique est présentée (voir le rapport ci-joint).
2020 fut la première année COVID : les chiffres de l'année sont moins élevés qu'en 2019, mais sur la saison touristique (juillet-août) la saison 2020 fut équivalente à 2019 :
- **Saison 2020** : 2 678 contacts pour 5 698 personnes
- **Saison 2019** : 2 638 contacts pour 4 922 personnes

La provenance par région ne change pas : Île-de-France, Occitanie et Pays de la Loire, la Nouvelle-Aquitaine restant comme toujours en tête ; la moitié des visiteurs de Nouvelle-Aquitaine sont landais. Nos visiteurs sont une clientèle de proximité.`,
  },
  {
    title: "Le numérique",
    body: "Le site internet a été vu par un peu plus de **52 000 visiteurs**. La page Facebook compte près de 7 000 fans, et ses publications ont généré **1 087 638 vues**.",
  },
  {
    title: "Commercialisation",
    body: `Cette année, aucun groupe n'a pu être reçu (COVID) et les visites guidées ont été limitées à 9 personnes. Personnes reçues par visite :
- Les Incontournables : 88 personnes
- Le musée d'art et d'histoire de Saint-Sever : 383 personnes
- « À l'envers et vue d'en haut », visite de Saint-Sever : 46 personnes
- Maison Sentex : 181 personnes
- Yoga : 77 personnes
- Crypte de Hagetmau : 834 personnes en journée`,
  },
  {
    title: "Billetterie",
    body: `Pas de grande billetterie en 2020 : pas d'animations, pas de fêtes. La billetterie a porté sur les visites guidées de la ville de Saint-Sever et du château de Gaujacq, le canoë à Amou et la vente de permis de pêche.
À Saint-Sever, l'office encaisse les nuitées de la halte jacquaire ; en 2020 elle a été fermée à partir de la mi-mars (premier confinement).`,
  },
  {
    title: "Fréquentation des sites touristiques",
    body: `Seuls les sites dont l'office a la gestion sont répertoriés.
**Terra Aventura** est une chasse au trésor numérique mise en place par le Conseil régional. Le territoire en compte 4 : Amou, Geaune, Hagetmau et Miramont-Sensacq. Leurs thèmes diffèrent selon les communes ; ils sont très en vogue auprès des visiteurs.`,
  },
  {
    title: "Indicateurs internes",
    body: "Pas de questionnaires visiteurs en 2020 : la distribution de questionnaires papier n'était pas autorisée (COVID).",
  },
  {
    title: "Tableau de bord de l'offre des adhérents",
    body: "Répartition des partenaires adhérents selon leurs filières.",
  },
  {
    title: "Taxe de séjour",
    body: `Répartition du nombre de lits touristiques et taux de remplissage par catégorie ; comparaison du nombre de nuitées depuis la mise en place de la taxe de séjour sur le territoire Chalosse Tursan.
Il manque pour 2020 les chiffres de la taxe de séjour du Pays des Luys : la communauté de communes n'a pas encore pu les fournir. Ce sera plus simple pour 2021 : une collègue du bureau d'Amou a été nommée référente taxe de séjour pour la communauté de communes des Luys, qui a adopté le même logiciel que Chalosse Tursan.`,
  },
  {
    title: "Dysfonctionnements internes",
    body: "En 2020, peu de dysfonctionnements notés, sinon toujours le même : des **problèmes de connexion au serveur**. Les salariées y sont habituées et le gèrent en appelant la communauté de communes ou le prestataire informatique.",
  },
  {
    title: "Suggestions",
    body: `Beaucoup d'échanges et d'idées, en voici un résumé.

### Les partenaires et l'évolution du tourisme
Il est difficile de faire comprendre aux partenaires l'évolution du tourisme : pour eux, c'est l'office qui doit remplir leur hébergement, alors que chacun doit être son propre vendeur. Le travail d'un office est de **vendre la destination**, pas de remplir les hébergements.
Pour 2021, l'office a choisi de ne pas demander de cotisation à ses partenaires, mais de proposer des bons plans et des pop-ups qui les mettent en avant sur son site. Cela a-t-il été compris par tous ? L'office a peut-être trop mis en avant la gratuité au détriment de la communication par l'affichage sur le site. Il faut expliquer aux partenaires la place du numérique dans la préparation du séjour : il faut être présent sur internet (site, page Facebook…).
Les partenaires doivent prendre le réflexe de prévenir l'office de leurs nouvelles offres, ou de donner leur avis sur ce qu'il met en place.

### Créer du lien entre prestataires
- Faire se rencontrer des prestataires pour créer des offres qualitatives (3 ou 4 prestataires)
- Les prestataires ont besoin de lien, d'un réseau : culture et tourisme sont un levier fort pour un territoire
- L'office doit être un créateur de lien (packages entre prestataires) et un appui technique pour aider les prestataires à aller sur Booking, sur les réseaux sociaux…
- Il faut une signalétique cohérente dans les villages
- Sur le site de l'office, il manque des liens entre les pages et vers l'extérieur

L'office va revenir vers le partenaire référent numérique pour faire le point (campagne de référencement) : attention aux mots clés, aux titres ; une veille constante est nécessaire pour faire remonter le site.

### Presse et réseaux sociaux
L'idéal serait de faire venir des journalistes pour parler du territoire, et de travailler en direct avec des blogueurs et des instagrameurs.
Lors des accueils presse en partenariat avec le CDT, mettre en copie des courriels les partenaires conseillés au CDT : ils sauront ainsi que l'office travaille avec le CDT.
Les réseaux sociaux ont une grande influence, d'où l'importance de trouver un instagrameur. La diffusion d'*Échappées belles* a eu un bel impact, notamment en messages sur les réseaux sociaux pour un partenaire hébergeur. Travailler aussi avec France Bleu Gascogne, radio très écoutée localement.

### Travailler en petits réseaux
Les partenaires ont besoin de travailler en petit réseau ciblé pour avancer et créer. L'office fait ce qu'il peut avec peu de moyens, mais cela paie : depuis deux ou trois ans, il y a une vraie saison touristique. C'est très positif.
Trois partenaires (numérique, activités, hébergement) se proposent de travailler avec l'office pour impulser ce réseau et créer des produits.

### Autres idées
- L'élu voit le tourisme à l'ouverture des portes de l'office ; il faut changer cela : seulement 10 % des touristes franchissent la porte d'un office, et quand ils sont là, le travail a été fait. C'est en amont qu'il faut faire découvrir la destination.
- Réfléchir à des circuits et parcours thématisés : art contemporain, route des vins et de l'armagnac, route du foie gras…
- Fournir des informations sur les visites et journées découvertes aux associations locales, randonneurs, clubs du troisième âge, comités des fêtes, mairies…
- Revoir les horaires des offices : trouver l'équilibre entre l'accueil au guichet et le temps de préparation en back-office, pour le numérique notamment.
- L'après-COVID : une carte à jouer, car les gens auront envie de campagne, de territoire rural ; inventer de nouvelles initiatives pour attirer de nouveaux habitants. Le partenaire numérique travaille avec une agence immobilière et reçoit chez lui des personnes à la recherche de biens.`,
    decisions: "Réunir le groupe local qualité tous les six mois\nConstituer un réseau de prestataires avec les trois partenaires volontaires",
  },
];

const SUMMARY = `- **Qualité** : pistes d'amélioration entamées ; voir ce qui reste à faire.
- Groupe local intéressant, sans barrière, plein d'idées : **à réunir tous les 6 mois**.
- Partenaire numérique : à voir pour travailler la piste numérique.
- Élu référent : à voir pour le côté technique.
- Partenaires numérique, activités et hébergement : réseau de prestataires à mettre en place.`;

/**
 * The points that review a register (decision 034): the 2020 dysfunctions, and the suggestions
 * made at the meeting. Their tables are frozen again once the registers are seeded (demo.ts).
 */
const REGISTER_SUMMARIES: Record<string, { register: RegisterKind; registerFrom: string; registerTo: string }> = {
  "Dysfonctionnements internes": { register: "dysfunction", registerFrom: "2020-01-01", registerTo: "2020-12-31" },
  Suggestions: { register: "suggestion", registerFrom: "2021-03-25", registerTo: "2021-03-25" },
};

export async function seedDemoMeeting(
  db: Knex.Transaction,
  officeId: number,
  personIds: Map<string, number>,
  siteIds: Map<string, number>,
  actor: Actor,
): Promise<number> {
  const person = (name: string) => {
    const id = personIds.get(name);
    if (!id) throw new Error(`demo person missing: ${name}`);
    return id;
  };
  const scope: Scope = { ...commandScope(db, officeId), actor };
  const seriesId = await createSeries(
    scope,
    { name: "Groupe Local Qualité", kind: "quality_group", cadenceMonths: 6, firstDueOn: null, description: "Le groupe qualité de destination : salariés, élus et partenaires, réunis tous les six mois." }
  );
  const referent = person("Référente qualité");
  const meetingId = await createMeeting(
    scopeOn(scope, MEETING_DAY),
    {
      seriesId,
      title: "Réunion du Groupe Local Qualité",
      heldOn: MEETING_DAY,
      startTime: "14:00",
      endTime: "16:30",
      place: "Saint-Sever (siège)",
      chairId: person("Directrice de l'office"),
      writerId: referent,
      referentId: referent,
      followUpId: referent,
      concerned:
        "Directrice – référente qualité – conseillères en séjour des bureaux – chargée de communication numérique – guide conférencière – stagiaires – saisonniers – tout nouveau personnel",
      agenda: SECTIONS.map((s) => s.title).join("\n"),
      inviteeIds: [...PRESENT, ...EXCUSED].map(([name]) => person(name)),
    }
  );
  const query = { meetingId };
  const meeting = await getMeeting(scope, { ...query, userId: 0 });
  if (!meeting) throw new Error("demo meeting missing");
  const roles = new Map([...PRESENT, ...EXCUSED]);
  const excused = new Set(EXCUSED.map(([name]) => person(name)));
  await saveAttendance(
    scopeOn(scope, UPDATED_ON),
    query,
    {
      attendees: meeting.attendees.map((a) => ({ id: a.id, status: a.personId !== null && excused.has(a.personId) ? "excused" : "present", role: roles.get(a.name) ?? a.role, remove: false })),
      addPersonIds: [],
      guestName: "",
      guestRole: "",
      guestStatus: "invited",
    },
  );
  await saveMinutes(
    scopeOn(scope, UPDATED_ON),
    query,
    {
      sections: meeting.sections.map((s, i) => ({ id: s.id, title: s.title, body: SECTIONS[i]?.body ?? "", decisions: SECTIONS[i]?.decisions ?? "", ...REGISTER_SUMMARIES[s.title] })),
      summary: SUMMARY,
      endTime: "16:30",
      version: null,
    },
    { kind: "save" },
  );

  const section = (title: string) => meeting.sections.find((s) => s.title === title)?.id ?? null;
  const base = { description: "", origin: "meeting_decision" as const, findingId: null, originDetail: "Réunion du Groupe Local Qualité", contributorIds: [] as number[], siteIds: [] as number[], priority: "normale" as const };
  const link = (title: string) => ({ meetingId, meetingSectionId: section(title) });
  await createAction(
    scope,
    {
      ...base,
      title: "Faire le point numérique avec le partenaire référent (mots clés, titres, référencement du site)",
      ownerId: referent,
      contributorIds: [person("Partenaire prestataire — numérique"), person("Chargée de communication numérique")],
      dueOn: "2021-06-30",
      priority: "haute",
    },
    link("Suggestions"),
  );
  await createAction(
    scope,
    { ...base, title: "Voir le côté technique de la démarche avec l'élu référent", ownerId: person("Élu référent — côté technique"), dueOn: "2021-09-30" },
    link("Suggestions"),
  );
  await createAction(
    scope,
    {
      ...base,
      title: "Mettre en place un réseau de prestataires pour créer des offres qualitatives",
      description: "3 ou 4 prestataires ; l'office crée le lien (packages entre prestataires) et sert d'appui technique.",
      ownerId: person("Partenaire prestataire — activités"),
      contributorIds: [person("Partenaire prestataire — numérique"), person("Partenaire prestataire — hébergement")],
      dueOn: "2021-09-30",
    },
    link("Suggestions"),
  );
  await createAction(
    scope,
    {
      ...base,
      title: "Obtenir de la communauté de communes des Luys les chiffres 2020 de la taxe de séjour",
      ownerId: person("Conseillère en séjour — Amou"),
      siteIds: [siteIds.get("Amou")!],
      dueOn: "2021-05-31",
    },
    link("Taxe de séjour"),
  );

  await publishMeeting(scopeOn(scope, UPDATED_ON), query);
  // Dated as it happened: written and published the day after the meeting.
  await db("meetings").where({ id: meetingId }).update({ published_at: "2021-03-26T09:00:00.000Z", minutes_updated_at: "2021-03-26T08:30:00.000Z", doc_updated_on: UPDATED_ON });
  return meetingId;
}
