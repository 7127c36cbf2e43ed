import { FieldError } from "~/modules/errors";
// One answer sheet: its answers (the dissatisfied ones marked), what it led to, and the forms to
// turn it into a complaint of the register or an action of the plan, to erase the visitor's
// personal answers, or to delete a sheet typed by mistake.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, notFound, requireOffice } from "~/auth.server";
import { QuickActionForm } from "~/components/quick-action-form";
import { ChoiceSelect } from "~/components/choice-select";
import { CheckboxField, Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { HistoryPanel } from "~/components/history-panel";
import { RegistersNav } from "~/components/register-nav";
import { formatDate, formatDateTime } from "~/domain/dates";
import { can } from "~/domain/roles";
import { ACTION_STATUS_LABELS, type ActionStatus } from "~/modules/action/rules";
import { actionFormChoices } from "~/modules/action/choices.server";
import { historyFor, wordHistory } from "~/modules/history/queries.server";
import { listPeople } from "~/modules/person/queries.server";
import { QuestionnaireInputError, actionFromQuestionnaire, complaintFromResponse, deleteResponse, erasePersonalAnswers, getResponse } from "~/modules/questionnaire/queries.server";
import { CHANNEL_LABELS, SOURCE_LABELS } from "~/modules/questionnaire/rules";
import { complaintFromAnswerSchema, deleteResponseSchema, followUpActionSchema } from "~/modules/questionnaire/schema.server";
import { STATUS_LABELS, type EntryStatus } from "~/modules/register/rules";
import { eraseSchema } from "~/modules/register/schema.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, parseIntent, readForm, unknownIntent, validate } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyEraseSchema = lazySchema(() => import("~/modules/register/schema").then((m) => m.eraseSchema));

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyComplaintFromAnswerSchema = lazySchema(() => import("~/modules/questionnaire/schema").then((m) => m.complaintFromAnswerSchema));
const lazyDeleteResponseSchema = lazySchema(() => import("~/modules/questionnaire/schema").then((m) => m.deleteResponseSchema));

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `Réponse n° ${data.response.id}` : "Réponse"} — Cap Qualité` }];

async function loadResponse(request: Request, param: string | undefined) {
  const ctx = await requireOffice(request, "questionnaires:view");
  const id = parseId(param);
  const response = id ? await getResponse(ctx.scope, id) : null;
  if (!response) throw notFound("Cette réponse");
  return { ctx, response };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, response } = await loadResponse(request, params.responseId);
  const canComplain = can(ctx.role, "registers:log");
  const canAct = can(ctx.role, "actions:edit");
  const [people, actionChoices, history] = await Promise.all([
    canComplain ? listPeople(ctx.scope, { activeOnly: true }) : Promise.resolve([]),
    canAct ? actionFormChoices(ctx.scope) : Promise.resolve(null),
    historyFor(ctx.scope, "questionnaire_response", response.id),
  ]);
  return json({
    response,
    canComplain,
    canAct,
    canDelete: can(ctx.role, "questionnaires:edit"),
    canErase: can(ctx.role, "questionnaires:edit") && can(ctx.role, "registers:personal_data"),
    handlers: people.map((p) => ({ id: p.id, name: p.fullName })),
    owners: actionChoices?.people ?? [],
    history: wordHistory(history, { site_id: response.siteId && response.siteName ? { [response.siteId]: response.siteName } : {} }),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, response } = await loadResponse(request, params.responseId);
  const values = formValues(await readForm(request));
  const intent = parseIntent(values, ["complaint", "action", "delete", "erase"]);
  if (!intent) return unknownIntent();
  const here = `/registres/questionnaires/reponses/${response.id}`;
  switch (intent) {
    case "complaint": {
      if (!can(ctx.role, "registers:log")) throw forbidden();
      const parsed = validate(complaintFromAnswerSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors, intent);
      try {
        const entryId = await complaintFromResponse(ctx.scope, response.id, parsed.data);
        if (entryId === null) throw notFound("Cette réponse");
        return redirectWithToast(request, here, { kind: "success", message: `Réclamation n° ${entryId} ajoutée au registre.` });
      } catch (error) {
        if (error instanceof QuestionnaireInputError) return fieldError(error.field, error.message, intent);
        throw error;
      }
    }
    case "action": {
      if (!can(ctx.role, "actions:edit")) throw forbidden();
      const parsed = validate(followUpActionSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors, intent);
      try {
        const actionId = await actionFromQuestionnaire(ctx.scope, { questionnaireId: response.questionnaireId, responseId: response.id }, parsed.data);
        if (actionId === null) throw notFound("Cette réponse");
        return redirectWithToast(request, here, { kind: "success", message: `Action « ${parsed.data.title} » ajoutée au plan.` });
      } catch (error) {
        if (error instanceof FieldError) return fieldError(error.field, error.message, intent);
        throw error;
      }
    }
    case "delete": {
      if (!can(ctx.role, "questionnaires:edit")) throw forbidden();
      const parsed = validate(deleteResponseSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors, intent);
      const questionnaireId = await deleteResponse(ctx.scope, response.id);
      if (questionnaireId === null) throw notFound("Cette réponse");
      return redirectWithToast(request, `/registres/questionnaires/${questionnaireId}/reponses`, { kind: "success", message: `Réponse n° ${response.id} supprimée.` });
    }
    case "erase": {
      if (!can(ctx.role, "questionnaires:edit") || !can(ctx.role, "registers:personal_data")) throw forbidden();
      const parsed = validate(eraseSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors, intent);
      await erasePersonalAnswers(ctx.scope, response.id);
      return redirectWithToast(request, here, { kind: "success", message: "Les coordonnées laissées par la personne sont effacées ; ses autres réponses restent." });
    }
  }
}

export default function ResponsePage() {
  const { response, canComplain, canAct, canDelete, canErase, handlers, owners, history } = useLoaderData<typeof loader>();
  const lows = response.answers.filter((a) => a.dissatisfied);
  const comment = response.answers.find((a) => a.question.kind === "text" && !a.personal)?.value ?? "";
  const subject = (lows.length ? `Insatisfait : ${lows.map((a) => a.question.text.toLocaleLowerCase("fr")).join(", ")}` : comment || `Réponse n° ${response.id} au questionnaire`).slice(0, 300);
  const hasPersonal = response.answers.some((a) => a.personal);
  return (
    <section className="page questionnaire-page">
      <RegistersNav current="questionnaires" />
      <p>
        <Link to={`/registres/questionnaires/${response.questionnaireId}`}>← {response.questionnaireTitle}</Link>
      </p>
      <div className="page-header">
        <h1>Réponse n° {response.id}</h1>
        {response.dissatisfied ? <span className="badge badge--danger">insatisfait</span> : <span className="badge badge--ok">pas d'insatisfaction</span>}
      </div>
      <dl className="facts">
        <dt>Date</dt>
        <dd>{formatDate(response.answeredOn)}</dd>
        <dt>Bureau</dt>
        <dd>{response.siteName ?? "Non précisé"}</dd>
        <dt>Canal</dt>
        <dd>{CHANNEL_LABELS[response.channel]}</dd>
        <dt>Saisie</dt>
        <dd>
          {SOURCE_LABELS[response.source]}
          {response.source === "public" ? "" : ` par ${response.createdByName}`}, le {formatDateTime(response.createdAt)}
        </dd>
      </dl>
      <section className="card" aria-labelledby="reponses-titre">
        <h2 id="reponses-titre">Les réponses</h2>
        {response.answers.length === 0 ? (
          <p className="muted">Aucune réponse visible.</p>
        ) : (
          <dl className="answers">
            {response.answers.map((a) => (
              <div key={a.question.id} className={`answers__row${a.dissatisfied ? " answers__row--low" : ""}`}>
                <dt>
                  {a.question.position}. {a.question.text}
                </dt>
                <dd>
                  {a.value}
                  {a.dissatisfied ? <span className="badge badge--danger">insatisfait</span> : null}
                  {a.personal ? <span className="badge badge--warn">données personnelles</span> : null}
                </dd>
              </div>
            ))}
          </dl>
        )}
        {response.hiddenPersonal ? <p className="small muted">Les coordonnées laissées par la personne ne sont pas affichées à votre rôle.</p> : null}
      </section>

      <section className="card" aria-labelledby="suites-titre">
        <h2 id="suites-titre">Suites données</h2>
        {response.followUps.length === 0 ? (
          <p className="muted">Aucune pour l'instant.</p>
        ) : (
          <ul className="plain-list">
            {response.followUps.map((f) => (
              <li key={f.id}>
                {f.kind === "action" ? (
                  <>
                    Action <Link to={`/plan-d-actions/${f.targetId}`}>{f.title}</Link> — {ACTION_STATUS_LABELS[f.status as ActionStatus] ?? f.status}
                  </>
                ) : (
                  <>
                    Réclamation <Link to={`/registres/entrees/${f.targetId}`}>{f.title}</Link> — {STATUS_LABELS[f.status as EntryStatus] ?? f.status}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {canComplain ? <ComplaintForm subject={subject} handlers={handlers} open={response.dissatisfied && response.followUps.length === 0} /> : null}
        {canAct ? <ActionForm title={subject.replace(/^Insatisfait : /, "Améliorer : ")} owners={owners} /> : null}
      </section>

      {canErase && hasPersonal ? <EraseCard /> : null}
      {canDelete ? <DeleteCard /> : null}
      {history ? <HistoryPanel entries={history} /> : null}
    </section>
  );
}

function ComplaintForm({ subject, handlers, open }: { subject: string; handlers: Array<{ id: number; name: string }>; open: boolean }) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyComplaintFromAnswerSchema, { subject, description: "", category: "Accueil", personId: "" }, { intent: "complaint" });
  return (
    <details className="quick" open={open || undefined}>
      <summary>En faire une réclamation du registre</summary>
      <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Créer une réclamation">
        <input type="hidden" name="intent" value="complaint" />
        <p className="small">La réclamation reprend la date, le bureau et les réponses de la feuille ; son canal est « questionnaire de satisfaction ».</p>
        <Field label="Objet" error={errorFor("subject")} required>
          {(p) => <input type="text" {...p} {...register("subject")} />}
        </Field>
        <Field label="Description" hint="Facultative : les réponses de la feuille y sont ajoutées." error={errorFor("description")}>
          {(p) => <textarea rows={2} {...p} {...register("description")} />}
        </Field>
        <div className="grid-2">
          <Field label="Catégorie" error={errorFor("category")}>
            {(p) => <input type="text" {...p} {...register("category")} />}
          </Field>
          <Field label="Traitée par" error={errorFor("personId")}>
            {(p) => <ChoiceSelect choices={handlers} emptyLabel="Non attribuée" {...p} {...register("personId")} />}
          </Field>
        </div>
        <SubmitButton submitting={submitting}>Ajouter la réclamation au registre</SubmitButton>
      </ValidatedFormElement>
    </details>
  );
}

function ActionForm({ title, owners }: { title: string; owners: Array<{ id: number; name: string }> }) {
  return (
    <details className="quick">
      <summary>En faire une action du plan</summary>
      <QuickActionForm title={title} people={owners} label="Créer une action" />
    </details>
  );
}

function EraseCard() {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyEraseSchema, { confirm: false }, { intent: "erase" });
  return (
    <section className="card" aria-labelledby="rgpd-titre">
      <h2 id="rgpd-titre">Données personnelles</h2>
      <p className="small">Les coordonnées laissées avec l'accord de la personne sont effacées à sa demande, et d'office une fois passée la durée de conservation des registres après la fin de la campagne.</p>
      <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Effacer les coordonnées">
        <input type="hidden" name="intent" value="erase" />
        <CheckboxField label="Je confirme l'effacement des coordonnées de la personne (définitif)." error={errorFor("confirm")}>
          {(p) => <input type="checkbox" {...p} {...register("confirm")} />}
        </CheckboxField>
        <button type="submit" className="button button--danger" disabled={submitting}>
          Effacer à la demande de la personne
        </button>
      </ValidatedFormElement>
    </section>
  );
}

function DeleteCard() {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyDeleteResponseSchema, { confirm: false }, { intent: "delete" });
  return (
    <section className="danger-zone" aria-labelledby="supprimer-titre">
      <h2 id="supprimer-titre">Supprimer la réponse</h2>
      <p className="small">Pour une feuille saisie deux fois ou par erreur. Les réclamations et actions qui en viennent restent.</p>
      <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Supprimer la réponse">
        <input type="hidden" name="intent" value="delete" />
        <CheckboxField label="Je confirme la suppression de cette réponse." error={errorFor("confirm")}>
          {(p) => <input type="checkbox" {...p} {...register("confirm")} />}
        </CheckboxField>
        <button type="submit" className="button button--danger" disabled={submitting}>
          Supprimer la réponse
        </button>
      </ValidatedFormElement>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
