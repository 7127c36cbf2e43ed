// Référentiels of the office: the versions imported, an import from a YAML or CSV file, and the
// model grids shipped with Cap Qualité.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { requireOffice } from "~/auth.server";
import { Field } from "~/components/form";
import { formatDate } from "~/domain/dates";
import { importMetaSchema } from "~/modules/audit/schema.server";
import { MAX_FILE_BYTES, decodeText, parseCriteriaCsv, parseReferentialYaml, type FileProblem } from "~/modules/referential/file";
import { can } from "~/domain/roles";
import { DuplicateVersionError, importReferential, latestVersion, listReferentials, listShippedGrids } from "~/modules/referential/queries.server";
import { redirectWithToast } from "~/session.server";
import { formValues, validate, parseIntent, unknownIntent } from "~/utils/forms.server";
import { readPostedForm } from "~/utils/upload.server";

export const meta: MetaFunction = () => [{ title: "Référentiels — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "audits:view");
  const referentials = await listReferentials(ctx.scope);
  const imported = new Set(referentials.map((r) => `${r.code}@${r.version}`));
  const shipped = listShippedGrids().flatMap(({ file, outcome }) =>
    outcome.ok && !imported.has(`${outcome.referential.code}@${outcome.referential.version}`)
      ? [{ file, label: outcome.referential.label, version: outcome.referential.version, criteria: outcome.referential.criteria.length }]
      : [],
  );
  const bases = new Map<string, string>();
  for (const r of referentials) bases.set(r.code, r.label);
  return json({ referentials, shipped, canImport: can(ctx.role, "referentials:manage"), bases: [...bases].map(([code, label]) => ({ code, label })) });
}

type ImportAnswer = { problems: FileProblem[]; fieldErrors?: Record<string, string> };

function refused(problems: FileProblem[], status = 400) {
  return json<ImportAnswer>({ problems }, { status });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "referentials:manage");
  // The model-grid buttons post a plain form; the import posts a file.
  const { form, files, tooLarge } = await readPostedForm(request, { allowFiles: true, maxFileBytes: MAX_FILE_BYTES });
  if (tooLarge) return refused([{ line: null, field: "fichier", message: "Fichier trop volumineux : 2 Mo au maximum." }], 413);
  const intent = parseIntent(Object.fromEntries([["intent", form.get("intent")]]), ["shipped", "upload"]);
  if (!intent) return unknownIntent();
  let outcome;
  let source: string;
  if (intent === "shipped") {
    const file = String(form.get("file") ?? "");
    const found = listShippedGrids().find((g) => g.file === file);
    if (!found) return refused([{ line: null, field: "fichier", message: "Grille modèle inconnue." }]);
    outcome = found.outcome;
    source = `Grille modèle Cap Qualité (${file})`;
  } else {
    const upload = files.find((f) => f.field === "upload");
    if (!upload || upload.bytes.byteLength === 0) {
      return json<ImportAnswer>({ problems: [], fieldErrors: { upload: "Fichier : choisissez un fichier YAML ou CSV." } }, { status: 400 });
    }
    const decoded = decodeText(upload.bytes);
    if (!decoded.ok) return refused(decoded.problems);
    const name = upload.rawName.split(/[/\\]/).pop() ?? "";
    source = name.replace(/[^\p{L}\p{N} ._-]/gu, "_").slice(0, 200);
    if (/\.ya?ml$/i.test(name)) {
      outcome = parseReferentialYaml(decoded.text);
    } else if (/\.csv$/i.test(name)) {
      const meta = validate(importMetaSchema, formValues(form));
      if (!meta.ok) return json<ImportAnswer>({ problems: [], fieldErrors: meta.errors.fieldErrors }, { status: 400 });
      const base = await latestVersion(ctx.scope, { code: meta.data.baseCode });
      if (!base) return json<ImportAnswer>({ problems: [], fieldErrors: { baseCode: "Référentiel de base : choix invalide." } }, { status: 400 });
      outcome = parseCriteriaCsv(decoded.text, base.grid, meta.data);
    } else {
      return json<ImportAnswer>({ problems: [], fieldErrors: { upload: "Fichier : un fichier .yaml, .yml ou .csv est attendu." } }, { status: 400 });
    }
  }
  if (!outcome.ok) return refused(outcome.problems);
  try {
    const id = await importReferential(ctx.scope, { grid: outcome.referential, source });
    return redirectWithToast(request, `/referentiels/${id}`, {
      kind: "success",
      message: `Référentiel « ${outcome.referential.label} », version ${outcome.referential.version}, importé (${outcome.referential.criteria.length} critères).`,
    });
  } catch (error) {
    if (error instanceof DuplicateVersionError) {
      return refused([{ line: null, field: "version", message: `La version ${outcome.referential.version} de ce référentiel est déjà importée : changez le numéro de version.` }]);
    }
    throw error;
  }
}

