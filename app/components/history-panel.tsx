// The "Historique" panel shown on each record page: who changed what, when, before → after.
// Field labels and value words come from each aggregate's descriptor (app/modules/registry.ts).
import { formatDateTime } from "~/domain/dates";
import { describeValue, fieldLabel, HISTORY_ACTION_LABELS } from "~/modules/history/words";
import type { FieldValue } from "~/modules/history/diff";

export interface HistoryRow {
  id: number;
  entityType: string;
  action: "create" | "update" | "delete";
  actorName: string;
  at: string;
  changes: Record<string, { before: FieldValue; after: FieldValue }>;
}

export type References = Partial<Record<string, Record<number, string>>>;

function display(entityType: string, field: string, value: FieldValue, references: References): string {
  return describeValue(entityType, field, value, references);
}

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

export function HistoryPanel({ entries, references = {} }: { entries: HistoryRow[]; references?: References }) {
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
                <strong>{HISTORY_ACTION_LABELS[entry.action]}</strong> le {formatDateTime(entry.at)} par {entry.actorName}
              </p>
              {entry.action === "update" && Object.keys(entry.changes).length > 0 ? (
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
                    {Object.entries(entry.changes).map(([field, change]) => (
                      <tr key={field}>
                        <th scope="row">{fieldLabel(entry.entityType, field)}</th>
                        <td>
                          <Value text={display(entry.entityType, field, change.before, references)} />
                        </td>
                        <td>
                          <Value text={display(entry.entityType, field, change.after, references)} />
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
