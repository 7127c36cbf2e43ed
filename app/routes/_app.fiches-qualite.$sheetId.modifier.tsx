import { FieldError, StateError } from "~/modules/errors";
// Editing a procedure sheet: a published one gets its next version, prepared here and published
// when it is ready (readers keep the version in force until then); a draft is simply saved.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SheetForm } from "~/components/sheet-form";
import { requireEditableSheet } from "~/modules/procedure/access.server";
import { SHEET_FORM_INTENTS, sheetSchema } from "~/modules/procedure/schema.server";
import { nextVersionNumber } from "~/modules/procedure/rules";
import { saveSheet, sheetFormChoices } from "~/modules/procedure/queries.server";
import { notFound } from "~/auth.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formError, formValues, parseIntent, unknownIntent, validate, readForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Modifier — ${data?.sheet.code ?? "Fiche"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, sheet } = await requireEditableSheet(request, params);
  const shown = sheet.draft ?? sheet.current;
  const choices = await sheetFormChoices(ctx.scope, [shown?.referentId ?? null, shown?.followUpId ?? null, ...(shown?.personIds ?? [])]);
  return json({ sheet, choices, version: sheet.draft?.number ?? nextVersionNumber(sheet.currentVersion) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, sheet } = await requireEditableSheet(request, params);
  const values = formValues(await readForm(request), { lists: ["personIds", "groups"] });
  const intent = parseIntent(values, SHEET_FORM_INTENTS, "save");
  if (!intent) return unknownIntent();
  const parsed = validate(sheetSchema, values);
  if (!parsed.ok) return badRequest(parsed.errors, intent);
  let outcome;
  try {
    outcome = await saveSheet(ctx.scope, { sheetId: sheet.id }, parsed.data, { publish: intent === "publish" });
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message, intent);
    if (error instanceof StateError) return formError(error.message, 400, intent);
    throw error;
  }
  if (!outcome) throw notFound("Cette fiche");
  const message =
    outcome.kind === "unchanged"
      ? `Fiche enregistrée : son contenu est celui de la version ${outcome.number}, qui reste en vigueur.`
      : outcome.published
        ? `Version ${outcome.number} publiée : les personnes concernées sont invitées à la lire.`
        : sheet.currentVersion > 0
          ? `Version ${outcome.number} enregistrée, pas encore publiée : les lecteurs voient toujours la version ${sheet.currentVersion}.`
          : "Brouillon enregistré.";
  return redirectWithToast(request, `/fiches-qualite/${sheet.id}`, { kind: "success", message });
}

export default function EditSheetPage() {
  const { sheet, choices, version } = useLoaderData<typeof loader>();
  const shown = sheet.draft ?? sheet.current;
  return (
    <section className="page">
      <p>
        <Link to={`/fiches-qualite/${sheet.id}`}>
          ← {sheet.code} — {sheet.title}
        </Link>
      </p>
      <h1>Modifier la fiche {sheet.code}</h1>
      {sheet.currentVersion > 0 ? (
        <p className="notice">
          Vos modifications préparent la version {version}. La version {sheet.currentVersion} reste en vigueur, et les personnes concernées la lisent, jusqu'à la publication
          de la version {version} ; elles seront alors invitées à la lire et à la confirmer de nouveau.
        </p>
      ) : null}
      <SheetForm
        key={`${sheet.id}-${version}`}
        people={choices.people}
        version={version}
        saveLabel={sheet.currentVersion > 0 ? `Enregistrer la version ${version} sans la publier` : "Enregistrer le brouillon"}
        publishLabel={sheet.currentVersion > 0 ? `Publier la version ${version}` : "Publier la fiche"}
        defaultValues={{
          code: sheet.code,
          title: shown?.title ?? sheet.title,
          domain: shown?.domain ?? "",
          body: shown?.body ?? "",
          referentId: shown?.referentId ? String(shown.referentId) : "",
          followUpId: shown?.followUpId ? String(shown.followUpId) : "",
          personIds: (shown?.personIds ?? []).map(String),
          groups: shown?.groups ?? [],
          reviewMonths: String(sheet.reviewMonths),
          // What changed is the draft's own note; a new version starts without one.
          changeNote: sheet.draft?.changeNote ?? "",
        }}
      />
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
