// Administration: the office, its sites, its people and its accounts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { forbidden, requireOffice } from "~/auth.server";
import { can } from "~/domain/roles";

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request);
  if (!can(ctx.role, "office:view") && !can(ctx.role, "accounts:manage")) throw forbidden();
  return json({
    links: [
      { to: "/administration", label: "Office", end: true, show: can(ctx.role, "office:view") },
      { to: "/administration/bureaux", label: "Bureaux", end: false, show: can(ctx.role, "sites:view") },
      { to: "/administration/personnes", label: "Personnes", end: false, show: can(ctx.role, "people:view") },
      { to: "/administration/comptes", label: "Comptes", end: false, show: can(ctx.role, "accounts:manage") },
      { to: "/administration/rappels", label: "Rappels", end: false, show: can(ctx.role, "office:view") },
      { to: "/administration/courriels", label: "Courriels envoyés", end: false, show: can(ctx.role, "outbox:view") },
      { to: "/administration/securite", label: "Journal de sécurité", end: false, show: can(ctx.role, "security_log:view") },
    ].filter((l) => l.show),
  });
}

export default function AdministrationLayout() {
  const { links } = useLoaderData<typeof loader>();
  return (
    <div className="admin">
      <nav aria-label="Administration" className="subnav">
        <ul>
          {links.map((l) => (
            <li key={l.to}>
              <NavLink to={l.to} end={l.end}>
                {l.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
