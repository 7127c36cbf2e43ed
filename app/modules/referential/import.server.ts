// Importing a référentiel file (YAML, or CSV of criteria for a new version): shared by the
// command line; the page does the same steps on an uploaded file.
import fs from "node:fs";
import path from "node:path";
import { decodeText, parseCriteriaCsv, parseReferentialYaml, type FileProblem } from "~/modules/referential/file";
import { importMetaSchema } from "~/modules/audit/schema";
import { DuplicateVersionError, importReferential, latestVersion } from "./queries.server";
import { type Scope } from "~/modules/scope.server";

export type ImportOutcome = { ok: true; id: number; label: string; version: string; criteria: number } | { ok: false; problems: FileProblem[] };

export async function importReferentialFile(
  scope: Scope,
  input: { file: string; csv?: { baseCode: string; version: string; validFrom: string; validUntil: string | null } },
): Promise<ImportOutcome> {
  const problem = (message: string): ImportOutcome => ({ ok: false, problems: [{ line: null, field: "fichier", message }] });
  if (!fs.existsSync(input.file)) return problem(`Fichier introuvable : ${input.file}`);
  if (fs.statSync(input.file).size > 2 * 1024 * 1024) return problem("Fichier trop volumineux : 2 Mo au maximum.");
  const decoded = decodeText(fs.readFileSync(input.file));
  if (!decoded.ok) return { ok: false, problems: decoded.problems };
  let outcome;
  if (/\.ya?ml$/i.test(input.file)) {
    outcome = parseReferentialYaml(decoded.text);
  } else if (/\.csv$/i.test(input.file)) {
    if (!input.csv) return problem("Pour un CSV, indiquez --base, --version et --from.");
    const meta = importMetaSchema.safeParse({ ...input.csv, validUntil: input.csv.validUntil ?? "" });
    if (!meta.success) return { ok: false, problems: meta.error.issues.map((i) => ({ line: null, field: String(i.path[0] ?? "options"), message: i.message })) };
    const base = await latestVersion(scope, { code: meta.data.baseCode });
    if (!base) return problem(`Référentiel de base inconnu dans cet office : ${meta.data.baseCode}`);
    outcome = parseCriteriaCsv(decoded.text, base.grid, meta.data);
  } else {
    return problem("Un fichier .yaml, .yml ou .csv est attendu.");
  }
  if (!outcome.ok) return outcome;
  try {
    const id = await importReferential(scope, { grid: outcome.referential, source: path.basename(input.file) });
    return { ok: true, id, label: outcome.referential.label, version: outcome.referential.version, criteria: outcome.referential.criteria.length };
  } catch (error) {
    if (error instanceof DuplicateVersionError) return problem(`La version ${outcome.referential.version} de ce référentiel est déjà importée.`);
    throw error;
  }
}
