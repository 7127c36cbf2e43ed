// The questionnaires' rules, with the day given: satisfaction figures, campaign dates and states,
// copies to another year, the previous campaign and its questions, answer sheets and CSV rows.
import { describe, expect, it } from "vitest";
import { formatDay } from "~/domain/dates";
import { readHeader, readSheets, templateHeader } from "~/modules/questionnaire/import";
import {
  campaignState,
  checkCampaignDates,
  choiceStats,
  copiedTitle,
  formatMean,
  formatRate,
  isDissatisfied,
  matchPrevious,
  numberStats,
  parseFrenchNumber,
  percent,
  periodText,
  pooledSatisfaction,
  previousCampaign,
  publicRefusal,
  rateChange,
  scaleStats,
  shiftYears,
  type Question,
} from "~/modules/questionnaire/rules";
import { answerField, answerSheetSchema, questionSchema } from "~/modules/questionnaire/schema";

const question = (id: number, position: number, extra: Partial<Question>): Question => ({
  id,
  position,
  kind: "scale",
  text: `Question ${position}`,
  help: "",
  required: false,
  levels: 4,
  choices: [],
  minValue: null,
  maxValue: null,
  personal: false,
  copiedFromId: null,
  ...extra,
});

const QUESTIONS: Question[] = [
  question(11, 1, { text: "Qualité de l'accueil", required: true }),
  question(12, 2, { text: "Signalétique", levels: 5 }),
  question(13, 3, { kind: "single", text: "D'où venez-vous ?", levels: null, choices: ["Landes", "Ailleurs"] }),
  question(14, 4, { kind: "multiple", text: "Comment nous avez-vous connus ?", levels: null, choices: ["Panneaux", "Internet", "Guide"] }),
  question(15, 5, { kind: "number", text: "Combien êtes-vous ?", levels: null, minValue: 1, maxValue: 60 }),
  question(16, 6, { kind: "text", text: "Remarques", levels: null }),
  question(17, 7, { kind: "text", text: "Votre e-mail", levels: null, personal: true }),
];

describe("satisfaction figures", () => {
  it("counts the two best levels as satisfied, on 4 and on 5 levels", () => {
    // 4 levels: 3 and 4 are satisfied; 1 and 2 dissatisfied.
    const four = scaleStats(4, [1, 2, 3, 4]);
    expect(four).toMatchObject({ answered: 10, satisfied: 7, dissatisfied: 3, satisfactionRate: 70, mean: 3 });
    // 5 levels: 4 and 5 are satisfied; the middle one is neither.
    const five = scaleStats(5, [1, 1, 2, 3, 3]);
    expect(five).toMatchObject({ answered: 10, satisfied: 6, dissatisfied: 2, satisfactionRate: 60, mean: 3.6 });
    expect(isDissatisfied(2)).toBe(true);
    expect(isDissatisfied(3)).toBe(false);
  });

  it("has no rate and no mean without answers, and rounds to one decimal", () => {
    expect(scaleStats(4, [])).toMatchObject({ answered: 0, satisfactionRate: null, mean: null, counts: [0, 0, 0, 0] });
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(1, 0)).toBeNull();
    expect(formatRate(66.7)).toBe("66,7 %");
    expect(formatRate(null)).toBe("—");
    expect(formatMean(3.456, 4)).toBe("3,5 / 4");
  });

  it("pools every answer of every scale question once", () => {
    expect(pooledSatisfaction([scaleStats(4, [0, 0, 1, 9]), scaleStats(4, [5, 5, 0, 0])])).toEqual({ answered: 20, satisfied: 10, rate: 50 });
  });

  it("gives a choice's share of the people who answered, and a number's mean and median", () => {
    const stats = choiceStats(["Panneaux", "Internet"], [3, 2], 4);
    expect(stats.options).toEqual([
      { label: "Panneaux", count: 3, share: 75 },
      { label: "Internet", count: 2, share: 50 },
    ]);
    expect(numberStats([1, 2, 2, 5])).toEqual({ count: 4, mean: 2.5, median: 2, min: 1, max: 5 });
    expect(numberStats([])).toMatchObject({ count: 0, mean: null });
  });

  it("says a change in points", () => {
    expect(rateChange(89.4, 87.3)).toBe("+2,1 pts");
    expect(rateChange(80, 81)).toBe("−1 pt");
    expect(rateChange(80, 80)).toBe("stable");
    expect(rateChange(80, null)).toBeNull();
  });
});

