// A register's summary under an agenda point (decision 034): the counts, then the entries of the
// period and their actions. The same data as the Word minutes' table; no complainant's name.
import { Link } from "@remix-run/react";
import { formatDate } from "~/domain/dates";
import { countsLine, summaryTitle, type RegisterSummary } from "~/modules/register/rules";

export function RegisterSummaryView({ summary, frozen }: { summary: RegisterSummary; frozen: boolean }) {
  const heading = summaryTitle(summary);
  return (
    <section className="register-summary" aria-label={heading}>
      <h4 className="register-summary__title">{heading}</h4>
      <p className="small muted">{frozen ? "Telle qu'à la publication du compte rendu." : "À jour : le tableau sera figé à la publication du compte rendu."}</p>
      {summary.total === 0 ? (
        <p>Aucune entrée sur la période.</p>
      ) : (
        <>
          <p>
            {summary.total} entrée{summary.total > 1 ? "s" : ""}
            {summary.kind === "complaint" && summary.late > 0 ? `, dont ${summary.late} hors délai de réponse` : ""}.
          </p>
          <dl className="register-summary__counts">
            <dt>Par catégorie</dt>
            <dd>{countsLine(summary.byCategory)}</dd>
            <dt>Par bureau</dt>
            <dd>{countsLine(summary.bySite)}</dd>
          </dl>
          <div className="table-wrap">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Objet</th>
                  <th scope="col">Bureau</th>
                  <th scope="col">Catégorie</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {summary.entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatDate(entry.occurredOn)}</td>
                    <td>
                      <Link to={`/registres/entrees/${entry.id}`}>{entry.subject}</Link>
                      {entry.occurrence > 1 ? <span className="small muted"> ({entry.occurrence}e fois)</span> : null}
                    </td>
                    <td>{entry.site}</td>
                    <td>{entry.category || "—"}</td>
                    <td>{entry.late ? <strong className="register-summary__late">{entry.status}, hors délai</strong> : entry.status}</td>
                    <td>
                      {entry.actions.length === 0 ? (
                        "—"
                      ) : (
                        <ul className="plain-list">
                          {entry.actions.map((a, i) => (
                            <li key={i}>
                              {a.title} <span className="small muted">({a.status.toLowerCase()}{a.dueOn ? `, échéance ${formatDate(a.dueOn)}` : ""})</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {summary.more > 0 ? (
            <p className="small muted">
              … et {summary.more} autre{summary.more > 1 ? "s" : ""} entrée{summary.more > 1 ? "s" : ""}, dans le registre.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
