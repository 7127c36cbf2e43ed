import { FieldError, RecordReferenceError, StateError } from "~/modules/errors";
// One audit: how it was recorded, its rates against the thresholds, its findings.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { notFound, requireOffice } from "~/auth.server";
import { SiteChecks } from "~/components/action-form";
import { AuditForm } from "~/components/audit-form";
import { GroupedBarChart } from "~/components/charts/grouped-bar-chart";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { HistoryPanel } from "~/components/history-panel";
import { AUDITS_EDITORS, ReadOnlyNotice } from "~/components/read-only-notice";
import { ProgressBar } from "~/components/progress-bar";
import { ACTION_STATUS_LABELS, progressOf, type ActionStatus, type Progress } from "~/modules/action/rules";
import { actionsByFinding } from "~/modules/action/queries.server";
import { AUDIT_DECISION_LABELS, AUDIT_KIND_LABELS, AUDIT_STATUS_LABELS, FINDING_KIND_LABELS, STAGE_LABELS, findingProposals, thresholdFor } from "~/modules/audit/rules";
import { formatDate, formatDateTime } from "~/domain/dates";
import { auditSchema, findingSchema } from "~/modules/audit/schema.server";
import { can } from "~/domain/roles";
import {
  createFinding,
  deleteFinding,
  getAudit,
  listFindings,
  listResults,
  pillarRates,
  startSelfAssessment,
  updateAudit,
} from "~/modules/audit/queries.server";
import { auditFormChoices } from "~/modules/audit/choices.server";
import { historyFor, wordHistory } from "~/modules/history/queries.server";
import { getLabel } from "~/modules/label/queries.server";
import { listSites } from "~/modules/office/queries.server";
import { getReferential } from "~/modules/referential/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formError, formValues, parseIntent, unknownIntent, validate, readForm } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyFindingSchema = lazySchema(() => import("~/modules/audit/schema").then((m) => m.findingSchema));

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.audit.title ?? "Audit"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "audits:view");
  const auditId = parseId(params.auditId);
  const audit = auditId ? await getAudit(ctx.scope, { auditId }) : null;
  if (!audit) throw notFound("Cet audit");
  const [stored, findings, sites, history, results, choices] = await Promise.all([
    getReferential(ctx.scope, { referentialId: audit.referentialId }),
    listFindings(ctx.scope, { auditId: audit.id }),
    listSites(ctx.scope),
    historyFor(ctx.scope, "audit", audit.id),
    listResults(ctx.scope, { auditId: audit.id }),
    auditFormChoices(ctx.scope),
  ]);
  const grid = stored!.grid;
  const text = new Map(grid.criteria.map((c) => [c.code, c.text]));
  const rates = pillarRates(audit);
  const actions = await actionsByFinding(ctx.scope, { findingIds: findings.map((f) => f.id) });
  return json({
    actionsByFinding: Object.fromEntries([...actions].map(([id, list]) => [id, { list, progress: progressOf(list, ctx.scope.today) }])),
    canCreateActions: can(ctx.role, "actions:edit"),
    audit,
    canEdit: can(ctx.role, "audits:edit"),
    kind: AUDIT_KIND_LABELS[audit.kind],
    status: AUDIT_STATUS_LABELS[audit.status],
    decision: audit.decision ? AUDIT_DECISION_LABELS[audit.decision] : null,
    stage: STAGE_LABELS[audit.stage],
    pillars: grid.pillars.map((p) => ({
      code: p.code,
      label: p.label,
      rate: rates[p.code] ?? null,
      threshold: thresholdFor(p, audit.stage),
    })),
    snapshot: audit.snapshot,
    blocking: (audit.snapshot?.blocking ?? []).map((code) => ({ code, text: text.get(code) ?? "" })),
    proposals: findingProposals(audit.snapshot, findings).map((code) => ({ code, text: text.get(code) ?? "" })),
    findings,
    sites: sites.map((s) => ({ id: s.id, name: s.name })),
    criteria: grid.criteria.map((c) => ({ code: c.code, text: c.text })),
    resultsCount: results.length,
    history: wordHistory(history),
    choices,
    today: ctx.scope.today,
  });
}

