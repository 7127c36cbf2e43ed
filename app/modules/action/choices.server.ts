// What the action form offers: the office's people, sites and improvement points.
import { listSites } from "../office/queries.server";
import { listPeople } from "../person/queries.server";
import { type Scope } from "~/modules/scope.server";

/** Active people and sites, plus those an existing action already uses (so editing keeps them). */
export async function actionFormChoices(scope: Scope, current?: { ownerId: number; siteIds: number[]; contributorIds: number[] }) {
  const { db, officeId } = scope;
  const [allPeople, allSites, findings] = await Promise.all([
    listPeople(scope),
    listSites(scope),
    db("findings as f").join("audits as a", "a.id", "f.audit_id").where({ "f.office_id": officeId, "f.kind": "improvement" }).select<Array<{ id: number; text: string; title: string }>>("f.id", "f.text", "a.title").orderBy("f.id", "desc"),
  ]);
  const usedPeople = new Set([current?.ownerId, ...(current?.contributorIds ?? [])]);
  const usedSites = new Set(current?.siteIds ?? []);
  const people = allPeople.filter((p) => p.active || usedPeople.has(p.id));
  const sites = allSites.filter((s) => s.active || usedSites.has(s.id));
  return {
    people: people.map((p) => ({ id: p.id, name: p.active ? p.fullName : `${p.fullName} (inactive)` })),
    sites: sites.map((s) => ({ id: s.id, name: s.active ? s.name : `${s.name} (fermé)` })),
    findings: findings.map((f) => ({ id: f.id, label: `${f.title} — ${f.text.slice(0, 70)}` })),
  };
}
