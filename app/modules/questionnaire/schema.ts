// Forms of the questionnaires, shared by the browser and the server: a campaign, a question, a
// copy to another year, an answer sheet (the same fields whether typed by staff from paper or
// sent by a visitor from the public page), and what an answer may lead to.
import * as z from "zod/mini";
import { checkbox, idList, isCalendarDay, optionalId, optionalText, preprocess, requiredDay, requiredText } from "../../domain/fields";
import { entryActionSchema } from "../register/schema";
import {
  CHANNELS,
  answerField,
  MAX_CHOICES,
  MAX_CHOICE_LENGTH,
  MAX_TEXT_ANSWER,
  NUMBER_LIMIT,
  QUESTION_KINDS,
  checkCampaignDates,
  choiceLines,
  parseFrenchNumber,
  questionLabel,
  type Channel,
  type Question,
  type QuestionKind,
  type ScaleSize,
} from "./rules";

/** A group of checkboxes of words: nothing, one or several. */
const wordList = <T extends string>(values: readonly [T, ...T[]], label: string) =>
  preprocess(
    (v) => (v === undefined || v === null || v === false || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
    z.pipe(
      z
        .array(z.string(), { error: `${label} : choix invalide.` })
        .check(
          z.maxLength(values.length, { error: `${label} : choix invalide.` }),
          z.refine((list) => list.every((x) => (values as readonly string[]).includes(x)), { error: `${label} : choix invalide.` }),
        ),
      z.transform((list) => [...new Set(list)] as T[]),
    ),
  );

export const questionnaireSchema = z
  .object({
    title: requiredText("Titre", 200),
    startsOn: requiredDay("Début de la campagne"),
    endsOn: requiredDay("Fin de la campagne"),
    siteIds: idList("Bureaux"),
    channels: wordList(CHANNELS, "Canaux").check(z.refine((v) => v.length > 0, { error: "Canaux : cochez au moins un canal." })),
    intro: optionalText("Introduction", 2000),
    thanks: optionalText("Remerciements", 1000),
    notHeld: checkbox(),
    notHeldReason: optionalText("Raison", 1000),
    /** a new campaign: start with the usual questions */
    starter: checkbox(),
  })
  .check(
    z.superRefine((v, ctx) => {
        if (isCalendarDay(v.startsOn) && isCalendarDay(v.endsOn)) {
          const problem = checkCampaignDates(v.startsOn, v.endsOn);
          if (problem) ctx.addIssue({ code: "custom", path: ["endsOn"], message: problem });
        }
        if (v.notHeld && v.notHeldReason === "") {
          ctx.addIssue({ code: "custom", path: ["notHeldReason"], message: "Raison : dites pourquoi la campagne n'a pas eu lieu." });
        }
    }),
  );
export type QuestionnaireInput = z.input<typeof questionnaireSchema>;
export type QuestionnaireValues = z.output<typeof questionnaireSchema>;

const optionalNumber = (label: string) =>
  z.pipe(
    z
      ._default(z.string({ error: `${label} : nombre attendu.` }).check(z.trim()), "")
      .check(z.refine((v) => v === "" || parseFrenchNumber(v) !== null, { error: `${label} : nombre attendu (exemple : 12 ou 2,5).` })),
    z.transform((v) => (v === "" ? null : parseFrenchNumber(v))),
  );

/** A question's fields, checked together; `questionSchema` then keeps only what its kind uses. */
const questionFields = z
  .object({
    kind: z.enum(QUESTION_KINDS, { error: "Type de question : choisissez dans la liste." }),
    text: requiredText("Question", 300),
    help: optionalText("Précision", 300),
    required: checkbox(),
    levels: z._default(z.string({ error: "Niveaux : 4 ou 5." }).check(z.trim()), "4"),
    choices: optionalText("Choix proposés", MAX_CHOICES * (MAX_CHOICE_LENGTH + 2)),
    minValue: optionalNumber("Minimum"),
    maxValue: optionalNumber("Maximum"),
    personal: checkbox(),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.kind === "scale" && v.levels !== "4" && v.levels !== "5") ctx.addIssue({ code: "custom", path: ["levels"], message: "Niveaux : 4 ou 5." });
      if (v.kind === "single" || v.kind === "multiple") {
        const lines = choiceLines(v.choices);
        if (lines.length < 2) ctx.addIssue({ code: "custom", path: ["choices"], message: "Choix proposés : au moins deux, un par ligne." });
        else if (lines.length > MAX_CHOICES) ctx.addIssue({ code: "custom", path: ["choices"], message: `Choix proposés : ${MAX_CHOICES} au plus.` });
        else if (lines.some((l) => l.length > MAX_CHOICE_LENGTH)) ctx.addIssue({ code: "custom", path: ["choices"], message: `Choix proposés : ${MAX_CHOICE_LENGTH} caractères au plus par choix.` });
        else if (new Set(lines.map((l) => l.toLocaleLowerCase("fr"))).size !== lines.length) ctx.addIssue({ code: "custom", path: ["choices"], message: "Choix proposés : chaque choix une seule fois." });
      }
      if (v.kind === "number" && v.minValue !== null && v.maxValue !== null && v.minValue > v.maxValue) {
        ctx.addIssue({ code: "custom", path: ["maxValue"], message: "Maximum : il ne peut pas être inférieur au minimum." });
      }
      if (v.personal && v.kind !== "text") ctx.addIssue({ code: "custom", path: ["personal"], message: "Données personnelles : seulement pour une question en texte libre." });
    }),
  );

