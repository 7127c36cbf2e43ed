// The signed-in shell: header with the current office and user, main navigation, content.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { requireOffice } from "~/auth.server";
import { can, ROLE_LABELS } from "~/domain/roles";
import { countUnread } from "~/modules/meeting/reads.server";
import { countUnreadNotifications } from "~/modules/notification/queries.server";
import { sheetsToConfirm } from "~/modules/procedure/queries.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request);
  return json({
    user: { displayName: ctx.user.displayName, email: ctx.user.email },
    office: { id: ctx.office.id, name: ctx.office.name },
    roleLabel: ROLE_LABELS[ctx.role],
    offices: ctx.memberships.map((m) => ({ id: m.officeId, name: m.officeName })),
    showAdministration: can(ctx.role, "office:view") || can(ctx.role, "accounts:manage"),
    showIndicators: can(ctx.role, "indicators:view"),
    // Those who write the minutes are not asked to read them.
    unreadMinutes: can(ctx.role, "meetings:view") && !can(ctx.role, "meetings:edit") ? await countUnread(ctx.scope, { userId: ctx.user.id }) : 0,
    unreadNotifications: can(ctx.role, "notifications:view") ? await countUnreadNotifications(ctx.scope) : 0,
    // The procedure sheets this person is asked to read and confirm (a newcomer's, say).
    sheetsToRead: can(ctx.role, "procedures:view") ? (await sheetsToConfirm(ctx.scope, { userId: ctx.user.id, personId: ctx.membership.personId })).length : 0,
  });
}


export default function AppShell() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <div className="shell">
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="topbar">
        <div className="topbar__brand">
          <span className="brand-mark" aria-hidden="true">
            CQ
          </span>
          <span className="brand-name">Cap Qualité</span>
        </div>
        <div className="topbar__office">
          {data.offices.length > 1 ? (
            <Form method="post" action="/changer-d-office" className="office-switcher">
              <label htmlFor="office-switcher">Office</label>
              <select id="office-switcher" name="officeId" defaultValue={data.office.id}>
                {data.offices.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              <input type="hidden" name="redirectTo" value={location.pathname} />
              <button type="submit" className="button button--small">
                Changer
              </button>
            </Form>
          ) : (
            <p className="office-name">{data.office.name}</p>
          )}
        </div>
        <div className="topbar__user">
          <p className="user-name">
            {data.user.displayName}
            <span className="user-role">{data.roleLabel}</span>
          </p>
          <nav aria-label="Mon compte" className="user-links">
            <NavLink to="/notifications" className="bell" aria-label={data.unreadNotifications > 0 ? `Notifications : ${data.unreadNotifications} non lue${data.unreadNotifications > 1 ? "s" : ""}` : "Notifications : aucune non lue"}>
              <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
                <path d="M13.7 21a2 2 0 0 1-3.4 0" />
              </svg>
              {data.unreadNotifications > 0 ? <span className="bell__count">{data.unreadNotifications > 99 ? "99+" : data.unreadNotifications}</span> : null}
            </NavLink>
            <NavLink to="/agenda">Mon agenda</NavLink>
            <NavLink to="/mot-de-passe">Mot de passe</NavLink>
            <Form method="post" action="/deconnexion">
              <button type="submit" className="link-button">
                Se déconnecter
              </button>
            </Form>
          </nav>
        </div>
      </header>
      <nav aria-label="Navigation principale" className="mainnav">
        <ul>
          <li>
            <NavLink to="/tableau-de-bord">Tableau de bord</NavLink>
          </li>
          <li>
            <NavLink to="/audits">Audits</NavLink>
          </li>
          <li>
            <NavLink to="/plan-d-actions">Plan d'actions</NavLink>
          </li>
          <li>
            <NavLink to="/reunions">
              Réunions
              {data.unreadMinutes > 0 ? (
                <span className="badge badge--warn" title="Comptes rendus publiés que vous n'avez pas encore lus">
                  {" "}
                  {data.unreadMinutes} à lire
                </span>
              ) : null}
            </NavLink>
          </li>
          <li>
            <NavLink to="/registres">Registres</NavLink>
          </li>
          {data.showIndicators ? (
            <li>
              <NavLink to="/indicateurs">Indicateurs</NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to="/fiches-qualite">
              Fiches qualité
              {data.sheetsToRead > 0 ? (
                <span className="badge badge--warn" title="Fiches qualité qui vous concernent, à lire et confirmer">
                  {" "}
                  {data.sheetsToRead} à lire
                </span>
              ) : null}
            </NavLink>
          </li>
          <li>
            <NavLink to="/rapports">Rapports</NavLink>
          </li>
          {data.showAdministration ? (
            <li>
              <NavLink to="/administration">Administration</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <main id="contenu" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
