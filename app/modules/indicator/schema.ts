// The forms of indicators: an indicator of the office's own, a season, the standard set, and the
// standard file's own shape (checked when the app loads it).
import * as z from "zod/mini";
import { optionalText, requiredText } from "../../domain/fields";
import { AGGREGATIONS, BREAKDOWNS, CATEGORIES } from "./rules";

export const MAX_ITEMS = 40;

function itemLines(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))];
}

/** The form's fields, checked together; `indicatorSchema` then turns the detail's text into its lines. */
const indicatorFields = z
  .object({
    code: z
      .string({ error: "Code : ce champ est obligatoire." })
      .check(
        z.trim(),
        z.toLowerCase(),
        z.minLength(1, { error: "Code : ce champ est obligatoire." }),
        z.maxLength(60, { error: "Code : 60 caractères au maximum." }),
        z.regex(/^[a-z][a-z0-9_]*$/, { error: "Code : lettres minuscules sans accent, chiffres et _ (exemple : visiteurs_musee)." }),
      ),
    name: requiredText("Nom", 200),
    unit: optionalText("Unité", 60),
    category: z.enum(CATEGORIES, { error: "Catégorie : choisissez dans la liste." }),
    aggregation: z.enum(AGGREGATIONS, { error: "Cumul des mois : choisissez dans la liste." }),
    breakdown: z.enum(BREAKDOWNS, { error: "Détail : choisissez dans la liste." }),
    items: optionalText("Éléments du détail", 8000),
    decimals: z.coerce
      .number({ error: "Décimales : un nombre entre 0 et 3." })
      .check(
        z.int({ error: "Décimales : un nombre entre 0 et 3." }),
        z.minimum(0, { error: "Décimales : un nombre entre 0 et 3." }),
        z.maximum(3, { error: "Décimales : un nombre entre 0 et 3." }),
      ),
    description: optionalText("Description", 2000),
  })
  .check(
    z.superRefine((v, ctx) => {
      const items = itemLines(v.items);
      if (items.length > MAX_ITEMS) ctx.addIssue({ code: "custom", path: ["items"], message: `Éléments du détail : ${MAX_ITEMS} au maximum.` });
      if (items.some((i) => i.length > 200)) ctx.addIssue({ code: "custom", path: ["items"], message: "Éléments du détail : 200 caractères au maximum par ligne." });
      if (["origin", "product", "accommodation"].includes(v.breakdown) && items.length === 0) {
        ctx.addIssue({ code: "custom", path: ["items"], message: "Éléments du détail : un élément par ligne (exemple : Île-de-France)." });
      }
      if ((v.breakdown === "none" || v.breakdown === "site") && items.length > 0) {
        ctx.addIssue({ code: "custom", path: ["items"], message: "Éléments du détail : à laisser vide sans détail ou pour un détail par bureau (ce sont les bureaux de l'office)." });
      }
    }),
  );

export const indicatorSchema = z.pipe(
  indicatorFields,
  z.transform((v) => ({ ...v, items: itemLines(v.items) })),
);
export type IndicatorInput = z.input<typeof indicatorSchema>;
export type IndicatorValues = z.output<typeof indicatorSchema>;

const month = (label: string) =>
  z.coerce
    .number({ error: `${label} : choisissez un mois.` })
    .check(
      z.int({ error: `${label} : choisissez un mois.` }),
      z.minimum(1, { error: `${label} : choisissez un mois.` }),
      z.maximum(12, { error: `${label} : choisissez un mois.` }),
    );

export const seasonSchema = z.object({
  name: requiredText("Nom de la saison", 100),
  startMonth: month("Premier mois"),
  endMonth: month("Dernier mois"),
});
export type SeasonInput = z.input<typeof seasonSchema>;
export type SeasonValues = z.output<typeof seasonSchema>;

const formulaSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("ratio"), numerator: z.string(), denominator: z.string(), factor: z.optional(z.number()) }),
  z.object({ op: z.literal("occupancy"), nights: z.string(), beds: z.string() }),
]);

export const standardFileSchema = z.object({
  description: z.string(),
  seasons: z.array(
    z.object({
      name: z.string().check(z.minLength(1), z.maxLength(100)),
      startMonth: z.number().check(z.int(), z.minimum(1), z.maximum(12)),
      endMonth: z.number().check(z.int(), z.minimum(1), z.maximum(12)),
    }),
  ),
  indicators: z.array(
    z.object({
      code: z.string().check(z.regex(/^[a-z][a-z0-9_]*$/)),
      name: z.string().check(z.minLength(1), z.maxLength(200)),
      unit: z.string().check(z.maxLength(60)),
      category: z.enum(CATEGORIES),
      aggregation: z.enum(AGGREGATIONS),
      breakdown: z.enum(BREAKDOWNS),
      items: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(MAX_ITEMS)), []),
      decimals: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(3)), 0),
      formula: z.optional(formulaSchema),
      description: z._default(z.string().check(z.maxLength(2000)), ""),
    }),
  ),
});
export type StandardFile = z.output<typeof standardFileSchema>;
export { formulaSchema };
