import { FieldError, StateError } from "~/modules/errors";
// One action: its progress (status, notes, proof), the effectiveness check that closes the loop,
// its details, its history.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireOffice, forbidden } from "~/auth.server";
import { ActionForm } from "~/components/action-form";
import { CheckboxField, Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { useMemo } from "react";
import { AttachmentsCard } from "~/components/attachments-card";
import { HistoryPanel } from "~/components/history-panel";
import { ACTION_STATUSES, ACTION_STATUS_LABELS, EFFECTIVENESS_LABELS, ORIGIN_LABELS, PRIORITY_LABELS, isOverdue, quickStatusChange, type ActionStatus } from "~/modules/action/rules";
import { formatDate, formatDateTime } from "~/domain/dates";
import { actionSchema, effectivenessSchema, noteSchema, quickUpdateSchema, statusChangeSchema } from "~/modules/action/schema.server";
import { canSeeMeeting } from "~/modules/meeting/rules";
import { can, canUpdateAction } from "~/domain/roles";
import { addNote, changeStatus, checkEffectiveness, getAction, updateAction } from "~/modules/action/queries.server";
import { actionFormChoices } from "~/modules/action/choices.server";
import { historyFor, wordHistory } from "~/modules/history/queries.server";
import { entryOfAction } from "~/modules/register/queries.server";
import { ENTRY_NOUNS } from "~/modules/register/rules";
import { attachFile, listActionAttachments } from "~/modules/attachment/queries.server";
import { MAX_UPLOAD_BYTES, checkUpload } from "~/domain/uploads";
import { enforceRateLimit } from "~/modules/rate-limit/queries.server";
import { UPLOADS_PER_ACCOUNT } from "~/modules/rate-limit/rules";
import { fileStore } from "~/storage.server";
import { readPostedForm } from "~/utils/upload.server";
import { redirectWithToast } from "~/session.server";
import { safeRedirect } from "~/utils/redirect";
import { badRequest, fieldError, formError, formValues, parseIntent, unknownIntent, validate } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.action.title ?? "Action"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "actions:view");
  const actionId = parseId(params.actionId);
  const action = actionId ? await getAction(ctx.scope, { actionId }) : null;
  if (!action) throw notFound("Cette action");
  const canEdit = can(ctx.role, "actions:edit");
  const today = ctx.scope.today;
  const [history, choices, attachments, entry] = await Promise.all([
    historyFor(ctx.scope, "action", action.id),
    canEdit ? actionFormChoices(ctx.scope, action) : Promise.resolve(null),
    listActionAttachments(ctx.scope, { actionId: action.id }),
    // The register entry it comes from, a link for those who see the registers.
    can(ctx.role, "registers:view") ? entryOfAction(ctx.scope, action.id) : Promise.resolve(null),
  ]);
  // A draft meeting is hidden from those who may not read drafts: not even its title or date.
  const meetingVisible = action.meeting ? canSeeMeeting(ctx.role, action.meeting.published ? "published" : "draft") : false;
  return json({
    action: { ...action, meeting: meetingVisible ? action.meeting : null },
    meetingInPreparation: action.meeting !== null && !meetingVisible,
    entry,
    overdue: isOverdue(action, today),
    today,
    canEdit,
    canUpdate: canUpdateAction(ctx.role, ctx.membership.personId, action.ownerId),
    canOpenMeeting: meetingVisible,
    choices,
    history: wordHistory(history, { owner_person_id: { [action.ownerId]: action.ownerName, ...(choices ? Object.fromEntries(choices.people.map((p) => [p.id, p.name])) : {}) } }),
    attachments,
  });
}

