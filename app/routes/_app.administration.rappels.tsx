// The office's reminders (decision 046): how long before a label's end, its next audit, a
// sheet's review, a campaign's start and a complaint's deadline the reminders go out. Defaults
// hold until the office changes them; a meeting series' days are set on the series.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { can } from "~/domain/roles";
import { OFFICE_STAGES, OFFICE_STAGE_KINDS, formatStages } from "~/modules/reminder/rules";
import { officeStagesSchema, STAGE_FIELDS } from "~/modules/reminder/schema.server";
import { getOfficeStages, saveOfficeStages } from "~/modules/reminder/settings.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, formValues, readForm, validate } from "~/utils/forms.server";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyOfficeStagesSchema = lazySchema(() => import("~/modules/reminder/schema").then((m) => m.officeStagesSchema));

export const meta: MetaFunction = () => [{ title: "Rappels — Administration — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "office:view");
  const stages = await getOfficeStages(ctx.scope);
  return json({
    kinds: OFFICE_STAGE_KINDS.map((kind) => ({ kind, field: STAGE_FIELDS[kind], ...OFFICE_STAGES[kind], value: formatStages(stages[kind]), defaults: formatStages(OFFICE_STAGES[kind].defaults) })),
    canEdit: can(ctx.role, "reminders:settings"),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "reminders:settings");
  const parsed = validate(officeStagesSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  await saveOfficeStages(ctx.scope, parsed.data);
  return redirectWithToast(request, "/administration/rappels", { kind: "success", message: "Rappels de l'office enregistrés." });
}

export default function RemindersPage() {
  const { kinds, canEdit } = useLoaderData<typeof loader>();
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyOfficeStagesSchema, Object.fromEntries(kinds.map((k) => [k.field, k.value])));
  return (
    <section className="page">
      <h1>Rappels de l'office</h1>
      <p>
        Quand les rappels partent, pour tout l'office : dans l'application et, sauf si la personne l'a refusé, par courriel. Chacun choisit ses rappels par courriel et le jour de son
        récapitulatif d'actions sur sa page <Link to="/notifications#preferences">Notifications</Link> ; les rappels des réunions se règlent sur chaque{" "}
        <Link to="/reunions">série de réunions</Link>.
      </p>
      {!canEdit ? <p className="notice">Seuls la direction, le ou la référent(e) qualité et l'administrateur peuvent les modifier.</p> : null}
      <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Rappels de l'office">
        <fieldset disabled={!canEdit} className="fieldset">
          <legend className="visually-hidden">Rappels de l'office</legend>
          {kinds.map((k) => (
            <Field key={k.kind} label={`${k.label} (${k.unit} avant)`} hint={`${k.hint} Par défaut : ${k.defaults}.`} error={errorFor(k.field)}>
              {(p) => <input type="text" inputMode="numeric" className="input--stages" {...p} {...register(k.field)} />}
            </Field>
          ))}
          {canEdit ? <SubmitButton submitting={submitting}>Enregistrer</SubmitButton> : null}
        </fieldset>
      </ValidatedFormElement>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
