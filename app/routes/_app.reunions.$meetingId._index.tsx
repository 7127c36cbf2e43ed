import { StateError } from "~/modules/errors";
// One meeting: the quality-document header, attendance, the minutes section by section with
// their decisions and actions, files, publication and who has read the minutes.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { forbidden } from "~/auth.server";
import { AttachmentsCard } from "~/components/attachments-card";
import { HistoryPanel } from "~/components/history-panel";
import { RegisterSummaryView } from "~/components/register-summary";
import { IndicatorTableView } from "~/components/indicator-table";
import { RichBlocks } from "~/components/rich-blocks";
import { ACTION_STATUS_LABELS } from "~/modules/action/rules";
import { formatDate, formatDateTime, formatLongDate, formatTime } from "~/domain/dates";
import { ATTENDEE_STATUS_LABELS, MEETING_STATUS_LABELS, canMarkRead, type AttendeeStatus } from "~/modules/meeting/rules";
import { MAX_UPLOAD_BYTES, checkUpload } from "~/domain/uploads";
import { can } from "~/domain/roles";
import { attachFile } from "~/modules/attachment/queries.server";
import { historyFor, wordHistory } from "~/modules/history/queries.server";
import { parsedText } from "~/utils/rich-text.server";
import { deleteMeeting, type MeetingDetail } from "~/modules/meeting/meetings.server";
import { publishMeeting, unpublishMeeting } from "~/modules/meeting/minutes.server";
import { markRead, readReceipts } from "~/modules/meeting/reads.server";
import { publishedMinutesReminders } from "~/modules/reminder/collect.server";
import { recordNow } from "~/modules/reminder/runner.server";
import { redirectWithToast } from "~/session.server";
import { requireVisibleMeeting } from "~/modules/meeting/access.server";
import { enforceRateLimit } from "~/modules/rate-limit/queries.server";
import { UPLOADS_PER_ACCOUNT } from "~/modules/rate-limit/rules";
import { fileStore } from "~/storage.server";
import { fieldError, formError, formValues, parseIntent, unknownIntent } from "~/utils/forms.server";
import { readPostedForm } from "~/utils/upload.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.meeting.title ?? "Réunion"} — Cap Qualité` }];


export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, meeting } = await requireVisibleMeeting(request, params);
  const canEdit = can(ctx.role, "meetings:edit");
  const [receipts, history] = await Promise.all([
    canEdit ? readReceipts(ctx.scope, { meetingId: meeting.id }) : Promise.resolve(null),
    historyFor(ctx.scope, "meeting", meeting.id),
  ]);
  const people = Object.fromEntries(
    [meeting.chair, meeting.writer, meeting.referent, meeting.followUp].filter((p): p is { id: number; name: string } => p !== null).map((p) => [p.id, p.name]),
  );
  // The texts go parsed: the page draws their tree without the Markdown parser (decision 051).
  return json({
    meeting: { ...meeting, summary: parsedText(meeting.summary), sections: meeting.sections.map((s) => ({ ...s, body: parsedText(s.body) })) },
    receipts,
    history: wordHistory(history, { chair_person_id: people, writer_person_id: people, doc_referent_person_id: people, doc_follow_up_person_id: people }),
    canEdit,
    canRead: canMarkRead(ctx.role, meeting.status),
    isPast: meeting.heldOn <= ctx.scope.today,
  });
}

