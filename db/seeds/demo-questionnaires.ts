// The demo office's satisfaction questionnaires, after the seed minutes: the 2019 visitor
// questionnaire on paper (150 sheets across the four desks, typed into a spreadsheet and
// imported; signage the weak point at Amou and Hagetmau, as the 2020 audit found), 2020 recorded
// as not held ("pas de questionnaires visiteurs en 2020", COVID), and the 2021 campaign online,
// by link and by a QR code on each desk, signage better since the oriflammes; one dissatisfied
// 2021 answer has become a complaint of the register. The answers are drawn by a seeded
// generator: the same demo every time.
import type { Knex } from "knex";
import type { Actor } from "~/modules/history/queries.server";
import { addQuestion, addSheets, complaintFromResponse, copyQuestionnaire, createQuestionnaire, getQuestionnaire, openPublicQuestionnaire, recordPublicSheet, updateQuestionnaire } from "~/modules/questionnaire/queries.server";
import type { Question } from "~/modules/questionnaire/rules";
import { getEntry, updateEntry } from "~/modules/register/queries.server";
import type { AnswerValue, SheetValues } from "~/modules/questionnaire/schema";
import { officeScope, scopeOn } from "~/modules/scope.server";

/** A small seeded generator (mulberry32): the demo's answers are the same on every install. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Draw = () => number;

/** A level of a 4-level scale: satisfied (3 or 4) with probability `p`, else 2 or 1. */
function level(draw: Draw, p: number): number {
  if (draw() < p) return draw() < 0.55 ? 4 : 3;
  return draw() < 0.75 ? 2 : 1;
}

/** The satisfied share of each question by site, 2019: signage weak at Amou and Hagetmau. */
const RATES_2019: Record<string, Record<string, number>> = {
  accueil: { "Saint-Sever": 0.96, Hagetmau: 0.93, Amou: 0.94, Geaune: 0.92 },
  information: { "Saint-Sever": 0.92, Hagetmau: 0.9, Amou: 0.9, Geaune: 0.88 },
  documentation: { "Saint-Sever": 0.95, Hagetmau: 0.92, Amou: 0.93, Geaune: 0.9 },
  horaires: { "Saint-Sever": 0.86, Hagetmau: 0.8, Amou: 0.78, Geaune: 0.72 },
  signaletique: { "Saint-Sever": 0.84, Hagetmau: 0.55, Amou: 0.5, Geaune: 0.74 },
  generale: { "Saint-Sever": 0.94, Hagetmau: 0.88, Amou: 0.88, Geaune: 0.9 },
};
const KEYS = ["accueil", "information", "documentation", "horaires", "signaletique", "generale"] as const;

const COMMENTS_2019 = [
  "Accueil très chaleureux, merci !",
  "Difficile de trouver l'office à Hagetmau : aucun panneau depuis la place.",
  "Le guide découverte est très bien fait, avec la page des produits locaux.",
  "Fermé entre midi et deux, dommage en plein été.",
  "Un rack à vélos devant l'office serait bienvenu.",
  "Très bons conseils pour les randonnées autour d'Amou.",
  "Nous avons cherché l'office un moment à Amou, il faudrait le signaler.",
  "Boutique sympathique, produits locaux de qualité.",
  "Merci pour la réservation de la visite guidée de Saint-Sever.",
  "Plus de documentation en anglais, s'il vous plaît.",
];

const COMMENTS_2021 = [
  "Les oriflammes se voient de loin, on a trouvé facilement.",
  "Très bon accueil malgré les conditions sanitaires.",
  "Questionnaire pratique sur le téléphone.",
  "Conseils précieux pour les circuits Terra Aventura.",
  "Visite guidée complète, il faudrait plus de créneaux.",
];

