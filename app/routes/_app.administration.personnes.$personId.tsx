import { FieldError } from "~/modules/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, requireOffice } from "~/auth.server";
import { HistoryPanel } from "~/components/history-panel";
import { PersonForm } from "~/components/person-form";
import { personSchema } from "~/modules/person/schema.server";
import { can } from "~/domain/roles";
import { historyFor, wordHistory } from "~/modules/history/queries.server";
import { listSites } from "~/modules/office/queries.server";
import { getPerson, updatePerson } from "~/modules/person/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, validate, readForm } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.fullName ?? "Personne"} — Administration — Cap Qualité` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "people:view");
  const personId = parseId(params.personId);
  const person = personId ? await getPerson(ctx.scope, { personId }) : null;
  if (!person) throw notFound("Cette personne");
  const [history, sites] = await Promise.all([
    historyFor(ctx.scope, "person", person.id),
    listSites(ctx.scope),
  ]);
  return json({
    person,
    history: wordHistory(history, { site_id: Object.fromEntries(sites.map((s) => [s.id, s.name])) }),
    sites: sites.filter((s) => s.active || s.id === person.siteId).map((s) => ({ id: s.id, name: s.name })),
    canEdit: can(ctx.role, "people:edit"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "people:edit");
  const personId = parseId(params.personId);
  if (!personId) throw notFound("Cette personne");
  const parsed = validate(personSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    const updated = await updatePerson(ctx.scope, { personId }, parsed.data);
    if (!updated) throw notFound("Cette personne");
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
  return redirectWithToast(request, `/administration/personnes/${personId}`, { kind: "success", message: "Personne enregistrée." });
}

export default function PersonPage() {
  const { person, history, sites, canEdit } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <h1>{person.fullName}</h1>
      <PersonForm
        key={person.id}
        sites={sites}
        readOnly={!canEdit}
        submitLabel="Enregistrer"
        defaultValues={{
          fullName: person.fullName,
          kind: person.kind,
          jobTitle: person.jobTitle,
          organisation: person.organisation,
          email: person.email,
          phone: person.phone,
          siteId: person.siteId === null ? "" : String(person.siteId),
          contract: person.contract,
          arrivedOn: person.arrivedOn ?? "",
          qualityGroupMember: person.qualityGroupMember,
          active: person.active,
        }}
      />
      {history ? <HistoryPanel entries={history} /> : null}
    </section>
  );
}
