// Checks that every history row in a database reads in French: its record type is in the
// registry, each field it records has a label, each stored value of a choice field has a word.
import type { Knex } from "knex";
import { aggregateOf } from "~/modules/registry";

export async function historyWithoutFrench(db: Knex): Promise<string[]> {
  const problems = new Set<string>();
  const rows = await db("history").select("entity_type", "changes");
  for (const row of rows) {
    const type = String(row.entity_type);
    const aggregate = aggregateOf(type);
    if (!aggregate) {
      problems.add(`type « ${type} » absent du registre`);
      continue;
    }
    const changes = JSON.parse(String(row.changes)) as Record<string, { before: unknown; after: unknown }>;
    for (const [field, change] of Object.entries(changes)) {
      const words = aggregate.fields[field];
      if (!words) {
        problems.add(`${type}.${field} : pas de libellé`);
        continue;
      }
      if (!words.values) continue;
      for (const value of [change.before, change.after]) {
        if (value === null || value === "" || value === "••••") continue;
        if (words.kind === "boolean") continue;
        if (!(String(value) in words.values)) problems.add(`${type}.${field} = « ${String(value)} » : pas de mot français`);
      }
    }
  }
  return [...problems].sort();
}
