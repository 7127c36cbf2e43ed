import * as z from "zod/mini";
import { ACTION_STATUSES, EFFECTIVENESS, ORIGINS, PRIORITIES, checkStatusChange } from "./rules";
import { MAX_ID, checkbox, idList, optionalDay, optionalId, optionalText, requiredId, requiredText } from "../../domain/fields";

export const actionSchema = z.object({
  title: requiredText("Intitulé", 300),
  description: optionalText("Description", 5000),
  origin: z.enum(ORIGINS, { error: "Origine : choisissez dans la liste." }),
  findingId: optionalId("Constat d'origine"),
  originDetail: optionalText("Précision sur l'origine", 300),
  ownerId: requiredId("Pilote"),
  contributorIds: idList("Contributeurs"),
  siteIds: idList("Bureaux"),
  dueOn: optionalDay("Échéance"),
  priority: z.enum(PRIORITIES, { error: "Priorité : choisissez dans la liste." }),
});
export type ActionInput = z.input<typeof actionSchema>;
export type ActionValues = z.output<typeof actionSchema>;

/** A status change; the rules (date, reason) come from the domain, with today given. */
export function statusChangeSchema(today: string) {
  return z
    .object({
      status: z.enum(ACTION_STATUSES, { error: "Statut : choisissez dans la liste." }),
      completedOn: optionalDay("Date de réalisation"),
      statusReason: optionalText("Raison", 500),
      proof: optionalText("Preuve de réalisation", 5000),
      confirmAbandon: checkbox(),
    })
    .check(
      z.superRefine((v, ctx) => {
        if (v.status === "abandonnee" && !v.confirmAbandon) {
          ctx.addIssue({ code: "custom", path: ["confirmAbandon"], message: "Confirmation : cochez la case pour abandonner l'action." });
        }
        const errors = checkStatusChange({ from: "a_faire", to: v.status, completedOn: v.completedOn, reason: v.statusReason, today });
        for (const [path, message] of Object.entries(errors)) ctx.addIssue({ code: "custom", path: [path], message });
      }),
    );
}
export type StatusChangeInput = z.input<ReturnType<typeof statusChangeSchema>>;

export const noteSchema = z.object({
  text: requiredText("Note", 2000),
});

/** A status and/or a note from the plan's list, in one go. */
export const quickUpdateSchema = z.object({
  status: z.catch(z.optional(z.enum(ACTION_STATUSES, { error: "Statut : choix invalide." })), undefined),
  note: optionalText("Note", 2000),
  back: z.catch(z.optional(z.string().check(z.maxLength(2000))), undefined),
});

export const effectivenessSchema = z.object({
  effectiveness: z.enum(EFFECTIVENESS, { error: "Efficacité : efficace ou à revoir." }),
  effectivenessComment: optionalText("Commentaire", 2000),
});

export const PLAN_SORTS = ["due_on", "priority", "updated_at", "title", "status"] as const;

export interface ParsedPlanFilters {
  statuses: Array<(typeof ACTION_STATUSES)[number]>;
  ownerId: number | null;
  siteId: number | null;
  origin: (typeof ORIGINS)[number] | null;
  priority: (typeof PRIORITIES)[number] | null;
  overdue: boolean;
  dueWithinDays: number | null;
  auditId: number | null;
  labelId: number | null;
  findingId: number | null;
  q: string;
  sort: (typeof PLAN_SORTS)[number];
  dir: "asc" | "desc";
  page: number;
}

const positiveInt = (v: string | null, max = MAX_ID) => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 && Number(v) <= max ? Number(v) : null);
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null => (v && (list as readonly string[]).includes(v) ? (v as T) : null);

/**
 * The plan's filters from the address bar (so a view can be bookmarked and shared). A value
 * that does not fit is ignored rather than refused: an old bookmark still opens.
 */
export function parsePlanFilters(params: URLSearchParams): ParsedPlanFilters {
  return {
    statuses: params.getAll("statut").flatMap((s) => oneOf(ACTION_STATUSES, s) ?? []),
    ownerId: positiveInt(params.get("pilote")),
    siteId: positiveInt(params.get("bureau")),
    origin: oneOf(ORIGINS, params.get("origine")),
    priority: oneOf(PRIORITIES, params.get("priorite")),
    overdue: params.get("en-retard") === "1",
    dueWithinDays: positiveInt(params.get("sous"), 3650),
    auditId: positiveInt(params.get("audit")),
    labelId: positiveInt(params.get("label")),
    findingId: positiveInt(params.get("constat")),
    q: (params.get("q") ?? "").slice(0, 200),
    sort: oneOf(PLAN_SORTS, params.get("tri")) ?? "due_on",
    dir: params.get("ordre") === "desc" ? "desc" : "asc",
    page: positiveInt(params.get("page"), 100_000) ?? 1,
  };
}
