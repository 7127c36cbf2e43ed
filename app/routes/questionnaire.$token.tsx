// The public questionnaire page (/questionnaire/TOKEN, and its QR codes): the only page of the
// product open to anyone (decision 037). No account, phone first, in French; it shows the
// questionnaire and nothing else of the office. It takes answers only while the campaign runs,
// counts posts per address in the database (the address itself is never stored), refuses what
// a bot fills in a field no person sees, bounds every field and the body, and keeps no personal
// data unless a question asks for it and the visitor agrees.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { clientIp } from "~/auth.server";
import { SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { getDb } from "~/db.server";
import { formatDay, parisDay } from "~/domain/dates";
import { FORM_TOKEN_FIELD, FORM_TOKEN_PATTERN } from "~/domain/form-token";
import { addressKey } from "~/modules/questionnaire/links.server";
import { openPublicQuestionnaire, recordPublicSheet } from "~/modules/questionnaire/queries.server";
import { HONEYPOT_FIELD, SCALE_WORDS, answerField, listFields, publicRefusal, type Channel, type Question } from "~/modules/questionnaire/rules";
import { answerSheetSchema } from "~/modules/questionnaire/schema.server";
import { enforceRateLimit } from "~/modules/rate-limit/queries.server";
import { PUBLIC_POSTS_PER_ADDRESS } from "~/modules/rate-limit/rules";
import { badRequest, formError, formValues, readBoundedForm, validate } from "~/utils/forms.server";

/** A sheet is a few hundred bytes; 40 questions of 2,000 characters fit well within this. */
const MAX_BODY_BYTES = 128 * 1024;

// The application's Referrer-Policy (same-origin) stays: "no-referrer" would make browsers send
// "Origin: null" with the form, which the server refuses as a cross-site post (decision 016).
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && data.state !== "unknown" ? `${data.title} — ${data.officeName}` : "Questionnaire" },
  { name: "robots", content: "noindex, nofollow" },
];