describe("campaigns", () => {
  const summer = { startsOn: "2021-06-01", endsOn: "2021-09-30", notHeld: false };

  it("is to come, running (both days included) or over, or not held", () => {
    expect(campaignState(summer, "2021-05-31")).toBe("a_venir");
    expect(campaignState(summer, "2021-06-01")).toBe("en_cours");
    expect(campaignState(summer, "2021-09-30")).toBe("en_cours");
    expect(campaignState(summer, "2021-10-01")).toBe("terminee");
    expect(campaignState({ ...summer, notHeld: true }, "2021-07-01")).toBe("non_realisee");
  });

  it("takes public answers only while it runs, and only online", () => {
    const online = { ...summer, channels: ["en_ligne" as const] };
    expect(publicRefusal(online, "2021-07-14", formatDay)).toBeNull();
    expect(publicRefusal(online, "2021-05-31", formatDay)).toBe("Ce questionnaire ouvrira le 1er juin 2021.");
    expect(publicRefusal(online, "2021-10-01", formatDay)).toMatch(/^Ce questionnaire est clos depuis le 30 septembre 2021\./);
    expect(publicRefusal({ ...online, channels: ["papier"] }, "2021-07-14", formatDay)).toBe("Ce questionnaire ne se remplit pas en ligne.");
    expect(publicRefusal({ ...online, notHeld: true }, "2021-07-14", formatDay)).not.toBeNull();
  });

  it("refuses an end before the start or a campaign of more than two years", () => {
    expect(checkCampaignDates("2021-06-01", "2021-05-31")).toMatch(/^Fin de la campagne : /);
    expect(checkCampaignDates("2021-06-01", "2021-06-01")).toBeNull();
    expect(checkCampaignDates("2021-01-01", "2023-01-01")).toBeNull();
    expect(checkCampaignDates("2021-01-01", "2023-01-03")).toMatch(/deux ans/);
  });

  it("moves to another year, the 29th of February to the 28th", () => {
    expect(shiftYears("2019-07-01", 2)).toBe("2021-07-01");
    expect(shiftYears("2020-02-29", 1)).toBe("2021-02-28");
    expect(shiftYears("2020-02-29", 4)).toBe("2024-02-29");
    expect(copiedTitle("Questionnaire de satisfaction des visiteurs 2019", 2019, 2020)).toBe("Questionnaire de satisfaction des visiteurs 2020");
    expect(copiedTitle("Été 2019, bureaux 2019-A", 2019, 2021)).toBe("Été 2021, bureaux 2021-A");
    expect(copiedTitle("Votre avis", 2019, 2021)).toBe("Votre avis 2021");
    expect(copiedTitle("Enquête 20190", 2019, 2021)).toBe("Enquête 20190 2021");
  });

  it("says the period the French way", () => {
    expect(periodText("2019-07-01", "2019-08-31", formatDay)).toBe("du 1er juillet au 31 août 2019");
    expect(periodText("2020-12-01", "2021-01-31", formatDay)).toBe("du 1er décembre 2020 au 31 janvier 2021");
  });

  it("compares with the latest campaign held before it, naming those not held in between", () => {
    const campaigns = [
      { id: 1, startsOn: "2019-07-01", notHeld: false },
      { id: 2, startsOn: "2020-07-01", notHeld: true },
      { id: 3, startsOn: "2021-06-01", notHeld: false },
      { id: 4, startsOn: "2022-06-01", notHeld: false },
    ];
    expect(previousCampaign(campaigns, campaigns[2]!)).toEqual({ previous: campaigns[0], skipped: [campaigns[1]] });
    expect(previousCampaign(campaigns, campaigns[3]!)).toEqual({ previous: campaigns[2], skipped: [] });
    expect(previousCampaign(campaigns, campaigns[0]!)).toEqual({ previous: null, skipped: [] });
  });

  it("matches each question with the one it was copied from, through a campaign not held, else by its wording", () => {
    const q2019 = [
      { id: 1, kind: "scale" as const, text: "Qualité de l'accueil", copiedFromId: null },
      { id: 2, kind: "scale" as const, text: "Signalétique", copiedFromId: null },
      { id: 3, kind: "text" as const, text: "Vos  remarques", copiedFromId: null },
    ];
    // 2020 (not held) copied 2019; 2021 copied 2020 and renamed the first question.
    const copiedFrom = new Map<number, number | null>([
      [21, 1],
      [22, 2],
    ]);
    const q2021 = [
      { id: 31, kind: "scale" as const, text: "Accueil au guichet", copiedFromId: 21 },
      { id: 32, kind: "single" as const, text: "Signalétique", copiedFromId: 22 },
      { id: 33, kind: "text" as const, text: "vos remarques", copiedFromId: null },
    ];
    const matches = matchPrevious(q2021, q2019, copiedFrom);
    expect(Object.fromEntries(matches)).toEqual({ 31: 1, 33: 3 });
  });

  it("reads a French decimal within bounds", () => {
    expect(parseFrenchNumber("2,5")).toBe(2.5);
    expect(parseFrenchNumber(" 1 200 ")).toBe(1200);
    expect(parseFrenchNumber("1e9")).toBeNull();
    expect(parseFrenchNumber("99999999999")).toBeNull();
    expect(parseFrenchNumber("abc")).toBeNull();
  });
});

