// The minutes as Word documents, opened by LibreOffice: the seed's meeting of 25 March 2021
// (people by role, no real names) and a meeting typed by someone hostile. The pages are left
// as PNG in tmp/documents/ to be looked at.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MinutesDocumentModel } from "../../templates/minutes-model";
import { renderMinutesDocx } from "../../templates/minutes";
import { docxToPdfText, pdfToPngs } from "../support/libreoffice";

const OUT = path.resolve(__dirname, "../../tmp/documents");
const workDirs: string[] = [];

afterAll(async () => {
  await Promise.all(workDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function seedMeeting(): MinutesDocumentModel {
  return {
    officeName: "Office de Tourisme Landes Chalosse",
    seriesName: "Groupe Local Qualité",
    title: "Groupe Local Qualité",
    date: "2021-03-25",
    startTime: "14:00",
    endTime: "16:30",
    place: "Bureau d'information de Saint-Sever, salle de réunion",
    header: {
      updatedOn: "2021-03-26",
      referent: "Personne C, référente qualité",
      followUp: "Personne C",
      concerned: "Équipe d'accueil des quatre bureaux – Direction – Stagiaires – Saisonniers – Tout nouveau personnel",
    },
    chair: "Personne A, président de la SPL",
    writer: "Personne C, référente qualité",
    present: [
      { name: "Personne A", role: "Président de la SPL" },
      { name: "Personne B", role: "Directrice" },
      { name: "Personne C", role: "Référente qualité" },
      { name: "Personne D", role: "Élu" },
      { name: "Personne E", role: "Partenaire (prestataire)" },
      { name: "Personne F", role: "Partenaire (prestataire)" },
      { name: "Personne G", role: "Élu" },
      { name: "Personne H", role: "" },
    ],
    excused: [
      { name: "Personne I", role: "Élu" },
      { name: "Personne J", role: "Partenaire (hébergeur)" },
      { name: "Personne K", role: "Élu" },
    ],
    absent: [],
    sections: [
      {
        title: "Ouverture de la réunion",
        body: [
          "La directrice remercie les participants de leur présence, excuse ceux qui n'ont pas pu venir et présente chacun.",
          "Elle rappelle le contexte de la démarche qualité et le pourquoi de cette réunion.",
          "",
          "Le président de la SPL dit quelques mots sur la fusion des deux communautés de communes, puis passe la parole à la référente qualité.",
        ].join("\n"),
        decisions: [],
      },
      {
        title: "Marque Qualité Tourisme : résultat de l'audit accueil",
        body: [
          "L'audit accueil a eu lieu entre le 13 et le 21 octobre 2020, par un cabinet externe choisi par le Comité Départemental du Tourisme.",
          "Nous avons renouvelé la marque avec **91 % de taux de conformité** : elle est maintenue jusqu'au 30 juillet 2023, l'audit complet est à repasser en *juin 2023*.",
          "",
          "### Points forts",
          "- Site internet soigné, attractif ; identité visuelle déclinée sur tous les supports",
          "- Guide découverte très apprécié, avec la page produits locaux",
          "- Boutique bien conçue",
          "",
          "### Points à améliorer",
          "· Fléchage des bureaux d'Amou et de Hagetmau",
          "Une demande auprès des mairies concernées va être faite.",
          "· Rack à vélos à mettre en place à Hagetmau",
          "· Façades des bureaux d'Amou et de Saint-Sever à rafraîchir",
        ].join("\n"),
        decisions: ["Demander aux mairies d'Amou et de Hagetmau un fléchage des bureaux d'information.", "Prendre rendez-vous avec la mairie de Hagetmau pour le rack à vélos."],
      },
      {
        title: "Rapport d'activités 2020",
        body: [
          "2020 fut la première année COVID : les chiffres de l'année sont moins élevés qu'en 2019, mais la saison touristique (juillet/août) est équivalente.",
          "",
          "**Saison 2020:** 2678 contacts pour 5698 personnes",
          "**Saison 2019 :** 2638 contacts pour 4922 personnes",
          "",
          "## Le numérique",
          "Le site internet a été vu par un peu plus de 52 000 visiteurs ; la page Facebook compte près de 7 000 fans. Voir le [rapport d'activités 2020](https://example.org/rapport-activites-2020.pdf) et https://example.org/chiffres.",
          "",
          "## Visites guidées",
          "1. Les Incontournables : 88 personnes",
          "2. Musée d'art et d'histoire de Saint-Sever : 383 personnes",
          "3. Crypte à Hagetmau : 834 personnes en journée",
        ].join("\n"),
        decisions: ["Mettre en place le tableau de bord de la taxe de séjour avec le logiciel commun."],
      },
      {
        title: "Suggestions du groupe",
        body: [
          "Beaucoup d'échanges et d'idées, en voici un résumé :",
          "- Faire se rencontrer des prestataires pour créer des offres qualitatives",
          "- L'office doit être _créateur de lien_ et servir d'appui technique aux partenaires",
          "- Travailler avec la radio locale, très écoutée",
          "",
          "Le groupe se demande : \"les partenaires ont-ils compris la gratuité ?\"",
        ].join("\n"),
        decisions: [],
      },
    ],
    actions: [
      { title: "Demander le fléchage des bureaux d'Amou et de Hagetmau aux mairies", owner: "Personne C", sites: "Amou, Hagetmau", dueOn: "2021-06-30", status: "À faire" },
      { title: "Installer un rack à vélos devant le bureau de Hagetmau", owner: "Personne B", sites: "Hagetmau", dueOn: null, status: "En cours" },
      { title: "Faire le point numérique : mots-clés et titres du site", owner: "Personne E", sites: "Tous les bureaux", dueOn: "2021-09-30", status: "À faire" },
    ],
    summary: [
      "- Qualité : piste d'amélioration entamée, voir ce qui reste à faire",
      "- Groupe local intéressant, sans barrière, plein d'idées : **à réunir tous les 6 mois**",
      "- Réseau de prestataires à mettre en place",
    ].join("\n"),
    attachments: ["Rapport d'activités 2020.pdf", "Synthèse de l'audit accueil.pdf"],
    published: true,
  };
}

/** Someone typing markup, XML, control characters and dangerous links everywhere. */
function hostileMeeting(): MinutesDocumentModel {
  const nasty = "<script>alert('x')</script> & ]]> <w:p/> \u0001\u0008\u000B\u001F\uFFFF\uD800 fin";
  return {
    ...seedMeeting(),
    officeName: `Office ${nasty}`,
    seriesName: "GLQ <b>&amp;</b>",
    title: "Titre ]]> & <i>",
    place: nasty,
    header: { updatedOn: "2021-03-26", referent: nasty, followUp: "\u0000", concerned: "a\nb\r\nc" },
    present: [{ name: nasty, role: nasty }],
    excused: [],
    absent: [{ name: "Personne Z", role: "]]>" }],
    sections: [
      {
        title: nasty,
        body: [
          nasty,
          "[clic](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox) [rel](/admin) [proto](//evil.example)",
          "[ok](https://example.org/a\"b&c'd)",
          "*".repeat(5000),
          "[".repeat(5000),
          "_*".repeat(2000) + "x" + "*_".repeat(2000),
        ].join("\n"),
        decisions: [nasty, "\u0007"],
      },
    ],
    actions: [{ title: nasty, owner: nasty, sites: nasty, dueOn: null, status: nasty }],
    summary: nasty,
    attachments: [nasty],
    published: false,
  };
}

async function render(model: MinutesDocumentModel, name: string) {
  const buffer = await renderMinutesDocx(model);
  const pdf = await docxToPdfText(buffer);
  workDirs.push(pdf.dir);
  await mkdir(OUT, { recursive: true });
  const pages = await pdfToPngs(pdf.pdfPath, path.join(OUT, name));
  return { buffer, text: pdf.text, pages };
}

/** One space for any run of spaces and line ends: pdftotext pads and wraps lines as on the page. */
function flatten(text: string): string {
  return text.replace(/\s+/g, " ");
}

/** The words of a phrase, in order: a table cell's lines (cut at spaces and hyphens) are interleaved with its neighbours'. */
function wordsInOrder(phrase: string): RegExp {
  const words = phrase.split(/\s+|(?<=-)/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(words.join("[\\s\\S]*?"));
}

describe("minutes as a Word document", () => {
  it("shows the seed's meeting as the referent writes it", async () => {
    const model = seedMeeting();
    const { buffer, text, pages } = await render(model, "minutes-seed");
    const flat = flatten(text);

    expect(buffer.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // pdftotext writes no-break spaces as ordinary ones: their kind is checked in typography.test.ts.
    expect(flat).toContain("Date d’actualisation : 26 mars 2021");
    expect(flat).toContain("Référent qualité : Personne C, référente qualité");
    expect(flat).toContain("Compte rendu de la réunion Groupe Local Qualité du jeudi 25 mars 2021");
    expect(flat).toContain("de 14 h à 16 h 30");
    expect(flat).toContain("Office de Tourisme Landes Chalosse");
    expect(flat).toContain("Compte rendu – Groupe Local Qualité");
    for (const attendee of [...model.present, ...model.excused]) expect(flat).toContain(attendee.name);
    expect(flat).toContain("Personne A – Président de la SPL");
    expect(flat).toContain("Excusés :");
    expect(flat).not.toContain("Absents");
    for (const section of model.sections) expect(flat).toContain(flatten(section.title).replace(/'/g, "’"));
    expect(flat).toContain("Saison 2020 : 2678 contacts pour 5698 personnes");
    expect(flat).toContain("Saison 2019 : 2638 contacts pour 4922 personnes");
    expect(flat).toContain("Décisions :");
    expect(flat).toContain("« les partenaires ont-ils compris la gratuité ? »");
    expect(flat).not.toContain("**");
    expect(flat).toMatch(/Action\s+Pilote\s+Bureau\(x\)\s+Échéance\s+Statut/);
    for (const action of model.actions) expect(flat).toMatch(wordsInOrder(action.title.replace(/'/g, "’")));
    for (const due of ["30/06/2021", "30/09/2021", "—"]) expect(flat).toContain(due);
    expect(flat).toContain("En résumé");
    expect(flat).toContain("Pièces jointes :");
    expect(flat).toContain("Fin de réunion à 16 h 30");
    expect(flat).toContain("Page 1 sur");
    expect(flat).toContain(`Page ${pages.length} sur ${pages.length}`);
    expect(flat).not.toContain("BROUILLON");
  });

  it("keeps hostile text as text, drops what XML cannot carry and links only to web pages", async () => {
    const { buffer, text } = await render(hostileMeeting(), "minutes-hostile");
    const flat = flatten(text);

    expect(buffer.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(flat).toContain("<script>alert('x')</script> & ]]> <w:p/> fin");
    expect(flat).toContain("GLQ <b>&amp;</b>");
    expect(flat).toContain("BROUILLON – non publié");
    expect(flat).toContain("clic data vb rel proto");
    expect(flat).not.toContain("javascript:");
    expect(flat).toContain("Absents :");
    expect(flat).toContain("Page 1 sur");
  });

  it("carries a register's summary under its agenda point: counts, entries and their actions", async () => {
    const model = seedMeeting();
    const point = model.sections.find((s) => s.title.startsWith("Rapport d")) ?? model.sections[0]!;
    point.register = {
      kind: "dysfunction",
      from: "2020-01-01",
      to: "2020-12-31",
      total: 3,
      late: 0,
      byCategory: [
        { label: "Informatique", count: 2 },
        { label: "Documentation", count: 1 },
      ],
      bySite: [
        { label: "Hagetmau", count: 2 },
        { label: "Tout l'office", count: 1 },
      ],
      entries: [
        { id: 1, occurredOn: "2020-06-15", subject: "Problèmes de connexion au serveur", category: "Informatique", site: "Hagetmau", status: "Ouvert", late: false, occurrence: 2, actions: [{ title: "Appeler le prestataire informatique", status: "En cours", dueOn: "2021-06-30" }] },
        { id: 2, occurredOn: "2020-07-21", subject: "Guide découverte épuisé en pleine saison", category: "Documentation", site: "Tout l'office", status: "Clos", late: false, occurrence: 1, actions: [] },
        { id: 3, occurredOn: "2020-11-02", subject: "Imprimante hors service", category: "Informatique", site: "Hagetmau", status: "Traité", late: false, occurrence: 1, actions: [] },
      ],
      more: 0,
    };
    const { text } = await render(model, "minutes-register-summary");
    const flat = flatten(text);
    expect(flat).toContain("Synthèse du registre « Dysfonctionnements internes » du 01/01/2020 au 31/12/2020");
    expect(flat).toContain("3 entrées.");
    expect(flat).toContain("Par catégorie : Informatique : 2 · Documentation : 1");
    expect(flat).toContain("Par bureau : Hagetmau : 2 · Tout l’office : 1");
    expect(flat).toMatch(/Date\s+Objet\s+Bureau\s+Catégorie\s+Statut\s+Actions/);
    expect(flat).toMatch(wordsInOrder("Problèmes de connexion au serveur (2e fois)"));
    expect(flat).toMatch(wordsInOrder("Appeler le prestataire informatique (en cours, échéance 30/06/2021)"));
    expect(flat).toMatch(wordsInOrder("Guide découverte épuisé en pleine saison"));
  });

  it("leaves out empty parts: header lines with nothing after them, a subtitle that repeats the title", async () => {
    const model = { ...seedMeeting(), title: "Réunion du Groupe Local Qualité du 25/03/2021", header: { updatedOn: "2021-03-26", referent: "Personne C", followUp: "", concerned: "  " } };
    const { text } = await render(model, "minutes-sparse");
    const flat = flatten(text);
    expect(flat).toContain("Référent qualité : Personne C");
    expect(flat).not.toContain("Personnes concernées");
    expect(flat).not.toContain("Responsable suivi fiche");
    expect(flat).not.toContain("Réunion du Groupe Local Qualité du 25/03/2021");
    expect(flat.match(/Groupe Local Qualité du/g)).toHaveLength(1);
  });

  it("says when no action came out of the meeting", async () => {
    const model = { ...seedMeeting(), actions: [], summary: "", attachments: [], endTime: null };
    const { text } = await render(model, "minutes-empty");
    const flat = flatten(text);
    expect(flat).toContain("Aucune action n’a été créée à partir de cette réunion.");
    expect(flat).toContain("à 14 h");
    expect(flat).not.toContain("Fin de réunion");
    expect(flat).not.toContain("En résumé");
  });
});