const channelOf = (via: string | null): Channel => (via === "qr" ? "qr_code" : via === "email" ? "email" : "en_ligne");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const campaign = await openPublicQuestionnaire(getDb(), params.token ?? "");
  if (!campaign) return json({ state: "unknown" as const }, { status: 404 });
  const url = new URL(request.url);
  const refusal = publicRefusal(campaign, parisDay(new Date()), formatDay);
  const asked = Number(url.searchParams.get("bureau"));
  const shown = {
    officeName: campaign.officeName,
    title: campaign.title,
    intro: campaign.intro,
    thanks: campaign.thanks,
  };
  if (url.searchParams.get("merci") === "1") return json({ state: "thanks" as const, ...shown });
  if (refusal) return json({ state: "closed" as const, ...shown, refusal });
  return json({
    state: "open" as const,
    ...shown,
    sites: campaign.sites,
    siteId: campaign.sites.find((s) => s.id === asked)?.id ?? (campaign.sites.length === 1 ? campaign.sites[0]!.id : null),
    via: url.searchParams.get("via") === "qr" ? "qr" : url.searchParams.get("via") === "email" ? "email" : "",
    questions: campaign.questions.map(({ copiedFromId: _c, ...q }) => q),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const token = params.token ?? "";
  const campaign = await openPublicQuestionnaire(db, token);
  if (!campaign) return formError("Ce questionnaire n'existe pas : vérifiez l'adresse ou le QR code.", 404);
  let form: FormData;
  try {
    // Every post counts, whatever it holds (decision 020), under a key that does not hold the address.
    await enforceRateLimit(db, PUBLIC_POSTS_PER_ADDRESS, addressKey(clientIp(context)));
    form = await readBoundedForm(request, MAX_BODY_BYTES);
  } catch (answer) {
    if (answer instanceof Response) return answer;
    throw answer;
  }
  const values = formValues(form, { lists: listFields(campaign.questions) });
  if (typeof values[HONEYPOT_FIELD] !== "string" || values[HONEYPOT_FIELD] !== "") {
    return formError("Votre réponse n'a pas pu être enregistrée : un champ caché a été rempli (par le remplissage automatique ?). Rechargez la page et recommencez.", 400);
  }
  const now = new Date();
  const today = parisDay(now);
  const refusal = publicRefusal(campaign, today, formatDay);
  if (refusal) return formError(`${refusal} Votre réponse n'a pas été enregistrée.`, 403);
  // Answers are named after this questionnaire's questions: a form of another questionnaire is refused whole.
  const known = new Set(campaign.questions.map((q) => answerField(q.id)));
  if (Object.keys(values).some((name) => /^q\d+$/.test(name) && !known.has(name))) {
    return formError("Ce formulaire ne correspond pas à ce questionnaire : rechargez la page et recommencez.", 400);
  }
  const parsed = validate(answerSheetSchema(campaign.questions, { siteIds: campaign.sites.map((s) => s.id), mode: "public" }), values);
  if (!parsed.ok) return badRequest(parsed.errors);
  const thanks = redirect(`/questionnaire/${token}?merci=1`);
  const once = typeof values[FORM_TOKEN_FIELD] === "string" && FORM_TOKEN_PATTERN.test(values[FORM_TOKEN_FIELD]) ? values[FORM_TOKEN_FIELD] : null;
  // Sent twice (a double click, a retry): written once, and the visitor is thanked both times.
  if (once && (await db("form_tokens").where({ token: once }).first("token"))) return thanks;
  try {
    await recordPublicSheet(db, campaign, parsed.data, {
      channel: channelOf(typeof values.via === "string" ? values.via : null),
      today,
      now,
      formToken: once ? { token: once, request, state: "unused" } : undefined,
    });
  } catch (error) {
    if (error instanceof Response) return thanks;
    throw error;
  }
  return thanks;
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type PublicQuestion = Omit<Question, "copiedFromId">;

export default function PublicQuestionnairePage() {
  const data = useLoaderData<typeof loader>();
  if (data.state === "unknown") {
    return (
      <Survey>
        <h1>Questionnaire introuvable</h1>
        <p>Ce lien ne mène à aucun questionnaire. Vérifiez l'adresse, ou scannez de nouveau le QR code.</p>
      </Survey>
    );
  }
  return (
    <Survey officeName={data.officeName} privacy={data.state === "open"}>
      <h1>{data.title}</h1>
      {data.state === "thanks" ? (
        <div className="survey__thanks" role="status">
          <h2>Réponses bien reçues</h2>
          <Paragraphs text={data.thanks || "Vos réponses sont bien enregistrées. Merci de nous aider à améliorer notre accueil."} />
        </div>
      ) : data.state === "closed" ? (
        <p className="survey__closed" role="status">
          {data.refusal}
        </p>
      ) : (
        <>
          <Paragraphs text={data.intro} />
          <SurveyForm data={data} />
        </>
      )}
    </Survey>
  );
}

function Survey({ officeName, privacy, children }: { officeName?: string; privacy?: boolean; children: ReactNode }) {
  return (
    <main className="survey" id="contenu">
      {officeName ? <p className="survey__office">{officeName}</p> : null}
      {children}
      {privacy ? (
        <p className="survey__privacy">
          Vos réponses sont anonymes : nous n'enregistrons ni votre adresse, ni votre appareil, ni aucune donnée vous concernant, sauf les coordonnées que vous choisiriez de laisser.
        </p>
      ) : null}
    </main>
  );
}

function Paragraphs({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n|\r\n\s*\r\n/).map((p) => p.trim()).filter(Boolean);
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i} className="survey__text">
          {p}
        </p>
      ))}
    </>
  );
}

