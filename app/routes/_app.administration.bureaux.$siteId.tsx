import { FieldError } from "~/modules/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, requireOffice } from "~/auth.server";
import { HistoryPanel } from "~/components/history-panel";
import { SiteForm } from "~/components/site-form";
import { siteSchema } from "~/modules/office/site-schema.server";
import { can } from "~/domain/roles";
import { historyFor, wordHistory } from "~/modules/history/queries.server";
import { getSite, updateSite } from "~/modules/office/queries.server";
import { redirectWithToast } from "~/session.server";
import { parseId } from "~/utils/params";
import { badRequest, fieldError, formValues, validate, readForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.site.name ?? "Bureau"} — Administration — Cap Qualité` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "sites:view");
  const siteId = parseId(params.siteId);
  const site = siteId ? await getSite(ctx.scope, { siteId }) : null;
  if (!site) throw notFound("Ce bureau");
  const history = await historyFor(ctx.scope, "site", site.id);
  return json({ site, history: wordHistory(history), canEdit: can(ctx.role, "sites:edit") });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "sites:edit");
  const siteId = parseId(params.siteId);
  if (!siteId) throw notFound("Ce bureau");
  const parsed = validate(siteSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    const updated = await updateSite(ctx.scope, { siteId }, parsed.data);
    if (!updated) throw notFound("Ce bureau");
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
  return redirectWithToast(request, `/administration/bureaux/${siteId}`, { kind: "success", message: "Bureau enregistré." });
}

export default function SitePage() {
  const { site, history, canEdit } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <h1>{site.name}</h1>
      <SiteForm
        key={site.id}
        readOnly={!canEdit}
        submitLabel="Enregistrer"
        defaultValues={{
          name: site.name,
          street: site.street,
          postalCode: site.postalCode,
          city: site.city,
          phone: site.phone,
          email: site.email,
          isHeadquarters: site.isHeadquarters,
          active: site.active,
        }}
      />
      {history ? <HistoryPanel entries={history} /> : null}
    </section>
  );
}
