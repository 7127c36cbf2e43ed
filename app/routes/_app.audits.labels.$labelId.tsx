import { FieldError } from "~/modules/errors";
// One label: its dates and countdowns, its rates audit after audit, its history.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireOffice } from "~/auth.server";
import { LineChart } from "~/components/charts/line-chart";
import { CountdownText } from "~/components/countdown";
import { AUDITS_EDITORS, ReadOnlyNotice } from "~/components/read-only-notice";
import { HistoryPanel } from "~/components/history-panel";
import { LabelForm } from "~/components/label-form";
import { AUDIT_KIND_LABELS, LABEL_STATUS_LABELS } from "~/modules/audit/rules";
import { countdown } from "~/domain/dates";
import { formatDate } from "~/domain/dates";
import { labelSchema } from "~/modules/audit/schema.server";
import { can } from "~/domain/roles";
import { listAudits, pillarRates } from "~/modules/audit/queries.server";
import { historyFor, wordHistory } from "~/modules/history/queries.server";
import { getLabel, updateLabel } from "~/modules/label/queries.server";
import { getReferential, listReferentials } from "~/modules/referential/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, validate, readForm } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.label.name ?? "Label"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "audits:view");
  const labelId = parseId(params.labelId);
  const label = labelId ? await getLabel(ctx.scope, { labelId }) : null;
  if (!label) throw notFound("Ce label");
  const today = ctx.scope.today;
  const [audits, referentials, history] = await Promise.all([
    listAudits(ctx.scope, { labelId: label.id }),
    listReferentials(ctx.scope),
    historyFor(ctx.scope, "label", label.id),
  ]);
  const grid = label.referentialId ? (await getReferential(ctx.scope, { referentialId: label.referentialId }))?.grid : null;
  const pillars = grid?.pillars ?? [];
  const chronological = [...audits].reverse();
  return json({
    label,
    canEdit: can(ctx.role, "audits:edit"),
    expiry: label.validUntil ? countdown(today, label.validUntil) : null,
    nextAudit: label.nextAuditDue ? countdown(today, label.nextAuditDue) : null,
    referentials: referentials.filter((r) => r.code === label.referentialCode).map((r) => ({ id: r.id, label: r.label, version: r.version })),
    pillars: pillars.map((p) => ({ code: p.code, label: p.label })),
    trend: chronological.map((a) => ({ id: a.id, title: a.title, kind: AUDIT_KIND_LABELS[a.kind], startsOn: a.startsOn, rates: pillarRates(a) })),
    history: wordHistory(history),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "audits:edit");
  const labelId = parseId(params.labelId);
  if (!labelId) throw notFound("Ce label");
  const parsed = validate(labelSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    if (!(await updateLabel(ctx.scope, { labelId }, parsed.data))) throw notFound("Ce label");
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
  return redirectWithToast(request, `/audits/labels/${labelId}`, { kind: "success", message: "Label enregistré." });
}

export default function LabelPage() {
  const { label, canEdit, expiry, nextAudit, referentials, pillars, trend, history } = useLoaderData<typeof loader>();
  const withRates = trend.filter((t) => pillars.some((p) => t.rates[p.code] !== null && t.rates[p.code] !== undefined));
  return (
    <section className="page">
      <p>
        <Link to="/audits">← Audits</Link>
      </p>
      <div className="page-header">
        <h1>{label.name}</h1>
        <a href={`/rapports/labels/${label.id}/preparation.docx`} className="button button--secondary" download>
          Dossier de préparation à l’audit (Word)
        </a>
      </div>
      {canEdit ? null : <ReadOnlyNotice>{`Votre rôle permet de consulter ce label, pas de le modifier : adressez-vous à ${AUDITS_EDITORS}.`}</ReadOnlyNotice>}
      <dl className="facts">
        <dt>État</dt>
        <dd>{LABEL_STATUS_LABELS[label.status]}</dd>
        {label.grantedOn ? (
          <>
            <dt>Obtenu le</dt>
            <dd>{formatDate(label.grantedOn)}</dd>
          </>
        ) : null}
        <dt>Valable jusqu'au</dt>
        <dd>{label.validUntil && expiry ? <CountdownText day={label.validUntil} countdown={expiry} /> : "—"}</dd>
        <dt>Prochain audit</dt>
        <dd>{label.nextAuditDue && nextAudit ? <CountdownText day={label.nextAuditDue} countdown={nextAudit} /> : "—"}</dd>
      </dl>
      {withRates.length > 0 ? (
        <>
          <LineChart
            title={`Taux de conformité de ${label.name}, audit après audit`}
            series={pillars.map((p) => p.label)}
            points={withRates.map((t) => ({ label: formatDate(t.startsOn), values: pillars.map((p) => t.rates[p.code] ?? null) }))}
          />
          <div className="table-wrap">
            <table className="table">
              <caption>Taux par audit</caption>
              <thead>
                <tr>
                  <th scope="col">Audit</th>
                  <th scope="col">Date</th>
                  {pillars.map((p) => (
                    <th scope="col" key={p.code}>
                      {p.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {trend.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <Link to={`/audits/${t.id}`}>{t.title}</Link> <span className="small muted">({t.kind})</span>
                    </td>
                    <td>{formatDate(t.startsOn)}</td>
                    {pillars.map((p) => (
                      <td key={p.code}>{t.rates[p.code] === null || t.rates[p.code] === undefined ? "—" : `${t.rates[p.code]!.toLocaleString("fr-FR")} %`}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="empty">Aucun taux enregistré pour ce label.</p>
      )}
      {label.notes && !canEdit ? <p className="lead">{label.notes}</p> : null}
      {canEdit ? (
        <section className="card card--wide" aria-labelledby="modifier-label">
          <h2 id="modifier-label">Modifier le label</h2>
          <LabelForm
        key={label.id}
        referentials={referentials}
        submitLabel="Enregistrer"
        defaultValues={{
          name: label.name,
          referentialId: label.referentialId ? String(label.referentialId) : "",
          status: label.status,
          grantedOn: label.grantedOn ?? "",
          validUntil: label.validUntil ?? "",
          nextAuditDue: label.nextAuditDue ?? "",
          notes: label.notes,
        }}
          />
        </section>
      ) : null}
      {history ? <HistoryPanel entries={history} /> : null}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
