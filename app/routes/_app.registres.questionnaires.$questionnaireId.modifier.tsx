// Changing a campaign: its period, sites, channels and texts, whether it was held, and its
// questions (added, changed, moved, removed while no answer is recorded; afterwards only their
// wording). A campaign without answers may be deleted.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { forbidden } from "~/auth.server";
import { CheckboxField, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { Form } from "~/components/once-form";
import { QuestionForm, QuestionnaireForm } from "~/components/questionnaire-form";
import { QuestionnaireHeader } from "~/components/questionnaire-parts";
import { listSites } from "~/modules/office/queries.server";
import { headOf, requireQuestionnaire } from "~/modules/questionnaire/access.server";
import { QuestionnaireInputError, addQuestion, deleteQuestionnaire, moveQuestion, removeQuestion, updateQuestion, updateQuestionnaire } from "~/modules/questionnaire/queries.server";
import { QUESTION_KIND_LABELS, levelWord, questionDefaults } from "~/modules/questionnaire/rules";
import { deleteQuestionnaireSchema, questionIdSchema, questionSchema, questionnaireSchema } from "~/modules/questionnaire/schema.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, parseIntent, readForm, unknownIntent, validate } from "~/utils/forms.server";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyDeleteQuestionnaireSchema = lazySchema(() => import("~/modules/questionnaire/schema").then((m) => m.deleteQuestionnaireSchema));

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Modifier ${data ? `« ${data.questionnaire.title} »` : "le questionnaire"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, questionnaire, rights } = await requireQuestionnaire(request, params, "questionnaires:edit");
  const sites = await listSites(ctx.scope);
  const chosen = new Set(questionnaire.sites.map((s) => s.id));
  return json({
    head: headOf(questionnaire),
    rights,
    questionnaire,
    locked: questionnaire.responses > 0,
    sites: sites.filter((s) => s.active || chosen.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
    defaults: {
      title: questionnaire.title,
      startsOn: questionnaire.startsOn,
      endsOn: questionnaire.endsOn,
      siteIds: questionnaire.sites.map((s) => String(s.id)),
      channels: questionnaire.channels,
      intro: questionnaire.intro,
      thanks: questionnaire.thanks,
      notHeld: questionnaire.notHeld,
      notHeldReason: questionnaire.notHeldReason,
      starter: false,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, questionnaire } = await requireQuestionnaire(request, params, "questionnaires:edit");
  const values = formValues(await readForm(request), { lists: ["siteIds", "channels"] });
  const intent = parseIntent(values, ["update", "delete", "add-question", "update-question", "remove-question", "move-up", "move-down"]);
  if (!intent) return unknownIntent();
  const here = `/registres/questionnaires/${questionnaire.id}/modifier`;
  const questionId = () => {
    const parsed = validate(questionIdSchema, values);
    return parsed.ok ? parsed.data.questionId! : null;
  };
  const notFoundQuestion = () => fieldError("questionId", "Question : elle n'existe pas dans ce questionnaire.", intent);
  try {
    switch (intent) {
      case "update": {
        const parsed = validate(questionnaireSchema, values);
        if (!parsed.ok) return badRequest(parsed.errors, intent);
        await updateQuestionnaire(ctx.scope, questionnaire.id, parsed.data);
        return redirectWithToast(request, here, { kind: "success", message: "Campagne enregistrée." });
      }
      case "delete": {
        const parsed = validate(deleteQuestionnaireSchema, values);
        if (!parsed.ok) return badRequest(parsed.errors, intent);
        const done = await deleteQuestionnaire(ctx.scope, questionnaire.id);
        if (done === "has_answers") return fieldError("confirm", "Confirmation : cette campagne a des réponses ; supprimez-les d'abord, une à une, si elles ont été saisies par erreur.", intent);
        if (!done) throw forbidden();
        return redirectWithToast(request, "/registres/questionnaires", { kind: "success", message: `Campagne « ${questionnaire.title} » supprimée.` });
      }
      case "add-question": {
        const parsed = validate(questionSchema, values);
        if (!parsed.ok) return badRequest(parsed.errors, intent);
        await addQuestion(ctx.scope, questionnaire.id, parsed.data);
        return redirectWithToast(request, `${here}#questions`, { kind: "success", message: "Question ajoutée." });
      }
      case "update-question": {
        const id = questionId();
        if (id === null) return notFoundQuestion();
        const parsed = validate(questionSchema, values);
        // Named after the question, so that only its form shows them.
        if (!parsed.ok) return badRequest(parsed.errors, `${intent}:${id}`);
        try {
          if (!(await updateQuestion(ctx.scope, questionnaire.id, id, parsed.data))) return notFoundQuestion();
        } catch (error) {
          if (error instanceof QuestionnaireInputError) return fieldError(error.field, error.message, `${intent}:${id}`);
          throw error;
        }
        return redirectWithToast(request, `${here}#question-${id}`, { kind: "success", message: "Question enregistrée." });
      }
      case "remove-question":
      case "move-up":
      case "move-down": {
        const id = questionId();
        if (id === null) return notFoundQuestion();
        const done = intent === "remove-question" ? await removeQuestion(ctx.scope, questionnaire.id, id) : await moveQuestion(ctx.scope, questionnaire.id, id, intent === "move-up" ? "up" : "down");
        if (!done) return notFoundQuestion();
        return redirectWithToast(request, `${here}#questions`, { kind: "success", message: intent === "remove-question" ? "Question retirée." : "Ordre des questions enregistré." });
      }
    }
  } catch (error) {
    if (error instanceof QuestionnaireInputError) return fieldError(error.field, error.message, intent);
    throw error;
  }
}

export default function EditQuestionnairePage() {
  const { head, rights, questionnaire, locked, sites, defaults } = useLoaderData<typeof loader>();
  const answer = useActionData<{ intent?: string }>();
  return (
    <section className="page questionnaire-page">
      <QuestionnaireHeader campaign={head} rights={rights} />
      <section className="card" aria-labelledby="campagne-titre">
        <h2 id="campagne-titre">La campagne</h2>
        <QuestionnaireForm intent="update" isNew={false} sites={sites} defaultValues={defaults} submitLabel="Enregistrer la campagne" />
      </section>

      <section className="card" aria-labelledby="questions" id="questions-card">
        <h2 id="questions">Questions ({questionnaire.questions.length})</h2>
        {locked ? (
          <p className="notice small">
            {questionnaire.responses} réponse{questionnaire.responses > 1 ? "s sont enregistrées" : " est enregistrée"} : les questions gardent leur type, leurs choix et leur ordre, pour que les chiffres gardent leur sens. Leur libellé peut encore être corrigé. Pour changer de questions, copiez la campagne.
          </p>
        ) : null}
        {questionnaire.questions.length === 0 ? <p className="muted">Aucune question pour l'instant : ajoutez-en ci-dessous.</p> : null}
        <ol className="question-list">
          {questionnaire.questions.map((q, i) => (
            <li key={q.id} id={`question-${q.id}`} className="question-item">
              <div className="question-item__head">
                <p className="question-item__text">
                  <strong>
                    {q.position}. {q.text}
                  </strong>
                  {q.required ? <span className="badge badge--muted">obligatoire</span> : null}
                  {q.personal ? <span className="badge badge--warn">données personnelles</span> : null}
                  <br />
                  <span className="small muted">
                    {QUESTION_KIND_LABELS[q.kind]}
                    {q.kind === "scale" && q.levels ? ` : ${levelWord(q.levels, q.levels)} … ${levelWord(q.levels, 1)} (${q.levels} niveaux)` : ""}
                    {q.kind === "single" || q.kind === "multiple" ? ` : ${q.choices.join(" / ")}` : ""}
                    {q.kind === "number" && (q.minValue !== null || q.maxValue !== null) ? ` : de ${q.minValue ?? "…"} à ${q.maxValue ?? "…"}` : ""}
                  </span>
                </p>
                {locked ? null : (
                  <div className="inline-form question-item__buttons">
                    <QuestionButton intent="move-up" questionId={q.id} label="Monter" hidden={i === 0} text={q.text} />
                    <QuestionButton intent="move-down" questionId={q.id} label="Descendre" hidden={i === questionnaire.questions.length - 1} text={q.text} />
                    <QuestionButton intent="remove-question" questionId={q.id} label="Retirer" text={q.text} />
                  </div>
                )}
              </div>
              <details className="quick" open={answer?.intent === `update-question:${q.id}` || undefined}>
                <summary>Modifier la question {q.position}</summary>
                <QuestionForm intent="update-question" questionId={q.id} defaultValues={questionDefaults(q)} submitLabel="Enregistrer la question" locked={locked} />
              </details>
            </li>
          ))}
        </ol>
        {locked ? null : (
          <details className="card card--inner" open={questionnaire.questions.length === 0 || answer?.intent === "add-question" || undefined}>
            <summary>Ajouter une question</summary>
            <QuestionForm
              intent="add-question"
              defaultValues={{ kind: "scale", text: "", help: "", required: false, levels: "4", choices: "", minValue: "", maxValue: "", personal: false }}
              submitLabel="Ajouter la question"
              locked={false}
            />
          </details>
        )}
      </section>

      {questionnaire.responses === 0 ? <DeleteCard /> : null}
    </section>
  );
}

function QuestionButton({ intent, questionId, label, hidden, text }: { intent: string; questionId: number; label: string; hidden?: boolean; text: string }) {
  if (hidden) return null;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="questionId" value={questionId} />
      <button type="submit" className={`button button--small ${intent === "remove-question" ? "button--danger" : "button--secondary"}`} aria-label={`${label} la question « ${text} »`}>
        {label}
      </button>
    </Form>
  );
}

function DeleteCard() {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyDeleteQuestionnaireSchema, { confirm: false }, { intent: "delete" });
  return (
    <section className="danger-zone" aria-labelledby="supprimer-titre">
      <h2 id="supprimer-titre">Supprimer la campagne</h2>
      <p className="small">Possible tant qu'aucune réponse n'est enregistrée. Une campagne prévue mais pas menée se garde plutôt, cochée « non réalisée » avec sa raison.</p>
      <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Supprimer la campagne">
        <input type="hidden" name="intent" value="delete" />
        <CheckboxField label="Je confirme la suppression de cette campagne et de ses questions." error={errorFor("confirm")}>
          {(p) => <input type="checkbox" {...p} {...register("confirm")} />}
        </CheckboxField>
        <button type="submit" className="button button--danger" disabled={submitting}>
          Supprimer la campagne
        </button>
      </ValidatedFormElement>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
