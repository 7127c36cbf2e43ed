// Building blocks shared by every form schema. The same schemas run in the browser
// (react-hook-form) and on the server, where form values arrive as strings.
import * as z from "zod";
// Only the French messages: `z.locales.fr()` would bring all 64 locales into the browser (decision 051).
import fr from "zod/v4/locales/fr.js";

z.config(fr());

export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label} : ce champ est obligatoire.` })
    .trim()
    .min(1, { error: `${label} : ce champ est obligatoire.` })
    .max(max, { error: `${label} : ${max} caractères au maximum.` });

export const optionalText = (label: string, max = 300) =>
  z
    .string({ error: `${label} : texte attendu.` })
    .trim()
    .max(max, { error: `${label} : ${max} caractères au maximum.` })
    .default("");

export const optionalEmail = (label = "E-mail") =>
  z
    .string({ error: `${label} : texte attendu.` })
    .trim()
    .toLowerCase()
    .max(254, { error: `${label} : 254 caractères au maximum.` })
    .refine((v) => v === "" || z.email().safeParse(v).success, {
      error: `${label} : adresse e-mail invalide (exemple : nom@office-tourisme.fr).`,
    })
    .default("");

export const requiredEmail = (label = "E-mail") =>
  z
    .string({ error: `${label} : ce champ est obligatoire.` })
    .trim()
    .toLowerCase()
    .min(1, { error: `${label} : ce champ est obligatoire.` })
    .max(254, { error: `${label} : 254 caractères au maximum.` })
    .refine((v) => z.email().safeParse(v).success, {
      error: `${label} : adresse e-mail invalide (exemple : nom@office-tourisme.fr).`,
    });

export const optionalPhone = (label = "Téléphone") =>
  optionalText(label, 40).refine((v) => v === "" || /^[+0-9 .()-]{6,40}$/.test(v), {
    error: `${label} : chiffres, espaces, points, tirets ou + uniquement.`,
  });

export const optionalPostalCode = () =>
  optionalText("Code postal", 10).refine((v) => v === "" || /^\d{5}$/.test(v), {
    error: "Code postal : cinq chiffres (exemple : 40500).",
  });

export const optionalUrl = (label = "Site web") =>
  optionalText(label, 300).refine((v) => v === "" || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v), {
    error: `${label} : adresse commençant par https:// attendue.`,
  });

/** A checkbox: "on" from a plain HTML form, true/false from react-hook-form, absent when unticked. */
export const checkbox = () =>
  z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** An id chosen in a <select>, required. */
export const requiredId = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? undefined : Number(v)),
    z
      .number({ error: `${label} : faites un choix dans la liste.` })
      .int()
      .positive({ error: `${label} : faites un choix dans la liste.` })
      .max(MAX_ID, { error: `${label} : faites un choix dans la liste.` }),
  );

/** An optional id chosen in a <select>: "" means none. */
export const optionalId = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : Number(v)),
    z.number({ error: `${label} : choix invalide.` }).int().positive().max(MAX_ID, { error: `${label} : choix invalide.` }).nullable(),
  );

export const password = (label = "Mot de passe") =>
  z
    .string({ error: `${label} : ce champ est obligatoire.` })
    .min(12, { error: `${label} : 12 caractères au minimum.` })
    .max(200, { error: `${label} : 200 caractères au maximum.` });

/** A real calendar day "YYYY-MM-DD" (no 31 February). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Ids are 32-bit integers in the database. */
export const MAX_ID = 2_147_483_647;

/** A required calendar day from an <input type="date">. */
export const requiredDay = (label: string) =>
  z
    .string({ error: `${label} : date attendue.` })
    .trim()
    .refine((v) => isCalendarDay(v), { error: `${label} : date attendue (jj/mm/aaaa).` });

/** An optional calendar day: "" becomes null. */
export const optionalDay = (label: string) =>
  z
    .string({ error: `${label} : date attendue.` })
    .trim()
    .default("")
    .refine((v) => v === "" || isCalendarDay(v), { error: `${label} : date attendue (jj/mm/aaaa).` })
    .transform((v) => (v === "" ? null : v));

/** A group of checkboxes: nothing, one value or several, as ids. */
export const idList = (label: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.coerce.number({ error: `${label} : choix invalide.` }).int().positive({ error: `${label} : choix invalide.` }).max(MAX_ID, { error: `${label} : choix invalide.` }), {
        error: `${label} : choix invalide.`,
      })
      .max(200),
  );