describe("a question's form", () => {
  it("needs two choices at least, one scale size, bounds in order", () => {
    const base = { text: "Q", help: "", required: false, levels: "4", choices: "", minValue: "", maxValue: "", personal: false };
    expect(questionSchema.safeParse({ ...base, kind: "single", choices: "Seul" }).success).toBe(false);
    expect(questionSchema.safeParse({ ...base, kind: "single", choices: "Oui\n\n non \n" }).data).toMatchObject({ choices: ["Oui", "non"], levels: null });
    expect(questionSchema.safeParse({ ...base, kind: "multiple", choices: "A\na" }).success).toBe(false);
    expect(questionSchema.safeParse({ ...base, kind: "scale", levels: "7" }).success).toBe(false);
    expect(questionSchema.safeParse({ ...base, kind: "number", minValue: "10", maxValue: "2" }).success).toBe(false);
    expect(questionSchema.safeParse({ ...base, kind: "scale", personal: true }).success).toBe(false);
  });
});

describe("an answer sheet", () => {
  const sites = { siteIds: [5, 6] };
  const publicSheet = answerSheetSchema(QUESTIONS, { ...sites, mode: "public" });
  const staffSheet = answerSheetSchema(QUESTIONS, { ...sites, mode: "staff", campaign: { startsOn: "2021-06-01", endsOn: "2021-09-30" }, today: "2021-07-14" });
  const full = { [answerField(11)]: "4", [answerField(12)]: "2", [answerField(13)]: "1", [answerField(14)]: ["1", "3"], [answerField(15)]: "3", [answerField(16)]: "Très bien", siteId: "5" };
  const messages = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) => r.error?.issues.map((i) => i.message) ?? [];

  it("reads every kind of answer", () => {
    const parsed = publicSheet.parse(full);
    expect(parsed.siteId).toBe(5);
    expect(parsed.answers).toEqual([
      { questionId: 11, number: 4, choices: [], text: "" },
      { questionId: 12, number: 2, choices: [], text: "" },
      { questionId: 13, number: null, choices: [0], text: "" },
      { questionId: 14, number: null, choices: [0, 2], text: "" },
      { questionId: 15, number: 3, choices: [], text: "" },
      { questionId: 16, number: null, choices: [], text: "Très bien" },
    ]);
  });

  it("bounds every field and names the question", () => {
    expect(messages(publicSheet.safeParse({ ...full, [answerField(11)]: "5" }))).toContain("Question 1 : choisissez un niveau de 1 à 4.");
    expect(messages(publicSheet.safeParse({ ...full, [answerField(12)]: "6" }))).toContain("Question 2 : choisissez un niveau de 1 à 5.");
    expect(messages(publicSheet.safeParse({ ...full, [answerField(13)]: "3" }))[0]).toMatch(/^Question 3 : /);
    expect(messages(publicSheet.safeParse({ ...full, [answerField(14)]: ["1", "1"] }))[0]).toMatch(/^Question 4 : /);
    expect(messages(publicSheet.safeParse({ ...full, [answerField(14)]: ["1", "2", "3", "1"] }))[0]).toMatch(/^Question 4 : /);
    expect(messages(publicSheet.safeParse({ ...full, [answerField(15)]: "61" }))).toContain("Question 5 : nombre attendu entre 1 et 60.");
    expect(messages(publicSheet.safeParse({ ...full, [answerField(16)]: "é".repeat(2001) }))[0]).toMatch(/^Question 6 : 2000 caractères/);
    expect(messages(publicSheet.safeParse({ ...full, siteId: "7" }))).toContain("Bureau : choisissez un bureau de la campagne.");
  });

  it("needs the required answers, one answer at least, and consent to keep personal data", () => {
    expect(messages(publicSheet.safeParse({ ...full, [answerField(11)]: "" }))).toContain("Question 1 : une réponse est attendue.");
    expect(messages(publicSheet.safeParse({ siteId: "" }))).toContain("Répondez au moins à une question avant d'envoyer.");
    expect(messages(publicSheet.safeParse({ ...full, [answerField(17)]: "moi@example.org" }))[0]).toMatch(/^Accord : /);
    expect(publicSheet.parse({ ...full, [answerField(17)]: "moi@example.org", consent: "on" }).consent).toBe(true);
  });

  it("typed from paper: the day within the campaign and not in the future, the channel from the list", () => {
    expect(staffSheet.parse({ ...full, answeredOn: "2021-07-01" })).toMatchObject({ answeredOn: "2021-07-01", channel: "papier" });
    expect(messages(staffSheet.safeParse({ ...full, answeredOn: "2021-05-31" }))).toContain("Date de la réponse : en dehors de la campagne.");
    expect(messages(staffSheet.safeParse({ ...full, answeredOn: "2021-07-15" }))).toContain("Date de la réponse : elle ne peut pas être dans le futur.");
    expect(messages(staffSheet.safeParse({ ...full, answeredOn: "2021-07-01", channel: "pigeon" }))).toContain("Canal : choisissez dans la liste.");
  });
});

