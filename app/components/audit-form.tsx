import { useEffect } from "react";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import {
  AUDIT_DECISIONS,
  AUDIT_DECISION_LABELS,
  AUDIT_KINDS,
  AUDIT_KIND_LABELS,
  AUDIT_MODES,
  AUDIT_MODE_LABELS,
  AUDIT_STATUSES,
  AUDIT_STATUS_LABELS,
  STAGES,
  STAGE_LABELS,
  grantsLabel,
  renewalProposal,
} from "~/modules/audit/rules";
import type { AuditInput } from "~/modules/audit/schema";
import type { ReferentialChoice } from "~/modules/referential/rules";
import { formatDate } from "~/domain/dates";

// The browser fetches the schema (and zod) when the form is first used (decision 051).
const auditSchema = lazySchema(() => import("~/modules/audit/schema").then((m) => m.auditSchema));


export function AuditForm({
  defaultValues,
  labels,
  referentials,
  submitLabel,
  lockGrid,
  intent,
}: {
  defaultValues: AuditInput;
  labels: Array<{ id: number; name: string; referentialCode: string; referentialId?: number | null }>;
  referentials: ReferentialChoice[];
  submitLabel: string;
  /** results exist: the version and the mode can no longer change */
  lockGrid?: boolean;
  /** for pages whose action handles several forms */
  intent?: string;
}) {
  const { register, errorFor, formError, onSubmit, submitting, form } = useValidatedForm(auditSchema, defaultValues, { intent });
  const mode = form.watch("mode");
  const labelId = String(form.watch("labelId") ?? "");
  const referentialId = String(form.watch("referentialId") ?? "");
  const label = labels.find((l) => String(l.id) === labelId);
  const versions = referentials.filter((r) => !label || r.code === label.referentialCode);
  const referential = referentials.find((r) => String(r.id) === referentialId);
  const pillars = referential?.pillars ?? [];
  // Another label chosen: its own grid replaces a version of the previous label's grid.
  useEffect(() => {
    if (lockGrid || !label || versions.some((v) => String(v.id) === form.getValues("referentialId"))) return;
    const own = label.referentialId ?? versions[0]?.id ?? null;
    form.setValue("referentialId", own === null ? "" : String(own), { shouldDirty: true });
  }, [labelId]); // eslint-disable-line react-hooks/exhaustive-deps -- only a new label moves it
  const decision = form.watch("decision") ?? "";
  const lastDay = String(form.watch("endsOn") || form.watch("startsOn") || "");
  const proposal = grantsLabel(decision) ? renewalProposal(lastDay, referential?.validityYears) : null;
  /** A granting decision fills the dates still empty with what the référentiel's validity gives. */
  function propose(nextDecision: string) {
    const next = grantsLabel(nextDecision) ? renewalProposal(lastDay, referential?.validityYears) : null;
    if (!next) return;
    if (!form.getValues("labelValidUntil")) form.setValue("labelValidUntil", next.labelValidUntil, { shouldDirty: true });
    if (!form.getValues("nextAuditDue")) form.setValue("nextAuditDue", next.nextAuditDue, { shouldDirty: true });
  }
  const decisionField = register("decision");
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Audit">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <fieldset className="fieldset">
        <legend className="visually-hidden">Audit</legend>
        <Field label="Intitulé" hint="Exemple : Audit accueil Qualité Tourisme 2020" error={errorFor("title")} required>
          {(p) => <input type="text" {...p} {...register("title")} />}
        </Field>
        <div className="grid-2">
          <Field label="Label" error={errorFor("labelId")} required>
            {(p) => (
              <select {...p} {...(lockGrid ? { disabled: true, defaultValue: labelId } : register("labelId"))}>
                {labels.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Version du référentiel" error={errorFor("referentialId")} required>
            {(p) => (
              <select {...p} {...(lockGrid ? { disabled: true, defaultValue: referentialId } : register("referentialId"))}>
                <option value="">Choisir…</option>
                {versions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label} — version {r.version}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Type d'audit" error={errorFor("kind")} required>
            {(p) => (
              <select {...p} {...register("kind")}>
                {AUDIT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {AUDIT_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Étape du label" hint="Les seuils peuvent différer entre une première labellisation et un renouvellement." error={errorFor("stage")} required>
            {(p) => (
              <select {...p} {...register("stage")}>
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {STAGE_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Mode de saisie" error={errorFor("mode")} required>
          {(p) => (
            <select {...p} {...(lockGrid ? { disabled: true, defaultValue: mode } : register("mode"))}>
              {AUDIT_MODES.map((m) => (
                <option key={m} value={m}>
                  {AUDIT_MODE_LABELS[m]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {lockGrid ? (
          <>
            <input type="hidden" {...register("labelId")} />
            <input type="hidden" {...register("referentialId")} />
            <input type="hidden" {...register("mode")} />
            <p className="field-hint">Des critères sont déjà notés : le label, la version et le mode ne peuvent plus changer.</p>
          </>
        ) : null}
        <div className="grid-3">
          <Field label="Début" error={errorFor("startsOn")} required>
            {(p) => <input type="date" {...p} {...register("startsOn")} />}
          </Field>
          <Field label="Fin" hint="Vide pour un audit d'un jour." error={errorFor("endsOn")}>
            {(p) => <input type="date" {...p} {...register("endsOn")} />}
          </Field>
          <Field label="Auditeur ou cabinet" error={errorFor("auditor")}>
            {(p) => <input type="text" {...p} {...register("auditor")} />}
          </Field>
        </div>
        <div className="grid-2">
          <Field label="Statut" error={errorFor("status")} required>
            {(p) => (
              <select {...p} {...register("status")}>
                {AUDIT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {AUDIT_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Décision" error={errorFor("decision")} required>
            {(p) => (
              <select
                {...p}
                {...decisionField}
                onChange={(event) => {
                  void decisionField.onChange(event);
                  propose(event.target.value);
                }}
              >
                {AUDIT_DECISIONS.map((d) => (
                  <option key={d} value={d}>
                    {AUDIT_DECISION_LABELS[d]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="grid-2">
          <Field label="Label valable jusqu'au" hint="Si la décision fixe une date ; reportée sur le label." error={errorFor("labelValidUntil")}>
            {(p) => <input type="date" {...p} {...register("labelValidUntil")} />}
          </Field>
          <Field label="Prochain audit prévu" hint="Par exemple l'audit complet de renouvellement ; reporté sur le label." error={errorFor("nextAuditDue")}>
            {(p) => <input type="date" {...p} {...register("nextAuditDue")} />}
          </Field>
        </div>
        {proposal && referential?.validityYears ? (
          <p className="field-hint" role="status">
            Proposé d'après la validité du référentiel ({referential.validityYears} ans à partir de la fin de l'audit) : label valable jusqu'au{" "}
            {formatDate(proposal.labelValidUntil)}, prochain audit le {formatDate(proposal.nextAuditDue)}. Les dates restent modifiables.
          </p>
        ) : null}
        {mode === "reported" ? (
          <fieldset className="fieldset fieldset--framed">
            <legend>Taux rapportés par l'auditeur</legend>
            <p className="field-hint">Tels qu'ils figurent dans le rapport (exemple : 91). Laissez vide un taux non communiqué.</p>
            <div className="grid-3">
              {pillars.map((pillar) => (
                <Field key={pillar.code} label={`${pillar.label} (%)`} error={errorFor(`reportedRates.${pillar.code}` as never)}>
                  {(p) => <input type="text" inputMode="decimal" {...p} {...register(`reportedRates.${pillar.code}` as never)} />}
                </Field>
              ))}
            </div>
          </fieldset>
        ) : null}
        <Field label="Synthèse" error={errorFor("summary")}>
          {(p) => <textarea rows={4} {...p} {...register("summary")} />}
        </Field>
        <SubmitButton submitting={submitting}>{submitLabel}</SubmitButton>
      </fieldset>
    </ValidatedFormElement>
  );
}