export const questionSchema = z.pipe(
  questionFields,
  z.transform((v) => ({
    kind: v.kind,
    text: v.text,
    help: v.help,
    required: v.required,
    levels: v.kind === "scale" ? (Number(v.levels) as ScaleSize) : null,
    choices: v.kind === "single" || v.kind === "multiple" ? choiceLines(v.choices) : [],
    minValue: v.kind === "number" ? v.minValue : null,
    maxValue: v.kind === "number" ? v.maxValue : null,
    personal: v.kind === "text" && v.personal,
  })),
);
export type QuestionInput = z.input<typeof questionSchema>;
export type QuestionValues = z.output<typeof questionSchema>;

export const copySchema = z.object({
  sourceId: optionalId("Campagne à reprendre").check(z.refine((v) => v !== null, { error: "Campagne à reprendre : choisissez-la dans la liste." })),
  year: z.coerce
    .number({ error: "Année : un nombre de quatre chiffres." })
    .check(
      z.int({ error: "Année : un nombre de quatre chiffres." }),
      z.minimum(2000, { error: "Année : 2000 au plus tôt." }),
      z.maximum(2100, { error: "Année : 2100 au plus tard." }),
    ),
});

// ── Answer sheets ───────────────────────────────────────────────────────────────────────────

// The field names live in rules.ts, which pages import without zod (decision 051).
export { HONEYPOT_FIELD, answerField, listFields } from "./rules";

export interface AnswerValue {
  questionId: number;
  /** scale: the level; number: the number */
  number: number | null;
  /** single or multiple choice: the options ticked (indexes from 0) */
  choices: number[];
  text: string;
}

export interface SheetValues {
  siteId: number | null;
  consent: boolean;
  /** typed from paper: the day the visitor answered, and how the sheet came */
  answeredOn: string | null;
  channel: Channel | null;
  answers: AnswerValue[];
}

const asList = (v: unknown) => (v === undefined || v === null || v === "" || v === false ? [] : Array.isArray(v) ? v : [v]);

function answerType(q: Question) {
  const label = questionLabel(q);
  const required = (empty: boolean) => !(q.required && empty);
  const requiredMessage = { error: `${label} : une réponse est attendue.` };
  switch (q.kind) {
    case "scale": {
      const levels = q.levels ?? 4;
      return z
        ._default(z.string({ error: `${label} : choisissez un niveau de 1 à ${levels}.` }).check(z.trim()), "")
        .check(
          z.refine((v) => v === "" || (/^\d$/.test(v) && Number(v) >= 1 && Number(v) <= levels), { error: `${label} : choisissez un niveau de 1 à ${levels}.` }),
          z.refine((v) => required(v === ""), requiredMessage),
        );
    }
    case "single":
      return z
        ._default(z.string({ error: `${label} : choisissez une réponse de la liste.` }).check(z.trim()), "")
        .check(
          z.refine((v) => v === "" || (/^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= q.choices.length), { error: `${label} : choisissez une réponse de 1 à ${q.choices.length}.` }),
          z.refine((v) => required(v === ""), requiredMessage),
        );
    case "multiple":
      return preprocess(
        asList,
        z.array(z.string({ error: `${label} : choix invalide.` }), { error: `${label} : choix invalide.` }).check(z.maxLength(q.choices.length, { error: `${label} : choix invalide.` })),
      ).check(
        z.refine((v) => v.every((c) => /^\d{1,2}$/.test(c) && Number(c) >= 1 && Number(c) <= q.choices.length), { error: `${label} : choix invalide.` }),
        z.refine((v) => new Set(v).size === v.length, { error: `${label} : chaque choix une seule fois.` }),
        z.refine((v) => required(v.length === 0), requiredMessage),
      );
    case "number": {
      const min = q.minValue ?? -NUMBER_LIMIT;
      const max = q.maxValue ?? NUMBER_LIMIT;
      const bounds = q.minValue !== null || q.maxValue !== null ? ` entre ${min.toLocaleString("fr-FR")} et ${max.toLocaleString("fr-FR")}` : "";
      return z
        ._default(z.string({ error: `${label} : nombre attendu.` }).check(z.trim()), "")
        .check(
          z.refine((v) => v === "" || parseFrenchNumber(v) !== null, { error: `${label} : nombre attendu${bounds}.` }),
          z.refine((v) => v === "" || (parseFrenchNumber(v)! >= min && parseFrenchNumber(v)! <= max), { error: `${label} : nombre attendu${bounds}.` }),
          z.refine((v) => required(v === ""), requiredMessage),
        );
    }
    case "text":
      return optionalText(label, MAX_TEXT_ANSWER).check(z.refine((v) => required(v === ""), requiredMessage));
  }
}

