import { FieldError } from "~/modules/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { PersonForm } from "~/components/person-form";
import { personSchema } from "~/modules/person/schema.server";
import { listSites } from "~/modules/office/queries.server";
import { createPerson } from "~/modules/person/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, validate, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Nouvelle personne — Administration — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "people:edit");
  const sites = await listSites(ctx.scope, { activeOnly: true });
  return json({ sites: sites.map((s) => ({ id: s.id, name: s.name })), today: ctx.scope.today });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "people:edit");
  const parsed = validate(personSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    const id = await createPerson(ctx.scope, parsed.data);
    return redirectWithToast(request, `/administration/personnes/${id}`, { kind: "success", message: `${parsed.data.fullName} ajouté(e).` });
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
}

export default function NewPersonPage() {
  const { sites, today } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <h1>Nouvelle personne</h1>
      <PersonForm
        sites={sites}
        submitLabel="Ajouter la personne"
        defaultValues={{
          fullName: "",
          kind: "staff",
          jobTitle: "",
          organisation: "",
          email: "",
          phone: "",
          siteId: "",
          contract: "permanent",
          // Someone added today has usually just arrived: a newcomer for the procedure sheets.
          arrivedOn: today,
          qualityGroupMember: false,
          active: true,
        }}
      />
    </section>
  );
}
