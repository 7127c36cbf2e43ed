// What the audit form offers: the office's labels and référentiel versions with their pillars.
import type { Knex } from "knex";
import type { ReferentialChoice } from "~/modules/referential/rules";
import { listLabels } from "../label/queries.server";
import { getReferential, listReferentials } from "../referential/queries.server";

export async function auditFormChoices(db: Knex, officeId: number) {
  const [labels, summaries] = await Promise.all([listLabels(db, officeId), listReferentials(db, officeId)]);
  const referentials: ReferentialChoice[] = [];
  for (const r of summaries) {
    const stored = await getReferential(db, { officeId, referentialId: r.id });
    if (stored) referentials.push({ id: r.id, code: r.code, label: r.label, version: r.version, pillars: stored.grid.pillars.map((p) => ({ code: p.code, label: p.label })) });
  }
  return {
    labels: labels.map((l) => ({ id: l.id, name: l.name, referentialCode: l.referentialCode, referentialId: l.referentialId })),
    referentials,
  };
}
