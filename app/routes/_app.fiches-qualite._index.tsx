// "Fiches qualité": the office's procedure sheets by code, each with its version, the day of its
// update and its next review (late ones stand out, soon-due ones too); the sheets the signed-in
// person is asked to read and confirm; confirmations counted for those who follow them.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { CountdownText } from "~/components/countdown";
import { formatDate } from "~/domain/dates";
import { can } from "~/domain/roles";
import { listSheets, sheetsToConfirm, type SheetSummary } from "~/modules/procedure/queries.server";

export const meta: MetaFunction = () => [{ title: "Fiches qualité — Cap Qualité" }];

const FILTERS = { "a-revoir": "À revoir", "a-lire": "À lire" } as const;
type Filter = keyof typeof FILTERS;

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "procedures:view");
  const me = { userId: ctx.user.id, personId: ctx.membership.personId };
  const follows = can(ctx.role, "procedures:view_drafts");
  const [sheets, toConfirm] = await Promise.all([listSheets(ctx.scope, { ...me, includeDrafts: follows, withReading: follows }), sheetsToConfirm(ctx.scope, me)]);
  const asked = new URL(request.url).searchParams.get("filtre");
  const filter: Filter | null = asked === "a-revoir" || asked === "a-lire" ? asked : null;
  const shown = sheets.filter((s) => (filter === "a-revoir" ? s.review.state === "late" || s.review.state === "soon" : filter === "a-lire" ? toConfirm.some((t) => t.id === s.id) : true));
  return json({
    sheets: shown,
    total: sheets.length,
    filter,
    toConfirm,
    late: sheets.filter((s) => s.review.state === "late").length,
    soon: sheets.filter((s) => s.review.state === "soon").length,
    canEdit: can(ctx.role, "procedures:edit"),
    follows,
  });
}

function VersionCell({ sheet, follows }: { sheet: SheetSummary; follows: boolean }) {
  return (
    <span>
      {sheet.currentVersion > 0 ? <>v{sheet.currentVersion}</> : <span className="badge badge--muted">brouillon</span>}
      {follows && sheet.draftNumber !== null && sheet.currentVersion > 0 ? <span className="badge badge--muted">v{sheet.draftNumber} en préparation</span> : null}
    </span>
  );
}

function ReviewCell({ sheet }: { sheet: SheetSummary }) {
  if (!sheet.review.dueOn || !sheet.review.countdown) return <span className="muted">—</span>;
  return (
    <span>
      <CountdownText day={sheet.review.dueOn} countdown={sheet.review.countdown} />
      {/* Said in words too, for whoever does not see the badge's colour. */}
      {sheet.review.state === "late" ? <span className="visually-hidden"> (revue en retard)</span> : sheet.review.state === "soon" ? <span className="visually-hidden"> (à revoir bientôt)</span> : null}
    </span>
  );
}

function ReadingCell({ sheet, follows }: { sheet: SheetSummary; follows: boolean }) {
  const mine = sheet.mine === "confirmed" ? <span className="badge badge--ok">lu et compris</span> : sheet.mine ? <span className="badge badge--warn">à lire</span> : null;
  if (!follows) return mine ?? <span className="muted">—</span>;
  return (
    <span>
      {sheet.reading ? (
        <span>
          {sheet.reading.confirmed} sur {sheet.reading.expected}
        </span>
      ) : (
        <span className="muted">—</span>
      )}
      {mine}
    </span>
  );
}

export default function SheetsPage() {
  const { sheets, total, filter, toConfirm, late, soon, canEdit, follows } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <div className="page-header">
        <h1>Fiches qualité</h1>
        {canEdit ? (
          <Link className="button button--primary" to="/fiches-qualite/nouvelle">
            Nouvelle fiche
          </Link>
        ) : null}
      </div>
      <p className="lead">Les procédures de l'office : chaque personne concernée lit la version en vigueur et confirme l'avoir lue et comprise.</p>

      {toConfirm.length > 0 ? (
        <section className="callout" aria-labelledby="a-lire-titre">
          <h2 id="a-lire-titre">
            {toConfirm.length} fiche{toConfirm.length > 1 ? "s" : ""} à lire et confirmer
          </h2>
          <ul className="plain-list">
            {toConfirm.map((s) => (
              <li key={s.id}>
                <Link to={`/fiches-qualite/${s.id}`}>
                  {s.code} — {s.title}
                </Link>{" "}
                <span className="small muted">(version {s.version})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {follows && (late > 0 || soon > 0) ? (
        <p className="notice">
          {late > 0 ? `${late} fiche${late > 1 ? "s" : ""} dont la revue est en retard` : ""}
          {late > 0 && soon > 0 ? " · " : ""}
          {soon > 0 ? `${soon} à revoir dans les 30 jours` : ""}.{" "}
          <Link to="/fiches-qualite?filtre=a-revoir">Voir lesquelles</Link>
        </p>
      ) : null}

      <nav className="subnav" aria-label="Filtrer les fiches">
        <ul>
          <li>
            <Link to="/fiches-qualite" aria-current={filter === null ? "page" : undefined}>
              Toutes ({total})
            </Link>
          </li>
          {(Object.keys(FILTERS) as Filter[]).map((key) => (
            <li key={key}>
              <Link to={`/fiches-qualite?filtre=${key}`} aria-current={filter === key ? "page" : undefined}>
                {FILTERS[key]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {sheets.length === 0 ? (
        <p className="empty">
          {total === 0
            ? canEdit
              ? "Aucune fiche pour l'instant. Créez la première : son en-tête reprend celui des documents qualité (référent, responsable du suivi, personnes concernées)."
              : "Aucune fiche qualité publiée pour l'instant."
            : filter === "a-lire"
              ? "Aucune fiche à lire : vous avez confirmé toutes celles qui vous concernent."
              : "Aucune fiche à revoir dans les 30 jours."}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table sheet-list">
            <caption className="visually-hidden">Fiches qualité</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Fiche</th>
                <th scope="col">Version</th>
                <th scope="col">Mise à jour</th>
                <th scope="col">Prochaine revue</th>
                <th scope="col">{follows ? "Lu et compris" : "Lecture"}</th>
              </tr>
            </thead>
            <tbody>
              {sheets.map((s) => (
                <tr key={s.id} className={s.review.state === "late" ? "row--overdue" : undefined}>
                  <td className="nowrap" data-label="Code">
                    {s.code}
                  </td>
                  <td data-label="Fiche">
                    <span>
                      <Link to={`/fiches-qualite/${s.id}`}>{s.title}</Link>
                      {s.domain ? <span className="checks__detail small muted">{s.domain}</span> : null}
                    </span>
                  </td>
                  <td className="nowrap" data-label="Version">
                    <VersionCell sheet={s} follows={follows} />
                  </td>
                  <td className="nowrap" data-label="Mise à jour">
                    {s.updatedOn ? formatDate(s.updatedOn) : "—"}
                  </td>
                  <td data-label="Prochaine revue">
                    <ReviewCell sheet={s} />
                  </td>
                  <td data-label={follows ? "Lu et compris" : "Lecture"}>
                    <ReadingCell sheet={s} follows={follows} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
