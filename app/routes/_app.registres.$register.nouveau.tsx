import { FieldError } from "~/modules/errors";
// A new entry of a register, quick at the desk: a complaint needs a date (today), a channel (the
// desk) and its subject; everything else may follow.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireOffice } from "~/auth.server";
import { RegisterEntryForm } from "~/components/register-entry-form";
import { can } from "~/domain/roles";
import { entryDefaults, entryFormChoices, parseEntry } from "~/modules/register/form.server";
import { createEntry } from "~/modules/register/queries.server";
import { ENTRY_NOUNS, REGISTER_SLUGS, REGISTER_TITLES, kindOfSlug } from "~/modules/register/rules";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, readForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Nouvelle entrée — ${data ? REGISTER_TITLES[data.kind] : "Registres"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "registers:log");
  const kind = kindOfSlug(params.register);
  if (!kind) throw notFound("Ce registre");
  return json({
    kind,
    choices: await entryFormChoices(ctx.scope, kind),
    defaults: entryDefaults(kind, ctx.scope.today),
    showPersonalData: can(ctx.role, "registers:personal_data"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "registers:log");
  const kind = kindOfSlug(params.register);
  if (!kind) throw notFound("Ce registre");
  const parsed = parseEntry(kind, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    const id = await createEntry(ctx.scope, parsed.data);
    return redirectWithToast(request, `/registres/entrees/${id}`, { kind: "success", message: `${ENTRY_NOUNS[kind]} enregistré${kind === "dysfunction" ? "" : "e"} (n° ${id}).` });
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
}

export default function NewEntryPage() {
  const { kind, choices, defaults, showPersonalData } = useLoaderData<typeof loader>();
  return (
    <section className="page page--narrow">
      <p>
        <Link to={`/registres/${REGISTER_SLUGS[kind]}`}>← {REGISTER_TITLES[kind]}</Link>
      </p>
      <h1>{kind === "dysfunction" ? "Nouveau dysfonctionnement" : kind === "complaint" ? "Nouvelle réclamation" : "Nouvelle suggestion"}</h1>
      <RegisterEntryForm kind={kind} defaultValues={defaults} choices={choices} submitLabel="Enregistrer" showPersonalData={showPersonalData} showStatus={kind !== "complaint"} />
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
