import { FieldError, StateError } from "~/modules/errors";
// One procedure sheet: the version in force with its quality-document header and its text, the
// "lu et compris" confirmation, its files, its versions; for those who follow it, who has read
// it and who has not, the version in preparation, publication, the review without change.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { forbidden } from "~/auth.server";
import { AttachmentsCard } from "~/components/attachments-card";
import { CountdownText } from "~/components/countdown";
import { Field } from "~/components/form";
import { HistoryPanel } from "~/components/history-panel";
import { RichText } from "~/components/rich-text";
import { formatDate, formatDateTime } from "~/domain/dates";
import { SheetHeader } from "~/components/sheet-header";
import { can } from "~/domain/roles";
import { MAX_UPLOAD_BYTES, checkUpload } from "~/domain/uploads";
import { attachFile } from "~/modules/attachment/queries.server";
import { listHistory } from "~/modules/history/queries.server";
import { requireVisibleSheet } from "~/modules/procedure/access.server";
import { confirmReading, deleteSheet, discardDraft, publishSheet, readReceipts, recordReview, type Receipts } from "~/modules/procedure/queries.server";
import { canConfirm } from "~/modules/procedure/rules";
import { deleteSheetSchema, reviewSchema } from "~/modules/procedure/schema.server";
import { redirectWithToast } from "~/session.server";
import { fileStore } from "~/storage.server";
import { badRequest, fieldError, formError, formValues, parseIntent, unknownIntent, validate } from "~/utils/forms.server";
import { readPostedForm } from "~/utils/upload.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `${data.sheet.code} — ${data.sheet.title}` : "Fiche qualité"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, sheet } = await requireVisibleSheet(request, params);
  const follows = can(ctx.role, "procedures:view_drafts");
  const [receipts, history] = await Promise.all([
    follows ? readReceipts(ctx.scope, { sheetId: sheet.id }) : Promise.resolve(null),
    can(ctx.role, "history:view") ? listHistory(ctx.scope, { entityType: "procedure_sheet", entityId: sheet.id }) : Promise.resolve(null),
  ]);
  return json({
    // Those who do not follow the sheet never learn of a version in preparation.
    sheet: follows ? sheet : { ...sheet, draft: null },
    receipts,
    history,
    canEdit: can(ctx.role, "procedures:edit"),
    follows,
    canConfirm: canConfirm(ctx.role, sheet.currentVersion),
    today: ctx.scope.today,
  });
}

const SHEET_PAGE_INTENTS = ["confirm", "publish", "discard", "review", "delete", "attach"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, sheet } = await requireVisibleSheet(request, params);
  const canEdit = can(ctx.role, "procedures:edit");
  // Only those who may add files send them (checked before the body is read).
  const { form, files, tooLarge } = await readPostedForm(request, { allowFiles: canEdit, maxFileBytes: MAX_UPLOAD_BYTES });
  if (tooLarge) return fieldError("file", "Fichier : 10 Mo au maximum.", "attach");
  const values = formValues(form);
  const query = { sheetId: sheet.id };
  const back = `/fiches-qualite/${sheet.id}`;
  const intent = parseIntent(values, SHEET_PAGE_INTENTS);
  if (!intent) return unknownIntent();
  if (intent !== "confirm" && !canEdit) throw forbidden();
  try {
    switch (intent) {
      case "confirm": {
        if (!canConfirm(ctx.role, sheet.currentVersion)) return formError("Lecture : cette fiche n'a pas encore de version publiée.", 400, intent);
        const version = await confirmReading(ctx.scope, { ...query, userId: ctx.user.id });
        return redirectWithToast(request, back, { kind: "success", message: `Merci : vous avez lu et compris la version ${version} de la fiche ${sheet.code}.` });
      }
      case "publish": {
        const version = await publishSheet(ctx.scope, query);
        return redirectWithToast(request, back, { kind: "success", message: `Version ${version} publiée : les personnes concernées sont invitées à la lire.` });
      }
      case "discard": {
        await discardDraft(ctx.scope, query);
        return redirectWithToast(request, back, { kind: "success", message: `Modifications abandonnées : la version ${sheet.currentVersion} reste en vigueur.` });
      }
      case "review": {
        const parsed = validate(reviewSchema, values);
        if (!parsed.ok) return badRequest(parsed.errors, intent);
        await recordReview(ctx.scope, query, parsed.data.reviewedOn);
        return redirectWithToast(request, back, { kind: "success", message: `Revue enregistrée : la version ${sheet.currentVersion} reste en vigueur.` });
      }
      case "delete": {
        const parsed = validate(deleteSheetSchema, values);
        if (!parsed.ok) return badRequest(parsed.errors, intent);
        const keys = await deleteSheet(ctx.scope, query);
        // The files go once the deletion is committed; their names stay in the history.
        for (const key of keys ?? []) {
          await fileStore()
            .remove(key)
            .catch((error: unknown) => console.error(`Fichier ${key} non supprimé :`, error));
        }
        return redirectWithToast(request, "/fiches-qualite", { kind: "success", message: `Fiche « ${sheet.code} » supprimée.` });
      }
      case "attach": {
        const file = files.find((f) => f.field === "file");
        if (!file || (file.bytes.byteLength === 0 && file.rawName === "")) return fieldError("file", "Fichier : choisissez un PDF ou une image.", intent);
        const verdict = checkUpload({ name: file.rawName, bytes: file.bytes });
        if (!verdict.ok) return fieldError("file", verdict.message, intent);
        await attachFile(ctx.scope, fileStore(), { owner: { kind: "procedure_sheet", id: sheet.id }, name: verdict.name, type: verdict.type, bytes: file.bytes });
        return redirectWithToast(request, back, { kind: "success", message: `« ${verdict.name} » joint à la fiche.` });
      }
    }
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message, intent);
    if (error instanceof StateError) return formError(error.message, 400, intent);
    throw error;
  }
}

