// Rating a grid criterion by criterion. Each criterion is its own small form, saved as soon as a
// choice is taken (or with its button when JavaScript is off). By keyboard a criterion is one Tab
// stop: the arrows choose, Entrée opens the comment, Échap comes back (decision 015).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormTokenField } from "~/components/once-form";
import { useEffect, useRef, useState } from "react";
import { notFound, requireOffice } from "~/auth.server";
import { AUDITS_EDITORS, ReadOnlyNotice } from "~/components/read-only-notice";
import { resultSchema } from "~/modules/audit/schema.server";
import { lazySchema } from "~/components/lazy-schema";
import { can } from "~/domain/roles";
import { FinishedAuditError, NotRatedAuditError, ResultError, getAudit, listResults, saveResult, type StoredResult } from "~/modules/audit/queries.server";
import { needsJustification } from "~/modules/audit/rules";
import { topChapter, type Referential } from "~/modules/referential/rules";
import { getReferential } from "~/modules/referential/queries.server";
import { formValues, validate, readForm } from "~/utils/forms.server";
import { useHydrated } from "~/utils/hydrated";
import { parseId } from "~/utils/params";

// The browser fetches the schema (and zod) when a criterion is first touched (decision 051).
const lazyResultSchema = lazySchema(() => import("~/modules/audit/schema").then((m) => m.resultSchema));

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Grille — ${data?.audit.title ?? "Audit"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "audits:view");
  const auditId = parseId(params.auditId);
  const audit = auditId ? await getAudit(ctx.scope, { auditId }) : null;
  if (!audit) throw notFound("Cet audit");
  if (audit.mode !== "rated") throw redirect(`/audits/${audit.id}`);
  const stored = await getReferential(ctx.scope, { referentialId: audit.referentialId });
  if (!stored) throw notFound("Ce référentiel");
  const results = await listResults(ctx.scope, { auditId: audit.id });
  return json({
    missingJustifications: missingJustifications(stored.grid, results),
    audit: { id: audit.id, title: audit.title, labelName: audit.labelName },
    grid: stored.grid,
    results: Object.fromEntries(results.map((r) => [r.criterionCode, r])),
    snapshot: audit.snapshot,
    canEdit: can(ctx.role, "audits:edit") && audit.status !== "termine",
    readOnlyRole: !can(ctx.role, "audits:edit"),
    closed: audit.status === "termine",
  });
}

/** "Non mesuré" / "non concerné" saved without their reason, in all and per top chapter. */
function missingJustifications(grid: Referential, results: readonly StoredResult[]) {
  const chapterOf = new Map(grid.criteria.map((c) => [c.code, topChapter(grid.chapters, c.chapter)]));
  const byChapter: Record<string, number> = {};
  let total = 0;
  for (const r of results) {
    if (!needsJustification(r)) continue;
    const chapter = chapterOf.get(r.criterionCode);
    if (!chapter) continue;
    total += 1;
    byChapter[chapter] = (byChapter[chapter] ?? 0) + 1;
  }
  return { total, byChapter };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "audits:edit");
  const auditId = parseId(params.auditId);
  if (!auditId) throw notFound("Cet audit");
  const parsed = validate(resultSchema, formValues(await readForm(request)));
  if (!parsed.ok) return json({ ok: false as const, ...parsed.errors }, { status: 400 });
  try {
    const conformity = await saveResult(ctx.scope, { auditId, ...parsed.data });
    if (!conformity) throw notFound("Cet audit");
    const missing = (await listResults(ctx.scope, { auditId })).filter((r) => needsJustification(r)).length;
    return json({ ok: true as const, rated: conformity.rated, toRate: conformity.toRate, missingJustifications: missing });
  } catch (error) {
    if (error instanceof ResultError || error instanceof NotRatedAuditError || error instanceof FinishedAuditError) {
      const message =
        error instanceof ResultError
          ? error.message
          : error instanceof FinishedAuditError
            ? "Cet audit est terminé : repassez-le « En cours » (Modifier l'audit) pour changer sa grille."
            : "Cet audit n'est pas noté critère par critère.";
      return json({ ok: false as const, fieldErrors: { choice: message }, formError: undefined }, { status: 400 });
    }
    throw error;
  }
}

