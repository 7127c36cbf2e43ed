// The schema of a référentiel file (YAML) under audits/. Documented field by field in
// audits/README.md. Parsed by app/modules/referential/file.ts, which reports every problem
// with its line.
import { z } from "zod";

const code = (what: string) =>
  z
    .string({ error: `${what} : texte attendu.` })
    .trim()
    .min(1, { error: `${what} : obligatoire.` })
    .max(40, { error: `${what} : 40 caractères au maximum.` })
    .regex(/^[\p{L}\p{N}._-]+$/u, { error: `${what} : lettres, chiffres, points, tirets ou _ uniquement.` })
    .refine((v) => !["__proto__", "constructor", "prototype"].includes(v), { error: `${what} : ce code est réservé.` });

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} : texte attendu.` })
    .trim()
    .min(1, { error: `${what} : obligatoire.` })
    .max(max, { error: `${what} : ${max} caractères au maximum.` });

const optionalText = (what: string, max: number) =>
  z.string({ error: `${what} : texte attendu.` }).trim().max(max, { error: `${what} : ${max} caractères au maximum.` }).default("");

const day = (what: string) =>
  z
    .union([z.string(), z.date()], { error: `${what} : date attendue (AAAA-MM-JJ).` })
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
    .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)), { error: `${what} : date attendue (AAAA-MM-JJ).` });

const percent = (what: string) =>
  z.number({ error: `${what} : nombre attendu.` }).min(0, { error: `${what} : entre 0 et 100.` }).max(100, { error: `${what} : entre 0 et 100.` });

export const scaleLevelSchema = z.object({
  code: code("Code du niveau"),
  label: text("Libellé du niveau", 80),
  points: z.number({ error: "Points : nombre attendu." }).min(0, { error: "Points : positif ou nul." }).max(100, { error: "Points : 100 au maximum." }),
  conforme: z.boolean({ error: "conforme : true ou false attendu." }),
});

export const scaleSchema = z.object({
  label: text("Libellé de l'échelle", 80),
  levels: z.array(scaleLevelSchema, { error: "Niveaux : liste attendue." }).min(2, { error: "Niveaux : au moins deux." }).max(10, { error: "Niveaux : dix au maximum." }),
});

export const pillarSchema = z.object({
  code: code("Code du pilier"),
  label: text("Libellé du pilier", 120),
  thresholds: z.object(
    {
      first: percent("Seuil de première labellisation"),
      renewal: percent("Seuil de renouvellement"),
    },
    { error: "Seuils : first et renewal attendus." },
  ),
});

export interface ChapterInput {
  code: string;
  title: string;
  chapters?: ChapterInput[];
}

export const chapterSchema: z.ZodType<ChapterInput> = z.lazy(() =>
  z.object({
    code: code("Code du chapitre"),
    title: text("Titre du chapitre", 200),
    chapters: z.array(chapterSchema, { error: "Sous-chapitres : liste attendue." }).optional(),
  }),
);

export const criterionSchema = z.object({
  code: code("Code du critère"),
  chapter: code("Chapitre du critère"),
  text: text("Texte du critère", 2000),
  scale: code("Échelle du critère"),
  coefficient: z
    .number({ error: "Coefficient : nombre attendu." })
    .positive({ error: "Coefficient : strictement positif." })
    .max(100, { error: "Coefficient : 100 au maximum." }),
  mandatory: z.boolean({ error: "mandatory : true ou false attendu." }).default(false),
  bonus: z.boolean({ error: "bonus : true ou false attendu." }).default(false),
  pillar: code("Pilier du critère"),
  check: optionalText("Mode de vérification", 300),
  guidance: optionalText("Aide", 2000),
});

export const referentialFileSchema = z
  .object({
    code: code("code"),
    label: text("label", 200),
    version: text("version", 40),
    valid_from: day("valid_from"),
    valid_until: day("valid_until").optional(),
    validity: z
      .number({ error: "validity : nombre d'années attendu (exemple : 5)." })
      .int({ error: "validity : nombre entier d'années." })
      .min(1, { error: "validity : entre 1 et 10 ans." })
      .max(10, { error: "validity : entre 1 et 10 ans." })
      .optional(),
    notice: optionalText("notice", 2000),
    scales: z.record(code("Code d'échelle"), scaleSchema, { error: "scales : table d'échelles attendue." }),
    pillars: z.array(pillarSchema, { error: "pillars : liste attendue." }).min(1, { error: "pillars : au moins un pilier." }),
    chapters: z.array(chapterSchema, { error: "chapters : liste attendue." }).min(1, { error: "chapters : au moins un chapitre." }),
    criteria: z
      .array(criterionSchema, { error: "criteria : liste attendue." })
      .min(1, { error: "criteria : au moins un critère." })
      .max(2000, { error: "criteria : 2 000 critères au maximum." }),
  })
  .strict();

export type ReferentialFile = z.output<typeof referentialFileSchema>;
