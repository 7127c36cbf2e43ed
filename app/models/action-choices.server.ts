// What the action form offers: the office's people, sites and improvement points.
import type { Knex } from "knex";
import { listSites } from "./office.server";
import { listPeople } from "./person.server";

export async function actionFormChoices(db: Knex, officeId: number) {
  const [people, sites, findings] = await Promise.all([
    listPeople(db, { officeId, activeOnly: true }),
    listSites(db, { officeId, activeOnly: true }),
    db("findings as f").join("audits as a", "a.id", "f.audit_id").where({ "f.office_id": officeId, "f.kind": "improvement" }).select("f.id", "f.text", "a.title").orderBy("f.id", "desc"),
  ]);
  return {
    people: people.map((p) => ({ id: p.id, name: p.fullName })),
    sites: sites.map((s) => ({ id: s.id, name: s.name })),
    findings: findings.map((f) => ({ id: Number(f.id), label: `${String(f.title)} — ${String(f.text).slice(0, 70)}` })),
  };
}
