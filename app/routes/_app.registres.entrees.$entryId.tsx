import { FieldError } from "~/modules/errors";
// One entry of a register: what happened, its answer and delay (complaints), its recurrences
// (dysfunctions), its decision (suggestions), the actions created from it with their progress,
// its history; the form to change it, to turn it into an action, to erase the person's data.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, notFound, requireOffice } from "~/auth.server";
import { CheckboxField, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { HistoryPanel } from "~/components/history-panel";
import { QuickActionForm } from "~/components/quick-action-form";
import { RegisterEntryForm } from "~/components/register-entry-form";
import { formatDate } from "~/domain/dates";
import { can } from "~/domain/roles";
import { ACTION_STATUS_LABELS, isOverdue, progressOf } from "~/modules/action/rules";
import { actionFormChoices } from "~/modules/action/choices.server";
import { historyFor, wordHistory } from "~/modules/history/queries.server";
import { questionnaireOrigin } from "~/modules/questionnaire/queries.server";
import { entryDefaults, entryFormChoices, parseEntry } from "~/modules/register/form.server";
import { createActionFromEntry, erasePersonalData, getEntry, getRegisterSettings, updateEntry } from "~/modules/register/queries.server";
import { CHANNEL_LABELS, ENTRY_NOUNS, OCCURRED_LABELS, REGISTER_SLUGS, REGISTER_TITLES, SOURCE_LABELS, STATUS_LABELS, canEditEntry, isFinal, retentionEnd } from "~/modules/register/rules";
import { entryActionSchema, eraseSchema } from "~/modules/register/schema.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, parseIntent, readForm, unknownIntent, validate } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyEraseSchema = lazySchema(() => import("~/modules/register/schema").then((m) => m.eraseSchema));

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `${ENTRY_NOUNS[data.entry.kind]} n° ${data.entry.id}` : "Entrée"} — Cap Qualité` }];

async function loadEntry(request: Request, entryIdParam: string | undefined) {
  const ctx = await requireOffice(request, "registers:view");
  const entryId = parseId(entryIdParam);
  const entry = entryId ? await getEntry(ctx.scope, entryId) : null;
  if (!entry) throw notFound("Cette entrée du registre");
  const canEdit = canEditEntry(
    { canEditAll: can(ctx.role, "registers:edit"), canLog: can(ctx.role, "registers:log"), userId: ctx.user.id },
    { kind: entry.kind, status: entry.status, createdByUserId: entry.createdByUserId, answeredOn: entry.answeredOn },
  );
  return { ctx, entry, canEdit };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, entry, canEdit } = await loadEntry(request, params.entryId);
  const canAct = can(ctx.role, "actions:edit");
  const [history, choices, actionChoices, settings, fromQuestionnaire] = await Promise.all([
    historyFor(ctx.scope, "register_entry", entry.id),
    canEdit ? entryFormChoices(ctx.scope, entry.kind, entry) : Promise.resolve(null),
    canAct ? actionFormChoices(ctx.scope) : Promise.resolve(null),
    getRegisterSettings(ctx.scope),
    questionnaireOrigin(ctx.scope, { registerEntryId: entry.id }),
  ]);
  const personal = can(ctx.role, "registers:personal_data");
  return json({
    entry,
    today: ctx.scope.today,
    canEdit,
    canAct,
    canErase: can(ctx.role, "registers:edit") && personal,
    personal,
    choices,
    actionPeople: actionChoices?.people ?? [],
    defaults: entryDefaults(entry.kind, ctx.scope.today, entry),
    actionsProgress: progressOf(entry.actions, ctx.scope.today),
    retainedUntil: entry.closedOn ? retentionEnd(entry.closedOn, settings.retentionYears) : null,
    answerDays: settings.answerDays,
    fromQuestionnaire,
    // The history names people and sites, never the person who complained (decision 023).
    history: wordHistory(history, {
      site_id: Object.fromEntries((choices?.sites ?? []).map((s) => [s.id, s.name])),
      person_id: Object.fromEntries((choices?.people ?? []).map((p) => [p.id, p.name])),
      recurrence_of_id: Object.fromEntries(entry.earlier.map((e) => [e.id, `n° ${e.id} du ${formatDate(e.occurredOn)}`])),
    }),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, entry, canEdit } = await loadEntry(request, params.entryId);
  const values = formValues(await readForm(request));
  const intent = parseIntent(values, ["update", "action", "erase"]);
  if (!intent) return unknownIntent();
  const back = `/registres/entrees/${entry.id}`;
  switch (intent) {
    case "update": {
      if (!canEdit) throw forbidden();
      const parsed = parseEntry(entry.kind, values);
      if (!parsed.ok) return badRequest(parsed.errors, "update");
      try {
        const errors = await updateEntry(ctx.scope, entry.id, parsed.data);
        if (errors === "not_found") throw notFound("Cette entrée du registre");
        if (errors) return badRequest({ fieldErrors: errors }, "update");
      } catch (error) {
        if (error instanceof FieldError) return fieldError(error.field, error.message, "update");
        throw error;
      }
      return redirectWithToast(request, back, { kind: "success", message: "Entrée enregistrée." });
    }
    case "action": {
      if (!can(ctx.role, "actions:edit")) throw forbidden();
      const parsed = validate(entryActionSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors, "action");
      try {
        const actionId = await createActionFromEntry(ctx.scope, entry.id, {
          ...parsed.data,
          origin: entry.kind,
          findingId: null,
          originDetail: `${ENTRY_NOUNS[entry.kind]} n° ${entry.id} du ${formatDate(entry.occurredOn)}`,
          contributorIds: [],
          siteIds: entry.siteId ? [entry.siteId] : [],
        });
        if (actionId === null) throw notFound("Cette entrée du registre");
        return redirectWithToast(request, back, { kind: "success", message: `Action « ${parsed.data.title} » ajoutée au plan.` });
      } catch (error) {
        if (error instanceof FieldError) return fieldError(error.field, error.message, "action");
        throw error;
      }
    }
    case "erase": {
      if (!can(ctx.role, "registers:edit")) throw forbidden();
      const parsed = validate(eraseSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors, "erase");
      await erasePersonalData(ctx.scope, entry.id);
      return redirectWithToast(request, back, { kind: "success", message: "Les données de la personne sont effacées ; l'entrée reste dans les chiffres." });
    }
  }
}

export default function EntryPage() {
  const { entry, today, canEdit, canAct, canErase, personal, choices, actionPeople, defaults, actionsProgress, retainedUntil, answerDays, fromQuestionnaire, history } = useLoaderData<typeof loader>();
  const slug = REGISTER_SLUGS[entry.kind];
  return (
    <section className="page">
      <p>
        <Link to={`/registres/${slug}`}>← {REGISTER_TITLES[entry.kind]}</Link>
      </p>
      <div className="page-header">
        <h1>
          {ENTRY_NOUNS[entry.kind]} n° {entry.id} : {entry.subject}
        </h1>
        <span className={`badge ${entry.late ? "badge--danger" : isFinal(entry.status) ? "badge--ok" : "badge--muted"}`}>
          {STATUS_LABELS[entry.status]}
          {entry.late ? " — en retard" : ""}
        </span>
      </div>
      <dl className="facts">
        <dt>{OCCURRED_LABELS[entry.kind]}</dt>
        <dd>{formatDate(entry.occurredOn)}</dd>
        <dt>Bureau</dt>
        <dd>{entry.siteName ?? "Tout l'office"}</dd>
        {entry.category ? (
          <>
            <dt>Catégorie</dt>
            <dd>{entry.category}</dd>
          </>
        ) : null}
        {entry.kind === "complaint" && entry.channel ? (
          <>
            <dt>Canal</dt>
            <dd>
              {CHANNEL_LABELS[entry.channel]}
              {entry.platform ? ` — ${entry.platform}` : ""}
              {entry.reviewUrl ? (
                <>
                  {" "}
                  (
                  <a href={entry.reviewUrl} rel="noopener noreferrer" target="_blank">
                    voir l'avis
                  </a>
                  )
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {entry.kind === "suggestion" && entry.source ? (
          <>
            <dt>De la part de</dt>
            <dd>
              {SOURCE_LABELS[entry.source]}
              {entry.personName ? ` — ${entry.personName}` : ""}
              {entry.contactName ? ` — ${entry.contactName}` : ""}
            </dd>
          </>
        ) : null}
        {entry.kind === "complaint" ? (
          <>
            <dt>La personne</dt>
            <dd>
              {entry.anonymised
                ? "Données effacées (anonymisée)"
                : !personal
                  ? "Non affichée (données personnelles)"
                  : [entry.contactName, entry.contactDetails].filter(Boolean).join(" — ") || "Non renseignée"}
            </dd>
            <dt>Traitée par</dt>
            <dd>{entry.personName ?? "Non attribuée"}</dd>
            <dt>Délai de réponse</dt>
            <dd>
              {entry.delay ? (
                <>
                  {entry.delay.answered ? `Répondue en ${entry.delay.days} jour${entry.delay.days > 1 ? "s" : ""} ouvré${entry.delay.days > 1 ? "s" : ""}` : `En attente depuis ${entry.delay.days} jour${entry.delay.days > 1 ? "s" : ""} ouvré${entry.delay.days > 1 ? "s" : ""}`}
                  {" "}— objectif {answerDays} jours ouvrés, soit le {formatDate(entry.delay.dueOn)}
                  {entry.delay.late ? <span className="badge badge--danger">en retard</span> : null}
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {entry.kind === "suggestion" && isFinal(entry.status) ? (
          <>
            <dt>Décision</dt>
            <dd>
              {STATUS_LABELS[entry.status]}
              {entry.decidedOn ? ` le ${formatDate(entry.decidedOn)}` : ""}
              {entry.decisionReason ? ` : ${entry.decisionReason}` : ""}
            </dd>
          </>
        ) : null}
        {entry.kind === "dysfunction" ? (
          <>
            <dt>Constaté par</dt>
            <dd>{entry.personName ?? "Non précisé"}</dd>
            <dt>Occurrences</dt>
            <dd>
              {entry.occurrence === 1 && entry.later.length === 0 ? "Première fois" : `${entry.occurrence}${entry.occurrence === 1 ? "re" : "e"} occurrence`}
              {entry.later.length ? ` — constaté de nouveau ${entry.later.length} fois depuis` : ""}
            </dd>
          </>
        ) : null}
        {fromQuestionnaire ? (
          <>
            <dt>Vient de</dt>
            <dd>
              {fromQuestionnaire.responseId ? (
                <Link to={`/registres/questionnaires/reponses/${fromQuestionnaire.responseId}`}>la réponse n° {fromQuestionnaire.responseId}</Link>
              ) : (
                "une réponse"
              )}{" "}
              au questionnaire <Link to={`/registres/questionnaires/${fromQuestionnaire.questionnaireId}`}>{fromQuestionnaire.title}</Link>
            </dd>
          </>
        ) : null}
        <dt>Enregistrée par</dt>
        <dd>{entry.createdByName}</dd>
        {entry.closeReason ? (
          <>
            <dt>Raison de la clôture</dt>
            <dd>{entry.closeReason}</dd>
          </>
        ) : null}
      </dl>
      {entry.description ? <p>{entry.description}</p> : null}
      {entry.kind === "dysfunction" && (entry.impact || entry.immediateFix) ? (
        <dl className="facts">
          {entry.impact ? (
            <>
              <dt>Impact</dt>
              <dd>{entry.impact}</dd>
            </>
          ) : null}
          {entry.immediateFix ? (
            <>
              <dt>Correction immédiate</dt>
              <dd>{entry.immediateFix}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {entry.kind === "complaint" && entry.answer ? (
        <section className="card card--wide" aria-labelledby="reponse-titre">
          <h2 id="reponse-titre">Réponse apportée</h2>
          <p>{entry.answer}</p>
          <p className="small muted">
            {entry.answeredOn ? `Le ${formatDate(entry.answeredOn)}` : ""}
            {entry.answeredBy ? ` par ${entry.answeredBy}` : ""}
          </p>
        </section>
      ) : null}
      {entry.kind === "dysfunction" && (entry.earlier.length || entry.later.length) ? (
        <section className="card card--wide" aria-labelledby="recurrence-titre">
          <h2 id="recurrence-titre">Le même dysfonctionnement, d'autres fois</h2>
          <ul className="plain-list">
            {[...entry.earlier].reverse().map((e) => (
              <li key={e.id}>
                <Link to={`/registres/entrees/${e.id}`}>{formatDate(e.occurredOn)} — {e.subject}</Link> (avant)
              </li>
            ))}
            {entry.later.map((e) => (
              <li key={e.id}>
                <Link to={`/registres/entrees/${e.id}`}>{formatDate(e.occurredOn)} — {e.subject}</Link> (après)
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card card--wide" aria-labelledby="actions-titre">
        <h2 id="actions-titre">Actions du plan</h2>
        {entry.actions.length === 0 ? (
          <p className="muted">Aucune action n'a été créée à partir de cette entrée.</p>
        ) : (
          <>
            <p className="small">
              {actionsProgress.done} faite{actionsProgress.done > 1 ? "s" : ""} sur {actionsProgress.done + actionsProgress.open}
              {actionsProgress.overdue ? `, ${actionsProgress.overdue} en retard` : ""}
            </p>
            <ul className="plain-list">
              {entry.actions.map((a) => (
                <li key={a.id}>
                  <Link to={`/plan-d-actions/${a.id}`}>{a.title}</Link> — {a.ownerName}, {ACTION_STATUS_LABELS[a.status]}
                  {a.dueOn ? `, échéance ${formatDate(a.dueOn)}` : ""}
                  {isOverdue(a, today) ? <span className="badge badge--danger">en retard</span> : null}
                </li>
              ))}
            </ul>
          </>
        )}
        {canAct ? <EntryActionForm people={actionPeople} subject={entry.subject} /> : null}
      </section>

      {canEdit && choices ? (
        <details className="card card--wide">
          <summary>Modifier l'entrée</summary>
          <RegisterEntryForm kind={entry.kind} defaultValues={defaults} choices={choices} submitLabel="Enregistrer les modifications" intent="update" showPersonalData={personal} showStatus />
        </details>
      ) : null}

      {canErase && entry.kind !== "dysfunction" ? <PersonalDataCard entryId={entry.id} anonymised={entry.anonymised} retainedUntil={retainedUntil} /> : null}

      {history ? <HistoryPanel entries={history} /> : null}
    </section>
  );
}

function EntryActionForm({ people, subject }: { people: Array<{ id: number; name: string }>; subject: string }) {
  return (
    <details className="quick">
      <summary>Créer une action à partir de cette entrée</summary>
      <QuickActionForm title={subject} people={people} label="Créer une action" />
    </details>
  );
}

function PersonalDataCard({ entryId, anonymised, retainedUntil }: { entryId: number; anonymised: boolean; retainedUntil: string | null }) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyEraseSchema, { confirm: false }, { intent: "erase" });
  return (
    <section className="card card--wide" aria-labelledby="rgpd-titre">
      <h2 id="rgpd-titre">Données personnelles</h2>
      {anonymised ? (
        <p>Le nom et le contact de la personne ont été effacés ; l'entrée reste comptée dans le registre.</p>
      ) : (
        <>
          <p className="small">
            {retainedUntil ? `Conservées jusqu'au ${formatDate(retainedUntil)}, puis effacées automatiquement.` : "Conservées jusqu'à la clôture, puis pendant la durée fixée par l'office."}{" "}
            <a href={`/registres/entrees/${entryId}/donnees.json`} download>
              Exporter les données de la personne
            </a>
          </p>
          <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Effacer les données de la personne">
            <input type="hidden" name="intent" value="erase" />
            <CheckboxField label="Je confirme l'effacement du nom et du contact de la personne (définitif)." error={errorFor("confirm")}>
              {(p) => <input type="checkbox" {...p} {...register("confirm")} />}
            </CheckboxField>
            <button type="submit" className="button button--danger" disabled={submitting}>
              Effacer à la demande de la personne
            </button>
          </ValidatedFormElement>
        </>
      )}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