const MEETING_PAGE_INTENTS = ["read", "publish", "unpublish", "delete", "attach"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, meeting } = await requireVisibleMeeting(request, params);
  const canEdit = can(ctx.role, "meetings:edit");
  // Only those who may add files send them (checked before the body is read).
  const { form, files, tooLarge } = await readPostedForm(request, { allowFiles: canEdit, maxFileBytes: MAX_UPLOAD_BYTES });
  if (tooLarge) return fieldError("file", "Fichier : 10 Mo au maximum.", "attach");
  const values = formValues(form);
  const query = { meetingId: meeting.id };
  const back = `/reunions/${meeting.id}`;
  const intent = parseIntent(values, MEETING_PAGE_INTENTS);
  if (!intent) return unknownIntent();
  switch (intent) {
    case "read": {
      if (!canMarkRead(ctx.role, meeting.status)) return formError("Seul un compte rendu publié peut être marqué comme lu.", 400, values.intent);
      await markRead(ctx.scope, { ...query, userId: ctx.user.id });
      return redirectWithToast(request, back, { kind: "success", message: "Compte rendu marqué comme lu." });
    }
    case "publish": {
      if (!canEdit) throw forbidden();
      try {
        await publishMeeting(ctx.scope, query);
      } catch (error) {
        if (error instanceof StateError) return formError(error.message, 400, values.intent);
        throw error;
      }
      // The members are told now, in the app; their mails leave with the next run of the reminders.
      await recordNow(ctx.scope, await publishedMinutesReminders(ctx.scope, query.meetingId));
      return redirectWithToast(request, back, { kind: "success", message: "Compte rendu publié : les membres du groupe peuvent le lire." });
    }
    case "unpublish": {
      if (!canEdit) throw forbidden();
      await unpublishMeeting(ctx.scope, query);
      return redirectWithToast(request, back, { kind: "success", message: "Compte rendu repassé en brouillon." });
    }
    case "delete": {
      if (!canEdit) throw forbidden();
      if (values.confirmDelete !== "on") return formError("Suppression : cochez la case pour confirmer.", 400, values.intent);
      let keys: string[] | null;
      try {
        keys = await deleteMeeting(ctx.scope, query);
      } catch (error) {
        if (error instanceof StateError) return formError(error.message, 400, values.intent);
        throw error;
      }
      // The files go once the deletion is committed; their names stay in the history. A file
      // that cannot be removed stays on disk: the deletion itself has happened.
      for (const key of keys ?? []) {
        await fileStore()
          .remove(key)
          .catch((error: unknown) => console.error(`Fichier ${key} non supprimé :`, error));
      }
      return redirectWithToast(request, "/reunions", { kind: "success", message: `Réunion « ${meeting.title} » supprimée.` });
    }
    case "attach": {
      if (!canEdit) throw forbidden();
      const file = files.find((f) => f.field === "file");
      if (!file || (file.bytes.byteLength === 0 && file.rawName === "")) return fieldError("file", "Fichier : choisissez un PDF ou une image.", "attach");
      const verdict = checkUpload({ name: file.rawName, bytes: file.bytes });
      if (!verdict.ok) return fieldError("file", verdict.message, "attach");
      await enforceRateLimit(ctx.scope.db, UPLOADS_PER_ACCOUNT, `user:${ctx.user.id}`);
      await attachFile(ctx.scope, fileStore(), { owner: { kind: "meeting", id: meeting.id }, name: verdict.name, type: verdict.type, bytes: file.bytes });
      return redirectWithToast(request, back, { kind: "success", message: `« ${verdict.name} » joint au compte rendu.` });
    }
  }
}

function names(meeting: Pick<MeetingDetail, "attendees">, status: AttendeeStatus): string {
  return meeting.attendees
    .filter((a) => a.status === status)
    .map((a) => (a.role ? `${a.name} (${a.role})` : a.name))
    .join(" – ");
}

