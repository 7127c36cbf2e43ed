// Building blocks shared by every form schema. The same schemas run in the browser
// (react-hook-form) and on the server, where form values arrive as strings.
// zod/mini (decision 051): a schema is a function call, its rules go in `.check(…)`, and the
// wrappers (default, optional, nullable, pipe) are functions too; the browser bundles only what
// the schemas use.
import * as z from "zod/mini";
// Only the French messages: `z.locales.fr()` would bring all 64 locales into the browser (decision 051).
import fr from "zod/v4/locales/fr.js";

z.config(fr());

export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label} : ce champ est obligatoire.` })
    .check(z.trim(), z.minLength(1, { error: `${label} : ce champ est obligatoire.` }), z.maxLength(max, { error: `${label} : ${max} caractères au maximum.` }));

export const optionalText = (label: string, max = 300) =>
  z._default(z.string({ error: `${label} : texte attendu.` }).check(z.trim(), z.maxLength(max, { error: `${label} : ${max} caractères au maximum.` })), "");

const isEmail = (v: string) => z.email().safeParse(v).success;

export const optionalEmail = (label = "E-mail") =>
  z._default(
    z.string({ error: `${label} : texte attendu.` }).check(
      z.trim(),
      z.toLowerCase(),
      z.maxLength(254, { error: `${label} : 254 caractères au maximum.` }),
      z.refine((v) => v === "" || isEmail(v), { error: `${label} : adresse e-mail invalide (exemple : nom@office-tourisme.fr).` }),
    ),
    "",
  );

export const requiredEmail = (label = "E-mail") =>
  z.string({ error: `${label} : ce champ est obligatoire.` }).check(
    z.trim(),
    z.toLowerCase(),
    z.minLength(1, { error: `${label} : ce champ est obligatoire.` }),
    z.maxLength(254, { error: `${label} : 254 caractères au maximum.` }),
    z.refine((v) => isEmail(v), { error: `${label} : adresse e-mail invalide (exemple : nom@office-tourisme.fr).` }),
  );

export const optionalPhone = (label = "Téléphone") =>
  optionalText(label, 40).check(
    z.refine((v) => v === "" || /^[+0-9 .()-]{6,40}$/.test(v), { error: `${label} : chiffres, espaces, points, tirets ou + uniquement.` }),
  );

export const optionalPostalCode = () =>
  optionalText("Code postal", 10).check(z.refine((v) => v === "" || /^\d{5}$/.test(v), { error: "Code postal : cinq chiffres (exemple : 40500)." }));

export const optionalUrl = (label = "Site web") =>
  optionalText(label, 300).check(
    z.refine((v) => v === "" || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v), { error: `${label} : adresse commençant par https:// attendue.` }),
  );

/**
 * zod classic's `z.preprocess(fn, schema)`: `fn` turns the raw value (a form's string, an
 * absent field) into what `schema` parses. zod/mini spells it as a pipe from a transform.
 */
export const preprocess = <S extends z.core.$ZodType>(fn: (value: unknown) => unknown, schema: S) => z.pipe(z.transform(fn), schema);

/** A checkbox: "on" from a plain HTML form, true/false from react-hook-form, absent when unticked. */
export const checkbox = () => preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** An id chosen in a <select>, required. */
export const requiredId = (label: string) =>
  preprocess(
    (v) => (v === "" || v === undefined || v === null ? undefined : Number(v)),
    z
      .number({ error: `${label} : faites un choix dans la liste.` })
      .check(z.int(), z.positive({ error: `${label} : faites un choix dans la liste.` }), z.maximum(MAX_ID, { error: `${label} : faites un choix dans la liste.` })),
  );

/** An optional id chosen in a <select>: "" means none. */
export const optionalId = (label: string) =>
  preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : Number(v)),
    z.nullable(z.number({ error: `${label} : choix invalide.` }).check(z.int(), z.positive(), z.maximum(MAX_ID, { error: `${label} : choix invalide.` }))),
  );

export const password = (label = "Mot de passe") =>
  z
    .string({ error: `${label} : ce champ est obligatoire.` })
    .check(z.minLength(12, { error: `${label} : 12 caractères au minimum.` }), z.maxLength(200, { error: `${label} : 200 caractères au maximum.` }));

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
  z.string({ error: `${label} : date attendue.` }).check(z.trim(), z.refine((v) => isCalendarDay(v), { error: `${label} : date attendue (jj/mm/aaaa).` }));

/** An optional calendar day: "" becomes null. */
export const optionalDay = (label: string) =>
  z.pipe(
    z
      ._default(z.string({ error: `${label} : date attendue.` }).check(z.trim()), "")
      .check(z.refine((v) => v === "" || isCalendarDay(v), { error: `${label} : date attendue (jj/mm/aaaa).` })),
    z.transform((v) => (v === "" ? null : v)),
  );

/** A group of checkboxes: nothing, one value or several, as ids. */
export const idList = (label: string) =>
  preprocess(
    (v) => (v === undefined || v === null || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(
        z.coerce
          .number({ error: `${label} : choix invalide.` })
          .check(z.int(), z.positive({ error: `${label} : choix invalide.` }), z.maximum(MAX_ID, { error: `${label} : choix invalide.` })),
        { error: `${label} : choix invalide.` },
      )
      .check(z.maxLength(200)),
  );
