import { FieldError } from "~/modules/errors";
// A new procedure sheet: its code, title, header and text; kept as a draft or published at once.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { SheetForm } from "~/components/sheet-form";
import { DEFAULT_REVIEW_MONTHS } from "~/modules/procedure/rules";
import { SHEET_FORM_INTENTS, sheetSchema } from "~/modules/procedure/schema.server";
import { createSheet, sheetFormChoices } from "~/modules/procedure/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, parseIntent, unknownIntent, validate, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Nouvelle fiche qualité — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "procedures:edit");
  const choices = await sheetFormChoices(ctx.scope);
  // The référente writing the sheet is its référent and follows it, unless she says otherwise.
  const me = ctx.membership.personId && choices.people.some((p) => p.id === ctx.membership.personId) ? String(ctx.membership.personId) : "";
  return json({
    choices,
    defaults: { code: "", title: "", domain: "", body: "", referentId: me, followUpId: me, personIds: [], groups: [], reviewMonths: String(DEFAULT_REVIEW_MONTHS), changeNote: "" },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "procedures:edit");
  const values = formValues(await readForm(request), { lists: ["personIds", "groups"] });
  const intent = parseIntent(values, SHEET_FORM_INTENTS, "save");
  if (!intent) return unknownIntent();
  const parsed = validate(sheetSchema, values);
  if (!parsed.ok) return badRequest(parsed.errors, intent);
  try {
    const id = await createSheet(ctx.scope, parsed.data, { publish: intent === "publish" });
    const message =
      intent === "publish"
        ? `Fiche « ${parsed.data.code} » publiée : les personnes concernées sont invitées à la lire.`
        : `Fiche « ${parsed.data.code} » créée en brouillon : publiez-la quand elle est prête.`;
    return redirectWithToast(request, `/fiches-qualite/${id}`, { kind: "success", message });
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message, intent);
    throw error;
  }
}

export default function NewSheetPage() {
  const { choices, defaults } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <p>
        <Link to="/fiches-qualite">← Fiches qualité</Link>
      </p>
      <h1>Nouvelle fiche qualité</h1>
      <SheetForm people={choices.people} defaultValues={defaults} version={1} saveLabel="Enregistrer le brouillon" publishLabel="Publier la fiche" />
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