function sheetFor(questions: readonly Question[], draw: Draw, rates: (key: (typeof KEYS)[number]) => number, comments: readonly string[]): AnswerValue[] {
  const answers: AnswerValue[] = [];
  const blank = { number: null, choices: [] as number[], text: "" };
  questions.forEach((q, i) => {
    const key = KEYS[i];
    if (q.kind === "scale" && key) {
      if (!q.required && draw() < 0.05) return;
      answers.push({ ...blank, questionId: q.id, number: level(draw, rates(key)) });
    } else if (q.kind === "multiple") {
      const picked = q.choices.map((_, c) => c).filter((c) => draw() < [0.35, 0.4, 0.2, 0.3, 0.35, 0.2][c]!);
      if (picked.length) answers.push({ ...blank, questionId: q.id, choices: picked });
    } else if (q.kind === "single") {
      const r = draw();
      answers.push({ ...blank, questionId: q.id, choices: [r < 0.45 ? 0 : r < 0.7 ? 1 : r < 0.95 ? 2 : 3] });
    } else if (q.kind === "number") {
      const r = draw();
      if (r < 0.92) answers.push({ ...blank, questionId: q.id, number: r < 0.2 ? 1 : r < 0.62 ? 2 : r < 0.75 ? 3 : r < 0.88 ? 4 : 5 + Math.floor(draw() * 3) });
    } else if (q.kind === "text" && !q.personal && draw() < 0.18) {
      answers.push({ ...blank, questionId: q.id, text: comments[Math.floor(draw() * comments.length)]! });
    }
  });
  return answers;
}