function SurveyForm({ data }: { data: Extract<Loaded, { state: "open" }> }) {
  const questions = data.questions as PublicQuestion[];
  // The browser fetches the schema (and zod) when the form is first used (decision 051).
  const schema = useMemo(
    () => lazySchema(() => import("~/modules/questionnaire/schema").then((m) => m.answerSheetSchema(questions as Question[], { siteIds: data.sites.map((s) => s.id), mode: "public" }))),
    [questions, data.sites],
  );
  const defaults = useMemo(
    () => Object.fromEntries([["siteId", data.siteId ? String(data.siteId) : ""], ["consent", false], ...questions.map((q) => [answerField(q.id), q.kind === "multiple" ? [] : ""])]),
    [questions, data.siteId],
  );
  const { form, errorFor, formError, onSubmit, submitting } = useValidatedForm(schema, defaults);
  const error = (name: string) => errorFor(name as never);
  const personal = questions.some((q) => q.personal);
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} className="form survey__form" aria-label={data.title}>
      <input type="hidden" name="via" value={data.via} />
      <div className="survey__trap" aria-hidden="true">
        <label htmlFor={HONEYPOT_FIELD}>Laissez ce champ vide</label>
        <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      {data.sites.length > 1 ? (
        <div className={`field${error("siteId") ? " field--invalid" : ""}`}>
          <label htmlFor="survey-site">Où avez-vous été accueilli(e) ?</label>
          <select id="survey-site" {...form.register("siteId" as never)} defaultValue={data.siteId ? String(data.siteId) : ""} aria-invalid={Boolean(error("siteId"))}>
            <option value="">Je ne sais pas, ou je ne suis pas venu(e)</option>
            {data.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {error("siteId") ? <p className="field-error">{error("siteId")}</p> : null}
        </div>
      ) : data.sites.length === 1 ? (
        <input type="hidden" name="siteId" value={data.sites[0]!.id} />
      ) : null}
      {questions.map((q) => (
        <QuestionBlock key={q.id} question={q} error={error(answerField(q.id))} register={form.register} />
      ))}
      {personal ? (
        <div className="field field--checkbox">
          <input id="survey-consent" type="checkbox" value="on" {...form.register("consent" as never)} aria-describedby={error("consent") ? "survey-consent-error" : undefined} />
          <label htmlFor="survey-consent">J'accepte que l'office de tourisme conserve les coordonnées que j'ai laissées, pour me recontacter au sujet de ma réponse.</label>
          {error("consent") ? (
            <p className="field-error" id="survey-consent-error">
              {error("consent")}
            </p>
          ) : null}
        </div>
      ) : null}
      <SubmitButton submitting={submitting}>Envoyer mes réponses</SubmitButton>
    </ValidatedFormElement>
  );
}

type Register = ReturnType<typeof useValidatedForm>["form"]["register"];

function QuestionBlock({ question: q, error, register }: { question: PublicQuestion; error?: string; register: Register }) {
  const name = answerField(q.id);
  const id = `survey-${name}`;
  const described = [q.help ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const title = (
    <>
      <span className="survey__number">{q.position}.</span> {q.text}
      {q.required ? <span className="required"> (réponse attendue)</span> : null}
    </>
  );
  const help = (
    <>
      {q.help ? (
        <p className="field-hint" id={`${id}-help`}>
          {q.help}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
  if (q.kind === "scale" || q.kind === "single" || q.kind === "multiple") {
    // The scale's best level first, as visitors read it; the value posted is the level.
    const options = q.kind === "scale" ? SCALE_WORDS[q.levels ?? 4].map((word, i) => ({ value: String(i + 1), label: word })).reverse() : q.choices.map((label, i) => ({ value: String(i + 1), label }));
    return (
      <fieldset className={`survey__question${error ? " survey__question--invalid" : ""}`} aria-describedby={described} aria-invalid={error ? true : undefined}>
        <legend>{title}</legend>
        {help}
        {q.kind === "multiple" ? <p className="field-hint">Plusieurs réponses possibles.</p> : null}
        <div className={`survey__options${q.kind === "scale" ? " survey__options--scale" : ""}`}>
          {options.map((o) => (
            <label key={o.value} className="survey__option">
              <input type={q.kind === "multiple" ? "checkbox" : "radio"} value={o.value} {...register(name as never)} />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <div className={`survey__question field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{title}</label>
      {help}
      {q.kind === "number" ? (
        <input id={id} type="text" inputMode="decimal" autoComplete="off" maxLength={20} aria-describedby={described} aria-invalid={Boolean(error)} {...register(name as never)} />
      ) : q.personal ? (
        <input id={id} type="text" maxLength={300} autoComplete="off" aria-describedby={described} aria-invalid={Boolean(error)} {...register(name as never)} />
      ) : (
        <textarea id={id} rows={4} maxLength={2000} aria-describedby={described} aria-invalid={Boolean(error)} {...register(name as never)} />
      )}
    </div>
  );
}

/** Anything unexpected: a plain page that says so, with nothing of the office or of the product. */
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <main className="survey" id="contenu">
      <h1>{status === 404 ? "Questionnaire introuvable" : "Le questionnaire n'a pas pu s'afficher"}</h1>
      <p>{status === 404 ? "Ce lien ne mène à aucun questionnaire." : "Réessayez dans un instant ; si vous avez déjà envoyé vos réponses, elles sont enregistrées."}</p>
    </main>
  );
}