const AUDIT_PAGE_INTENTS = ["update", "add-finding", "propose", "delete-finding", "self-assessment"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "audits:edit");
  const auditId = parseId(params.auditId);
  const audit = auditId ? await getAudit(ctx.scope, { auditId }) : null;
  if (!audit) throw notFound("Cet audit");
  const values = formValues(await readForm(request), { lists: ["siteIds"] });
  const back = `/audits/${audit.id}`;
  const intent = parseIntent(values, AUDIT_PAGE_INTENTS);
  if (!intent) return unknownIntent();
  switch (intent) {
    case "update": {
      const parsed = validate(auditSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors, values.intent);
      try {
        await updateAudit(ctx.scope, { auditId: audit.id }, parsed.data);
      } catch (error) {
        if (error instanceof FieldError) return fieldError(error.field, error.message, values.intent);
        if (error instanceof StateError) return formError(error.message, 400, values.intent);
        throw error;
      }
      return redirectWithToast(request, back, { kind: "success", message: "Audit enregistré." });
    }
    case "add-finding": {
      const parsed = validate(findingSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors, values.intent);
      try {
        await createFinding(ctx.scope, { auditId: audit.id, ...parsed.data });
      } catch (error) {
        if (error instanceof FieldError) return fieldError(error.field, error.message, values.intent);
        throw error;
      }
      return redirectWithToast(request, `${back}#constats`, { kind: "success", message: `${FINDING_KIND_LABELS[parsed.data.kind]} ajouté.` });
    }
    case "propose": {
      const code = typeof values.criterionCode === "string" ? values.criterionCode : "";
      const stored = await getReferential(ctx.scope, { referentialId: audit.referentialId });
      const criterion = stored?.grid.criteria.find((c) => c.code === code);
      if (!criterion) return redirectWithToast(request, `${back}#constats`, { kind: "error", message: "Critère inconnu dans ce référentiel." });
      await createFinding(ctx.scope, { auditId: audit.id, kind: "improvement", text: criterion.text, criterionCode: code, siteIds: [] });
      return redirectWithToast(request, `${back}#constats`, { kind: "success", message: `Critère ${code} ajouté aux points à améliorer.` });
    }
    case "delete-finding": {
      const findingId = parseId(values.findingId);
      if (!findingId || !(await deleteFinding(ctx.scope, { findingId }))) throw notFound("Ce constat");
      return redirectWithToast(request, `${back}#constats`, { kind: "success", message: "Constat supprimé." });
    }
    case "self-assessment": {
      const label = await getLabel(ctx.scope, { labelId: audit.labelId });
      const referentialId = label?.referentialId ?? audit.referentialId;
      const today = ctx.scope.today;
      let id: number | null;
      try {
        id = await startSelfAssessment(ctx.scope, { fromAuditId: audit.id, referentialId, title: `Auto-évaluation du ${formatDate(today)} (${formatDateTime(ctx.scope.now)})`, startsOn: today });
      } catch (error) {
        if (error instanceof RecordReferenceError) return redirectWithToast(request, back, { kind: "error", message: error.message });
        throw error;
      }
      if (!id) throw notFound("Cet audit");
      return redirectWithToast(request, `/audits/${id}/grille`, {
        kind: "success",
        message: "Auto-évaluation créée à partir de cet audit : les critères modifiés depuis sont à noter de nouveau.",
      });
    }
  }
}

const percent = (v: number | null) => (v === null ? "—" : `${v.toLocaleString("fr-FR")} %`);

