// Satisfaction questionnaires (decision 037): question kinds and scales, channels, the state of a
// campaign on a given day and whether the public page takes answers, satisfaction figures (the
// distribution, the mean, the satisfaction rate = share of the two best levels), comparison with
// the previous campaign, and copying a campaign to another year. Pure: "today" is given.
import type { QuestionInput } from "./schema";

export const QUESTION_KINDS = ["scale", "single", "multiple", "number", "text"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  scale: "Échelle de satisfaction",
  single: "Choix unique",
  multiple: "Choix multiple",
  number: "Nombre",
  text: "Texte libre",
};

export const CHANNELS = ["papier", "email", "en_ligne", "qr_code"] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  papier: "Papier",
  email: "E-mail",
  en_ligne: "En ligne",
  qr_code: "QR code au guichet",
};
/** The channels through which visitors answer on the public page themselves. */
export const PUBLIC_CHANNELS: readonly Channel[] = ["email", "en_ligne", "qr_code"];

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/** "papier,qr_code" → ["papier", "qr_code"] (unknown words dropped, in the list's order). */
export function parseChannels(stored: string): Channel[] {
  const words = new Set(stored.split(","));
  return CHANNELS.filter((c) => words.has(c));
}

/** ["papier", "qr_code"] → "Papier, QR code au guichet". */
export function channelsText(channels: readonly Channel[]): string {
  return channels.map((c) => CHANNEL_LABELS[c]).join(", ");
}

export const SOURCES = ["staff", "public", "import"] as const;
export type Source = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<Source, string> = {
  staff: "Saisie d'une feuille",
  public: "Page publique",
  import: "Import CSV",
};

// ── Scales ──────────────────────────────────────────────────────────────────────────────────

export const SCALE_SIZES = [4, 5] as const;
export type ScaleSize = (typeof SCALE_SIZES)[number];

/** The words of each level, the worst first: level 1 is "Pas du tout satisfait". */
export const SCALE_WORDS: Record<ScaleSize, readonly string[]> = {
  4: ["Pas du tout satisfait", "Peu satisfait", "Satisfait", "Très satisfait"],
  5: ["Pas du tout satisfait", "Peu satisfait", "Ni satisfait ni insatisfait", "Satisfait", "Très satisfait"],
};

export function isScaleSize(value: unknown): value is ScaleSize {
  return value === 4 || value === 5;
}

export function levelWord(levels: ScaleSize, level: number): string {
  return SCALE_WORDS[levels][level - 1] ?? String(level);
}

/** The two best levels count as satisfied (the satisfaction rate's numerator). */
export function isSatisfied(level: number, levels: ScaleSize): boolean {
  return level >= levels - 1;
}

/** The two worst levels: an answer there may become a complaint or an action. */
export function isDissatisfied(level: number): boolean {
  return level <= 2;
}

export interface ScaleStats {
  levels: ScaleSize;
  /** how many answers at each level, level 1 first */
  counts: number[];
  answered: number;
  /** the mean level, 1 to `levels`, or null without answers */
  mean: number | null;
  /** share of the two best levels, in percent (one decimal), or null without answers */
  satisfactionRate: number | null;
  satisfied: number;
  dissatisfied: number;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** A percentage with one decimal, or null when nothing was counted. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? oneDecimal((part / whole) * 100) : null;
}

/** The figures of a scale question from the number of answers at each level (level 1 first). */
export function scaleStats(levels: ScaleSize, counts: readonly number[]): ScaleStats {
  const full = Array.from({ length: levels }, (_, i) => Math.max(0, Math.trunc(counts[i] ?? 0)));
  const answered = full.reduce((a, b) => a + b, 0);
  const sum = full.reduce((a, n, i) => a + n * (i + 1), 0);
  const satisfied = full.reduce((a, n, i) => a + (isSatisfied(i + 1, levels) ? n : 0), 0);
  const dissatisfied = full.reduce((a, n, i) => a + (isDissatisfied(i + 1) ? n : 0), 0);
  return {
    levels,
    counts: full,
    answered,
    mean: answered > 0 ? Math.round((sum / answered) * 100) / 100 : null,
    satisfactionRate: percent(satisfied, answered),
    satisfied,
    dissatisfied,
  };
}