const ACTION_PAGE_INTENTS = ["status", "attach", "quick", "note", "effectiveness", "update"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "actions:view");
  const actionId = parseId(params.actionId);
  const current = actionId ? await getAction(ctx.scope, { actionId }) : null;
  if (!current) throw notFound("Cette action");
  const canEdit = can(ctx.role, "actions:edit");
  const canUpdate = canUpdateAction(ctx.role, ctx.membership.personId, current.ownerId);
  // Only those who may add files send them (checked before the body is read).
  const { form, files, tooLarge } = await readPostedForm(request, { allowFiles: canUpdate, maxFileBytes: MAX_UPLOAD_BYTES });
  if (tooLarge) return fieldError("file", "Fichier : 10 Mo au maximum.", "attach");
  const values = formValues(form, { lists: ["siteIds", "contributorIds"] });
  const today = ctx.scope.today;
  const query = { actionId: current.id };
  const back = `/plan-d-actions/${current.id}`;
  const intent = parseIntent(values, ACTION_PAGE_INTENTS);
  if (!intent) return unknownIntent();
  switch (intent) {
    case "status": {
      if (!canUpdate) throw forbidden();
      const parsed = validate(statusChangeSchema(today), values);
      if (!parsed.ok) return badRequest(parsed.errors, values.intent);
      const errors = await changeStatus(ctx.scope, query, parsed.data);
      if (errors === "not_found") throw notFound("Cette action");
      if (errors) return badRequest({ fieldErrors: errors }, values.intent);
      return redirectWithToast(request, back, { kind: "success", message: `Statut : ${ACTION_STATUS_LABELS[parsed.data.status]}.` });
    }
    case "attach": {
      if (!canUpdate) throw forbidden();
      const file = files.find((f) => f.field === "file");
      if (!file || (file.bytes.byteLength === 0 && file.rawName === "")) return fieldError("file", "Fichier : choisissez une photo ou un PDF.", "attach");
      const verdict = checkUpload({ name: file.rawName, bytes: file.bytes });
      if (!verdict.ok) return fieldError("file", verdict.message, "attach");
      await enforceRateLimit(ctx.scope.db, UPLOADS_PER_ACCOUNT, `user:${ctx.user.id}`);
      await attachFile(ctx.scope, fileStore(), { owner: { kind: "action", id: current.id }, name: verdict.name, type: verdict.type, bytes: file.bytes });
      return redirectWithToast(request, back, { kind: "success", message: `« ${verdict.name} » ajouté aux preuves.` });
    }
    case "quick": {
      // From the list: a status and/or a note in one go; back to the list with the outcome.
      if (!canUpdate) throw forbidden();
      const list = safeRedirect(typeof values.back === "string" ? values.back : null, "/plan-d-actions");
      const parsed = validate(quickUpdateSchema, values);
      if (!parsed.ok) return redirectWithToast(request, list, { kind: "error", message: `« ${current.title} » : ${Object.values(parsed.errors.fieldErrors).join(" ")}` });
      const { note, status } = parsed.data;
      // The note is kept whatever happens to the status change.
      if (note) await addNote(ctx.scope, query, note);
      const outcome = quickStatusChange(current, status, today);
      if (outcome.kind === "refused") return redirectWithToast(request, list, { kind: "error", message: `« ${current.title} » : ${outcome.message}${note ? " La note est enregistrée." : ""}` });
      if (outcome.kind === "change") {
        const errors = await changeStatus(ctx.scope, query, outcome.change);
        if (errors && errors !== "not_found") {
          return redirectWithToast(request, list, { kind: "error", message: `« ${current.title} » : ${Object.values(errors).join(" ")} Ouvrez l'action pour le préciser.${note ? " La note est enregistrée." : ""}` });
        }
      }
      return redirectWithToast(request, list, { kind: "success", message: `« ${current.title} » mise à jour.` });
    }
    case "note": {
      if (!canUpdate) throw forbidden();
      const parsed = validate(noteSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors, values.intent);
      await addNote(ctx.scope, query, parsed.data.text);
      return redirectWithToast(request, back, { kind: "success", message: "Note ajoutée." });
    }
    case "effectiveness": {
      if (!canEdit) throw forbidden();
      const parsed = validate(effectivenessSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors, values.intent);
      try {
        await checkEffectiveness(ctx.scope, query, parsed.data);
      } catch (error) {
        if (error instanceof StateError) return formError(error.message, 400, values.intent);
        throw error;
      }
      return redirectWithToast(request, back, { kind: "success", message: "Vérification de l'efficacité enregistrée." });
    }
    case "update": {
      if (!canEdit) throw forbidden();
      const parsed = validate(actionSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors, values.intent);
      try {
        await updateAction(ctx.scope, query, parsed.data);
      } catch (error) {
        if (error instanceof FieldError) return fieldError(error.field, error.message, values.intent);
        throw error;
      }
      return redirectWithToast(request, back, { kind: "success", message: "Action enregistrée." });
    }
  }
}

