// The "Historique" panel shown on each record page: who changed what, when, before → after.
// The loader sends the lines already in French (`wordHistory` in app/modules/history/words.ts,
// through `historyFor`): the aggregates' words stay on the server (decision 051).
import type { HistoryLine } from "~/modules/history/words";

/** A long text (minutes, descriptions) folds to its first words; every word stays readable. */
function Value({ text }: { text: string }) {
  if (text.length <= 240) return <span className="history__value">{text}</span>;
  return (
    <details className="history__value">
      <summary>{text.slice(0, 120).trimEnd()}… ({text.length} caractères)</summary>
      <div className="history__long">{text}</div>
    </details>
  );
}

export function HistoryPanel({ entries }: { entries: HistoryLine[] }) {
  return (
    <section className="history" aria-labelledby="historique-titre">
      <h2 id="historique-titre">Historique</h2>
      {entries.length === 0 ? (
        <p className="muted">Aucune modification enregistrée.</p>
      ) : (
        <ol className="history__list">
          {entries.map((entry) => (
            <li key={entry.id} className="history__entry">
              <p className="history__meta">
                <strong>{entry.action}</strong> le {entry.at} par {entry.actorName}
              </p>
              {entry.changes.length > 0 ? (
                <table className="history__changes">
                  <caption className="visually-hidden">Champs modifiés</caption>
                  <thead>
                    <tr>
                      <th scope="col">Champ</th>
                      <th scope="col">Avant</th>
                      <th scope="col">Après</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entry.changes.map((change) => (
                      <tr key={change.field}>
                        <th scope="row">{change.label}</th>
                        <td>
                          <Value text={change.before} />
                        </td>
                        <td>
                          <Value text={change.after} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
