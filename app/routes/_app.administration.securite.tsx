// Administration › Journal de sécurité: sign-ins, failures, lock-outs, password and account
// changes of the office and of its members' accounts, newest first (decision 018).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { requireOffice } from "~/auth.server";
import { formatDateTime } from "~/domain/dates";
import { parseSecurityLogFilters } from "~/modules/security/filters.server";
import { listSecurityLog } from "~/modules/security/queries.server";
import { SECURITY_EVENTS, SECURITY_EVENT_LABELS } from "~/modules/security/words";

export const meta: MetaFunction = () => [{ title: "Journal de sécurité — Administration — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "security_log:view");
  const filters = parseSecurityLogFilters(new URL(request.url).searchParams);
  const { entries, more } = await listSecurityLog(ctx.scope, { event: filters.evenement, email: filters.compte, before: filters.avant });
  return json({ entries, more, filters });
}

function describeDetails(details: Record<string, string | number | boolean | null>): string {
  return Object.entries(details)
    .map(([k, v]) => (k === "minutes" ? `${v} minutes` : k === "invitation" ? `invitation n° ${v}` : `${k} : ${String(v)}`))
    .join(", ");
}

export default function SecurityLogPage() {
  const { entries, more, filters } = useLoaderData<typeof loader>();
  const next = new URLSearchParams();
  if (filters.evenement) next.set("evenement", filters.evenement);
  if (filters.compte) next.set("compte", filters.compte);
  const last = entries.at(-1);
  if (last) next.set("avant", String(last.id));
  return (
    <section className="page">
      <h1>Journal de sécurité</h1>
      <p className="muted">
        Connexions, échecs, blocages, mots de passe et changements d'accès des comptes de l'office, avec l'heure (Paris) et l'adresse
        d'où ils viennent. Conservé un an.
      </p>
      <Form method="get" className="form inline-form" aria-label="Filtrer le journal">
        <div className="field">
          <label htmlFor="f-evenement">Événement</label>
          <select id="f-evenement" name="evenement" defaultValue={filters.evenement ?? ""}>
            <option value="">Tous</option>
            {SECURITY_EVENTS.map((e) => (
              <option key={e} value={e}>
                {SECURITY_EVENT_LABELS[e]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-compte">E-mail du compte</label>
          <input id="f-compte" type="email" name="compte" defaultValue={filters.compte ?? ""} />
        </div>
        <button type="submit" className="button button--primary button--small">
          Filtrer
        </button>
        {filters.evenement || filters.compte ? <Link to="/administration/securite">Effacer les filtres</Link> : null}
      </Form>
      {entries.length === 0 ? (
        <p className="empty">Aucun événement{filters.evenement || filters.compte ? " pour ces filtres" : ""}.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Événements de sécurité, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Événement</th>
                <th scope="col">Compte</th>
                <th scope="col">Adresse</th>
                <th scope="col">Par</th>
                <th scope="col">Détails</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className={e.event === "sign_in_failed" || e.event === "sign_in_locked" ? "row--warning" : undefined}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{SECURITY_EVENT_LABELS[e.event]}</td>
                  <td>
                    {e.accountName ? <>{e.accountName} </> : null}
                    {e.email ? <span className="small muted">{e.email}</span> : null}
                  </td>
                  <td className="small">{e.ip || "—"}</td>
                  <td>{e.actorName || "—"}</td>
                  <td className="small">{describeDetails(e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more ? (
        <p>
          <Link to={`?${next}`}>Événements plus anciens</Link>
        </p>
      ) : null}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
