// The office's indicators for a period against the same period a year earlier, under an agenda
// point (decision 045): the same figures as the Word minutes' table, live while the minutes are
// drafts and as they stood at publication afterwards.
import type { MinutesIndicatorTable } from "../../templates/minutes-model";

/** "Saison d'été 2019" → "2019": the title names the period, the columns only its years (narrow on a phone). */
const yearOf = (label: string) => /(\d{4}(?:-\d{4})?)$/.exec(label)?.[1] ?? label;

export function IndicatorTableView({ indicators, frozen }: { indicators: MinutesIndicatorTable; frozen: boolean }) {
  const t = indicators.table;
  return (
    <section className="register-summary" aria-label={indicators.title}>
      <h4 className="register-summary__title">{indicators.title}</h4>
      <p className="small muted">{frozen ? "Tels qu'à la publication du compte rendu." : "À jour : le tableau sera figé à la publication du compte rendu."}</p>
      {!t ? (
        <p>Aucun chiffre saisi pour cette période.</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table--compact">
              <caption className="visually-hidden">{indicators.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Indicateur</th>
                  <th scope="col" className="num">
                    {yearOf(t.previousLabel)}
                  </th>
                  <th scope="col" className="num">
                    {yearOf(t.currentLabel)}
                  </th>
                  <th scope="col" className="num">
                    <abbr title="Évolution">Évol.</abbr>
                  </th>
                </tr>
              </thead>
              <tbody>
                {t.rows.map((r) => (
                  <tr key={r.name}>
                    <th scope="row">{r.name}</th>
                    <td className="num nowrap">{r.previous}</td>
                    <td className="num nowrap">
                      <strong>{r.current}</strong>
                    </td>
                    <td className="num nowrap">{r.variation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {t.notes.length ? <p className="small muted">{t.notes.map((n) => `* ${n}.`).join(" ")}</p> : null}
          {t.missing.length ? (
            <div className="small">
              <p className="register-summary__title">Chiffres manquants</p>
              <ul>
                {t.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