export default function MeetingPage() {
  const { meeting, receipts, history, canEdit, canRead, isPast } = useLoaderData<typeof loader>();
  const answer = useActionData<{ intent?: string; formError?: string }>();
  const sectionTitle = new Map(meeting.sections.map((s) => [s.id, s.title]));
  return (
    <section className="page">
      <p>
        <Link to="/reunions">← Réunions</Link>
      </p>
      <div className="page-header">
        <h1>{meeting.title}</h1>
        <span className={`badge ${meeting.status === "published" ? "badge--ok" : "badge--muted"}`}>{MEETING_STATUS_LABELS[meeting.status]}</span>
      </div>
      <p className="actions-row">
        {canEdit ? (
          <>
            <Link className="button button--primary" to={`/reunions/${meeting.id}/compte-rendu`}>
              Rédiger le compte rendu
            </Link>
            <Link className="button button--secondary" to={`/reunions/${meeting.id}/participants`}>
              Participants et présences
            </Link>
            <Link className="button button--secondary" to={`/reunions/${meeting.id}/modifier`}>
              Modifier les informations
            </Link>
          </>
        ) : null}
        <a className="button button--secondary" href={`/reunions/${meeting.id}/compte-rendu.docx`} download>
          Télécharger en Word (.docx)
        </a>
      </p>

      <section className="quality-header" aria-label="En-tête du document qualité">
        <dl>
          <dt>Date d'actualisation</dt>
          <dd>{formatLongDate(meeting.docUpdatedOn)}</dd>
          {/* Published minutes leave out what was never filled in; a draft shows it as missing. */}
          {([
            ["Référent qualité", meeting.referent?.name ?? ""],
            ["Responsable suivi fiche", meeting.followUp?.name ?? ""],
            ["Personnes concernées", meeting.concerned],
          ] as const).map(([label, value]) =>
            value.trim() !== "" || meeting.status === "draft" ? (
              <div key={label} className="facts__row">
                <dt>{label}</dt>
                <dd>{value.trim() || "—"}</dd>
              </div>
            ) : null,
          )}
        </dl>
      </section>

      <dl className="facts">
        <dt>Date</dt>
        <dd>
          {formatLongDate(meeting.heldOn)}, {meeting.endTime ? `de ${formatTime(meeting.startTime)} à ${formatTime(meeting.endTime)}` : `à ${formatTime(meeting.startTime)}`}
        </dd>
        {meeting.place ? (
          <>
            <dt>Lieu</dt>
            <dd>{meeting.place}</dd>
          </>
        ) : null}
        <dt>Série</dt>
        <dd>{meeting.seriesName}</dd>
        {meeting.chair ? (
          <>
            <dt>Présidence</dt>
            <dd>{meeting.chair.name}</dd>
          </>
        ) : null}
        {meeting.writer ? (
          <>
            <dt>Rédaction</dt>
            <dd>{meeting.writer.name}</dd>
          </>
        ) : null}
      </dl>

      <section className="card card--wide" aria-labelledby="participants-titre">
        <h2 id="participants-titre">Participants</h2>
        {meeting.attendees.length === 0 ? (
          <p className="muted">Personne n'est encore invité.</p>
        ) : (
          <dl className="facts">
            {(["present", "excused", "absent", "invited"] as const).map((status) =>
              names(meeting, status) ? (
                <div key={status} className="facts__row">
                  <dt>{status === "invited" ? "Invités (présence à noter)" : `${ATTENDEE_STATUS_LABELS[status].replace("(e)", "s")}`}</dt>
                  <dd>{names(meeting, status)}</dd>
                </div>
              ) : null,
            )}
          </dl>
        )}
      </section>

      <section className="card card--wide minutes" aria-labelledby="cr-titre">
        <h2 id="cr-titre">Compte rendu</h2>
        {meeting.sections.length === 0 ? <p className="muted">L'ordre du jour est vide.</p> : null}
        {meeting.sections.map((s) => {
          const actions = meeting.actions.filter((a) => a.sectionId === s.id);
          return (
            <section key={s.id} className="minutes__section" aria-labelledby={`point-${s.id}`}>
              <h3 id={`point-${s.id}`}>{s.title}</h3>
              {s.body ? <RichBlocks blocks={s.body} headingLevel={4} /> : meeting.status === "draft" ? <p className="muted small">Pas encore rédigé.</p> : null}
              {s.registerSummary ? <RegisterSummaryView summary={s.registerSummary} frozen={meeting.status === "published"} /> : null}
              {s.indicatorTable ? <IndicatorTableView indicators={s.indicatorTable} frozen={meeting.status === "published"} /> : null}
              {s.decisions.length ? (
                <div className="decisions">
                  <p className="decisions__title">Décisions</p>
                  <ul>
                    {s.decisions.map((d) => (
                      <li key={d.id}>{d.text}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {actions.length ? (
                <p className="small">
                  Actions :{" "}
                  {actions.map((a, i) => (
                    <span key={a.id}>
                      {i > 0 ? ", " : ""}
                      <Link to={`/plan-d-actions/${a.id}`}>{a.title}</Link> ({ACTION_STATUS_LABELS[a.status].toLowerCase()})
                    </span>
                  ))}
                </p>
              ) : null}
            </section>
          );
        })}
        {meeting.summary ? (
          <section className="minutes__section" aria-labelledby="resume-titre">
            <h3 id="resume-titre">En résumé</h3>
            <RichBlocks blocks={meeting.summary} headingLevel={4} />
          </section>
        ) : null}
        {meeting.endTime ? <p className="minutes__end">Fin de réunion à {formatTime(meeting.endTime)}.</p> : null}
      </section>

      <section className="card card--wide" aria-labelledby="actions-titre">
        <h2 id="actions-titre">Actions décidées</h2>
        {meeting.actions.length === 0 ? (
          <p className="muted">Aucune action n'a encore été créée à partir de cette réunion.{canEdit ? " Créez-les depuis la page de rédaction du compte rendu." : ""}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Pilote</th>
                <th scope="col">Bureaux</th>
                <th scope="col">Échéance</th>
                <th scope="col">Statut</th>
              </tr>
            </thead>
            <tbody>
              {meeting.actions.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/plan-d-actions/${a.id}`}>{a.title}</Link>
                    {a.sectionId && sectionTitle.get(a.sectionId) ? <span className="small muted"> — {sectionTitle.get(a.sectionId)}</span> : null}
                  </td>
                  <td>{a.ownerName}</td>
                  <td>{a.siteNames.length ? a.siteNames.join(", ") : "Tout l'office"}</td>
                  <td>{a.dueOn ? formatDate(a.dueOn) : "—"}</td>
                  <td>{ACTION_STATUS_LABELS[a.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {canEdit || meeting.attachments.length ? (
        <AttachmentsCard
          title="Pièces jointes"
          emptyText="Aucun fichier (par exemple le rapport d'activité présenté en réunion)."
          attachments={meeting.attachments}
          canUpload={canEdit}
          idPrefix="pj"
          formLabel="Joindre un fichier"
          buttonLabel="Joindre le fichier"
        />
      ) : null}

      {canRead ? (
        <section className="card card--wide" aria-labelledby="lecture-titre">
          <h2 id="lecture-titre">Lecture</h2>
          {meeting.readAt ? <p>Vous avez marqué ce compte rendu comme lu le {formatDateTime(meeting.readAt)}.</p> : <p>Prenez connaissance du compte rendu, puis indiquez-le.</p>}
          {!meeting.readAt || meeting.readAt < meeting.minutesUpdatedAt ? (
            <Form method="post">
              <input type="hidden" name="intent" value="read" />
              <button type="submit" className="button button--primary">
                {meeting.readAt ? "J'ai lu la nouvelle version" : "J'ai lu le compte rendu"}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {canEdit ? (
        <section className="card card--wide" aria-labelledby="publication-titre">
          <h2 id="publication-titre">Publication</h2>
          {answer?.formError && (answer.intent === "publish" || answer.intent === "unpublish") ? (
            <p className="form-error" role="alert">
              {answer.formError}
            </p>
          ) : null}
          {meeting.status === "draft" ? (
            <>
              <p>
                Brouillon : seuls la direction et les rédacteurs le voient.{" "}
                {isPast ? "Une fois publié, les membres du groupe et l'équipe le liront dans « Réunions »." : "La réunion n'a pas encore eu lieu."}
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="publish" />
                <button type="submit" className="button button--primary">
                  Publier le compte rendu
                </button>
              </Form>
            </>
          ) : (
            <>
              <p>
                Publié le {meeting.publishedAt ? formatDateTime(meeting.publishedAt) : "?"} par {meeting.publishedByName}.
                {meeting.publishedAt && meeting.minutesUpdatedAt > meeting.publishedAt ? ` Modifié depuis, le ${formatDateTime(meeting.minutesUpdatedAt)}.` : ""}
              </p>
              {receipts ? <Receipts receipts={receipts} /> : null}
              <Form method="post">
                <input type="hidden" name="intent" value="unpublish" />
                <button type="submit" className="button button--secondary">
                  Repasser en brouillon
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}

      {canEdit && meeting.status === "draft" ? (
        <section className="danger-zone" aria-labelledby="supprimer-titre">
          <h2 id="supprimer-titre">Supprimer la réunion</h2>
          <p>
            Pour une réunion planifiée par erreur. Son contenu est conservé dans l'historique de l'office ; les actions créées à partir d'elle restent dans le plan
            d'actions.
          </p>
          {answer?.formError && answer.intent === "delete" ? (
            <p className="form-error" role="alert">
              {answer.formError}
            </p>
          ) : null}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="delete" />
            <label className="field--checkbox">
              <input type="checkbox" name="confirmDelete" /> Je confirme la suppression de cette réunion
            </label>
            <button type="submit" className="button button--danger">
              Supprimer la réunion
            </button>
          </Form>
        </section>
      ) : null}

      {history ? <HistoryPanel entries={history} /> : null}
    </section>
  );
}

function Receipts({ receipts }: { receipts: Array<{ userId: number; name: string; readAt: string | null; stale: boolean }> }) {
  const read = receipts.filter((r) => r.readAt);
  return (
    <>
      <p>
        <strong>
          Lu par {read.length} personne{read.length > 1 ? "s" : ""} sur {receipts.length}
        </strong>{" "}
        <span className="small muted">(la personne qui l'a rédigé et celle qui l'a publié ne sont pas comptées)</span>
      </p>
      {receipts.length ? (
        <table className="table table--compact">
          <caption className="visually-hidden">Lecture du compte rendu</caption>
          <thead>
            <tr>
              <th scope="col">Personne</th>
              <th scope="col">Lecture</th>
            </tr>
          </thead>
          <tbody>
            {receipts.map((r) => (
              <tr key={r.userId}>
                <td>{r.name}</td>
                <td>
                  {r.readAt ? (
                    <>
                      lu le {formatDateTime(r.readAt)}
                      {r.stale ? <span className="badge badge--warn"> version précédente</span> : null}
                    </>
                  ) : (
                    <span className="badge badge--muted">pas encore lu</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
