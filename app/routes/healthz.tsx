// Liveness for a reverse proxy or a supervisor: answers 200 when the database answers.
import { getDb } from "~/db.server";

export async function loader() {
  await getDb().raw("select 1");
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
