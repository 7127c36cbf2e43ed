// The page "Rapports": every Word report with its options and a download button. Each form is a
// plain GET to this page, which checks the options and sends the browser on to the document
// (a redirect to its download route), or shows what to correct beside the field (400, 404).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { requireOffice } from "~/auth.server";
import { formatDateTime } from "~/domain/dates";
import { ACTION_STATUSES, ACTION_STATUS_LABELS, ORIGINS, ORIGIN_LABELS } from "~/modules/action/rules";
import { AUDIT_KIND_LABELS } from "~/modules/audit/rules";
import { listAudits } from "~/modules/audit/queries.server";
import { listLabels } from "~/modules/label/queries.server";
import { listSites } from "~/modules/office/queries.server";
import { lastChange } from "~/modules/report/queries.server";
import { planReportOptions } from "~/modules/report/schema";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = () => [{ title: "Rapports — Cap Qualité" }];

type Report = "plan" | "audit" | "preparation";
type Errors = { report: Report; fields: Record<string, string> } | null;

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOffice(request, "audits:view");
  const params = new URL(request.url).searchParams;
  const [sites, labels, audits, changedAt] = await Promise.all([
    listSites(scope),
    listLabels(scope),
    listAudits(scope),
    lastChange(scope),
  ]);
  const page = {
    changedAt,
    sites: sites.map((s) => ({ id: s.id, name: s.name })),
    labels: labels.map((l) => ({ id: l.id, name: l.name, nextAuditDue: l.nextAuditDue })),
    audits: audits.map((a) => ({ id: a.id, title: a.title, labelName: a.labelName, kind: AUDIT_KIND_LABELS[a.kind], startsOn: a.startsOn })),
    values: Object.fromEntries(params.entries()),
    statuses: params.getAll("statut"),
  };
  const report = params.get("rapport");
  if (report === null) return json({ ...page, errors: null as Errors });
  const fail = (status: 400 | 404, which: Report, fields: Record<string, string>) => json({ ...page, errors: { report: which, fields } as Errors }, { status });

  if (report === "plan") {
    const options = planReportOptions(params);
    if (!options.success) return fail(400, "plan", Object.fromEntries(options.error.issues.map((i) => [String(i.path[0] ?? "groupe"), i.message])));
    const site = params.get("bureau") ?? "";
    if (site !== "" && !sites.some((s) => String(s.id) === site)) return fail(404, "plan", { bureau: "Bureau : ce bureau n’existe pas dans votre office." });
    const query = new URLSearchParams();
    for (const key of ["groupe", "du", "au", "bureau", "origine", "en-retard"]) {
      const value = params.get(key);
      if (value) query.set(key, value);
    }
    for (const status of params.getAll("statut")) query.append("statut", status);
    return redirect(`/rapports/plan-d-actions.docx?${query}`);
  }
  if (report === "audit") {
    const id = parseId(params.get("audit"));
    if (params.get("audit") === "" || params.get("audit") === null) return fail(400, "audit", { audit: "Audit : choisissez un audit." });
    if (!id || !audits.some((a) => a.id === id)) return fail(404, "audit", { audit: "Audit : cet audit n’existe pas dans votre office." });
    return redirect(`/rapports/audits/${id}/rapport.docx`);
  }
  if (report === "preparation") {
    const id = parseId(params.get("label"));
    if (params.get("label") === "" || params.get("label") === null) return fail(400, "preparation", { label: "Label : choisissez un label." });
    if (!id || !labels.some((l) => l.id === id)) return fail(404, "preparation", { label: "Label : ce label n’existe pas dans votre office." });
    return redirect(`/rapports/labels/${id}/preparation.docx`);
  }
  return fail(400, "plan", { rapport: "Rapport : choisissez l’un des trois rapports." });
}

