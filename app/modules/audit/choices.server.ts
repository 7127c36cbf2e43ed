// What the audit form offers: the office's labels and référentiel versions with their pillars.
import type { ReferentialChoice } from "~/modules/referential/rules";
import { listLabels } from "../label/queries.server";
import { getReferential, listReferentials } from "../referential/queries.server";
import { type Scope } from "~/modules/scope.server";

export async function auditFormChoices(scope: Scope) {
  const [labels, summaries] = await Promise.all([listLabels(scope), listReferentials(scope)]);
  const referentials: ReferentialChoice[] = [];
  for (const r of summaries) {
    const stored = await getReferential(scope, { referentialId: r.id });
    if (stored) referentials.push({ id: r.id, code: r.code, label: r.label, version: r.version, pillars: stored.grid.pillars.map((p) => ({ code: p.code, label: p.label })), validityYears: stored.grid.validityYears ?? null });
  }
  return {
    labels: labels.map((l) => ({ id: l.id, name: l.name, referentialCode: l.referentialCode, referentialId: l.referentialId })),
    referentials,
  };
}
