// Handing the questionnaire out: the public link to send by e-mail, a QR code for each desk (to
// print and put on the counter: the answers then say which desk), and the questionnaire to
// print on paper as a Word file.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { QuestionnaireHeader } from "~/components/questionnaire-parts";
import { formatDate } from "~/domain/dates";
import { headOf, requireQuestionnaire } from "~/modules/questionnaire/access.server";
import { publicBase, publicUrl, qrSvg } from "~/modules/questionnaire/links.server";
import { PUBLIC_CHANNELS, publicRefusal } from "~/modules/questionnaire/rules";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Diffusion${data ? ` — ${data.head.title}` : ""} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, questionnaire, rights } = await requireQuestionnaire(request, params);
  const base = publicBase(request);
  const online = questionnaire.channels.some((c) => PUBLIC_CHANNELS.includes(c));
  const link = publicUrl(base, questionnaire.publicToken);
  const desks = online
    ? await Promise.all(
        [{ id: null, name: "Tout l'office" }, ...questionnaire.sites].map(async (s) => {
          const url = publicUrl(base, questionnaire.publicToken, { siteId: s.id, via: "qr" });
          return { siteId: s.id, name: s.name, url, svg: await qrSvg(url) };
        }),
      )
    : [];
  return json({
    head: headOf(questionnaire),
    rights,
    id: questionnaire.id,
    online,
    link,
    emailLink: publicUrl(base, questionnaire.publicToken, { via: "email" }),
    desks: questionnaire.sites.length ? desks.filter((d) => d.siteId !== null) : desks,
    refusal: publicRefusal(questionnaire, ctx.scope.today, formatDate),
    hasQuestions: questionnaire.questions.length > 0,
  });
}

export default function DiffusionPage() {
  const { head, rights, id, online, link, emailLink, desks, refusal, hasQuestions } = useLoaderData<typeof loader>();
  return (
    <section className="page questionnaire-page">
      <QuestionnaireHeader campaign={head} rights={rights} />
      <section className="card" aria-labelledby="papier-titre">
        <h2 id="papier-titre">Sur papier</h2>
        <p>Le questionnaire à imprimer, au nom de l'office, avec une case par réponse et son chiffre (pour la saisie au clavier){online ? ", et le QR code de la version en ligne" : ""}.</p>
        {hasQuestions ? (
          <a className="button button--secondary" href={`/registres/questionnaires/${id}/questionnaire.docx`} download>
            Télécharger le questionnaire (Word)
          </a>
        ) : (
          <p className="muted">Ajoutez d'abord des questions.</p>
        )}
      </section>
      {online ? (
        <>
          <section className="card" aria-labelledby="lien-titre">
            <h2 id="lien-titre">En ligne</h2>
            {refusal ? <p className="notice">Aujourd'hui la page publique ne prend pas de réponses : {refusal.charAt(0).toLowerCase() + refusal.slice(1)}</p> : null}
            <div className="form">
            <div className="field">
              <label htmlFor="lien-public">Lien du questionnaire</label>
              <input id="lien-public" className="copy-field" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            </div>
            <div className="field">
              <label htmlFor="lien-courriel">Lien à envoyer par e-mail</label>
              <input id="lien-courriel" className="copy-field" readOnly value={emailLink} onFocus={(e) => e.currentTarget.select()} />
              <p className="field-hint">Les réponses venues de ce lien sont comptées « e-mail ».</p>
            </div>
            </div>
            <p className="small">
              Sans compte ni mot de passe : quiconque a le lien peut répondre pendant la campagne, une vingtaine de fois au plus en dix minutes depuis une même connexion. La page ne montre que le questionnaire ; elle
              n'enregistre ni l'adresse ni l'appareil du visiteur.{" "}
              <a href={link} target="_blank" rel="noreferrer">
                Voir la page publique
              </a>
            </p>
          </section>
          <section className="card" aria-labelledby="qr-titre">
            <h2 id="qr-titre">QR codes pour le guichet</h2>
            <p className="small">Un par bureau : imprimez-le et posez-le sur le comptoir. Les réponses arrivées par un QR code disent de quel bureau elles viennent.</p>
            <div className="qr-codes">
              {desks.map((d) => (
                <figure key={d.siteId ?? "office"} className="qr-code">
                  <div className="qr-code__image" role="img" aria-label={`QR code du questionnaire${d.siteId ? ` au bureau de ${d.name}` : ""}`} dangerouslySetInnerHTML={{ __html: d.svg }} />
                  <figcaption>
                    <strong>{d.name}</strong>
                    <br />
                    <a href={`/registres/questionnaires/${id}/qr.png${d.siteId ? `?bureau=${d.siteId}` : ""}`} download>
                      Télécharger (PNG)
                    </a>
                  </figcaption>
                </figure>
              ))}
            </div>
          </section>
        </>
      ) : (
        <p className="callout">Cette campagne est sur papier seulement. Pour la proposer aussi en ligne, cochez un canal « en ligne », « e-mail » ou « QR code » dans Modifier.</p>
      )}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
