// Importing answer sheets from a spreadsheet saved as CSV: the columns explained from the
// campaign's own questions, a template to fill in, and a file refused whole, line by line,
// when one row does not fit: nothing is half-imported.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { QuestionnaireHeader, TableWrap } from "~/components/questionnaire-parts";
import { headOf, requireQuestionnaire } from "~/modules/questionnaire/access.server";
import type { ImportProblem } from "~/modules/questionnaire/import";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, MAX_PROBLEMS_SHOWN, csvRows, readSheets } from "~/modules/questionnaire/import.server";
import { QuestionnaireInputError, addSheets } from "~/modules/questionnaire/queries.server";
import { CHANNEL_LABELS, CHANNELS, SCALE_WORDS } from "~/modules/questionnaire/rules";
import { redirectWithToast } from "~/session.server";
import { fieldError, formValues, parseIntent, unknownIntent } from "~/utils/forms.server";
import { readPostedForm } from "~/utils/upload.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Importer des réponses${data ? ` — ${data.head.title}` : ""} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { questionnaire, rights } = await requireQuestionnaire(request, params, "questionnaires:edit");
  return json({ head: headOf(questionnaire), rights, questionnaire, maxRows: MAX_IMPORT_ROWS });
}

interface ImportAnswer {
  fieldErrors: Record<string, string>;
  formError?: string;
  problems?: ImportProblem[];
  more?: number;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, questionnaire } = await requireQuestionnaire(request, params, "questionnaires:edit");
  const { form, files, tooLarge } = await readPostedForm(request, { allowFiles: true, maxFileBytes: MAX_IMPORT_BYTES });
  const intent = parseIntent(formValues(form), ["import"], "import");
  if (!intent) return unknownIntent();
  if (tooLarge) return fieldError("file", `Fichier : ${MAX_IMPORT_BYTES / 1_000_000} Mo au plus ; découpez-le en plusieurs fichiers.`);
  const file = files.find((f) => f.field === "file");
  if (!file || file.bytes.byteLength === 0) return fieldError("file", "Fichier : choisissez le fichier CSV des réponses.");
  if (!/\.(csv|txt)$/i.test(file.rawName)) return fieldError("file", "Fichier : un fichier .csv attendu (dans le tableur : Enregistrer sous… CSV).");
  const { rows, problem } = csvRows(file.bytes);
  const { sheets, problems } = problem ? { sheets: [], problems: [problem] } : readSheets(rows, { questions: questionnaire.questions, sites: questionnaire.sites, campaign: questionnaire, today: ctx.scope.today });
  if (problems.length) {
    const lines = new Set(problems.map((p) => p.line)).size;
    return json(
      {
        fieldErrors: { file: `Fichier : ${lines === 1 ? "une ligne ne convient pas" : `${lines} lignes ne conviennent pas`} ; rien n'a été importé. Corrigez-les et envoyez le fichier de nouveau.` },
        problems: problems.slice(0, MAX_PROBLEMS_SHOWN),
        more: Math.max(0, problems.length - MAX_PROBLEMS_SHOWN),
      } satisfies ImportAnswer,
      { status: 400 },
    );
  }
  try {
    await addSheets(ctx.scope, questionnaire.id, sheets, "import");
  } catch (error) {
    if (error instanceof QuestionnaireInputError) return fieldError("file", `Fichier : ${error.message}`);
    throw error;
  }
  return redirectWithToast(request, `/registres/questionnaires/${questionnaire.id}`, { kind: "success", message: `${sheets.length} réponse${sheets.length > 1 ? "s importées" : " importée"}.` });
}