export default function GridPage() {
  const { audit, grid, results, snapshot, canEdit, readOnlyRole, closed, missingJustifications } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const onlyToRate = params.get("a-noter") === "1";
  const tops = grid.chapters.filter((c) => c.parent === null);
  const chapterOf = new Map<string, string>();
  for (const c of grid.chapters) {
    let top = c;
    while (top.parent) top = grid.chapters.find((x) => x.code === top.parent) ?? { ...top, parent: null };
    chapterOf.set(c.code, top.code);
  }
  const progress = new Map((snapshot?.chapters ?? []).map((c) => [c.chapter, c]));
  // In the "to rate" view, a row stays on screen after it is rated, until the page is left:
  // otherwise each save would pull the row from under the keyboard.
  const [toRateOnArrival] = useState(() =>
    new Set(grid.criteria.filter((c) => !results[c.code] || results[c.code]!.needsReview || needsJustification(results[c.code]!)).map((c) => c.code)),
  );
  const hydrated = useHydrated();
  const missing = missingJustifications.total;
  return (
    <section className="page">
      <p>
        <Link to={`/audits/${audit.id}`}>← {audit.title}</Link>
      </p>
      <h1>Grille : {audit.title}</h1>
      {readOnlyRole ? <ReadOnlyNotice>{`Votre rôle permet de consulter cette grille, pas de la noter : ${AUDITS_EDITORS} notent les critères.`}</ReadOnlyNotice> : null}
      {closed ? (
        <p className="notice">Cet audit est terminé : sa grille est en lecture seule. Pour la corriger, repassez l'audit « En cours » depuis sa page.</p>
      ) : null}
      <p className="lead" role="status">
        {snapshot ? `${snapshot.rated} critère(s) noté(s) sur ${snapshot.rated + snapshot.toRate}` : null}
        {missing > 0 ? `, dont ${missing} « non mesuré » ou « non concerné » sans justification` : null}
        {canEdit ? ". Chaque choix est enregistré aussitôt." : "."}
      </p>
      {canEdit && hydrated ? (
        <p className="small muted" id="aide-clavier">
          Au clavier : Tab passe d'un critère au suivant, les flèches choisissent le niveau, Entrée ouvre le commentaire et Échap y revient.
        </p>
      ) : null}
      <nav aria-label="Chapitres de la grille" className="chapter-nav">
        <ul>
          {tops.map((c) => {
            const p = progress.get(c.code);
            const lacking = missingJustifications.byChapter[c.code] ?? 0;
            return (
              <li key={c.code}>
                <a href={`#chapitre-${c.code}`}>
                  {c.code} {c.title}
                </a>{" "}
                {p ? (
                  <span className={`badge ${p.toRate === 0 && lacking === 0 ? "badge--ok" : "badge--muted"}`}>
                    {p.rated}/{p.rated + p.toRate}
                  </span>
                ) : null}
                {lacking > 0 ? <span className="badge badge--warn">{lacking} justification{lacking > 1 ? "s" : ""} manquante{lacking > 1 ? "s" : ""}</span> : null}
              </li>
            );
          })}
        </ul>
        <p>
          {onlyToRate ? <Link to="?">Afficher tous les critères</Link> : <Link to="?a-noter=1">N'afficher que les critères à noter ou à justifier</Link>}
        </p>
      </nav>
      {tops.map((chapter) => {
        const criteria = grid.criteria.filter((c) => chapterOf.get(c.chapter) === chapter.code && (!onlyToRate || toRateOnArrival.has(c.code)));
        if (criteria.length === 0) return null;
        return (
          <section key={chapter.code} id={`chapitre-${chapter.code}`} aria-labelledby={`titre-${chapter.code}`} className="grid-chapter">
            <h2 id={`titre-${chapter.code}`}>
              {chapter.code} — {chapter.title}
            </h2>
            {criteria.map((c) => (
              <CriterionRow
                key={c.code}
                criterion={c}
                levels={grid.scales.find((s) => s.code === c.scale)?.levels ?? []}
                result={results[c.code] ?? null}
                canEdit={canEdit}
                hydrated={hydrated}
              />
            ))}
          </section>
        );
      })}
    </section>
  );
}

type Answer = { ok: true; rated: number; toRate: number; missingJustifications: number } | { ok: false; fieldErrors?: Record<string, string>; formError?: string };

const NEEDS_REASON = new Set(["not_measured", "not_applicable"]);

function CriterionRow({
  criterion,
  levels,
  result,
  canEdit,
  hydrated,
}: {
  criterion: { code: string; text: string; coefficient: number; mandatory: boolean; bonus: boolean; check: string; guidance: string };
  levels: Array<{ code: string; label: string; compliant: boolean }>;
  result: { status: string; level: string | null; comment: string; needsReview: boolean } | null;
  canEdit: boolean;
  hydrated: boolean;
}) {
  const fetcher = useFetcher<Answer>();
  const formRef = useRef<HTMLFormElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const current = result ? (result.status === "rated" ? result.level : result.status) : null;
  // What the row shows as chosen and typed, ahead of the server's answer.
  const [choice, setChoice] = useState<string | null>(current);
  const [comment, setComment] = useState(result?.comment ?? "");
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setDirty(false);
  }, [fetcher.state, fetcher.data]);
  const name = `r-${criterion.code}`;
  const busy = fetcher.state !== "idle";
  const answer = fetcher.data;
  const serverError = answer && !answer.ok ? (answer.fieldErrors?.comment ?? answer.fieldErrors?.choice ?? answer.formError) : undefined;
  const error = clientError ?? serverError;
  const lacksReason = choice !== null && NEEDS_REASON.has(choice) && comment.trim() === "";
  const saved = !dirty && !busy && !error && choice !== null && (answer?.ok || (result !== null && !result.needsReview));

  /** Saves after a short pause, so that moving through the levels with the arrows saves once. */
  function saveSoon() {
    setDirty(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), 700);
  }

  async function save() {
    if (timer.current) clearTimeout(timer.current);
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    // Without the schema (offline), the server checks the result and answers with the error.
    const schema = await lazyResultSchema.load().catch(() => undefined);
    const check = schema?.safeParse({ criterionCode: data.get("criterionCode"), choice: data.get("choice") ?? "", comment: data.get("comment") ?? "" });
    if (check && !check.success) {
      setClientError(check.error.issues[0]?.message ?? "Saisie invalide.");
      return;
    }
    setClientError(null);
    fetcher.submit(form);
  }

  const choices = [
    ...levels.map((l) => ({ value: l.code, label: l.label, disabled: false })),
    { value: "not_measured", label: "Non mesuré", disabled: false },
    { value: "not_applicable", label: "Non concerné", disabled: criterion.mandatory },
  ];
  // One status line of fixed place and height: nothing moves when it changes.
  const status = busy
    ? "Enregistrement…"
    : error
      ? "Non enregistré"
      : dirty
        ? "Modifié, enregistrement dans un instant"
        : saved
          ? lacksReason
            ? "Enregistré, justification manquante"
            : "Enregistré"
          : result?.needsReview
            ? "À noter de nouveau"
            : "À noter";
  const hintId = `${name}-reason`;
  return (
    <fetcher.Form
      method="post"
      ref={formRef}
      className={`criterion${error ? " criterion--invalid" : ""}${saved && lacksReason ? " criterion--lacking" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onFocus={() => void lazyResultSchema.load().catch(() => undefined)}
    >
      <FormTokenField />
      <input type="hidden" name="criterionCode" value={criterion.code} />
      <fieldset disabled={!canEdit} className="fieldset">
        <legend>
          <span className="criterion__code">{criterion.code}</span> {criterion.text}
          <span className="small muted"> (coef. {criterion.coefficient})</span>
          {criterion.mandatory ? <span className="badge badge--danger">obligatoire</span> : null}
          {criterion.bonus ? <span className="badge">bonus</span> : null}
          {result?.needsReview ? <span className="badge badge--warn">à revoir : critère modifié</span> : null}
        </legend>
        {criterion.check || criterion.guidance ? (
          <p className="small muted">
            {criterion.check ? `Vérification : ${criterion.check}. ` : ""}
            {criterion.guidance}
          </p>
        ) : null}
        <div className="criterion__row">
          <div className="choices">
            {choices.map((c) => (
              <label key={c.value} className={`choice${c.disabled ? " choice--disabled" : ""}`}>
                <input
                  type="radio"
                  name="choice"
                  value={c.value}
                  defaultChecked={current === c.value}
                  disabled={c.disabled}
                  aria-describedby={canEdit && hydrated ? "aide-clavier" : undefined}
                  onChange={() => {
                    setChoice(c.value);
                    saveSoon();
                  }}
                  onKeyDown={(event) => {
                    // Entrée opens the comment instead of submitting: the choice is already saving.
                    if (event.key === "Enter" && hydrated) {
                      event.preventDefault();
                      commentRef.current?.focus();
                    }
                  }}
                />
                {c.label}
              </label>
            ))}
          </div>
          <span className={`criterion__status small${saved && lacksReason ? " criterion__status--warn" : ""}`} role="status" aria-live="polite">
            {status}
          </span>
          {hydrated || !canEdit ? null : (
            <button type="submit" className="button button--small">
              Enregistrer
            </button>
          )}
        </div>
        <div className="field criterion__comment">
          <label htmlFor={`${name}-comment`}>{lacksReason ? "Justification" : "Commentaire"}</label>
          <textarea
            id={`${name}-comment`}
            ref={commentRef}
            name="comment"
            rows={1}
            defaultValue={result?.comment ?? ""}
            // Out of the Tab order once the page runs, unless a justification is awaited:
            // Entrée from the choices reaches it (decision 015).
            tabIndex={hydrated && !lacksReason ? -1 : undefined}
            aria-invalid={Boolean(error)}
            aria-describedby={[lacksReason ? hintId : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined}
            onChange={(e) => setComment(e.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.preventDefault();
                const radios = formRef.current?.querySelectorAll<HTMLInputElement>("input[name=choice]:not(:disabled)");
                ([...(radios ?? [])].find((r) => r.checked) ?? radios?.[0])?.focus();
              }
            }}
            onBlur={(e) => {
              const changed = e.currentTarget.value !== (result?.comment ?? "");
              if ((changed || dirty) && formRef.current?.querySelector("input[name=choice]:checked")) void save();
            }}
          />
        </div>
        {lacksReason ? (
          <p className="field-hint criterion__reason" id={hintId}>
            Justification manquante : dites pourquoi le critère est {choice === "not_applicable" ? "non concerné" : "non mesuré"} (l'auditeur la demandera).
          </p>
        ) : null}
        {error ? (
          <p className="field-error" id={`${name}-error`}>
            {error}
          </p>
        ) : null}
      </fieldset>
    </fetcher.Form>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
