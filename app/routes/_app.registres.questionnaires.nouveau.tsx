// A new campaign: from an earlier one (last year's questions, sites, channels and texts, moved to
// the chosen year) or from the start (with the usual questions, or none).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { ChoiceSelect } from "~/components/choice-select";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { QuestionnaireForm } from "~/components/questionnaire-form";
import { RegistersNav } from "~/components/register-nav";
import { formatDate } from "~/domain/dates";
import { listSites } from "~/modules/office/queries.server";
import { QuestionnaireInputError, copyQuestionnaire, createQuestionnaire, listQuestionnaires } from "~/modules/questionnaire/queries.server";
import { campaignYear } from "~/modules/questionnaire/rules";
import { copySchema, questionnaireSchema } from "~/modules/questionnaire/schema.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, parseIntent, readForm, unknownIntent, validate } from "~/utils/forms.server";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyCopySchema = lazySchema(() => import("~/modules/questionnaire/schema").then((m) => m.copySchema));

export const meta: MetaFunction = () => [{ title: "Nouvelle campagne de questionnaire — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "questionnaires:edit");
  const [sites, campaigns] = await Promise.all([listSites(ctx.scope), listQuestionnaires(ctx.scope)]);
  const thisYear = Number(ctx.scope.today.slice(0, 4));
  const latest = campaigns[0];
  return json({
    today: ctx.scope.today,
    sites: sites.filter((s) => s.active).map((s) => ({ id: s.id, name: s.name })),
    campaigns: campaigns.map((c) => ({ id: c.id, name: `${c.title} (${formatDate(c.startsOn)} – ${formatDate(c.endsOn)}${c.notHeld ? ", non réalisée" : ""})` })),
    copy: latest ? { sourceId: String(latest.id), year: String(Math.max(thisYear, campaignYear(latest) + 1)) } : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "questionnaires:edit");
  const values = formValues(await readForm(request), { lists: ["siteIds", "channels"] });
  const intent = parseIntent(values, ["create", "copy"]);
  if (!intent) return unknownIntent();
  if (intent === "copy") {
    const parsed = validate(copySchema, values);
    if (!parsed.ok) return badRequest(parsed.errors, "copy");
    const id = await copyQuestionnaire(ctx.scope, parsed.data.sourceId!, parsed.data.year);
    if (id === null) return fieldError("sourceId", "Campagne à reprendre : choisissez-la dans la liste.", "copy");
    return redirectWithToast(request, `/registres/questionnaires/${id}/modifier`, { kind: "success", message: `Campagne ${parsed.data.year} créée à partir de la précédente : vérifiez sa période et ses questions.` });
  }
  const parsed = validate(questionnaireSchema, values);
  if (!parsed.ok) return badRequest(parsed.errors, "create");
  try {
    const id = await createQuestionnaire(ctx.scope, parsed.data);
    return redirectWithToast(request, parsed.data.notHeld ? `/registres/questionnaires/${id}` : `/registres/questionnaires/${id}/modifier`, { kind: "success", message: `Campagne « ${parsed.data.title} » créée.` });
  } catch (error) {
    if (error instanceof QuestionnaireInputError) return fieldError(error.field, error.message, "create");
    throw error;
  }
}

export default function NewQuestionnairePage() {
  const { today, sites, campaigns, copy } = useLoaderData<typeof loader>();
  return (
    <section className="page questionnaire-page">
      <RegistersNav current="questionnaires" />
      <h1>Nouvelle campagne</h1>
      {copy ? (
        <section className="card" aria-labelledby="copie-titre">
          <h2 id="copie-titre">Reprendre une campagne précédente</h2>
          <p className="small">Ses questions, ses bureaux, ses canaux et ses textes, sa période déplacée à l'année choisie ; les résultats compareront les deux campagnes question par question.</p>
          <CopyForm campaigns={campaigns} defaults={copy} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="zero-titre">
        <h2 id="zero-titre">{copy ? "Ou partir de zéro" : "Partir de zéro"}</h2>
        <QuestionnaireForm
          intent="create"
          isNew
          sites={sites}
          submitLabel="Créer la campagne"
          defaultValues={{
            title: `Votre avis sur notre accueil ${today.slice(0, 4)}`,
            startsOn: today,
            endsOn: `${today.slice(0, 4)}-09-30` >= today ? `${today.slice(0, 4)}-09-30` : `${today.slice(0, 4)}-12-31`,
            siteIds: [],
            channels: ["papier", "qr_code"],
            intro: "Votre avis nous aide à améliorer notre accueil. Ce questionnaire prend deux minutes ; il est anonyme.",
            thanks: "Merci pour votre participation et bon séjour !",
            notHeld: false,
            notHeldReason: "",
            starter: true,
          }}
        />
      </section>
    </section>
  );
}

function CopyForm({ campaigns, defaults }: { campaigns: Array<{ id: number; name: string }>; defaults: { sourceId: string; year: string } }) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyCopySchema, defaults, { intent: "copy" });
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Reprendre une campagne précédente">
      <input type="hidden" name="intent" value="copy" />
      <div className="grid-2">
        <Field label="Campagne à reprendre" error={errorFor("sourceId")} required>
          {(p) => <ChoiceSelect choices={campaigns} emptyLabel="Choisir…" {...p} {...register("sourceId")} />}
        </Field>
        <Field label="Pour l'année" error={errorFor("year")} required>
          {(p) => <input type="number" min={2000} max={2100} inputMode="numeric" className="input--year" {...p} {...register("year")} />}
        </Field>
      </div>
      <SubmitButton submitting={submitting}>Copier la campagne</SubmitButton>
    </ValidatedFormElement>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
