// Progress of the plan per site. Its own page (and loaded after the list, by the list page),
// because counting every action of a large plan must not slow the list down.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { SiteProgress } from "~/components/site-progress";
import { progressBySite } from "~/modules/action/queries.server";
import { listSites } from "~/modules/office/queries.server";

export const meta: MetaFunction = () => [{ title: "Avancement par bureau — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "actions:view");
  const [sites, bySite] = await Promise.all([listSites(ctx.scope), progressBySite(ctx.scope)]);
  return json({
    siteProgress: [
      ...sites.flatMap((s) => (bySite.get(s.id) ? [{ id: s.id as number | null, name: s.name, progress: bySite.get(s.id)! }] : [])),
      ...(bySite.get(null) ? [{ id: null, name: "Tout l'office", progress: bySite.get(null)! }] : []),
    ],
  });
}

export default function SiteProgressPage() {
  const { siteProgress } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <p>
        <Link to="/plan-d-actions">← Plan d'actions</Link>
      </p>
      <h1>Avancement par bureau</h1>
      <SiteProgress siteProgress={siteProgress} />
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