export default function ImportPage() {
  const { head, rights, questionnaire, maxRows } = useLoaderData<typeof loader>();
  const answer = useActionData<ImportAnswer>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const fileError = answer?.fieldErrors?.file;
  return (
    <section className="page questionnaire-page">
      <QuestionnaireHeader campaign={head} rights={rights} />
      <section className="card" aria-labelledby="import-titre">
        <h2 id="import-titre">Importer des réponses d'un tableur</h2>
        <p>
          Une ligne par feuille, la première ligne nommant les colonnes. Enregistrez le tableau au format CSV (séparateur point-virgule, virgule ou tabulation).{" "}
          <a href={`/registres/questionnaires/${questionnaire.id}/modele.csv`} download>
            Télécharger le modèle de ce questionnaire
          </a>{" "}
          (les colonnes déjà nommées, à remplir).
        </p>
        <p className="small">Si une seule ligne ne convient pas, rien n'est importé : la liste des lignes à corriger s'affiche avec leur numéro. {maxRows.toLocaleString("fr-FR")} lignes au plus par fichier.</p>
        <Form method="post" encType="multipart/form-data" className="form" aria-label="Importer un fichier CSV">
          <input type="hidden" name="intent" value="import" />
          <div className={`field${fileError ? " field--invalid" : ""}`}>
            <label htmlFor="import-file">Fichier CSV des réponses</label>
            <input id="import-file" type="file" name="file" accept=".csv,text/csv" aria-invalid={Boolean(fileError)} aria-describedby={fileError ? "import-file-error" : undefined} />
            {fileError ? (
              <p className="field-error" id="import-file-error">
                {fileError}
              </p>
            ) : null}
          </div>
          {answer?.problems?.length ? (
            <div className="import-problems" role="alert">
              <p>
                <strong>Lignes à corriger</strong>
              </p>
              <ul>
                {answer.problems.map((p, i) => (
                  <li key={i}>
                    Ligne {p.line} : {p.message}
                  </li>
                ))}
              </ul>
              {answer.more ? <p>Et {answer.more} autre{answer.more > 1 ? "s" : ""} problème{answer.more > 1 ? "s" : ""}.</p> : null}
            </div>
          ) : null}
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? "Import en cours…" : "Importer les réponses"}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="colonnes-titre">
        <h2 id="colonnes-titre">Les colonnes</h2>
        <TableWrap label="Colonnes du fichier">
          <table className="table table--compact">
            <caption className="visually-hidden">Colonnes du fichier</caption>
            <thead>
              <tr>
                <th scope="col">Colonne</th>
                <th scope="col">Ce qu'elle contient</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">date</th>
                <td>Le jour de la réponse (25/07/2021 ou 2021-07-25), dans la campagne. Vide : le dernier jour de la campagne (ou aujourd'hui si elle dure encore).</td>
              </tr>
              <tr>
                <th scope="row">bureau</th>
                <td>{questionnaire.sites.length ? `Le nom du bureau : ${questionnaire.sites.map((s) => s.name).join(", ")}. Vide : non précisé.` : "Laissez vide : cette campagne concerne tout l'office."}</td>
              </tr>
              <tr>
                <th scope="row">canal</th>
                <td>{CHANNELS.map((c) => CHANNEL_LABELS[c]).join(", ")}. Vide : papier.</td>
              </tr>
              {questionnaire.questions.map((q) => (
                <tr key={q.id}>
                  <th scope="row">
                    Q{q.position}
                    <br />
                    <span className="small muted">{q.text}</span>
                  </th>
                  <td>
                    {q.kind === "scale"
                      ? `Un chiffre de 1 à ${q.levels} (${SCALE_WORDS[q.levels ?? 4].map((w, i) => `${i + 1} = ${w}`).join(", ")}), ou ces mots.`
                      : q.kind === "single"
                        ? `Le numéro ou le texte d'un choix : ${q.choices.map((c, i) => `${i + 1} = ${c}`).join(", ")}.`
                        : q.kind === "multiple"
                          ? `Un ou plusieurs choix séparés par une barre verticale « | » (exemple : 1|3) : ${q.choices.map((c, i) => `${i + 1} = ${c}`).join(", ")}.`
                          : q.kind === "number"
                            ? `Un nombre${q.minValue !== null || q.maxValue !== null ? ` de ${q.minValue ?? "…"} à ${q.maxValue ?? "…"}` : ""} (virgule décimale acceptée).`
                            : q.personal
                              ? "Texte (données personnelles) : gardé seulement si la colonne « accord » dit oui."
                              : "Texte libre, 2 000 caractères au plus."}
                    {q.required ? " Obligatoire." : " Vide : pas de réponse."}
                  </td>
                </tr>
              ))}
              {questionnaire.questions.some((q) => q.personal) ? (
                <tr>
                  <th scope="row">accord</th>
                  <td>« oui » quand la personne a coché la case d'accord pour que ses coordonnées soient gardées.</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </TableWrap>
        <p className="small">Le nom des colonnes de questions peut être suivi du texte de la question (« Q1 Qualité de l'accueil ») ; l'ordre des colonnes est libre.</p>
      </section>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