/** One rate over several scale questions: every answer of every question counts once. */
export function pooledSatisfaction(stats: readonly ScaleStats[]): { answered: number; satisfied: number; rate: number | null } {
  const answered = stats.reduce((a, s) => a + s.answered, 0);
  const satisfied = stats.reduce((a, s) => a + s.satisfied, 0);
  return { answered, satisfied, rate: percent(satisfied, answered) };
}

export interface ChoiceStats {
  /** people who answered the question (a multiple choice counts a person once) */
  respondents: number;
  options: Array<{ label: string; count: number; share: number | null }>;
}

/** Counts per option of a single or multiple choice, each as a share of those who answered. */
export function choiceStats(choices: readonly string[], counts: readonly number[], respondents: number): ChoiceStats {
  return {
    respondents,
    options: choices.map((label, i) => ({ label, count: counts[i] ?? 0, share: percent(counts[i] ?? 0, respondents) })),
  };
}

export interface NumberStats {
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export function numberStats(values: readonly number[]): NumberStats {
  if (values.length === 0) return { count: 0, mean: null, median: null, min: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return {
    count: values.length,
    mean: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100,
    median,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

// ── Campaigns ───────────────────────────────────────────────────────────────────────────────

export const CAMPAIGN_STATES = ["a_venir", "en_cours", "terminee", "non_realisee"] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
export const CAMPAIGN_STATE_LABELS: Record<CampaignState, string> = {
  a_venir: "À venir",
  en_cours: "En cours",
  terminee: "Terminée",
  non_realisee: "Non réalisée",
};

export interface CampaignDates {
  startsOn: string;
  endsOn: string;
  notHeld: boolean;
}

/** Where a campaign stands on `today` (both of its days included). */
export function campaignState(campaign: CampaignDates, today: string): CampaignState {
  if (campaign.notHeld) return "non_realisee";
  if (today < campaign.startsOn) return "a_venir";
  if (today > campaign.endsOn) return "terminee";
  return "en_cours";
}

/** The longest campaign the form accepts: two years. */
export const MAX_CAMPAIGN_DAYS = 731;

/** Why these dates do not make a campaign (a message for the end field), or null. */
export function checkCampaignDates(startsOn: string, endsOn: string): string | null {
  if (endsOn < startsOn) return "Fin de la campagne : elle ne peut pas précéder le début.";
  const days = (Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000;
  if (days > MAX_CAMPAIGN_DAYS) return "Fin de la campagne : une campagne dure deux ans au plus.";
  return null;
}

/**
 * Why the public page refuses an answer today, in French, or null when it takes it: only while
 * the campaign runs, and only for a campaign that asks visitors online (e-mail, link, QR code).
 */
export function publicRefusal(campaign: CampaignDates & { channels: readonly Channel[] }, today: string, format: (day: string) => string): string | null {
  const state = campaignState(campaign, today);
  if (state === "non_realisee" || !campaign.channels.some((c) => PUBLIC_CHANNELS.includes(c))) return "Ce questionnaire ne se remplit pas en ligne.";
  if (state === "a_venir") return `Ce questionnaire ouvrira le ${format(campaign.startsOn)}.`;
  if (state === "terminee") return `Ce questionnaire est clos depuis le ${format(campaign.endsOn)}. Merci de votre intérêt.`;
  return null;
}

/** The day `years` years later (29 February becomes 28 February in a common year). */
export function shiftYears(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

/** "Satisfaction des visiteurs 2019" copied to 2021 → "Satisfaction des visiteurs 2021"; a title without the year gets it. */
export function copiedTitle(title: string, fromYear: number, toYear: number): string {
  const pattern = new RegExp(`(^|\\D)${fromYear}(?=\\D|$)`, "g");
  if (pattern.test(title)) return title.replace(pattern, (_, before: string) => `${before}${toYear}`).slice(0, 200);
  return `${title.slice(0, 194)} ${toYear}`;
}

/** A campaign's year: the year it starts. */
export function campaignYear(campaign: { startsOn: string }): number {
  return Number(campaign.startsOn.slice(0, 4));
}

/**
 * The campaign this one is compared with: the latest campaign held that started before it, and
 * those not held in between (said on the results page: "2020 : non réalisée (COVID)").
 */
export function previousCampaign<T extends { id: number; startsOn: string; notHeld: boolean }>(campaigns: readonly T[], current: { id: number; startsOn: string }): { previous: T | null; skipped: T[] } {
  const earlier = campaigns
    .filter((c) => c.id !== current.id && (c.startsOn < current.startsOn || (c.startsOn === current.startsOn && c.id < current.id)))
    .sort((a, b) => (a.startsOn === b.startsOn ? b.id - a.id : a.startsOn < b.startsOn ? 1 : -1));
  const skipped: T[] = [];
  for (const c of earlier) {
    if (!c.notHeld) return { previous: c, skipped };
    skipped.push(c);
  }
  return { previous: null, skipped };
}

/** A question as the rules compare it. */
export interface QuestionKey {
  id: number;
  kind: QuestionKind;
  text: string;
  copiedFromId: number | null;
}

const textKey = (text: string) => text.normalize("NFC").toLocaleLowerCase("fr").replace(/\s+/g, " ").trim();

/**
 * Which question of the previous campaign each question is compared with: the one it was copied
 * from (through copies of copies: 2021 ← 2020, not held, ← 2019), else one of the same kind and
 * the same wording. `copiedFrom` gives, for a question of an older campaign, the question it was itself copied from.
 */
export function matchPrevious(current: readonly QuestionKey[], previous: readonly QuestionKey[], copiedFrom: ReadonlyMap<number, number | null> = new Map()): Map<number, number> {
  const byId = new Map(previous.map((q) => [q.id, q]));
  const used = new Set<number>();
  const matches = new Map<number, number>();
  for (const q of current) {
    let cursor = q.copiedFromId;
    for (let i = 0; cursor !== null && i < 20; i += 1) {
      const found = byId.get(cursor);
      if (found && found.kind === q.kind && !used.has(found.id)) {
        matches.set(q.id, found.id);
        used.add(found.id);
        break;
      }
      cursor = copiedFrom.get(cursor) ?? null;
    }
  }
  for (const q of current) {
    if (matches.has(q.id)) continue;
    const found = previous.find((p) => !used.has(p.id) && p.kind === q.kind && textKey(p.text) === textKey(q.text));
    if (found) {
      matches.set(q.id, found.id);
      used.add(found.id);
    }
  }
  return matches;
}

/** "87 %", "87,5 %", or "—". */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${rate.toLocaleString("fr-FR")} %`;
}

/** A mean level: "3,4 / 4". */
export function formatMean(mean: number | null, levels: ScaleSize): string {
  return mean === null ? "—" : `${(Math.round(mean * 10) / 10).toLocaleString("fr-FR")} / ${levels}`;
}

/** Difference in points between two rates: "+4,2 pts", "−3 pts", or null. */
export function rateChange(current: number | null, previous: number | null): string | null {
  if (current === null || previous === null) return null;
  const diff = oneDecimal(current - previous);
  if (diff === 0) return "stable";
  return `${diff > 0 ? "+" : "−"}${Math.abs(diff).toLocaleString("fr-FR")} pt${Math.abs(diff) >= 2 ? "s" : ""}`;
}

// ── Bounds of what a sheet may hold ─────────────────────────────────────────────────────────

export const MAX_QUESTIONS = 40;
export const MAX_CHOICES = 20;
export const MAX_CHOICE_LENGTH = 100;
export const MAX_TEXT_ANSWER = 2000;
/** A number answer without bounds of its own stays within this. */
export const NUMBER_LIMIT = 1_000_000_000;

/** "1,5" or "1.5" → 1.5; anything else (or out of ±NUMBER_LIMIT) → null. */
export function parseFrenchNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^-?\d{1,10}(\.\d{1,4})?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) && Math.abs(value) <= NUMBER_LIMIT ? value : null;
}

/** The options of a choice question typed one per line: trimmed, blank lines dropped. */
export function choiceLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** A question as forms, pages and documents read it. */
export interface Question {
  id: number;
  position: number;
  kind: QuestionKind;
  text: string;
  help: string;
  required: boolean;
  /** scale: 4 or 5 levels */
  levels: ScaleSize | null;
  /** single or multiple choice: the options */
  choices: string[];
  minValue: number | null;
  maxValue: number | null;
  /** free text asking for personal data: kept only with the visitor's consent */
  personal: boolean;
  copiedFromId: number | null;
}

/** "Question 3", as messages name a question. */
export function questionLabel(q: Pick<Question, "position">): string {
  return `Question ${q.position}`;
}

/** A question's content, as a form gives it (without its place or identity). */
export type QuestionContent = Omit<Question, "id" | "position" | "copiedFromId">;

/**
 * The questions a visitor questionnaire of a labelled office usually asks (reception, information,
 * documentation, opening hours, signage, overall satisfaction, how visitors heard of the office,
 * where they come from, a comment): what a new campaign starts with, unless asked otherwise.
 */
export const STARTER_QUESTIONS: readonly QuestionContent[] = [
  { kind: "scale", text: "Qualité de l'accueil", help: "Amabilité, disponibilité, temps d'attente.", required: false, levels: 4, choices: [], minValue: null, maxValue: null, personal: false },
  { kind: "scale", text: "Qualité et pertinence des informations données", help: "", required: false, levels: 4, choices: [], minValue: null, maxValue: null, personal: false },
  { kind: "scale", text: "Documentation proposée", help: "Guides, cartes, brochures.", required: false, levels: 4, choices: [], minValue: null, maxValue: null, personal: false },
  { kind: "scale", text: "Horaires d'ouverture", help: "", required: false, levels: 4, choices: [], minValue: null, maxValue: null, personal: false },
  { kind: "scale", text: "Signalétique pour trouver l'office", help: "", required: false, levels: 4, choices: [], minValue: null, maxValue: null, personal: false },
  { kind: "scale", text: "Satisfaction générale", help: "", required: true, levels: 4, choices: [], minValue: null, maxValue: null, personal: false },
  {
    kind: "multiple",
    text: "Comment avez-vous connu l'office de tourisme ?",
    help: "",
    required: false,
    levels: null,
    choices: ["Panneaux et signalétique", "Site internet", "Réseaux sociaux", "Guide ou brochure", "Bouche-à-oreille", "Hébergeur ou commerçant"],
    minValue: null,
    maxValue: null,
    personal: false,
  },
  { kind: "single", text: "D'où venez-vous ?", help: "", required: false, levels: null, choices: ["Landes", "Nouvelle-Aquitaine (hors Landes)", "Autre région de France", "Étranger"], minValue: null, maxValue: null, personal: false },
  { kind: "number", text: "Combien de personnes êtes-vous ?", help: "", required: false, levels: null, choices: [], minValue: 1, maxValue: 60, personal: false },
  { kind: "text", text: "Vos remarques et suggestions", help: "", required: false, levels: null, choices: [], minValue: null, maxValue: null, personal: false },
];

/** "du 1er juillet au 31 août 2019" (the year once when both days share it). */
export function periodText(startsOn: string, endsOn: string, formatDay: (day: string) => string): string {
  const start = formatDay(startsOn);
  const end = formatDay(endsOn);
  const sameYear = startsOn.slice(0, 4) === endsOn.slice(0, 4);
  return `du ${sameYear ? start.replace(new RegExp(`\\s${startsOn.slice(0, 4)}$`), "") : start} au ${end}`;
}

/** The form field of a question's answer. */
export const answerField = (questionId: number) => `q${questionId}`;

/** A field no person sees or fills (hidden by the stylesheet, skipped by Tab): bots fill it. */
export const HONEYPOT_FIELD = "site_web";

/** The names of the fields that post several values (multiple choices). */
export function listFields(questions: readonly Question[]): string[] {
  return questions.filter((q) => q.kind === "multiple").map((q) => answerField(q.id));
}

/** A question's form values from what is stored (the form's fields are strings). */
export function questionDefaults(q: { kind: QuestionKind; text: string; help: string; required: boolean; levels: ScaleSize | null; choices: string[]; minValue: number | null; maxValue: number | null; personal: boolean }): QuestionInput {
  return {
    kind: q.kind,
    text: q.text,
    help: q.help,
    required: q.required,
    levels: String(q.levels ?? 4),
    choices: q.choices.join("\n"),
    minValue: q.minValue === null ? "" : String(q.minValue).replace(".", ","),
    maxValue: q.maxValue === null ? "" : String(q.maxValue).replace(".", ","),
    personal: q.personal,
  };
}
