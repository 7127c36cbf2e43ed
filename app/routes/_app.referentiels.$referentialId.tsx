// One référentiel version: its pillars, scales, chapters and criteria.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireOffice } from "~/auth.server";
import { formatDate } from "~/domain/dates";
import { topChapter } from "~/modules/referential/rules";
import { getReferential } from "~/modules/referential/queries.server";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.referential.label ?? "Référentiel"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "audits:view");
  const id = parseId(params.referentialId);
  const referential = id ? await getReferential(ctx.scope, { referentialId: id }) : null;
  if (!referential) throw notFound("Ce référentiel");
  return json({ referential });
}

export default function ReferentialPage() {
  const { referential } = useLoaderData<typeof loader>();
  const { grid } = referential;
  const pillarLabel = new Map(grid.pillars.map((p) => [p.code, p.label]));
  const scaleLabel = new Map(grid.scales.map((s) => [s.code, s.label]));
  const tops = grid.chapters.filter((c) => c.parent === null);
  // Sub-chapters of any depth belong to their top chapter.
  const inChapter = (code: string) => grid.criteria.filter((c) => topChapter(grid.chapters, c.chapter) === code);
  return (
    <section className="page">
      <p>
        <Link to="/referentiels">← Référentiels</Link>
      </p>
      <h1>{grid.label}</h1>
      <dl className="facts">
        <dt>Version</dt>
        <dd>{grid.version}</dd>
        <dt>Applicable</dt>
        <dd>
          du {formatDate(grid.validFrom)}
          {grid.validUntil ? ` au ${formatDate(grid.validUntil)}` : ""}
        </dd>
        <dt>Critères</dt>
        <dd>
          {grid.criteria.length}, dont {grid.criteria.filter((c) => c.mandatory).length} obligatoires et {grid.criteria.filter((c) => c.bonus).length} bonus
        </dd>
        <dt>Source</dt>
        <dd>{referential.source}</dd>
      </dl>
      {grid.notice ? <p className="notice">{grid.notice}</p> : null}
      <div className="cards">
        <article className="card">
          <h2>Piliers et seuils</h2>
          <ul className="plain-list">
            {grid.pillars.map((p) => (
              <li key={p.code}>
                <strong>{p.label}</strong> : {p.thresholds.first} % en première labellisation, {p.thresholds.renewal} % au renouvellement
              </li>
            ))}
          </ul>
        </article>
        <article className="card">
          <h2>Échelles de notation</h2>
          <ul className="plain-list">
            {grid.scales.map((s) => (
              <li key={s.code}>
                <strong>{s.label}</strong> : {s.levels.map((l) => `${l.label} (${l.points} pt${l.points > 1 ? "s" : ""}${l.compliant ? "" : ", non conforme"})`).join(", ")}
              </li>
            ))}
          </ul>
        </article>
      </div>
      {tops.map((chapter) => (
        <div className="table-wrap" key={chapter.code}>
          <table className="table">
            <caption>
              {chapter.code} — {chapter.title}
            </caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Critère</th>
                <th scope="col">Coef.</th>
                <th scope="col">Échelle</th>
                <th scope="col">Pilier</th>
                <th scope="col">Vérification</th>
              </tr>
            </thead>
            <tbody>
              {inChapter(chapter.code).map((c) => (
                <tr key={c.code}>
                  <td>{c.code}</td>
                  <td>
                    {c.text}
                    {c.mandatory ? <span className="badge badge--danger">obligatoire</span> : null}
                    {c.bonus ? <span className="badge">bonus</span> : null}
                    {c.guidance ? <p className="small muted">{c.guidance}</p> : null}
                  </td>
                  <td>{c.coefficient}</td>
                  <td>{scaleLabel.get(c.scale)}</td>
                  <td>{pillarLabel.get(c.pillar)}</td>
                  <td>{c.check}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