export default function ActionPage() {
  const { action, entry, meetingInPreparation, overdue, today, canEdit, canUpdate, canOpenMeeting, choices, history, attachments } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <p>
        <Link to="/plan-d-actions">← Plan d'actions</Link>
      </p>
      <div className="page-header">
        <h1>{action.title}</h1>
        <span className={`badge ${action.status === "faite" ? "badge--ok" : overdue ? "badge--danger" : "badge--muted"}`}>
          {ACTION_STATUS_LABELS[action.status]}
          {overdue ? " — en retard" : ""}
        </span>
      </div>
      <dl className="facts">
        <dt>Pilote</dt>
        <dd>{action.ownerName}</dd>
        {action.contributorNames.length ? (
          <>
            <dt>Contributeurs</dt>
            <dd>{action.contributorNames.join(", ")}</dd>
          </>
        ) : null}
        <dt>Bureaux</dt>
        <dd>{action.siteNames.length ? action.siteNames.join(", ") : "Tout l'office"}</dd>
        <dt>Échéance</dt>
        <dd>{action.dueOn ? formatDate(action.dueOn) : "—"}</dd>
        <dt>Priorité</dt>
        <dd>{PRIORITY_LABELS[action.priority]}</dd>
        <dt>Origine</dt>
        <dd>
          {ORIGIN_LABELS[action.origin]}
          {action.finding ? (
            <>
              {" "}
              — <Link to={`/audits/${action.finding.auditId}#constats`}>{action.finding.auditTitle}</Link> : « {action.finding.text} »
            </>
          ) : null}
          {entry ? (
            <>
              {" "}
              — <Link to={`/registres/entrees/${entry.id}`}>{ENTRY_NOUNS[entry.kind]} n° {entry.id}</Link> : « {entry.subject} »
            </>
          ) : action.meeting ? (
            <>
              {" "}
              — {canOpenMeeting ? <Link to={`/reunions/${action.meeting.id}`}>{action.meeting.title}</Link> : action.meeting.title} du {formatDate(action.meeting.heldOn)}
            </>
          ) : meetingInPreparation ? (
            " — une réunion dont le compte rendu n'est pas encore publié"
          ) : action.originDetail ? (
            ` (${action.originDetail})`
          ) : (
            ""
          )}
        </dd>
        {action.statusReason ? (
          <>
            <dt>Raison</dt>
            <dd>{action.statusReason}</dd>
          </>
        ) : null}
        {action.completedOn ? (
          <>
            <dt>Réalisée le</dt>
            <dd>{formatDate(action.completedOn)}</dd>
          </>
        ) : null}
        {action.proof ? (
          <>
            <dt>Preuve</dt>
            <dd>{action.proof}</dd>
          </>
        ) : null}
        {action.effectiveness ? (
          <>
            <dt>Efficacité</dt>
            <dd>
              {EFFECTIVENESS_LABELS[action.effectiveness]} — vérifiée le {action.effectivenessOn ? formatDate(action.effectivenessOn) : "?"} par {action.effectivenessBy}
              {action.effectivenessComment ? ` : ${action.effectivenessComment}` : ""}
            </dd>
          </>
        ) : null}
      </dl>
      {action.description ? <p>{action.description}</p> : null}

      {canUpdate ? <StatusForm key={`${action.status}-${action.completedOn}`} status={action.status} completedOn={action.completedOn} reason={action.statusReason} proof={action.proof} today={today} /> : null}

      <AttachmentsCard
        title="Preuves (photos, PDF)"
        emptyText="Aucun fichier."
        attachments={attachments}
        canUpload={canUpdate}
        idPrefix="preuves"
        formLabel="Ajouter une preuve"
        buttonLabel="Ajouter le fichier"
      />

      <section className="card card--wide" aria-labelledby="notes-titre">
        <h2 id="notes-titre">Suivi</h2>
        {canUpdate ? <NoteForm /> : null}
        {action.notes.length === 0 ? (
          <p className="muted">Aucune note de suivi.</p>
        ) : (
          <ol className="history__list">
            {action.notes.map((n) => (
              <li key={n.id} className="history__entry">
                <p className="history__meta">
                  {formatDateTime(n.createdAt)} — {n.authorName}
                </p>
                <p>{n.text}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      {canEdit && action.status === "faite" ? <EffectivenessForm /> : null}

      {canEdit && choices ? (
        <details className="card card--wide">
          <summary>Modifier l'action</summary>
          <ActionForm
            intent="update"
            people={choices.people}
            sites={choices.sites}
            findings={choices.findings}
            submitLabel="Enregistrer l'action"
            defaultValues={{
              title: action.title,
              description: action.description,
              origin: action.origin,
              findingId: action.findingId ? String(action.findingId) : "",
              originDetail: action.originDetail,
              ownerId: String(action.ownerId),
              contributorIds: action.contributorIds.map(String),
              siteIds: action.siteIds.map(String),
              dueOn: action.dueOn ?? "",
              priority: action.priority,
            }}
          />
        </details>
      ) : null}
      {history ? <HistoryPanel entries={history} /> : null}
    </section>
  );
}

// The browser fetches the schemas (and zod) when a form is first used (decision 051).
const schemas = () => import("~/modules/action/schema");
const lazyNoteSchema = lazySchema(() => schemas().then((m) => m.noteSchema));
const lazyEffectivenessSchema = lazySchema(() => schemas().then((m) => m.effectivenessSchema));

function StatusForm({ status, completedOn, reason, proof, today }: { status: ActionStatus; completedOn: string | null; reason: string; proof: string; today: string }) {
  const statusSchema = useMemo(() => lazySchema(() => schemas().then((m) => m.statusChangeSchema(today))), [today]);
  const { register, errorFor, formError: error, onSubmit, submitting, form } = useValidatedForm(statusSchema, {
    status,
    completedOn: completedOn ?? "",
    statusReason: reason,
    proof,
    confirmAbandon: false,
  }, { intent: "status" });
  const chosen = form.watch("status");
  return (
    <section className="card card--wide" aria-labelledby="statut-titre">
      <h2 id="statut-titre">Avancement</h2>
      <ValidatedFormElement onSubmit={onSubmit} formError={error} aria-label="Changer le statut">
        <input type="hidden" name="intent" value="status" />
        <div className="grid-3">
          <Field label="Statut" error={errorFor("status")} required>
            {(p) => (
              <select {...p} {...register("status")}>
                {ACTION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {ACTION_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Date de réalisation" hint="Obligatoire pour une action faite." error={errorFor("completedOn")}>
            {(p) => <input type="date" max={today} {...p} {...register("completedOn")} />}
          </Field>
          <Field label="Raison" hint="Obligatoire si l'action est bloquée ou abandonnée." error={errorFor("statusReason")}>
            {(p) => <input type="text" {...p} {...register("statusReason")} />}
          </Field>
        </div>
        <Field label="Preuve de réalisation" hint="Ce qui montre que c'est fait (photo rangée à tel endroit, courrier envoyé le…)." error={errorFor("proof")}>
          {(p) => <textarea rows={2} {...p} {...register("proof")} />}
        </Field>
        {chosen === "abandonnee" ? (
          <CheckboxField label="Je confirme l'abandon de cette action" error={errorFor("confirmAbandon")}>
            {(p) => <input type="checkbox" {...p} {...register("confirmAbandon")} />}
          </CheckboxField>
        ) : null}
        <SubmitButton submitting={submitting}>Enregistrer l'avancement</SubmitButton>
      </ValidatedFormElement>
    </section>
  );
}

function NoteForm() {
  const { register, errorFor, formError: error, onSubmit, submitting } = useValidatedForm(lazyNoteSchema, { text: "" }, { intent: "note", resetAfterSuccess: true });
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={error} aria-label="Ajouter une note de suivi">
      <input type="hidden" name="intent" value="note" />
      <Field label="Nouvelle note" error={errorFor("text")} required>
        {(p) => <textarea rows={2} {...p} {...register("text")} />}
      </Field>
      <SubmitButton submitting={submitting}>Ajouter la note</SubmitButton>
    </ValidatedFormElement>
  );
}

function EffectivenessForm() {
  const { register, errorFor, formError: error, onSubmit, submitting } = useValidatedForm(lazyEffectivenessSchema, { effectiveness: "efficace", effectivenessComment: "" }, { intent: "effectiveness" });
  return (
    <section className="card card--wide" aria-labelledby="efficacite-titre">
      <h2 id="efficacite-titre">Vérifier l'efficacité</h2>
      <p className="muted">L'action est faite : a-t-elle réglé le problème ? Cette vérification boucle l'amélioration continue.</p>
      <ValidatedFormElement onSubmit={onSubmit} formError={error} aria-label="Vérifier l'efficacité">
        <input type="hidden" name="intent" value="effectiveness" />
        <div className="grid-2">
          <Field label="Résultat" error={errorFor("effectiveness")} required>
            {(p) => (
              <select {...p} {...register("effectiveness")}>
                <option value="efficace">Efficace</option>
                <option value="a_revoir">À revoir</option>
              </select>
            )}
          </Field>
          <Field label="Commentaire" error={errorFor("effectivenessComment")}>
            {(p) => <input type="text" {...p} {...register("effectivenessComment")} />}
          </Field>
        </div>
        <SubmitButton submitting={submitting}>Enregistrer la vérification</SubmitButton>
      </ValidatedFormElement>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
