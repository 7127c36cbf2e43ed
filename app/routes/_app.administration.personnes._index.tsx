import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { PERSON_KIND_LABELS } from "~/modules/person/rules";
import { can } from "~/domain/roles";
import { listPeople } from "~/modules/person/queries.server";

export const meta: MetaFunction = () => [{ title: "Personnes — Administration — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "people:view");
  const people = await listPeople(ctx.scope);
  return json({ people, canEdit: can(ctx.role, "people:edit") });
}

export default function PeoplePage() {
  const { people, canEdit } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <div className="page-header">
        <h1>Personnes</h1>
        {canEdit ? (
          <Link to="/administration/personnes/nouveau" className="button button--primary">
            Ajouter une personne
          </Link>
        ) : null}
      </div>
      <p className="muted">
        Salariés, élus, partenaires, auditeurs et invités. Une personne n'a pas besoin de compte pour être pilote d'une action ou participer à une réunion.
      </p>
      {people.length === 0 ? (
        <p className="empty">Aucune personne pour l'instant.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Personnes de l'office</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Catégorie</th>
                <th scope="col">Fonction</th>
                <th scope="col">Bureau</th>
                <th scope="col">Groupe qualité</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} className={p.active ? undefined : "row--inactive"}>
                  <td>
                    <Link to={`/administration/personnes/${p.id}`}>{p.fullName}</Link>
                    {p.active ? null : <span className="badge badge--muted">inactive</span>}
                  </td>
                  <td>{PERSON_KIND_LABELS[p.kind]}</td>
                  <td>{p.jobTitle}</td>
                  <td>{p.siteName ?? "Tout l'office"}</td>
                  <td>{p.qualityGroupMember ? "Oui" : "Non"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
