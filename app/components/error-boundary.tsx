// Error pages in French, rendered inside the application shell so navigation stays at hand.
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

export const ERROR_TEXTS: Record<number, { title: string; text: string }> = {
  400: { title: "Demande incorrecte", text: "La demande envoyée n'a pas pu être comprise." },
  403: { title: "Accès refusé", text: "Votre rôle dans cet office ne permet pas d'ouvrir cette page." },
  404: { title: "Page introuvable", text: "Cette page n'existe pas, ou elle appartient à un autre office." },
  500: {
    title: "Erreur du serveur",
    text: "Une erreur inattendue s'est produite. Vos données déjà enregistrées ne sont pas perdues ; réessayez dans un instant.",
  },
};

/** The status's words, with the French message the route gave ("Cet audit n'existe pas…") when it gave one. */
export function errorTexts(error: unknown) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const texts = ERROR_TEXTS[status] ?? ERROR_TEXTS[500]!;
  const message = isRouteErrorResponse(error) && status < 500 ? messageOf(error.data) : null;
  return { status, title: texts.title, text: message ?? texts.text };
}

function messageOf(data: unknown): string | null {
  if (typeof data !== "object" || data === null || !("message" in data)) return null;
  const message = (data as { message: unknown }).message;
  return typeof message === "string" && message.trim() ? message : null;
}

export function ErrorBoundary() {
  const { status, title, text } = errorTexts(useRouteError());
  return (
    <section className="page error-panel" aria-labelledby="erreur-titre">
      <p className="error-page__code">Erreur {status}</p>
      <h1 id="erreur-titre">{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/tableau-de-bord" className="button button--primary">
          Retour au tableau de bord
        </Link>
      </p>
    </section>
  );
}
