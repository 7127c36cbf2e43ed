// Imported référentiel versions of an office. A version is written once and never changed.
import fs from "node:fs";
import path from "node:path";
import type { Referential } from "~/modules/referential/rules";
import { decodeText, parseReferentialYaml, type FileOutcome } from "~/modules/referential/file";
import { recordHistory } from "../history/queries.server";
import type { ReferentialsRecord } from "../../../db/records";
import { insertedId, isUniqueViolation, nowIso, sortByFrench } from "../../utils/rows.server";
import type { Scope } from "~/modules/scope.server";

export interface ReferentialSummary {
  id: number;
  code: string;
  label: string;
  version: string;
  validFrom: string;
  validUntil: string | null;
  criteriaCount: number;
  source: string;
  importedAt: string;
}

export interface StoredReferential extends ReferentialSummary {
  grid: Referential;
}

function toSummary(r: Pick<ReferentialsRecord, "id" | "code" | "label" | "version" | "valid_from" | "valid_until" | "criteria_count" | "source" | "imported_at">): ReferentialSummary {
  return {
    id: r.id,
    code: r.code,
    label: r.label,
    version: r.version,
    validFrom: r.valid_from,
    validUntil: r.valid_until || null,
    criteriaCount: r.criteria_count,
    source: r.source,
    importedAt: r.imported_at,
  };
}

export class DuplicateVersionError extends Error {}

export async function importReferential(
  scope: Scope,
  input: { grid: Referential; source: string },
): Promise<number> {
  const { db, officeId, actor } = scope;
  try {
    return await db.transaction(async (trx) => {
      const existing = await trx("referentials").where({ office_id: officeId, code: input.grid.code, version: input.grid.version }).first();
      if (existing) throw new DuplicateVersionError(`${input.grid.code} ${input.grid.version}`);
      const row = {
        office_id: officeId,
        code: input.grid.code,
        label: input.grid.label,
        version: input.grid.version,
        valid_from: input.grid.validFrom,
        valid_until: input.grid.validUntil,
        criteria_count: input.grid.criteria.length,
        content: JSON.stringify(input.grid),
        source: input.source,
        imported_at: nowIso(),
        imported_by_user_id: actor.userId,
      };
      const id = insertedId(await trx("referentials").insert(row).returning("id"));
      const { content: _content, ...summary } = row;
      await recordHistory(trx, { officeId, entityType: "referential", entityId: id, action: "create", actor, before: null, after: summary });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateVersionError(`${input.grid.code} ${input.grid.version}`);
    throw error;
  }
}

export async function listReferentials(scope: Scope): Promise<ReferentialSummary[]> {
  const { db, officeId } = scope;
  const rows = await db("referentials")
    .where({ office_id: officeId })
    .select("id", "code", "label", "version", "valid_from", "valid_until", "criteria_count", "source", "imported_at");
  return sortByFrench(rows.map(toSummary), (r) => `${r.label} ${r.validFrom}`);
}

export async function getReferential(scope: Scope, query: { referentialId: number }): Promise<StoredReferential | null> {
  const { db, officeId } = scope;
  const row = await db("referentials").where({ id: query.referentialId, office_id: officeId }).first();
  if (!row) return null;
  return { ...toSummary(row), grid: JSON.parse(row.content) as Referential };
}

/** The latest imported version of a référentiel code (by start date), the base of a CSV import. */
export async function latestVersion(scope: Scope, query: { code: string }): Promise<StoredReferential | null> {
  const { db, officeId } = scope;
  const row = await db("referentials").where({ office_id: officeId, code: query.code }).orderBy("valid_from", "desc").orderBy("id", "desc").first();
  if (!row) return null;
  return { ...toSummary(row), grid: JSON.parse(row.content) as Referential };
}

/** The model grids shipped under audits/, read and checked like any upload. */
export const SHIPPED_DIR = path.resolve(process.cwd(), "audits");

export function listShippedGrids(): Array<{ file: string; outcome: FileOutcome }> {
  return fs
    .readdirSync(SHIPPED_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((file) => {
      const decoded = decodeText(fs.readFileSync(path.join(SHIPPED_DIR, file)));
      return { file, outcome: decoded.ok ? parseReferentialYaml(decoded.text) : { ok: false as const, problems: decoded.problems } };
    });
}