describe("a CSV file of sheets", () => {
  const context = { questions: QUESTIONS, sites: [{ id: 5, name: "Hagetmau" }, { id: 6, name: "Saint-Sever" }], campaign: { startsOn: "2021-06-01", endsOn: "2021-09-30" }, today: "2021-12-01" };
  const rows = (lines: string[][]) => lines.map((cells, i) => ({ line: i + 1, cells }));

  it("names its columns after the questions", () => {
    expect(templateHeader(QUESTIONS)).toEqual(["date", "bureau", "canal", "Q1 Qualité de l'accueil", "Q2 Signalétique", "Q3 D'où venez-vous ?", "Q4 Comment nous avez-vous connus ?", "Q5 Combien êtes-vous ?", "Q6 Remarques", "Q7 Votre e-mail", "accord"]);
    expect(readHeader(["Date", "Q1 Qualité de l'accueil", "q 2"], QUESTIONS).problems).toEqual([]);
    expect(readHeader(["date", "Q9", "couleur", "Q1", "q1"], QUESTIONS).problems.map((p) => p.message)).toEqual([
      "Colonne « Q9 » : ce questionnaire n'a pas de question 9.",
      expect.stringMatching(/^Colonne « couleur » inconnue/),
      "Colonne « q1 » : en double.",
    ]);
  });

  it("reads numbers or words, French days, sites by name, several choices with |", () => {
    const { sheets, problems } = readSheets(
      rows([
        ["date", "bureau", "canal", "Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "accord"],
        ["14/07/2021", "hagetmau", "", "Très satisfait", "2", "Landes", "1|guide", "2,5", "Bien", "", ""],
        ["", "", "QR code", "3", "", "", "", "", "", "a@b.fr", "oui"],
      ]),
      context,
    );
    expect(problems).toEqual([]);
    expect(sheets[0]).toMatchObject({ answeredOn: "2021-07-14", siteId: 5, channel: "papier", answers: expect.arrayContaining([{ questionId: 14, number: null, choices: [0, 2], text: "" }]) });
    // An empty day is the campaign's last one; consent given.
    expect(sheets[1]).toMatchObject({ answeredOn: "2021-09-30", siteId: null, channel: "qr_code", consent: true });
  });

  it("refuses the whole file, naming each line's problem", () => {
    const { sheets, problems } = readSheets(
      rows([
        ["date", "bureau", "Q1", "Q5"],
        ["14/07/2021", "Hagetmau", "4", "3"],
        ["14/07/2021", "Geaune", "9", "3"],
        ["31/02/2021", "", "4", "100"],
      ]),
      context,
    );
    expect(sheets).toEqual([]);
    expect(problems).toEqual([
      { line: 3, message: expect.stringMatching(/^Bureau « Geaune » : pas un bureau de la campagne/) },
      { line: 3, message: "Question 1 : choisissez un niveau de 1 à 4." },
      { line: 4, message: "Date de la réponse : date attendue (jj/mm/aaaa)." },
      { line: 4, message: "Question 5 : nombre attendu entre 1 et 60." },
    ]);
  });

  it("says an empty file or a header alone", () => {
    expect(readSheets([], context).problems[0]!.message).toMatch(/^Le fichier est vide/);
    expect(readSheets(rows([["date", "Q1"]]), context).problems[0]!.message).toMatch(/^Aucune réponse/);
  });
});
