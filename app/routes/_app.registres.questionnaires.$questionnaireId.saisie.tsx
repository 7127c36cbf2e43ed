// Typing the paper sheets of a campaign, one after the other (sheet-entry.tsx): each saved sheet
// brings back an empty form with the same day, desk and channel, and the last sheets typed are
// listed, so that a mistake is found and deleted at once.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { QuestionnaireHeader } from "~/components/questionnaire-parts";
import { SheetEntryForm } from "~/components/sheet-entry";
import { formatDate } from "~/domain/dates";
import { isCalendarDay } from "~/domain/fields.server";
import { headOf, requireQuestionnaire } from "~/modules/questionnaire/access.server";
import { QuestionnaireInputError, listResponses, recordSheet } from "~/modules/questionnaire/queries.server";
import { CHANNEL_LABELS, isChannel } from "~/modules/questionnaire/rules";
import { answerSheetSchema, listFields } from "~/modules/questionnaire/schema.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, parseIntent, readForm, unknownIntent, validate } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Saisie des feuilles${data ? ` — ${data.head.title}` : ""} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, questionnaire, rights } = await requireQuestionnaire(request, params, "questionnaires:enter");
  const url = new URL(request.url);
  const today = ctx.scope.today;
  // The day of the sheets: the one of the previous sheet, else today within the campaign.
  const clamp = (day: string) => (day < questionnaire.startsOn ? questionnaire.startsOn : day > questionnaire.endsOn ? questionnaire.endsOn : day);
  const askedDay = url.searchParams.get("date");
  const askedSite = parseId(url.searchParams.get("bureau"));
  const askedChannel = url.searchParams.get("canal") ?? "";
  const last = await listResponses(ctx.scope, questionnaire.id, { page: 1, siteId: null, dissatisfiedOnly: false, pageSize: 8 });
  return json({
    head: headOf(questionnaire),
    rights,
    notHeld: questionnaire.notHeld,
    questions: questionnaire.questions.map(({ copiedFromId: _c, ...q }) => q),
    sites: questionnaire.sites,
    campaign: { startsOn: questionnaire.startsOn, endsOn: questionnaire.endsOn },
    today,
    total: questionnaire.responses,
    last: last.rows,
    defaults: {
      answeredOn: askedDay && isCalendarDay(askedDay) ? clamp(askedDay) : clamp(today),
      siteId: questionnaire.sites.some((s) => s.id === askedSite) ? String(askedSite) : questionnaire.sites.length === 1 ? String(questionnaire.sites[0]!.id) : "",
      channel: isChannel(askedChannel) ? askedChannel : "papier",
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, questionnaire } = await requireQuestionnaire(request, params, "questionnaires:enter");
  const values = formValues(await readForm(request), { lists: listFields(questionnaire.questions) });
  const intent = parseIntent(values, ["sheet"], "sheet");
  if (!intent) return unknownIntent();
  const parsed = validate(
    answerSheetSchema(questionnaire.questions, { siteIds: questionnaire.sites.map((s) => s.id), mode: "staff", campaign: questionnaire, today: ctx.scope.today }),
    values,
  );
  if (!parsed.ok) return badRequest(parsed.errors, "sheet");
  let id: number | null;
  try {
    id = await recordSheet(ctx.scope, questionnaire.id, parsed.data);
  } catch (error) {
    if (error instanceof QuestionnaireInputError) return fieldError(error.field, error.message, "sheet");
    throw error;
  }
  const next = new URLSearchParams({ date: parsed.data.answeredOn ?? "", canal: parsed.data.channel ?? "papier" });
  if (parsed.data.siteId) next.set("bureau", String(parsed.data.siteId));
  return redirectWithToast(request, `/registres/questionnaires/${questionnaire.id}/saisie?${next}`, {
    kind: "success",
    message: `Feuille enregistrée : réponse n° ${id}. Au suivant !`,
  });
}

export default function SheetEntryPage() {
  const { head, rights, notHeld, questions, sites, campaign, today, total, last, defaults } = useLoaderData<typeof loader>();
  return (
    <section className="page questionnaire-page">
      <QuestionnaireHeader campaign={head} rights={rights} />
      {notHeld ? (
        <p className="callout">Cette campagne n'a pas été réalisée : elle ne reçoit pas de feuilles.</p>
      ) : questions.length === 0 ? (
        <p className="empty">Ce questionnaire n'a pas encore de questions.</p>
      ) : (
        <div className="sheet-layout">
          <section className="card" aria-labelledby="saisie-titre">
            <h2 id="saisie-titre">Saisir une feuille</h2>
            <p className="small">
              Tapez le chiffre de la case cochée (imprimé à côté de chaque case) : le curseur passe seul à la question suivante. Entrée enregistre la feuille ; la date, le bureau et le canal restent pour la suivante. Notez le
              numéro de réponse sur la feuille.
            </p>
            {/* A new form after each sheet: empty answers, the kept day, desk and channel, the cursor on the first question. */}
            <SheetEntryForm key={total} questions={questions} sites={sites} campaign={campaign} today={today} defaults={defaults} />
          </section>
          <section className="card" aria-labelledby="dernieres-titre">
            <h2 id="dernieres-titre">Dernières réponses ({total} en tout)</h2>
            {last.length === 0 ? (
              <p className="muted">Aucune réponse pour l'instant.</p>
            ) : (
              <ul className="plain-list">
                {last.map((r) => (
                  <li key={r.id}>
                    <Link to={`/registres/questionnaires/reponses/${r.id}`}>Réponse n° {r.id}</Link> — {formatDate(r.answeredOn)}
                    {r.siteName ? `, ${r.siteName}` : ""} ({CHANNEL_LABELS[r.channel]}, {r.answers} question{r.answers > 1 ? "s" : ""})
                    {r.dissatisfied ? <span className="badge badge--danger">insatisfait</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