export default function ReportsPage() {
  const { changedAt, sites, labels, audits, values, statuses, errors } = useLoaderData<typeof loader>();
  const error = (report: Report, field: string) => (errors?.report === report ? errors.fields[field] : undefined);
  const rapportError = errors?.fields.rapport;
  return (
    <section className="page">
      <h1>Rapports</h1>
      <p>
        Les rapports sont des documents Word, modifiables, construits à partir des données de l’office au moment du téléchargement
        {changedAt ? <> (dernière modification des données le {formatDateTime(changedAt)})</> : null}.
      </p>
      {rapportError ? (
        <p className="form-error" role="alert">
          {rapportError}
        </p>
      ) : null}
      <div className="cards">
        <Form method="get" reloadDocument className="card form report-card" aria-labelledby="rapport-plan">
          <h2 id="rapport-plan">Plan d’actions</h2>
          <p className="small muted">La synthèse (faites, ouvertes, en retard, par bureau et par origine), puis chaque action avec sa dernière note, sa preuve et son efficacité.</p>
          <input type="hidden" name="rapport" value="plan" />
          <Select name="groupe" label="Regrouper par" value={values.groupe ?? "origine"} error={error("plan", "groupe")} options={[{ value: "origine", label: "Origine" }, { value: "bureau", label: "Bureau" }, { value: "statut", label: "Statut" }]} />
          <Select name="bureau" label="Bureau" value={values.bureau ?? ""} error={error("plan", "bureau")} options={[{ value: "", label: "Tous les bureaux" }, ...sites.map((s) => ({ value: String(s.id), label: s.name }))]} />
          <Select name="origine" label="Origine" value={values.origine ?? ""} options={[{ value: "", label: "Toutes les origines" }, ...ORIGINS.map((o) => ({ value: o, label: ORIGIN_LABELS[o] }))]} />
          <fieldset className="fieldset">
            <legend className="small">Statuts (aucun coché : tous)</legend>
            <div className="checks">
              {ACTION_STATUSES.map((s) => (
                <label key={s}>
                  <input type="checkbox" name="statut" value={s} defaultChecked={statuses.includes(s)} /> {ACTION_STATUS_LABELS[s]}
                </label>
              ))}
              <label>
                <input type="checkbox" name="en-retard" value="1" defaultChecked={values["en-retard"] === "1"} /> En retard seulement
              </label>
            </div>
          </fieldset>
          <DateField name="du" label="Échéance à partir du" value={values.du ?? ""} error={error("plan", "du")} />
          <DateField name="au" label="Échéance jusqu’au" value={values.au ?? ""} error={error("plan", "au")} />
          <button type="submit" className="button button--primary">
            Télécharger le plan d’actions (Word)
          </button>
        </Form>

        <Form method="get" reloadDocument className="card form report-card" aria-labelledby="rapport-audit">
          <h2 id="rapport-audit">Rapport d’audit</h2>
          <p className="small muted">Les faits de l’audit, ses taux par pilier et par chapitre face aux seuils, le verdict, les critères non conformes, les points forts et à améliorer avec leurs actions, la comparaison avec l’audit précédent.</p>
          <input type="hidden" name="rapport" value="audit" />
          {audits.length === 0 ? (
            <p className="empty">Aucun audit n’est enregistré.</p>
          ) : (
            <>
              <Select
                name="audit"
                label="Audit"
                value={values.audit ?? String(audits[0]!.id)}
                error={error("audit", "audit")}
                options={audits.map((a) => ({ value: String(a.id), label: `${a.title} – ${a.labelName} (${a.kind})` }))}
              />
              <button type="submit" className="button button--primary">
                Télécharger le rapport d’audit (Word)
              </button>
            </>
          )}
        </Form>

        <Form method="get" reloadDocument className="card form report-card" aria-labelledby="rapport-preparation">
          <h2 id="rapport-preparation">Dossier de préparation à l’audit</h2>
          <p className="small muted">Ce qui n’est pas prêt en première page, puis le label, le dernier audit, ce qui a été fait depuis avec les preuves, la dernière auto-évaluation, les réunions tenues et le plan d’actions.</p>
          <input type="hidden" name="rapport" value="preparation" />
          {labels.length === 0 ? (
            <p className="empty">Aucun label n’est enregistré.</p>
          ) : (
            <>
              <Select name="label" label="Label" value={values.label ?? String(labels[0]!.id)} error={error("preparation", "label")} options={labels.map((l) => ({ value: String(l.id), label: l.name }))} />
              <button type="submit" className="button button--primary">
                Télécharger le dossier (Word)
              </button>
            </>
          )}
        </Form>
      </div>
    </section>
  );
}

function Select({ name, label, value, options, error }: { name: string; label: string; value: string; options: Array<{ value: string; label: string }>; error?: string }) {
  const id = `r-${name}`;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function DateField({ name, label, value, error }: { name: string; label: string; value: string; error?: string }) {
  const id = `r-${name}`;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
