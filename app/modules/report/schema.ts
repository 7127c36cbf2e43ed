// The options of the Word reports, read from the address (the page "Rapports" sends them as a
// GET form, so a report can be bookmarked). Unlike the plan's list, a report refuses options it
// cannot honour: a wrong grouping or period is a 400 with a French message, not a silent default.
import * as z from "zod/mini";
import { GROUPINGS } from "./rules";

const day = (label: string) =>
  z.pipe(
    z.pipe(
      z.string().check(z.trim()),
      z.transform((v) => (v === "" ? null : v)),
    ),
    z.nullable(
      z
        .string()
        .check(
          z.regex(/^\d{4}-\d{2}-\d{2}$/, `${label} : une date au format AAAA-MM-JJ.`),
          z.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${label} : cette date n’existe pas.`),
        ),
    ),
  );

export const planReportOptionsSchema = z
  .object({
    groupe: z._default(z.enum(Object.keys(GROUPINGS) as [keyof typeof GROUPINGS, ...Array<keyof typeof GROUPINGS>], { error: "Regrouper par : origine, bureau ou statut." }), "origine"),
    du: z._default(day("Échéance à partir du"), null),
    au: z._default(day("Échéance jusqu’au"), null),
  })
  .check(z.refine((v) => v.du === null || v.au === null || v.du <= v.au, { path: ["au"], message: "Période : la date de fin doit venir après la date de début." }));

export type PlanReportOptions = z.output<typeof planReportOptionsSchema>;

/** The options of the plan's report from the address; the plan's own filters are read by parsePlanFilters. */
export function planReportOptions(params: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const key of ["groupe", "du", "au"]) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  return planReportOptionsSchema.safeParse(raw);
}