/** A day of the campaign, the season's busy weeks more often. */
function dayIn(draw: Draw, year: number, months: readonly number[]): string {
  const month = months[Math.floor(draw() * months.length)]!;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(1 + Math.floor(draw() * last)).padStart(2, "0")}`;
}

export async function seedDemoQuestionnaires(db: Knex, officeId: number, siteIds: Map<string, number>, personIds: Map<string, number>, actor: Actor): Promise<void> {
  const at = (day: string) => scopeOn(officeScope(db, { officeId, actor, role: "admin" }), day);
  const sites = ["Saint-Sever", "Hagetmau", "Amou", "Geaune"];
  const siteIdsList = sites.map((s) => siteIds.get(s)!).filter(Boolean);

  const first = await createQuestionnaire(at("2019-06-15"), {
    title: "Questionnaire de satisfaction des visiteurs 2019",
    startsOn: "2019-07-01",
    endsOn: "2019-08-31",
    siteIds: siteIdsList,
    channels: ["papier"],
    intro: "Votre avis nous aide à améliorer notre accueil. Ce questionnaire prend deux minutes ; il est anonyme. Déposez-le au comptoir en partant.",
    thanks: "Merci pour votre participation et bon séjour en Chalosse !",
    notHeld: false,
    notHeldReason: "",
    starter: true,
  });
  const q2019 = (await getQuestionnaire(at("2019-09-05"), first))!;
  const draw = generator(2019);
  const counts: Record<string, number> = { "Saint-Sever": 55, Hagetmau: 40, Amou: 35, Geaune: 20 };
  const sheets: SheetValues[] = [];
  for (const site of sites) {
    for (let i = 0; i < counts[site]!; i += 1) {
      sheets.push({
        siteId: siteIds.get(site) ?? null,
        consent: false,
        answeredOn: dayIn(draw, 2019, [7, 7, 8, 8, 8]),
        channel: "papier",
        answers: sheetFor(q2019.questions, draw, (key) => RATES_2019[key]![site]!, COMMENTS_2019),
      });
    }
  }
  await addSheets(at("2019-09-05"), first, sheets, "import");

  // 2020 was planned like 2019, then not held.
  const planned = (await copyQuestionnaire(at("2020-03-02"), first, 2020))!;
  const q2020 = (await getQuestionnaire(at("2020-03-02"), planned))!;
  await updateQuestionnaire(at("2020-09-15"), planned, {
    title: q2020.title,
    startsOn: q2020.startsOn,
    endsOn: q2020.endsOn,
    siteIds: q2020.sites.map((s) => s.id),
    channels: q2020.channels,
    intro: q2020.intro,
    thanks: q2020.thanks,
    notHeld: true,
    notHeldReason: "Pas de questionnaires visiteurs en 2020 : la distribution de questionnaires papier n'était pas autorisée (COVID).",
    starter: false,
  });

  // 2021: the same questions, online, with a QR code on each desk.
  const online = (await copyQuestionnaire(at("2021-05-20"), planned, 2021))!;
  const copied = (await getQuestionnaire(at("2021-05-20"), online))!;
  await updateQuestionnaire(at("2021-05-20"), online, {
    title: "Votre avis sur notre accueil — 2021",
    startsOn: "2021-06-01",
    endsOn: "2021-09-30",
    siteIds: copied.sites.map((s) => s.id),
    channels: ["en_ligne", "qr_code"],
    intro: "Votre avis nous aide à améliorer l'accueil de nos offices. Deux minutes, anonyme ; sur votre téléphone, scannez le QR code du comptoir.",
    thanks: "Merci ! Vos réponses nous aident à améliorer l'accueil de nos offices.",
    notHeld: false,
    notHeldReason: "",
    starter: false,
  });
  await addQuestion(at("2021-05-20"), online, {
    kind: "text",
    text: "Votre e-mail, si vous souhaitez que nous vous répondions",
    help: "Facultatif.",
    required: false,
    levels: null,
    choices: [],
    minValue: null,
    maxValue: null,
    personal: true,
  });
  const campaign = (await openPublicQuestionnaire(db, copied.publicToken))!;
  const draw21 = generator(2021);
  // Signage better since the oriflammes (March 2021); opening hours still the weak point.
  const rates2021 = (key: (typeof KEYS)[number], site: string) => (key === "signaletique" ? (site === "Saint-Sever" ? 0.88 : 0.78) : key === "horaires" ? 0.76 : Math.min(0.97, RATES_2019[key]![site]! + 0.01));
  const visitors: Record<string, number> = { "Saint-Sever": 24, Hagetmau: 16, Amou: 12, Geaune: 8 };
  for (const site of sites) {
    for (let i = 0; i < visitors[site]!; i += 1) {
      const day = dayIn(draw21, 2021, [6, 7, 7, 8, 8, 9]);
      await recordPublicSheet(db, campaign, { siteId: siteIds.get(site) ?? null, consent: false, answeredOn: null, channel: null, answers: sheetFor(campaign.questions, draw21, (key) => rates2021(key, site), COMMENTS_2021) }, {
        channel: draw21() < 0.7 ? "qr_code" : "en_ligne",
        today: day,
        now: new Date(`${day}T11:00:00+02:00`),
      });
    }
  }
  // A visitor who found the door closed, left an e-mail with consent: the référente made it a complaint.
  const q = campaign.questions;
  const scale = q.filter((x) => x.kind === "scale");
  const closedDoor = await recordPublicSheet(
    db,
    campaign,
    {
      siteId: siteIds.get("Hagetmau") ?? null,
      consent: true,
      answeredOn: null,
      channel: null,
      answers: [
        ...scale.map((x, i) => ({ questionId: x.id, number: i === 3 ? 1 : i === 5 ? 2 : 3, choices: [], text: "" })),
        { questionId: q.find((x) => x.kind === "text" && !x.personal)!.id, number: null, choices: [], text: "Office fermé à 10 h un mardi d'août alors que les horaires affichés disaient ouvert. Dommage." },
        { questionId: q.find((x) => x.personal)!.id, number: null, choices: [], text: "visiteur.demo@example.org" },
      ],
    },
    { channel: "qr_code", today: "2021-08-10", now: new Date("2021-08-10T10:20:00+02:00") },
  );
  const handler = personIds.get("Conseillère en séjour — Hagetmau") ?? null;
  const complaintId = (await complaintFromResponse(at("2021-08-12"), closedDoor, {
    subject: "Bureau de Hagetmau fermé pendant les horaires affichés",
    description: "Signalé par le questionnaire en ligne.",
    category: "Accueil",
    personId: handler,
  }))!;
  // Answered the next day, by e-mail, as the visitor had agreed.
  const entry = (await getEntry(at("2021-08-13"), complaintId))!;
  await updateEntry(at("2021-08-13"), complaintId, {
    kind: "complaint",
    occurredOn: entry.occurredOn,
    siteId: entry.siteId,
    category: entry.category,
    subject: entry.subject,
    description: entry.description,
    personId: handler,
    closeReason: "",
    status: "close",
    channel: "questionnaire",
    platform: "",
    reviewUrl: "",
    contactName: "",
    contactDetails: entry.contactDetails ?? "",
    answer: "Excuses par e-mail : fermeture exceptionnelle ce matin-là (conseillère en formation), non affichée. Une affichette des fermetures exceptionnelles est prévue.",
    answeredOn: "2021-08-13",
    answeredBy: "Conseillère en séjour — Hagetmau",
  });
}
