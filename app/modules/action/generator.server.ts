// Generated actions to try the plan at scale (demo and benchmark only), written in batches
// with one history row each.
import { ACTION_STATUSES, ORIGINS, PRIORITIES, PRIORITY_RANK, dueSortKey } from "~/modules/action/rules";
import { searchTerms } from "~/domain/search";
import type { Scope } from "~/modules/scope.server";
import { seededRandom } from "~/utils/seeded-random";

const VERBS = ["Vérifier", "Mettre à jour", "Remplacer", "Afficher", "Former l'équipe à", "Relancer", "Préparer", "Réparer"];
const OBJECTS = ["la signalétique", "les horaires d'ouverture", "la documentation", "le présentoir", "le questionnaire de satisfaction", "la page du site", "le rack à vélos", "la vitrine", "le registre des réclamations", "la façade"];

export async function generateActions(scope: Scope, input: { count: number; seed?: number }): Promise<number> {
  const { db, officeId } = scope;
  const people = (await db("people").where({ office_id: officeId }).select("id")).map((r) => r.id);
  const sites = (await db("sites").where({ office_id: officeId }).select("id")).map((r) => r.id);
  if (people.length === 0) throw new Error("L'office n'a aucune personne pour piloter les actions.");
  const next = seededRandom(input.seed ?? 42);
  const now = new Date().toISOString();
  let written = 0;
  while (written < input.count) {
    const size = Math.min(500, input.count - written);
    await db.transaction(async (trx) => {
      const rows = Array.from({ length: size }, (_, i) => {
        const title = `${VERBS[next(VERBS.length)]} ${OBJECTS[next(OBJECTS.length)]} (n° ${written + i + 1})`;
        const status = ACTION_STATUSES[next(ACTION_STATUSES.length)]!;
        const priority = PRIORITIES[next(PRIORITIES.length)]!;
        const due = new Date(Date.UTC(2020 + next(7), next(12), 1 + next(28))).toISOString().slice(0, 10);
        return {
          office_id: officeId,
          title,
          description: "",
          origin: ORIGINS[next(ORIGINS.length)]!,
          owner_person_id: people[next(people.length)]!,
          due_on: due,
          due_sort: dueSortKey(due),
          priority,
          priority_rank: PRIORITY_RANK[priority],
          status,
          status_reason: status === "bloquee" || status === "abandonnee" ? "Généré" : "",
          completed_on: status === "faite" ? due : null,
          search_text: searchTerms(title).join(" "),
          created_at: now,
          updated_at: now,
        };
      });
      const ids = (await trx("actions").insert(rows).returning("id")).map((r) => r.id);
      const links = ids.flatMap((id) => (sites.length && next(3) > 0 ? [{ action_id: id, site_id: sites[next(sites.length)]! }] : []));
      if (links.length) await trx("action_sites").insert(links);
      await trx("history").insert(
        ids.map((id) => ({
          office_id: officeId,
          entity_type: "action",
          entity_id: id,
          action: "create",
          actor_user_id: null,
          actor_name: "Génération de données de test",
          at: now,
          changes: JSON.stringify({ title: { before: null, after: "(action générée)" } }),
        })),
      );
    });
    written += size;
  }
  return written;
}