type Answer = { intent?: string; formError?: string; fieldErrors?: Record<string, string> } | undefined;

function FormMessage({ answer, intent }: { answer: Answer; intent: string }) {
  if (answer?.intent !== intent || !answer.formError) return null;
  return (
    <p className="form-error" role="alert">
      {answer.formError}
    </p>
  );
}

export default function SheetPage() {
  const { sheet, receipts, history, canEdit, canConfirm, today } = useLoaderData<typeof loader>();
  const answer = useActionData<Answer>();
  const shown = sheet.current ?? sheet.draft;
  const people = Object.fromEntries(
    [sheet.current, sheet.draft].flatMap((v) => (v ? ([[v.referentId, v.referentName], [v.followUpId, v.followUpName]] as const) : [])).filter(([id]) => id !== null).map(([id, name]) => [id, name]),
  );
  const wordLink = (version: number | "brouillon") => `/fiches-qualite/${sheet.id}/fiche.docx?version=${version}`;
  return (
    <section className="page">
      <p>
        <Link to="/fiches-qualite">← Fiches qualité</Link>
      </p>
      <div className="page-header">
        <h1>
          {sheet.code} — {sheet.title}
        </h1>
        {sheet.currentVersion > 0 ? <span className="badge badge--ok">Version {sheet.currentVersion} en vigueur</span> : <span className="badge badge--muted">Brouillon</span>}
      </div>
      <p className="actions-row">
        {canEdit ? (
          <Link className="button button--primary" to={`/fiches-qualite/${sheet.id}/modifier`}>
            {sheet.draft && sheet.currentVersion > 0 ? `Modifier la version ${sheet.draft.number} en préparation` : "Modifier la fiche"}
          </Link>
        ) : null}
        {sheet.currentVersion > 0 ? (
          <a className="button button--secondary" href={wordLink(sheet.currentVersion)} download>
            Télécharger en Word (.docx)
          </a>
        ) : (
          <a className="button button--secondary" href={wordLink("brouillon")} download>
            Télécharger le brouillon en Word (.docx)
          </a>
        )}
      </p>

      {sheet.draft && sheet.currentVersion > 0 ? (
        <section className="callout" aria-labelledby="preparation-titre">
          <h2 id="preparation-titre">Version {sheet.draft.number} en préparation</h2>
          <p>
            Enregistrée le {formatDate(sheet.draft.updatedOn)}, pas encore publiée : les personnes concernées lisent la version {sheet.currentVersion} jusqu'à sa publication.
            {sheet.draft.changeNote ? ` Objet de la modification : ${sheet.draft.changeNote}` : ""}
          </p>
          <FormMessage answer={answer} intent="publish" />
          {answer?.intent === "publish" && answer.fieldErrors?.changeNote ? (
            <p className="form-error" role="alert">
              {answer.fieldErrors.changeNote}
            </p>
          ) : null}
          <FormMessage answer={answer} intent="discard" />
          <div className="button-row">
            <a className="button button--secondary" href={wordLink("brouillon")} download>
              Version {sheet.draft.number} en Word (.docx)
            </a>
            {canEdit ? (
              <>
                <Form method="post">
                  <input type="hidden" name="intent" value="publish" />
                  <button type="submit" className="button button--primary">
                    Publier la version {sheet.draft.number}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="discard" />
                  <button type="submit" className="button button--secondary">
                    Abandonner ces modifications
                  </button>
                </Form>
              </>
            ) : null}
          </div>
        </section>
      ) : null}

      {sheet.currentVersion === 0 ? (
        <section className="callout" aria-labelledby="publication-titre">
          <h2 id="publication-titre">Brouillon</h2>
          <p>Seules la direction et les personnes qui rédigent les fiches la voient. Une fois publiée, les personnes concernées seront invitées à la lire et à la confirmer.</p>
          <FormMessage answer={answer} intent="publish" />
          {canEdit ? (
            <Form method="post">
              <input type="hidden" name="intent" value="publish" />
              <button type="submit" className="button button--primary">
                Publier la fiche
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {canConfirm && sheet.concernsMe && !sheet.confirmedAt ? (
        <p className="notice">
          Cette fiche vous concerne : lisez la version {sheet.currentVersion}, puis confirmez-le <a href="#lecture-titre">en bas de la page</a>.
        </p>
      ) : null}

      {shown ? <SheetHeader version={shown} /> : null}

      <dl className="facts">
        <dt>Code</dt>
        <dd>{sheet.code}</dd>
        {shown?.domain ? (
          <>
            <dt>Domaine</dt>
            <dd>{shown.domain}</dd>
          </>
        ) : null}
        <dt>Version</dt>
        <dd>
          {sheet.current ? `${sheet.current.number}, publiée le ${formatDate(sheet.current.updatedOn)}${sheet.current.publishedByName ? ` par ${sheet.current.publishedByName}` : ""}` : "aucune publiée pour l'instant"}
        </dd>
        <dt>Revue</dt>
        <dd>
          tous les {sheet.reviewMonths} mois
          {sheet.review.dueOn && sheet.review.countdown ? (
            <>
              , prochaine le <CountdownText day={sheet.review.dueOn} countdown={sheet.review.countdown} />
              {sheet.review.state === "late" ? <span className="visually-hidden"> (revue en retard)</span> : sheet.review.state === "soon" ? <span className="visually-hidden"> (à revoir bientôt)</span> : null}
            </>
          ) : null}
        </dd>
        {sheet.reviewedOn ? (
          <>
            <dt>Dernière revue</dt>
            <dd>{formatDate(sheet.reviewedOn)}</dd>
          </>
        ) : null}
      </dl>

      <section className="card card--wide" aria-labelledby="contenu-titre">
        <h2 id="contenu-titre">Contenu de la fiche{sheet.current ? ` (version ${sheet.current.number})` : ""}</h2>
        {shown?.body ? <RichText source={shown.body} headingLevel={3} /> : <p className="muted">Pas encore rédigé.</p>}
      </section>

      {canEdit || sheet.attachments.length ? (
        <AttachmentsCard
          title="Pièces jointes"
          emptyText="Aucun fichier (par exemple un modèle de document ou une affiche, en PDF ou en image)."
          attachments={sheet.attachments}
          canUpload={canEdit}
          idPrefix="pj"
          formLabel="Joindre un fichier"
          buttonLabel="Joindre le fichier"
        />
      ) : null}

      {canConfirm ? (
        <section className="card card--wide" aria-labelledby="lecture-titre">
          <h2 id="lecture-titre">Lu et compris</h2>
          <FormMessage answer={answer} intent="confirm" />
          {sheet.confirmedAt ? (
            <p>
              Vous avez confirmé avoir lu et compris la version {sheet.currentVersion} le {formatDateTime(sheet.confirmedAt)}.
            </p>
          ) : sheet.publishedByMe ? (
            <p>Vous avez publié la version {sheet.currentVersion} : vous n'avez pas à confirmer l'avoir lue.</p>
          ) : (
            <>
              <p>{sheet.concernsMe ? `Cette fiche vous concerne. Après l'avoir lue, confirmez que vous avez lu et compris sa version ${sheet.currentVersion}.` : "Cette fiche ne vous est pas adressée ; vous pouvez tout de même confirmer l'avoir lue."}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="confirm" />
                <button type="submit" className={`button ${sheet.concernsMe ? "button--primary" : "button--secondary"}`}>
                  J'ai lu et compris la version {sheet.currentVersion}
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}

      {receipts ? <ReceiptsCard receipts={receipts} /> : null}

      {canEdit && sheet.currentVersion > 0 ? (
        <section className="card card--wide" aria-labelledby="revue-titre">
          <h2 id="revue-titre">Revue sans modification</h2>
          <p>
            La fiche a été relue et reste juste : la version {sheet.currentVersion} reste en vigueur, personne n'est invité à la relire, et la prochaine revue est comptée {sheet.reviewMonths} mois
            après cette date. Pour la changer, modifiez-la : ce sera une nouvelle version.
          </p>
          <FormMessage answer={answer} intent="review" />
          <Form method="post" className="inline-form inline-form--end" noValidate>
            <input type="hidden" name="intent" value="review" />
            <Field label="Revue faite le" error={answer?.intent === "review" ? answer.fieldErrors?.reviewedOn : undefined} required>
              {(p) => <input type="date" name="reviewedOn" defaultValue={today} max={today} {...p} />}
            </Field>
            <button type="submit" className="button button--secondary">
              Enregistrer la revue
            </button>
          </Form>
        </section>
      ) : null}

      {sheet.versions.length ? (
        <section className="card card--wide" aria-labelledby="versions-titre">
          <h2 id="versions-titre">Versions</h2>
          <ol className="plain-list sheet-versions" reversed>
            {sheet.versions.map((v) => (
              <li key={v.number}>
                <p>
                  {v.number === sheet.currentVersion ? (
                    <>
                      <strong>Version {v.number}</strong> du {formatDate(v.updatedOn)} <span className="badge badge--ok">en vigueur</span>
                    </>
                  ) : (
                    <>
                      <Link to={`/fiches-qualite/${sheet.id}/versions/${v.number}`}>Version {v.number}</Link> du {formatDate(v.updatedOn)}
                    </>
                  )}{" "}
                  · <a href={wordLink(v.number)} download aria-label={`Version ${v.number} en Word (.docx)`}>Word</a>
                </p>
                <p className="small muted">{v.changeNote || "—"}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {canEdit && sheet.currentVersion === 0 ? (
        <section className="danger-zone" aria-labelledby="supprimer-titre">
          <h2 id="supprimer-titre">Supprimer la fiche</h2>
          <p>Pour une fiche créée par erreur, jamais publiée. Son contenu est conservé dans l'historique de l'office.</p>
          {answer?.intent === "delete" && answer.fieldErrors?.confirmDelete ? (
            <p className="form-error" role="alert">
              {answer.fieldErrors.confirmDelete}
            </p>
          ) : null}
          <FormMessage answer={answer} intent="delete" />
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="delete" />
            <label className="field--checkbox">
              <input type="checkbox" name="confirmDelete" /> Je confirme la suppression de cette fiche
            </label>
            <button type="submit" className="button button--danger">
              Supprimer la fiche
            </button>
          </Form>
        </section>
      ) : null}

      {history ? <HistoryPanel entries={history} references={{ referent_person_id: people, follow_up_person_id: people }} /> : null}
    </section>
  );
}

function ReceiptsCard({ receipts }: { receipts: Receipts }) {
  const confirmed = receipts.expected.filter((r) => r.state === "confirmed").length;
  return (
    <section className="card card--wide" aria-labelledby="lectures-titre">
      <h2 id="lectures-titre">Qui a lu la version {receipts.version}</h2>
      <p>
        <strong>
          {confirmed} personne{confirmed > 1 ? "s" : ""} sur {receipts.expected.length}
        </strong>{" "}
        ont confirmé avoir lu et compris la version en vigueur <span className="small muted">(la personne qui l'a publiée n'est pas comptée)</span>.
      </p>
      {receipts.expected.length ? (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">Lecture de la version {receipts.version}</caption>
            <thead>
              <tr>
                <th scope="col">Personne</th>
                <th scope="col">Lecture</th>
              </tr>
            </thead>
            <tbody>
              {receipts.expected.map((r) => (
                <tr key={r.userId}>
                  <td>
                    {r.name}
                    {r.personName && r.personName !== r.name ? <span className="checks__detail small muted">{r.personName}</span> : null}
                  </td>
                  <td>
                    {r.state === "confirmed" && r.readAt ? (
                      <>lu et compris le {formatDateTime(r.readAt)}</>
                    ) : r.state === "previous" && r.previousReadAt ? (
                      <span className="badge badge--warn">pas encore ; version précédente lue le {formatDate(r.previousReadAt)}</span>
                    ) : (
                      <span className="badge badge--muted">pas encore lu</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">Aucun compte ne correspond aux personnes et groupes concernés.</p>
      )}
      {receipts.withoutAccount.length ? (
        <p>
          <strong>Sans compte, à faire lire et signer sur papier</strong> (le fichier Word a une page pour cela) : {receipts.withoutAccount.join(", ")}.
        </p>
      ) : null}
      {receipts.others.length ? (
        <p className="small muted">
          Lue aussi par : {receipts.others.map((o) => `${o.name} (${formatDate(o.readAt)})`).join(", ")}.
        </p>
      ) : null}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