export default function ReferentialsPage() {
  const { referentials, shipped, canImport, bases } = useLoaderData<typeof loader>();
  const answer = useActionData<ImportAnswer>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <section className="page">
      <div className="page-header">
        <h1>Référentiels</h1>
        <Link to="/audits">Retour aux audits</Link>
      </div>
      <p className="muted">Chaque version importée reste telle quelle : importer une nouvelle version ne change jamais un audit passé.</p>
      {referentials.length === 0 ? (
        <p className="empty">Aucun référentiel importé pour l'instant.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Référentiels importés</caption>
            <thead>
              <tr>
                <th scope="col">Référentiel</th>
                <th scope="col">Version</th>
                <th scope="col">Applicable</th>
                <th scope="col">Critères</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {referentials.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/referentiels/${r.id}`}>{r.label}</Link>
                  </td>
                  <td>{r.version}</td>
                  <td>
                    du {formatDate(r.validFrom)}
                    {r.validUntil ? ` au ${formatDate(r.validUntil)}` : ""}
                  </td>
                  <td>{r.criteriaCount}</td>
                  <td className="small">{r.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {answer?.problems && answer.problems.length > 0 ? (
        <section className="callout callout--error" role="alert" aria-labelledby="problemes-titre">
          <h2 id="problemes-titre">Fichier refusé : rien n'a été importé</h2>
          <p>Corrigez ces {answer.problems.length} problème(s) puis importez à nouveau le fichier.</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Champ</th>
                <th scope="col">Problème</th>
              </tr>
            </thead>
            <tbody>
              {answer.problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.line ?? "—"}</td>
                  <td>{p.field}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {canImport ? (
        <>
          {shipped.length > 0 ? (
            <section className="card card--wide" aria-labelledby="modeles-titre">
              <h2 id="modeles-titre">Grilles modèles fournies</h2>
              <p className="muted">
                Rédigées par Cap Qualité pour découvrir l'outil : elles ne remplacent pas la grille officielle de votre label.
              </p>
              <ul className="plain-list">
                {shipped.map((g) => (
                  <li key={g.file}>
                    <Form method="post" encType="multipart/form-data" className="inline-form">
                      <input type="hidden" name="intent" value="shipped" />
                      <input type="hidden" name="file" value={g.file} />
                      <span>
                        {g.label} — version {g.version} ({g.criteria} critères)
                      </span>
                      <button type="submit" className="button button--small" disabled={busy}>
                        Importer
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section className="card card--wide" aria-labelledby="importer-titre">
            <h2 id="importer-titre">Importer un fichier</h2>
            <p className="muted">
              Un fichier YAML décrit une version complète de grille : c'est le format des grilles fournies, que votre organisme de
              label ou votre fédération peut préparer. Un tableur enregistré en « CSV UTF-8 » apporte les critères d'une nouvelle
              version d'un référentiel déjà importé, une ligne par critère :{" "}
              <a href="/modele-criteres.csv" download>
                télécharger le modèle de tableur
              </a>
              .
            </p>
            <Form method="post" encType="multipart/form-data" className="form" aria-label="Importer un référentiel">
              <input type="hidden" name="intent" value="upload" />
              <div className={`field${answer?.fieldErrors?.upload ? " field--invalid" : ""}`}>
                <label htmlFor="upload">Fichier (.yaml ou .csv, 2 Mo au maximum)</label>
                <input id="upload" name="upload" type="file" accept=".yaml,.yml,.csv" aria-invalid={Boolean(answer?.fieldErrors?.upload)} aria-describedby={answer?.fieldErrors?.upload ? "upload-error" : undefined} />
                {answer?.fieldErrors?.upload ? (
                  <p className="field-error" id="upload-error">
                    {answer.fieldErrors.upload}
                  </p>
                ) : null}
              </div>
              <fieldset className="fieldset fieldset--framed">
                <legend>Pour un fichier CSV seulement</legend>
                <div className="grid-2">
                  <Field label="Référentiel de base" error={answer?.fieldErrors?.baseCode}>
                    {(p) => (
                      <select name="baseCode" {...p}>
                        {bases.map((b) => (
                          <option key={b.code} value={b.code}>
                            {b.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field label="Version" error={answer?.fieldErrors?.version}>
                    {(p) => <input type="text" name="version" {...p} />}
                  </Field>
                  <Field label="Applicable à partir du" error={answer?.fieldErrors?.validFrom}>
                    {(p) => <input type="date" name="validFrom" {...p} />}
                  </Field>
                  <Field label="Applicable jusqu'au (facultatif)" error={answer?.fieldErrors?.validUntil}>
                    {(p) => <input type="date" name="validUntil" {...p} />}
                  </Field>
                </div>
              </fieldset>
              <button type="submit" className="button button--primary" disabled={busy}>
                {busy ? "Import en cours…" : "Importer le fichier"}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
