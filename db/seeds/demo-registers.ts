// The demo office's registers, from the seed minutes: the 2019 and 2020 server-connection
// dysfunction (the same problem coming back), complaints across channels with their answers (one
// answered late, one still open), and the meeting's suggestions with their decisions, the
// retained ones linked to the actions the demo meeting already created. Names are invented.
import type { Knex } from "knex";
import { parisDay } from "~/domain/dates";
import type { Actor } from "~/modules/history/queries.server";
import { createEntry, linkActionToEntry } from "~/modules/register/queries.server";
import type { EntryValues } from "~/modules/register/schema";
import { officeScope } from "~/modules/scope.server";

export async function seedDemoRegisters(db: Knex, officeId: number, personIds: Map<string, number>, siteIds: Map<string, number>, actor: Actor, now = new Date()): Promise<void> {
  const scope = officeScope(db, { officeId, actor, role: "admin", now });
  const person = (name: string) => personIds.get(name) ?? null;
  const site = (name: string) => siteIds.get(name) ?? null;
  const blank = { siteId: null, category: "", description: "", personId: null, closeReason: "" };

  const dysfunction = (v: Partial<Extract<EntryValues, { kind: "dysfunction" }>>): EntryValues => ({
    kind: "dysfunction",
    ...blank,
    occurredOn: "2020-01-01",
    subject: "",
    status: "ouvert",
    impact: "",
    immediateFix: "",
    recurrenceOfId: null,
    ...v,
  });
  const server = {
    category: "Informatique",
    subject: "Problèmes de connexion au serveur",
    impact: "Fichiers partagés et logiciel de taxe de séjour inaccessibles depuis les bureaux pendant plusieurs heures.",
    immediateFix: "Appel à la communauté de communes ou au prestataire informatique ; les salariées sont habituées et gèrent.",
  };
  const first = await createEntry(scope, dysfunction({ ...server, occurredOn: "2019-11-04", siteId: site("Amou"), personId: person("Conseillère en séjour — Amou"), status: "traite" }));
  const again = await createEntry(
    scope,
    dysfunction({ ...server, occurredOn: "2020-06-15", siteId: site("Hagetmau"), personId: person("Conseillère en séjour — Hagetmau"), recurrenceOfId: first, description: "Toujours le même dysfonctionnement qu'en 2019 (compte rendu du 25 mars 2021)." }),
  );
  await createEntry(scope, dysfunction({ ...server, occurredOn: "2021-02-08", siteId: site("Saint-Sever"), personId: person("Référente qualité"), recurrenceOfId: again }));
  await createEntry(
    scope,
    dysfunction({ occurredOn: "2020-07-21", siteId: site("Saint-Sever"), category: "Documentation", subject: "Guide découverte épuisé en pleine saison", personId: person("Conseillère en séjour — Saint-Sever"), immediateFix: "Réimpression commandée ; photocopies de la page produits locaux en attendant.", status: "clos" }),
  );

  const complaint = (v: Partial<Extract<EntryValues, { kind: "complaint" }>>): EntryValues => ({
    kind: "complaint",
    ...blank,
    occurredOn: "2020-01-01",
    subject: "",
    status: "ouverte",
    channel: "guichet",
    platform: "",
    reviewUrl: "",
    contactName: "",
    contactDetails: "",
    answer: "",
    answeredOn: null,
    answeredBy: "",
    ...v,
  });
  await createEntry(
    scope,
    complaint({ occurredOn: "2020-07-28", channel: "guichet", siteId: site("Hagetmau"), category: "Signalétique", subject: "Bureau d'information difficile à trouver", contactName: "M. Exemple (démo)", answer: "Excuses ; des oriflammes seront installées et une demande de fléchage faite à la mairie.", answeredOn: "2020-07-28", answeredBy: "Conseillère en séjour — Hagetmau", personId: person("Conseillère en séjour — Hagetmau"), status: "close" }),
  );
  await createEntry(
    scope,
    complaint({ occurredOn: "2020-08-10", channel: "avis_en_ligne", platform: "Google", reviewUrl: "https://www.google.com/maps", siteId: site("Saint-Sever"), category: "Visites guidées", subject: "Visite guidée complète, groupe limité à 9 personnes", answer: "Réponse publique : limite imposée par les règles sanitaires ; créneaux supplémentaires ajoutés.", answeredOn: "2020-08-12", answeredBy: "Chargée de communication numérique", personId: person("Chargée de communication numérique"), status: "close" }),
  );
  // Answered late: received on Wednesday 12 May 2021, Ascension the next day; due the 20th, answered the 27th.
  await createEntry(
    scope,
    complaint({ occurredOn: "2021-05-12", channel: "email", category: "Boutique et billetterie", subject: "Permis de pêche payé mais non reçu", contactName: "Mme Modèle (démo)", contactDetails: "visiteuse@example.org", answer: "Permis renvoyé par e-mail, avec nos excuses pour le délai.", answeredOn: "2021-05-27", answeredBy: "Conseillère en séjour — Amou", personId: person("Conseillère en séjour — Amou"), siteId: site("Amou"), status: "repondue" }),
  );
  await createEntry(scope, complaint({ occurredOn: "2021-02-02", channel: "telephone", category: "Information", subject: "Horaires affichés différents de ceux du site internet", answer: "Horaires du site corrigés le jour même.", answeredOn: "2021-02-03", answeredBy: "Référente qualité", status: "close" }));
  // Still open: received today, so it shows the delay running.
  await createEntry(scope, complaint({ occurredOn: parisDay(now), channel: "reseaux_sociaux", platform: "Facebook", category: "Site internet", subject: "Lien cassé vers la page des visites guidées", siteId: null }));

  const suggestion = (v: Partial<Extract<EntryValues, { kind: "suggestion" }>>): EntryValues => ({
    kind: "suggestion",
    ...blank,
    occurredOn: "2021-03-25",
    subject: "",
    status: "a_l_etude",
    source: "group_member",
    contactName: "",
    decisionReason: "",
    decidedOn: null,
    ...v,
  });
  const retained = (reason: string) => ({ status: "retenue" as const, decisionReason: reason, decidedOn: "2021-03-25" });
  const actionId = async (title: string) => {
    const row = await db("actions").where({ office_id: officeId }).where("title", "like", `${title}%`).first("id");
    return row ? Number(row.id) : null;
  };
  const linked = async (entry: EntryValues, actionTitle: string) => {
    const id = await createEntry(scope, entry);
    const action = await actionId(actionTitle);
    if (action) await linkActionToEntry(scope, id, action);
  };
  await linked(suggestion({ subject: "Une signalétique cohérente dans les villages", category: "Signalétique", ...retained("Rejoint le fléchage demandé aux mairies après l'audit.") }), "Demander aux mairies d'Amou et de Hagetmau");
  await linked(suggestion({ subject: "Davantage de liens entre les pages du site internet, et vers l'extérieur", category: "Numérique", ...retained("Fait partie du point numérique avec le partenaire référent.") }), "Faire le point numérique");
  await linked(suggestion({ subject: "Faire se rencontrer des prestataires pour créer des offres qualitatives", category: "Partenaires", ...retained("Trois partenaires se proposent de lancer le réseau.") }), "Mettre en place un réseau de prestataires");
  await createEntry(scope, suggestion({ subject: "Inviter des journalistes, travailler en direct avec des blogueurs et des instagrameurs", category: "Communication", description: "En lien avec les accueils presse du CDT." }));
  await createEntry(scope, suggestion({ subject: "Travailler avec France Bleu Gascogne, radio très écoutée par les locaux", category: "Communication" }));
  await createEntry(scope, suggestion({ subject: "Des circuits thématiques : art contemporain, route des vins et de l'armagnac, route du foie gras", category: "Offre et produits" }));
  await createEntry(scope, suggestion({ subject: "Fournir des informations sur nos visites aux associations locales, randonneurs, clubs, comités des fêtes et mairies", category: "Communication", ...retained("Envoi d'un programme des visites au printemps.") }));
  await createEntry(
    scope,
    suggestion({ subject: "Revoir les horaires des offices : équilibre entre accueil au guichet et préparation du numérique", category: "Accueil", source: "staff", status: "non_retenue", decisionReason: "Horaires de saison déjà fixés avec les communes ; à revoir pour 2022.", decidedOn: "2021-04-15" }),
  );
}
