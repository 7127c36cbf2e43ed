// The office's reminder days (decision 046): one row per kind it changed, the defaults otherwise.
import { recordHistory } from "../history/queries.server";
import type { Scope } from "../scope.server";
import { nowIso } from "../../utils/rows.server";
import { OFFICE_STAGE_KINDS, formatStages, officeStages, type OfficeStageKind, type OfficeStages } from "./rules";

export async function getOfficeStages(scope: Scope): Promise<OfficeStages> {
  const rows = await scope.db("office_reminder_settings").where({ office_id: scope.officeId }).select("kind", "stages");
  return officeStages(rows.map((r) => ({ kind: r.kind, stages: r.stages })));
}

/** Saves every kind at once (a kind set back to its defaults keeps its row: the office chose it), with one history row. */
export async function saveOfficeStages(scope: Scope, values: OfficeStages): Promise<void> {
  await scope.db.transaction(async (trx) => {
    const rows = await trx("office_reminder_settings").where({ office_id: scope.officeId }).select("kind", "stages");
    const before = officeStages(rows.map((r) => ({ kind: r.kind, stages: r.stages })));
    const changed: OfficeStageKind[] = OFFICE_STAGE_KINDS.filter((k) => formatStages(before[k]) !== formatStages(values[k]));
    if (changed.length === 0) return;
    const now = nowIso(scope.now);
    for (const kind of changed) {
      await trx("office_reminder_settings")
        .insert({ office_id: scope.officeId, kind, stages: values[kind].join(","), updated_at: now })
        .onConflict(["office_id", "kind"])
        .merge(["stages", "updated_at"]);
    }
    await recordHistory(trx, {
      officeId: scope.officeId,
      entityType: "office",
      entityId: scope.officeId,
      action: "update",
      actor: scope.actor,
      now: scope.now,
      before: Object.fromEntries(changed.map((k) => [`reminder_${k}`, formatStages(before[k])])),
      after: Object.fromEntries(changed.map((k) => [`reminder_${k}`, formatStages(values[k])])),
    });
  });
}
