// "Registres": the three registers at a glance (entries, open ones, late complaints), and for the
// référente the office's answer target and personal-data retention, with the retention pass.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, requireOffice } from "~/auth.server";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { can } from "~/domain/roles";
import { listQuestionnaires } from "~/modules/questionnaire/queries.server";
import { CAMPAIGN_STATE_LABELS, formatRate } from "~/modules/questionnaire/rules";
import { anonymiseExpired, getRegisterSettings, registerOverview, saveRegisterSettings } from "~/modules/register/queries.server";
import { REGISTER_KINDS, REGISTER_SLUGS, REGISTER_TITLES } from "~/modules/register/rules";
import { settingsSchema } from "~/modules/register/schema.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, formValues, parseIntent, readForm, unknownIntent, validate } from "~/utils/forms.server";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazySettingsSchema = lazySchema(() => import("~/modules/register/schema").then((m) => m.settingsSchema));


export const meta: MetaFunction = () => [{ title: "Registres — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "registers:view");
  const [overview, settings, questionnaires] = await Promise.all([registerOverview(ctx.scope), getRegisterSettings(ctx.scope), listQuestionnaires(ctx.scope)]);
  // The latest campaign held (or planned), for the questionnaires' card.
  const latest = questionnaires.find((q) => !q.notHeld) ?? null;
  return json({
    overview,
    settings,
    canSet: can(ctx.role, "registers:edit"),
    canLog: can(ctx.role, "registers:log"),
    questionnaires: { count: questionnaires.length, latest: latest ? { id: latest.id, title: latest.title, state: latest.state, responses: latest.responses, rate: latest.satisfactionRate } : null },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "registers:edit");
  const values = formValues(await readForm(request));
  const intent = parseIntent(values, ["settings", "anonymise"]);
  if (!intent) return unknownIntent();
  if (intent === "settings") {
    const parsed = validate(settingsSchema, values);
    if (!parsed.ok) return badRequest(parsed.errors, "settings");
    await saveRegisterSettings(ctx.scope, parsed.data);
    return redirectWithToast(request, "/registres", { kind: "success", message: "Réglages des registres enregistrés." });
  }
  if (!can(ctx.role, "registers:personal_data")) throw forbidden();
  const count = await anonymiseExpired(ctx.scope);
  return redirectWithToast(request, "/registres", {
    kind: "success",
    message: count === 0 ? "Aucune entrée à anonymiser." : `${count} entrée${count > 1 ? "s" : ""} anonymisée${count > 1 ? "s" : ""}.`,
  });
}

export default function RegistersPage() {
  const { overview, settings, canSet, canLog, questionnaires } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <h1>Registres</h1>
      <p className="lead">Ce que l'office écoute et corrige : les dysfonctionnements internes, les réclamations, les suggestions et les questionnaires de satisfaction, chacun pouvant devenir une action du plan.</p>
      <div className="cards">
        {REGISTER_KINDS.map((kind) => (
          <section key={kind} className="card" aria-labelledby={`registre-${kind}`}>
            <h2 id={`registre-${kind}`}>
              <Link to={`/registres/${REGISTER_SLUGS[kind]}`}>{REGISTER_TITLES[kind]}</Link>
            </h2>
            <p className="stat__value">{overview[kind].total}</p>
            <p className="small">
              {overview[kind].open} {kind === "suggestion" ? "à l'étude" : "en cours"}
              {kind === "complaint" && overview.lateComplaints > 0 ? (
                <>
                  {" "}
                  —{" "}
                  <Link to="/registres/reclamations?en-retard=1" className="badge badge--danger">
                    {overview.lateComplaints} en retard
                  </Link>
                </>
              ) : null}
            </p>
            {canLog ? (
              <Link to={`/registres/${REGISTER_SLUGS[kind]}/nouveau`} className="button button--secondary button--small">
                {kind === "dysfunction" ? "Nouveau dysfonctionnement" : kind === "complaint" ? "Nouvelle réclamation" : "Nouvelle suggestion"}
              </Link>
            ) : null}
          </section>
        ))}
        <section className="card" aria-labelledby="registre-questionnaires">
          <h2 id="registre-questionnaires">
            <Link to="/registres/questionnaires">Questionnaires de satisfaction</Link>
          </h2>
          <p className="stat__value">{questionnaires.count}</p>
          <p className="small">
            {questionnaires.latest ? (
              <>
                Dernière campagne : <Link to={`/registres/questionnaires/${questionnaires.latest.id}`}>{questionnaires.latest.title}</Link> ({CAMPAIGN_STATE_LABELS[questionnaires.latest.state].toLowerCase()}, {questionnaires.latest.responses} réponse
                {questionnaires.latest.responses > 1 ? "s" : ""}, {formatRate(questionnaires.latest.rate)} de satisfaits)
              </>
            ) : (
              "Aucune campagne pour l'instant."
            )}
          </p>
        </section>
      </div>
      {canSet ? (
        <SettingsForm answerDays={settings.answerDays} retentionYears={settings.retentionYears} />
      ) : (
        <p className="small">
          Objectif de réponse aux réclamations : {settings.answerDays} jours ouvrés. Données personnelles conservées {settings.retentionYears} an{settings.retentionYears > 1 ? "s" : ""} après la clôture.
        </p>
      )}
    </section>
  );
}

function SettingsForm({ answerDays, retentionYears }: { answerDays: number; retentionYears: number }) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazySettingsSchema, { answerDays, retentionYears }, { intent: "settings" });
  return (
    <section className="card card--wide" aria-labelledby="reglages-titre">
      <h2 id="reglages-titre">Réglages</h2>
      <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Réglages des registres">
        <input type="hidden" name="intent" value="settings" />
        <div className="grid-2">
          <Field label="Délai de réponse aux réclamations (jours ouvrés)" hint="Samedis, dimanches et jours fériés exclus. 5 par défaut." error={errorFor("answerDays")} required>
            {(p) => <input type="number" min={1} max={60} inputMode="numeric" {...p} {...register("answerDays")} />}
          </Field>
          <Field label="Conservation des données personnelles (années après la clôture)" hint="Ensuite le nom et le contact sont effacés ; les chiffres restent. 3 par défaut." error={errorFor("retentionYears")} required>
            {(p) => <input type="number" min={1} max={10} inputMode="numeric" {...p} {...register("retentionYears")} />}
          </Field>
        </div>
        <SubmitButton submitting={submitting}>Enregistrer les réglages</SubmitButton>
      </ValidatedFormElement>
      <form method="post" className="inline-form">
        <input type="hidden" name="intent" value="anonymise" />
        <p className="small">Le passage mensuel efface les données des entrées closes depuis plus longtemps que la durée de conservation. Vous pouvez le lancer maintenant :</p>
        <button type="submit" className="button button--secondary button--small">
          Anonymiser les entrées échues
        </button>
      </form>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