export default function AuditPage() {
  const data = useLoaderData<typeof loader>();
  const { audit, canEdit } = data;
  const [params] = useSearchParams();
  const confirmDelete = parseId(params.get("supprimer") ?? undefined);
  const strengths = data.findings.filter((f) => f.kind === "strength");
  const improvements = data.findings.filter((f) => f.kind === "improvement");
  const verdict = data.snapshot?.verdict;
  return (
    <section className="page">
      <p>
        <Link to="/audits">← Audits</Link>
      </p>
      <div className="page-header">
        <div className="inline-form">
          <h1>{audit.title}</h1>
          <span className={`badge ${audit.mode === "reported" ? "badge--muted" : "badge--ok"}`}>
            {audit.mode === "reported" ? "Taux rapporté par l'auditeur" : "Grille notée critère par critère"}
          </span>
        </div>
        <a href={`/rapports/audits/${audit.id}/rapport.docx`} className="button button--secondary" download>
          Rapport d’audit (Word)
        </a>
      </div>
      {canEdit ? null : <ReadOnlyNotice>{`Votre rôle permet de consulter cet audit, pas de le modifier : ${AUDITS_EDITORS} enregistre ses résultats et ses constats.`}</ReadOnlyNotice>}
      <dl className="facts">
        <dt>Type</dt>
        <dd>
          {data.kind} — {data.stage}
        </dd>
        <dt>Label</dt>
        <dd>
          <Link to={`/audits/labels/${audit.labelId}`}>{audit.labelName}</Link> —{" "}
          <Link to={`/referentiels/${audit.referentialId}`}>
            {audit.referentialLabel}, version {audit.referentialVersion}
          </Link>
        </dd>
        <dt>Dates</dt>
        <dd>{audit.startsOn === audit.endsOn ? `le ${formatDate(audit.startsOn)}` : `du ${formatDate(audit.startsOn)} au ${formatDate(audit.endsOn)}`}</dd>
        <dt>Auditeur</dt>
        <dd>{audit.auditor || "—"}</dd>
        <dt>Statut</dt>
        <dd>
          {data.status}
          {data.decision ? ` — ${data.decision}` : ""}
          {audit.labelValidUntil ? `, label valable jusqu'au ${formatDate(audit.labelValidUntil)}` : ""}
        </dd>
        {audit.nextAuditDue ? (
          <>
            <dt>Prochain audit</dt>
            <dd>{formatDate(audit.nextAuditDue)}</dd>
          </>
        ) : null}
      </dl>
      {audit.summary ? <p className="lead">{audit.summary}</p> : null}

      <section className="card card--wide" aria-labelledby="taux-titre">
        <h2 id="taux-titre">Taux de conformité</h2>
        {audit.mode === "rated" && data.snapshot ? (
          <>
            <p className={`verdict verdict--${verdict}`} role="status">
              {verdict === "conforme"
                ? "Conforme : chaque pilier atteint son seuil et tous les critères obligatoires sont satisfaits."
                : verdict === "non_conforme"
                  ? "Non conforme : voir les piliers sous le seuil et les critères obligatoires non satisfaits."
                  : `En cours : ${data.snapshot.rated} critère(s) noté(s), ${data.snapshot.toRate} à noter.`}
            </p>
            <p>
              <Link to={`/audits/${audit.id}/grille`} className="button button--primary">
                {canEdit ? "Noter la grille" : "Voir la grille"}
              </Link>
            </p>
          </>
        ) : (
          <p className="muted">Taux tels que le rapport de l'auditeur les donne, sans détail par critère.</p>
        )}
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Taux par pilier et seuils</caption>
            <thead>
              <tr>
                <th scope="col">Pilier</th>
                <th scope="col">Taux</th>
                <th scope="col">Seuil ({data.stage.toLowerCase()})</th>
                <th scope="col">Résultat</th>
              </tr>
            </thead>
            <tbody>
              {data.pillars.map((p) => (
                <tr key={p.code}>
                  <td>{p.label}</td>
                  <td>
                    <strong>{percent(p.rate)}</strong>
                  </td>
                  <td>{p.threshold} %</td>
                  <td>
                    {p.rate === null ? (
                      "—"
                    ) : data.snapshot && data.snapshot.toRate > 0 ? (
                      <span className="badge badge--muted">provisoire : grille en cours</span>
                    ) : p.rate >= p.threshold ? (
                      <span className="badge badge--ok">atteint</span>
                    ) : (
                      <span className="badge badge--danger">sous le seuil</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.blocking.length > 0 ? (
          <div className="callout callout--error">
            <h3>Critères obligatoires non satisfaits (bloquants)</h3>
            <ul>
              {data.blocking.map((b) => (
                <li key={b.code}>
                  {b.code} — {b.text}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {data.snapshot && data.snapshot.chapters.some((c) => c.rate !== null) ? (
          <>
            <GroupedBarChart title="Taux par chapitre" series={["Taux"]} groups={data.snapshot.chapters.map((c) => ({ label: c.title, values: [c.rate] }))} />
            <div className="table-wrap">
              <table className="table">
                <caption>Taux et avancement par chapitre</caption>
                <thead>
                  <tr>
                    <th scope="col">Chapitre</th>
                    <th scope="col">Taux</th>
                    <th scope="col">Notés</th>
                    <th scope="col">À noter</th>
                  </tr>
                </thead>
                <tbody>
                  {data.snapshot.chapters.map((c) => (
                    <tr key={c.chapter}>
                      <td>{c.title}</td>
                      <td>{percent(c.rate)}</td>
                      <td>{c.rated}</td>
                      <td>{c.toRate}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>

      <section className="card card--wide" id="constats" aria-labelledby="constats-titre">
        <h2 id="constats-titre">Constats</h2>
        <div className="grid-2">
          {[
            { title: "Points forts", list: strengths },
            { title: "Points à améliorer", list: improvements },
          ].map((group) => (
            <div key={group.title}>
              <h3>{group.title}</h3>
              {group.list.length === 0 ? (
                <p className="muted">Aucun.</p>
              ) : (
                <ul className="findings">
                  {group.list.map((f) => (
                    <li key={f.id}>
                      <p>{f.text}</p>
                      <p className="small muted">
                        {[f.criterionCode ? `Critère ${f.criterionCode}` : null, f.sites.length === 0 ? "Tout l'office" : `${f.sites.length > 1 ? "Bureaux" : "Bureau"} : ${f.sites.map((x) => x.name).join(", ")}`]
                          .filter(Boolean)
                          .join(" — ")}
                      </p>
                      {f.kind === "improvement" ? <FindingActions findingId={f.id} data={data.actionsByFinding[f.id] ?? null} canCreate={data.canCreateActions} /> : null}
                      {canEdit ? (
                        confirmDelete === f.id ? (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="delete-finding" />
                            <input type="hidden" name="findingId" value={f.id} />
                            <button type="submit" className="button button--danger button--small">
                              Confirmer la suppression
                            </button>
                            <Link to="." replace>
                              Annuler
                            </Link>
                          </Form>
                        ) : (
                          <Link to={`?supprimer=${f.id}#constats`} className="small">
                            Supprimer ce constat
                          </Link>
                        )
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
        {canEdit && data.proposals.length > 0 ? (
          <div className="callout">
            <h3>Critères non satisfaits à transformer en points à améliorer</h3>
            <ul className="plain-list">
              {data.proposals.map((p) => (
                <li key={p.code}>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="propose" />
                    <input type="hidden" name="criterionCode" value={p.code} />
                    <span>
                      {p.code} — {p.text}
                    </span>
                    <button type="submit" className="button button--small">
                      Ajouter
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {canEdit ? <FindingForm sites={data.sites} criteria={data.criteria} /> : null}
      </section>

      {canEdit ? (
        <>
          <section className="card card--wide" aria-labelledby="autoeval-titre">
            <h2 id="autoeval-titre">Préparer le prochain audit</h2>
            <p>Démarrez une auto-évaluation qui reprend les résultats de cet audit ; les critères modifiés dans la nouvelle version du référentiel seront à noter de nouveau.</p>
            <Form method="post">
              <input type="hidden" name="intent" value="self-assessment" />
              <button type="submit" className="button button--secondary">
                Nouvelle auto-évaluation à partir de cet audit
              </button>
            </Form>
          </section>
          <details className="card card--wide">
            <summary>Modifier l'audit</summary>
            <AuditForm
              key={audit.id}
              labels={data.choices.labels}
              referentials={data.choices.referentials}
              lockGrid={data.resultsCount > 0}
              intent="update"
              submitLabel="Enregistrer l'audit"
              defaultValues={{
                title: audit.title,
                labelId: String(audit.labelId),
                referentialId: String(audit.referentialId),
                kind: audit.kind,
                mode: audit.mode,
                stage: audit.stage,
                startsOn: audit.startsOn,
                endsOn: audit.endsOn === audit.startsOn ? "" : audit.endsOn,
                auditor: audit.auditor,
                status: audit.status,
                decision: audit.decision ?? "en_attente",
                labelValidUntil: audit.labelValidUntil ?? "",
                nextAuditDue: audit.nextAuditDue ?? "",
                summary: audit.summary,
                reportedRates: Object.fromEntries(Object.entries(audit.reportedRates).map(([k, v]) => [k, v === null ? "" : String(v).replace(".", ",")])),
              }}
            />
          </details>
        </>
      ) : null}
      {data.history ? <HistoryPanel entries={data.history} /> : null}
    </section>
  );
}

function FindingActions({
  findingId,
  data,
  canCreate,
}: {
  findingId: number;
  data: { list: Array<{ id: number; title: string; status: ActionStatus; overdue: boolean }>; progress: Progress } | null;
  canCreate: boolean;
}) {
  return (
    <div className="finding-actions">
      {data ? (
        <>
          <ProgressBar progress={data.progress} label="Avancement des actions de ce constat" />
          <ul className="plain-list small">
            {data.list.map((a) => (
              <li key={a.id}>
                <Link to={`/plan-d-actions/${a.id}`}>{a.title}</Link> — {ACTION_STATUS_LABELS[a.status]}
                {a.overdue ? <span className="badge badge--danger">en retard</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="small muted">Aucune action pour ce point.</p>
      )}
      {canCreate ? (
        <Link to={`/plan-d-actions/nouvelle?constat=${findingId}`} className="small">
          Créer une action à partir de ce point
        </Link>
      ) : null}
    </div>
  );
}

function FindingForm({ sites, criteria }: { sites: Array<{ id: number; name: string }>; criteria: Array<{ code: string; text: string }> }) {
  const { register, errorFor, formError: error, onSubmit, submitting } = useValidatedForm(lazyFindingSchema, { kind: "improvement", text: "", criterionCode: "", siteIds: [] }, { intent: "add-finding", resetAfterSuccess: true });
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={error} aria-label="Ajouter un constat">
      <h3>Ajouter un constat</h3>
      <input type="hidden" name="intent" value="add-finding" />
      <div className="grid-2">
        <Field label="Type" error={errorFor("kind")} required>
          {(p) => (
            <select {...p} {...register("kind")}>
              <option value="improvement">Point à améliorer</option>
              <option value="strength">Point fort</option>
            </select>
          )}
        </Field>
        <Field label="Critère (facultatif)" error={errorFor("criterionCode")}>
          {(p) => (
            <select {...p} {...register("criterionCode")}>
              <option value="">Aucun</option>
              {criteria.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} — {c.text.length > 60 ? `${c.text.slice(0, 59)}…` : c.text}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <SiteChecks sites={sites} field={register("siteIds")} error={errorFor("siteIds")} />
      <Field label="Constat" error={errorFor("text")} required>
        {(p) => <textarea rows={3} {...p} {...register("text")} />}
      </Field>
      <SubmitButton submitting={submitting}>Ajouter le constat</SubmitButton>
    </ValidatedFormElement>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
