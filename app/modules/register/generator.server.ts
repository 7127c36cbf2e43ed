// Generated complaints to try the registers at scale (benchmark only), written in batches with
// one history row each.
import type { Scope } from "../scope.server";
import { addWorkingDays } from "~/domain/working-days";
import { searchKey } from "~/domain/search";
import { CHANNELS, DEFAULT_ANSWER_DAYS, DEFAULT_CATEGORIES, lateAfter } from "./rules";
import { seededRandom } from "~/utils/seeded-random";

const SUBJECTS = ["Attente au guichet", "Brochure épuisée", "Horaires erronés sur le site", "Visite guidée complète", "Fléchage absent", "Boutique fermée", "Lien cassé sur le site", "Billet non reçu"];

export async function generateComplaints(scope: Scope, input: { count: number; seed?: number }): Promise<number> {
  const { db, officeId } = scope;
  const sites = (await db("sites").where({ office_id: officeId }).select("id")).map((r) => r.id);
  const next = seededRandom(input.seed ?? 7);
  const now = new Date().toISOString();
  const categories = DEFAULT_CATEGORIES.complaint;
  let written = 0;
  while (written < input.count) {
    const size = Math.min(500, input.count - written);
    await db.transaction(async (trx) => {
      const rows = Array.from({ length: size }, (_, i) => {
        const day = new Date(Date.UTC(2018 + next(8), next(12), 1 + next(28))).toISOString().slice(0, 10);
        const subject = `${SUBJECTS[next(SUBJECTS.length)]} (n° ${written + i + 1})`;
        const answered = next(10) > 0;
        const answeredOn = answered ? addWorkingDays(day, 1 + next(8)) : null;
        const category = categories[next(categories.length)]!;
        const dueOn = addWorkingDays(day, DEFAULT_ANSWER_DAYS);
        return {
          office_id: officeId,
          kind: "complaint",
          occurred_on: day,
          site_id: sites.length && next(4) > 0 ? sites[next(sites.length)]! : null,
          category,
          subject,
          status: answered ? (next(2) ? "close" : "repondue") : "ouverte",
          channel: CHANNELS[next(CHANNELS.length)]!,
          contact_name: next(2) ? "Personne générée" : "",
          answer: answered ? "Réponse générée" : "",
          answered_on: answeredOn,
          answer_due_on: dueOn,
          late_after: lateAfter({ kind: "complaint", answerDueOn: dueOn, answeredOn }),
          search_text: searchKey(`${subject} ${category}`),
          created_by_name: "Génération de données de test",
          created_at: now,
          updated_at: now,
        };
      });
      const ids = (await trx("register_entries").insert(rows).returning("id")).map((r) => r.id);
      await trx("history").insert(
        ids.map((id) => ({
          office_id: officeId,
          entity_type: "register_entry",
          entity_id: id,
          action: "create",
          actor_user_id: null,
          actor_name: "Génération de données de test",
          at: now,
          changes: JSON.stringify({ subject: { before: null, after: "(réclamation générée)" } }),
        })),
      );
    });
    written += size;
  }
  return written;
}
