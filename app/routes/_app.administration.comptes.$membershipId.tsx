import { FieldError } from "~/modules/errors";
// One account's access to the office: role, linked person, removal.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { clientIp, notFound, requireOffice } from "~/auth.server";
import { ChoiceSelect } from "~/components/choice-select";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { HistoryPanel } from "~/components/history-panel";
import { formatDateTime } from "~/domain/dates";
import { membershipSchema } from "~/modules/account/schema.server";
import { can, ROLES, ROLE_LABELS } from "~/domain/roles";
import { LastAdminError, getOfficeMember, removeMembership, updateMembership } from "~/modules/account/memberships.server";
import { ResetNotAllowedError, createPasswordReset } from "~/modules/account/password-resets.server";
import { getEnv } from "~/env.server";
import { historyFor, wordHistory } from "~/modules/history/queries.server";
import { listPeople } from "~/modules/person/queries.server";
import { recordSecurityEvent } from "~/modules/security/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formError, formValues, validate, parseIntent, unknownIntent, readForm } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyMembershipSchema = lazySchema(() => import("~/modules/account/schema").then((m) => m.membershipSchema));

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.member.displayName ?? "Compte"} — Administration — Cap Qualité` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "accounts:manage");
  const membershipId = parseId(params.membershipId);
  const member = membershipId ? await getOfficeMember(ctx.scope, { membershipId }) : null;
  if (!member) throw notFound("Ce compte");
  const [history, people] = await Promise.all([
    historyFor(ctx.scope, "membership", member.membershipId),
    listPeople(ctx.scope),
  ]);
  return json({
    member,
    isSelf: member.userId === ctx.user.id,
    history: wordHistory(history, { person_id: Object.fromEntries(people.map((p) => [p.id, p.fullName])) }),
    people: people.filter((p) => p.active || p.id === member.personId).map((p) => ({ id: p.id, fullName: p.fullName })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "accounts:manage");
  const membershipId = parseId(params.membershipId);
  if (!membershipId) throw notFound("Ce compte");
  const values = formValues(await readForm(request));
  const intent = parseIntent(values, ["update", "reset-password", "remove"], "update");
  if (!intent) return unknownIntent();
  const before = await getOfficeMember(ctx.scope, { membershipId });
  const log = (event: "password_reset_created" | "membership_removed" | "role_changed", details: Record<string, string> = {}) =>
    before ? recordSecurityEvent(ctx.scope.db, { event, userId: before.userId, email: before.email, officeId: ctx.office.id, ip: clientIp(context), actor: ctx.actor, details }) : Promise.resolve();
  try {
    if (intent === "reset-password") {
      const base = (getEnv().APP_URL ?? new URL(request.url).origin).replace(/\/$/, "");
      const reset = await createPasswordReset(ctx.scope, { membershipId, adminUserId: ctx.user.id }, new Date(), { link: (t) => `${base}/reinitialisation/${t}` });
      if (!reset) throw notFound("Ce compte");
      await log("password_reset_created");
      return json({ resetLink: `${base}/reinitialisation/${reset.token}` });
    }
    if (intent === "remove") {
      const removed = await removeMembership(ctx.scope, { membershipId });
      if (!removed) throw notFound("Ce compte");
      await log("membership_removed", before ? { rôle: ROLE_LABELS[before.role] } : {});
      if (membershipId === ctx.membership.id) return redirect("/tableau-de-bord");
      return redirectWithToast(request, "/administration/comptes", { kind: "success", message: "Accès à l'office retiré." });
    }
    const parsed = validate(membershipSchema, values);
    if (!parsed.ok) return badRequest(parsed.errors);
    const updated = await updateMembership(ctx.scope, { membershipId }, parsed.data);
    if (!updated) throw notFound("Ce compte");
    if (before && before.role !== parsed.data.role) await log("role_changed", { avant: ROLE_LABELS[before.role], après: ROLE_LABELS[parsed.data.role] });
    if (membershipId === ctx.membership.id && !can(parsed.data.role, "accounts:manage")) {
      return redirectWithToast(request, "/tableau-de-bord", {
        kind: "info",
        message: `Votre rôle est maintenant « ${ROLE_LABELS[parsed.data.role]} » : la gestion des comptes ne vous est plus ouverte.`,
      });
    }
    return redirectWithToast(request, `/administration/comptes/${membershipId}`, { kind: "success", message: "Accès enregistré." });
  } catch (error) {
    if (error instanceof LastAdminError) {
      return formError("L'office doit garder au moins un administrateur : nommez-en un autre avant.");
    }
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    if (error instanceof ResetNotAllowedError) {
      return json(
        { resetError: "Ce compte ouvre aussi d'autres offices que vous n'administrez pas : demandez à leur administrateur de créer le lien." },
        { status: 403 },
      );
    }
    throw error;
  }
}

export default function MemberPage() {
  const { member, isSelf, history, people } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const actionData = useActionData<{ resetLink?: string; resetError?: string }>();
  const { register, errorFor, formError: error, onSubmit, submitting } = useValidatedForm(lazyMembershipSchema, {
    role: member.role,
    personId: member.personId === null ? "" : String(member.personId),
  });
  return (
    <section className="page">
      <h1>{member.displayName}</h1>
      <dl className="facts">
        <dt>E-mail</dt>
        <dd>{member.email}</dd>
        <dt>Dernière connexion</dt>
        <dd>{member.lastSignInAt ? formatDateTime(member.lastSignInAt) : "jamais"}</dd>
      </dl>
      <ValidatedFormElement onSubmit={onSubmit} formError={error} aria-label="Accès à l'office">
        <div className="grid-2">
          <Field label="Rôle dans l'office" error={errorFor("role")} required>
            {(p) => (
              <select {...p} {...register("role")}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Personne liée" error={errorFor("personId")}>
            {(p) => <ChoiceSelect choices={people.map((person) => ({ id: person.id, name: person.fullName }))} emptyLabel="Aucune" {...p} {...register("personId")} />}
          </Field>
        </div>
        <SubmitButton submitting={submitting}>Enregistrer</SubmitButton>
      </ValidatedFormElement>
      <section className="card card--wide" aria-labelledby="reinitialiser-titre">
        <h2 id="reinitialiser-titre">Mot de passe oublié</h2>
        {actionData?.resetLink ? (
          <div className="callout" role="status">
            <p>Un courriel avec ce lien part vers {member.email} (sans serveur de messagerie configuré, il attend dans « Courriels envoyés »). Vous pouvez aussi le transmettre vous-même à {member.displayName} : il sert une seule fois et expire dans 24 heures. Il ne sera plus affiché ici.</p>
            <label htmlFor="reset-link">Lien de réinitialisation</label>
            <input id="reset-link" className="copy-field" readOnly value={actionData.resetLink} onFocus={(e) => e.currentTarget.select()} />
          </div>
        ) : (
          <Form method="post">
            <p>Créez un lien qui permet à {member.displayName} de choisir un nouveau mot de passe. Ses sessions ouvertes seront fermées.</p>
            {actionData?.resetError ? (
              <p className="form-error" role="alert">
                {actionData.resetError}
              </p>
            ) : null}
            <input type="hidden" name="intent" value="reset-password" />
            <button type="submit" className="button button--secondary">
              Créer un lien de réinitialisation
            </button>
          </Form>
        )}
      </section>
      <section className="danger-zone" aria-labelledby="retirer-titre">
        <h2 id="retirer-titre">Retirer l'accès</h2>
        {params.get("retirer") ? (
          <Form method="post" className="confirm">
            <p>
              {isSelf ? "Vous allez retirer votre propre accès à cet office. " : ""}
              {member.displayName} ne pourra plus ouvrir les données de cet office. Son compte reste actif pour ses autres offices.
            </p>
            <input type="hidden" name="intent" value="remove" />
            <button type="submit" className="button button--danger">
              Confirmer le retrait
            </button>{" "}
            <Link to=".">Annuler</Link>
          </Form>
        ) : (
          <Link to="?retirer=1" className="button button--secondary">
            Retirer l'accès à l'office…
          </Link>
        )}
      </section>
      {history ? <HistoryPanel entries={history} /> : null}
    </section>
  );
}