function toAnswer(q: Question, raw: unknown): AnswerValue | null {
  const base = { questionId: q.id, number: null, choices: [] as number[], text: "" };
  switch (q.kind as QuestionKind) {
    case "scale":
    case "number":
      return raw === "" ? null : { ...base, number: q.kind === "scale" ? Number(raw) : parseFrenchNumber(String(raw)) };
    case "single":
      return raw === "" ? null : { ...base, choices: [Number(raw) - 1] };
    case "multiple": {
      const list = raw as string[];
      return list.length === 0 ? null : { ...base, choices: list.map((c) => Number(c) - 1).sort((a, b) => a - b) };
    }
    case "text":
      return raw === "" ? null : { ...base, text: String(raw) };
  }
}

export interface SheetOptions {
  /** the campaign's sites (none: the whole office, and the site is not asked) */
  siteIds: readonly number[];
  /** "staff": typed from paper, with the answer's day and channel; "public": sent by a visitor */
  mode: "staff" | "public";
  campaign?: { startsOn: string; endsOn: string };
  today?: string;
}

/** The form of one answer sheet for these questions. */
export function answerSheetSchema(questions: readonly Question[], options: SheetOptions) {
  const shape: Record<string, z.ZodMiniType> = {};
  if (options.mode === "staff") {
    shape.answeredOn = requiredDay("Date de la réponse").check(
      z.refine((v) => !isCalendarDay(v) || !options.campaign || (v >= options.campaign.startsOn && v <= options.campaign.endsOn), {
        error: "Date de la réponse : en dehors de la campagne.",
      }),
    );
    shape.channel = z._default(z.enum(CHANNELS, { error: "Canal : choisissez dans la liste." }), "papier");
  }
  shape.siteId = optionalId("Bureau").check(z.refine((v) => v === null || options.siteIds.includes(v), { error: "Bureau : choisissez un bureau de la campagne." }));
  shape.consent = checkbox();
  for (const q of questions) shape[answerField(q.id)] = answerType(q);
  return z.pipe(
    z.object(shape).check(
      z.superRefine((v, ctx) => {
        if (options.mode === "staff" && options.today && typeof v.answeredOn === "string" && v.answeredOn > options.today) {
          ctx.addIssue({ code: "custom", path: ["answeredOn"], message: "Date de la réponse : elle ne peut pas être dans le futur." });
        }
        const personalGiven = questions.some((q) => q.personal && v[answerField(q.id)] !== "");
        if (personalGiven && v.consent !== true) {
          ctx.addIssue({
            code: "custom",
            path: ["consent"],
            message: options.mode === "public" ? "Accord : cochez la case pour que l'office garde vos coordonnées, ou effacez-les." : "Accord : la personne doit avoir coché la case pour que ses coordonnées soient gardées.",
          });
        }
        if (questions.every((q) => toAnswer(q, v[answerField(q.id)]) === null)) {
          ctx.addIssue({ code: "custom", path: [], message: options.mode === "public" ? "Répondez au moins à une question avant d'envoyer." : "Feuille vide : saisissez au moins une réponse." });
        }
      }),
    ),
    z.transform(
      (v): SheetValues => ({
        siteId: (v.siteId as number | null) ?? null,
        consent: v.consent === true,
        answeredOn: options.mode === "staff" ? (v.answeredOn as string) : null,
        channel: options.mode === "staff" ? (v.channel as Channel) : null,
        answers: questions.map((q) => toAnswer(q, v[answerField(q.id)])).filter((a): a is AnswerValue => a !== null),
      }),
    ),
  );
}


// ── What an answer leads to ─────────────────────────────────────────────────────────────────

/** A complaint of the register from a dissatisfied answer: what the answer does not already say. */
export const complaintFromAnswerSchema = z.object({
  subject: requiredText("Objet", 300),
  description: optionalText("Description", 5000),
  category: optionalText("Catégorie", 100),
  personId: optionalId("Traitée par"),
});
export type ComplaintFromAnswerValues = z.output<typeof complaintFromAnswerSchema>;

/** An action of the plan from a campaign's results or from one answer. */
export const followUpActionSchema = entryActionSchema;

export const deleteResponseSchema = z.object({
  confirm: checkbox().check(z.refine((v) => v, { error: "Confirmation : cochez la case pour supprimer cette réponse." })),
});

export const deleteQuestionnaireSchema = z.object({
  confirm: checkbox().check(z.refine((v) => v, { error: "Confirmation : cochez la case pour supprimer cette campagne." })),
});

/** The question a move, an edit or a removal is about. */
export const questionIdSchema = z.object({ questionId: optionalId("Question").check(z.refine((v) => v !== null, { error: "Question : elle n'existe pas." })) });

// questionDefaults lives in rules.ts, which pages import without zod (decision 051).
export { questionDefaults } from "./rules";
