// Two audits of one label side by side: rates per pillar and chapter, criteria that changed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { GroupedBarChart } from "~/components/charts/grouped-bar-chart";
import { formatDate } from "~/domain/dates";
import { compareAudits, getAudit } from "~/modules/audit/queries.server";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = () => [{ title: "Comparer deux audits — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "audits:view");
  const url = new URL(request.url);
  const a = parseId(url.searchParams.get("a") ?? undefined);
  const b = parseId(url.searchParams.get("b") ?? undefined);
  if (!a || !b) throw json({ message: "Choisissez deux audits à comparer." }, { status: 400 });
  const result = await compareAudits(ctx.scope, { a, b });
  if (!result) {
    const [auditA, auditB] = await Promise.all([getAudit(ctx.scope, { auditId: a }), getAudit(ctx.scope, { auditId: b })]);
    if (!auditA || !auditB) throw json({ message: "Audit introuvable." }, { status: 404 });
    return json({ result: null, message: "Ces deux audits ne portent pas sur le même label : choisissez deux audits d'un même label." });
  }
  const describe = (x: typeof result.a) => ({ id: x.id, title: x.title, date: formatDate(x.startsOn), mode: x.mode });
  return json({ result: { a: describe(result.a), b: describe(result.b), ...result.comparison }, message: null });
}

const percent = (v: number | null) => (v === null ? "—" : `${v.toLocaleString("fr-FR")} %`);
const delta = (a: number | null, b: number | null) => {
  if (a === null || b === null) return "—";
  const d = Math.round((b - a) * 100) / 100;
  return `${d > 0 ? "+" : ""}${d.toLocaleString("fr-FR")} pt${Math.abs(d) >= 2 ? "s" : ""}`;
};

export default function ComparePage() {
  const { result, message } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <p>
        <Link to="/audits">← Audits</Link>
      </p>
      <h1>Comparer deux audits</h1>
      {!result ? (
        <p className="notice">{message}</p>
      ) : (
        <>
          <p className="lead">
            <Link to={`/audits/${result.a.id}`}>{result.a.title}</Link> ({result.a.date}) et <Link to={`/audits/${result.b.id}`}>{result.b.title}</Link> ({result.b.date})
          </p>
          <GroupedBarChart
            title="Taux par pilier"
            series={[`${result.a.title} (${result.a.date})`, `${result.b.title} (${result.b.date})`]}
            groups={result.pillars.map((p) => ({ label: p.label, values: [p.a, p.b] }))}
          />
          <ComparisonTable caption="Taux par pilier" rows={result.pillars.map((p) => ({ key: p.code, label: p.label, a: p.a, b: p.b }))} a={result.a.title} b={result.b.title} />
          {result.chapters.some((c) => c.a !== null || c.b !== null) ? (
            <>
              <GroupedBarChart
                title="Taux par chapitre"
                series={[`${result.a.title} (${result.a.date})`, `${result.b.title} (${result.b.date})`]}
                groups={result.chapters.map((c) => ({ label: c.title, values: [c.a, c.b] }))}
              />
              <ComparisonTable caption="Taux par chapitre" rows={result.chapters.map((c) => ({ key: c.code, label: c.title, a: c.a, b: c.b }))} a={result.a.title} b={result.b.title} />
            </>
          ) : (
            <p className="muted">Pas de taux par chapitre : au moins un des deux audits a été saisi tel que rapporté, sans détail.</p>
          )}
          {result.a.mode === "rated" && result.b.mode === "rated" ? (
            <div className="table-wrap">
              <table className="table">
                <caption>Critères dont le résultat a changé ({result.changedCriteria.length})</caption>
                <thead>
                  <tr>
                    <th scope="col">Critère</th>
                    <th scope="col">{result.a.title}</th>
                    <th scope="col">{result.b.title}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.changedCriteria.map((c) => (
                    <tr key={c.code}>
                      <td>
                        <strong>{c.code}</strong> {c.text}
                      </td>
                      <td>{c.a}</td>
                      <td>{c.b}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

function ComparisonTable({ caption, rows, a, b }: { caption: string; rows: Array<{ key: string; label: string; a: number | null; b: number | null }>; a: string; b: string }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption.replace("Taux par ", "").replace(/^./, (x) => x.toUpperCase())}</th>
            <th scope="col">{a}</th>
            <th scope="col">{b}</th>
            <th scope="col">Évolution</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.label}</td>
              <td>{percent(r.a)}</td>
              <td>{percent(r.b)}</td>
              <td>{delta(r.a, r.b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
