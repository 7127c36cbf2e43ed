import { FieldError } from "~/modules/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireOffice } from "~/auth.server";
import { SiteForm } from "~/components/site-form";
import { siteSchema } from "~/modules/office/site-schema.server";
import { createSite } from "~/modules/office/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, validate, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Nouveau bureau — Administration — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOffice(request, "sites:edit");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "sites:edit");
  const parsed = validate(siteSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    const id = await createSite(ctx.scope, parsed.data);
    return redirectWithToast(request, `/administration/bureaux/${id}`, { kind: "success", message: `Bureau « ${parsed.data.name} » créé.` });
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
}

export default function NewSitePage() {
  return (
    <section className="page">
      <h1>Nouveau bureau d'information</h1>
      <SiteForm
        submitLabel="Créer le bureau"
        defaultValues={{ name: "", street: "", postalCode: "", city: "", phone: "", email: "", isHeadquarters: false, active: true }}
      />
    </section>
  );
}
