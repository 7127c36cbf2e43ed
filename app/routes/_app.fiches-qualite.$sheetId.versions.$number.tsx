// An earlier version of a procedure sheet, to read as it was published (an auditor may ask what
// applied on a given day). The version in force is the sheet's own page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth.server";
import { RichBlocks } from "~/components/rich-blocks";
import { SheetHeader } from "~/components/sheet-header";
import { formatDate } from "~/domain/dates";
import { parsedText } from "~/utils/rich-text.server";
import { requireVisibleSheet } from "~/modules/procedure/access.server";
import { getVersion } from "~/modules/procedure/queries.server";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `${data.sheet.code}, version ${data.version.number}` : "Version"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, sheet } = await requireVisibleSheet(request, params);
  const number = parseId(params.number);
  const version = number ? await getVersion(ctx.scope, { sheetId: sheet.id, number }) : null;
  if (!version) throw notFound("Cette version");
  if (version.number === sheet.currentVersion) throw redirect(`/fiches-qualite/${sheet.id}`);
  const next = sheet.versions.filter((v) => v.number > version.number).at(-1) ?? null;
  return json({
    sheet: { id: sheet.id, code: sheet.code, title: sheet.title, currentVersion: sheet.currentVersion },
    // The text goes parsed: the page draws its tree without the Markdown parser (decision 051).
    version: { ...version, body: parsedText(version.body) },
    replacedOn: next?.updatedOn ?? null,
  });
}

export default function VersionPage() {
  const { sheet, version, replacedOn } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <p>
        <Link to={`/fiches-qualite/${sheet.id}`}>
          ← {sheet.code} — {sheet.title}
        </Link>
      </p>
      <div className="page-header">
        <h1>
          {sheet.code} — {version.title}
        </h1>
        <span className="badge badge--muted">Version {version.number}</span>
      </div>
      <p className="notice">
        Version {version.number} du {formatDate(version.updatedOn)}, remplacée{replacedOn ? ` le ${formatDate(replacedOn)}` : ""} : elle ne s'applique plus.{" "}
        <Link to={`/fiches-qualite/${sheet.id}`}>Lire la version {sheet.currentVersion} en vigueur</Link>.
      </p>
      <p className="actions-row">
        <a className="button button--secondary" href={`/fiches-qualite/${sheet.id}/fiche.docx?version=${version.number}`} download>
          Version {version.number} en Word (.docx)
        </a>
      </p>
      <SheetHeader version={version} />
      {version.domain ? (
        <dl className="facts">
          <dt>Domaine</dt>
          <dd>{version.domain}</dd>
        </dl>
      ) : null}
      <section className="card card--wide" aria-labelledby="contenu-titre">
        <h2 id="contenu-titre">Contenu de la version {version.number}</h2>
        {version.body ? <RichBlocks blocks={version.body} headingLevel={3} /> : <p className="muted">Pas de contenu.</p>}
      </section>
      {version.changeNote ? (
        <p className="small muted">
          Objet de la modification de cette version : {version.changeNote}
        </p>
      ) : null}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
