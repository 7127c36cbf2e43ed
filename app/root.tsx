import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  Link,
} from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import styles from "~/styles/app.css";
import { commitSession, getSession } from "~/session.server";
import type { Toast } from "~/utils/toast";
import { ToastMessage } from "~/components/ui/toast";
import { errorTexts } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const toast = (session.get("toast") as Toast | undefined) ?? null;
  const headers = new Headers();
  if (toast) headers.append("Set-Cookie", await commitSession(session));
  return json({ toast }, { headers });
}

function Document({ children, title }: { children: ReactNode; title?: string }) {
  const nonce = useNonce();
  // Marks the page as live (its scripts run): end-to-end tests wait for it after a full load
  // before they use the keyboard shortcuts that only the scripts provide.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "1";
  }, []);
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {title ? <title>{title}</title> : null}
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { toast } = useLoaderData<typeof loader>();
  const location = useLocation();
  // A message belongs to the page it arrived with: the root's data is not reloaded on every
  // navigation, so without this the last message showed again on the next page.
  const [arrival, setArrival] = useState({ toast, key: location.key });
  useEffect(() => setArrival({ toast, key: location.key }), [toast]); // eslint-disable-line react-hooks/exhaustive-deps -- only a new message moves it
  const shown = arrival.toast === toast && arrival.key === location.key ? toast : null;
  return (
    <Document>
      {shown ? <ToastMessage toast={shown} /> : null}
      <Outlet />
    </Document>
  );
}

export function ErrorBoundary() {
  const { status, title, text } = errorTexts(useRouteError());
  return (
    <Document title={`${title} — Cap Qualité`}>
      <main className="error-page" id="contenu">
        <p className="error-page__code">Erreur {status}</p>
        <h1>{title}</h1>
        <p>{text}</p>
        <p>
          <Link to="/tableau-de-bord" className="button button--primary" reloadDocument>
            Retour au tableau de bord
          </Link>
        </p>
      </main>
    </Document>
  );
}
