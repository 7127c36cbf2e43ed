// The satisfaction questionnaires: every campaign of the office, the latest first, with its
// period, sites, channels, answers and satisfaction rate; a campaign not held says why.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { StateBadge, TableWrap } from "~/components/questionnaire-parts";
import { RegistersNav } from "~/components/register-nav";
import { formatDate } from "~/domain/dates";
import { can } from "~/domain/roles";
import { listQuestionnaires } from "~/modules/questionnaire/queries.server";
import { channelsText, formatRate } from "~/modules/questionnaire/rules";

export const meta: MetaFunction = () => [{ title: "Questionnaires de satisfaction — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "questionnaires:view");
  return json({ questionnaires: await listQuestionnaires(ctx.scope), canEdit: can(ctx.role, "questionnaires:edit"), canEnter: can(ctx.role, "questionnaires:enter") });
}

export default function QuestionnairesPage() {
  const { questionnaires, canEdit, canEnter } = useLoaderData<typeof loader>();
  return (
    <section className="page questionnaire-page">
      <RegistersNav current="questionnaires" />
      <div className="page-header">
        <h1>Questionnaires de satisfaction</h1>
        {canEdit ? (
          <Link to="/registres/questionnaires/nouveau" className="button button--primary">
            Nouvelle campagne
          </Link>
        ) : null}
      </div>
      <p className="small">
        Une campagne par questionnaire : sa période, ses bureaux, ses canaux (papier, e-mail, en ligne, QR code au guichet). Le taux de satisfaction est la part des deux meilleures réponses des questions à échelle.
      </p>
      {questionnaires.length === 0 ? (
        <p className="empty">Aucune campagne pour l'instant.{canEdit ? " Créez la première, ou reprenez un questionnaire papier existant." : ""}</p>
      ) : (
        <TableWrap label="Campagnes de questionnaires">
          <table className="table">
            <caption className="visually-hidden">Campagnes de questionnaires ({questionnaires.length})</caption>
            <thead>
              <tr>
                <th scope="col">Campagne</th>
                <th scope="col">Période</th>
                <th scope="col">Bureaux</th>
                <th scope="col">Canaux</th>
                <th scope="col">Réponses</th>
                <th scope="col">Satisfaits</th>
              </tr>
            </thead>
            <tbody>
              {questionnaires.map((q) => (
                <tr key={q.id}>
                  <td>
                    <Link to={`/registres/questionnaires/${q.id}`}>{q.title}</Link>
                    <StateBadge state={q.state} />
                    {q.notHeld && q.notHeldReason ? (
                      <>
                        <br />
                        <span className="small muted">{q.notHeldReason}</span>
                      </>
                    ) : null}
                  </td>
                  <td className="nowrap">
                    {formatDate(q.startsOn)} – {formatDate(q.endsOn)}
                  </td>
                  <td>{q.sites.length ? q.sites.map((s) => s.name).join(", ") : "Tout l'office"}</td>
                  <td>{channelsText(q.channels)}</td>
                  <td>
                    {q.notHeld ? "—" : q.responses}
                    {canEnter && q.state === "en_cours" ? (
                      <>
                        {" "}
                        <Link to={`/registres/questionnaires/${q.id}/saisie`} className="small">
                          saisir
                        </Link>
                      </>
                    ) : null}
                  </td>
                  <td>{q.notHeld ? "—" : formatRate(q.satisfactionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
