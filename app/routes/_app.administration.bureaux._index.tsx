import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { can } from "~/domain/roles";
import { listSites } from "~/modules/office/queries.server";

export const meta: MetaFunction = () => [{ title: "Bureaux — Administration — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "sites:view");
  const sites = await listSites(ctx.scope);
  return json({ sites, canEdit: can(ctx.role, "sites:edit") });
}

export default function SitesPage() {
  const { sites, canEdit } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <div className="page-header">
        <h1>Bureaux d'information</h1>
        {canEdit ? (
          <Link to="/administration/bureaux/nouveau" className="button button--primary">
            Ajouter un bureau
          </Link>
        ) : null}
      </div>
      {sites.length === 0 ? (
        <p className="empty">Aucun bureau pour l'instant.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Bureaux d'information de l'office</caption>
            <thead>
              <tr>
                <th scope="col">Bureau</th>
                <th scope="col">Commune</th>
                <th scope="col">Téléphone</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/administration/bureaux/${s.id}`}>{s.name}</Link>
                    {s.isHeadquarters ? <span className="badge">siège</span> : null}
                  </td>
                  <td>{[s.postalCode, s.city].filter(Boolean).join(" ")}</td>
                  <td>{s.phone}</td>
                  <td>{s.active ? <span className="badge badge--ok">ouvert</span> : <span className="badge badge--muted">fermé</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
