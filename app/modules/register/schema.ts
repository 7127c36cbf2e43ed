// Forms of the three registers (one zod schema per register, shared by browser and server), the
// register settings, and the list's filters read from the address bar.
import * as z from "zod/mini";
import { MAX_ID, checkbox, isCalendarDay, optionalDay, optionalId, optionalText, optionalUrl, requiredDay, requiredText } from "../../domain/fields";
import { actionSchema } from "../action/schema";
import { CHANNELS, SOURCES, STATUSES, isFinal, type EntryStatus, type RegisterKind } from "./rules";

const common = {
  occurredOn: requiredDay("Date"),
  siteId: optionalId("Bureau"),
  category: optionalText("Catégorie", 100),
  subject: requiredText("Objet", 300),
  description: optionalText("Description", 5000),
  personId: optionalId("Personne"),
  closeReason: optionalText("Raison de la clôture", 1000),
};

function statusField(kind: RegisterKind) {
  return z.enum(STATUSES[kind] as unknown as [EntryStatus, ...EntryStatus[]], { error: "Statut : choisissez dans la liste." });
}

export const dysfunctionSchema = z.object({
  ...common,
  occurredOn: requiredDay("Constaté le"),
  subject: requiredText("Dysfonctionnement", 300),
  status: statusField("dysfunction"),
  impact: optionalText("Impact", 2000),
  immediateFix: optionalText("Correction immédiate", 2000),
  recurrenceOfId: optionalId("Déjà constaté"),
});

export const complaintSchema = z
  .object({
    ...common,
    occurredOn: requiredDay("Reçue le"),
    status: statusField("complaint"),
    channel: z.enum(CHANNELS, { error: "Canal : choisissez dans la liste." }),
    platform: optionalText("Plateforme", 100),
    reviewUrl: optionalUrl("Lien vers l'avis"),
    contactName: optionalText("Nom de la personne", 200),
    contactDetails: optionalText("Contact", 300),
    answer: optionalText("Réponse apportée", 5000),
    answeredOn: optionalDay("Répondue le"),
    answeredBy: optionalText("Répondue par", 200),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.channel === "avis_en_ligne" && v.platform === "") {
        ctx.addIssue({ code: "custom", path: ["platform"], message: "Plateforme : dites où l'avis a été publié (Google, TripAdvisor…)." });
      }
      if (v.answeredOn !== null && isCalendarDay(v.occurredOn) && v.answeredOn < v.occurredOn) {
        ctx.addIssue({ code: "custom", path: ["answeredOn"], message: "Répondue le : la réponse ne peut pas précéder la réception." });
      }
      if (v.answeredOn !== null && v.answer === "") {
        ctx.addIssue({ code: "custom", path: ["answer"], message: "Réponse apportée : dites ce qui a été répondu." });
      }
      if (v.answer !== "" && v.answeredOn === null) {
        ctx.addIssue({ code: "custom", path: ["answeredOn"], message: "Répondue le : date de la réponse attendue." });
      }
    }),
  );

export const suggestionSchema = z
  .object({
    ...common,
    status: statusField("suggestion"),
    source: z.enum(SOURCES, { error: "De la part de : choisissez dans la liste." }),
    contactName: optionalText("Nom", 200),
    decisionReason: optionalText("Raison de la décision", 1000),
    decidedOn: optionalDay("Décidée le"),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (isFinal(v.status) && v.decisionReason === "") {
        ctx.addIssue({ code: "custom", path: ["decisionReason"], message: "Raison de la décision : dites pourquoi la suggestion est ou n'est pas retenue." });
      }
      if (v.source === "person" && v.personId === null) {
        ctx.addIssue({ code: "custom", path: ["personId"], message: "Personne : choisissez la personne de l'office." });
      }
    }),
  );

export const ENTRY_SCHEMAS = { dysfunction: dysfunctionSchema, complaint: complaintSchema, suggestion: suggestionSchema } as const;
export type DysfunctionValues = z.output<typeof dysfunctionSchema>;
export type ComplaintValues = z.output<typeof complaintSchema>;
export type SuggestionValues = z.output<typeof suggestionSchema>;
export type EntryValues =
  | ({ kind: "dysfunction" } & DysfunctionValues)
  | ({ kind: "complaint" } & ComplaintValues)
  | ({ kind: "suggestion" } & SuggestionValues);

export const settingsSchema = z.object({
  answerDays: z.coerce
    .number({ error: "Délai de réponse : un nombre de jours ouvrés." })
    .check(
      z.int({ error: "Délai de réponse : un nombre entier de jours ouvrés." }),
      z.minimum(1, { error: "Délai de réponse : au moins 1 jour ouvré." }),
      z.maximum(60, { error: "Délai de réponse : 60 jours ouvrés au plus." }),
    ),
  retentionYears: z.coerce
    .number({ error: "Conservation : un nombre d'années." })
    .check(
      z.int({ error: "Conservation : un nombre entier d'années." }),
      z.minimum(1, { error: "Conservation : au moins 1 an." }),
      z.maximum(10, { error: "Conservation : 10 ans au plus." }),
    ),
});

export const eraseSchema = z.object({
  confirm: checkbox().check(z.refine((v) => v, { error: "Confirmation : cochez la case pour effacer les données de la personne." })),
});

export interface RegisterFilters {
  from: string | null;
  to: string | null;
  siteId: number | null;
  /** "office": entries for the whole office (no site) */
  wholeOffice: boolean;
  status: EntryStatus | null;
  category: string;
  late: boolean;
  q: string;
  page: number;
}

const positiveInt = (v: string | null, max = MAX_ID) => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 && Number(v) <= max ? Number(v) : null);
const day = (v: string | null) => (v && isCalendarDay(v) ? v : null);

/** The list's filters from the address bar; what does not fit is ignored (an old bookmark opens). */
export function parseRegisterFilters(kind: RegisterKind, params: URLSearchParams): RegisterFilters {
  const status = params.get("statut");
  const site = params.get("bureau");
  return {
    from: day(params.get("du")),
    to: day(params.get("au")),
    siteId: positiveInt(site),
    wholeOffice: site === "office",
    status: status && (STATUSES[kind] as readonly string[]).includes(status) ? (status as EntryStatus) : null,
    category: (params.get("categorie") ?? "").trim().slice(0, 100),
    late: kind === "complaint" && params.get("en-retard") === "1",
    q: (params.get("q") ?? "").slice(0, 200),
    page: positiveInt(params.get("page"), 100_000) ?? 1,
  };
}

/** An action of the plan created from an entry: what the entry does not already say. */
export const entryActionSchema = z.pick(actionSchema, { title: true, description: true, ownerId: true, dueOn: true, priority: true });
export type EntryActionInput = z.input<typeof entryActionSchema>;

