import { FieldError } from "~/modules/errors";
// Accounts of the office: who can sign in, with which role; invitations.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { enforceRateLimit } from "~/modules/rate-limit/queries.server";
import { INVITATIONS_PER_ACCOUNT } from "~/modules/rate-limit/rules";
import { Form } from "~/components/once-form";
import { clientIp, notFound, requireOffice } from "~/auth.server";
import { ChoiceSelect } from "~/components/choice-select";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { getEnv } from "~/env.server";
import { formatDate, formatDateTime } from "~/domain/dates";
import { invitationSchema } from "~/modules/account/schema.server";
import { ROLES, ROLE_LABELS } from "~/domain/roles";
import { AlreadyMemberError, createInvitation, listPendingInvitations, revokeInvitation } from "~/modules/account/invitations.server";
import { listOfficeMembers } from "~/modules/account/memberships.server";
import { listPeople } from "~/modules/person/queries.server";
import { recordSecurityEvent } from "~/modules/security/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, validate, parseIntent, unknownIntent, readForm } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyInvitationSchema = lazySchema(() => import("~/modules/account/schema").then((m) => m.invitationSchema));

export const meta: MetaFunction = () => [{ title: "Comptes — Administration — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "accounts:manage");
  const [members, invitations, people] = await Promise.all([
    listOfficeMembers(ctx.scope),
    listPendingInvitations(ctx.scope),
    listPeople(ctx.scope, { activeOnly: true }),
  ]);
  return json({
    members: members.map((m) => ({ ...m, roleLabel: ROLE_LABELS[m.role] })),
    invitations: invitations.map((i) => ({ ...i, roleLabel: ROLE_LABELS[i.role] })),
    people: people.map((p) => ({ id: p.id, fullName: p.fullName })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "accounts:manage");
  const values = formValues(await readForm(request));
  const intent = parseIntent(values, ["invite", "revoke"]);
  if (!intent) return unknownIntent();
  if (intent === "revoke") {
    const invitationId = parseId(values.invitationId);
    const outcome = invitationId ? await revokeInvitation(ctx.scope, { invitationId }) : "not_found";
    if (outcome === "not_found") throw notFound("Cette invitation");
    if (outcome === "not_open") {
      return redirectWithToast(request, "/administration/comptes", { kind: "error", message: "Cette invitation a déjà été utilisée ou retirée." });
    }
    await recordSecurityEvent(ctx.scope.db, { event: "invitation_revoked", officeId: ctx.office.id, ip: clientIp(context), actor: ctx.actor, details: { invitation: invitationId } });
    return redirectWithToast(request, "/administration/comptes", { kind: "success", message: "Invitation retirée." });
  }
  const parsed = validate(invitationSchema, values);
  if (!parsed.ok) return badRequest(parsed.errors);
  await enforceRateLimit(ctx.scope.db, INVITATIONS_PER_ACCOUNT, `user:${ctx.user.id}`);
  try {
    const base = (getEnv().APP_URL ?? new URL(request.url).origin).replace(/\/$/, "");
    const { token } = await createInvitation(ctx.scope, { ...parsed.data, createdBy: ctx.user.id }, new Date(), { link: (t) => `${base}/invitation/${t}` });
    await recordSecurityEvent(ctx.scope.db, { event: "invitation_created", email: parsed.data.email, officeId: ctx.office.id, ip: clientIp(context), actor: ctx.actor, details: { rôle: ROLE_LABELS[parsed.data.role] } });
    return json({ fieldErrors: {}, invitationLink: `${base}/invitation/${token}`, invitedEmail: parsed.data.email });
  } catch (error) {
    if (error instanceof AlreadyMemberError) return fieldError("email", "E-mail : ce compte a déjà accès à cet office.");
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
}

export default function AccountsPage() {
  const { members, invitations, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ invitationLink?: string; invitedEmail?: string }>();
  return (
    <section className="page">
      <h1>Comptes</h1>
      {actionData?.invitationLink ? (
        <div className="callout" role="status">
          <h2>Invitation créée pour {actionData.invitedEmail}</h2>
          <p>
            Un courriel avec ce lien part vers {actionData.invitedEmail} (sans serveur de messagerie configuré, il attend dans « Courriels envoyés »). Vous pouvez aussi le transmettre vous-même : il sert une seule fois et expire dans 7 jours. Il ne sera plus affiché ici.
          </p>
          <label htmlFor="invitation-link">Lien d'invitation</label>
          <input id="invitation-link" className="copy-field" readOnly value={actionData.invitationLink} onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="table">
          <caption>Comptes ayant accès à l'office</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">E-mail</th>
              <th scope="col">Rôle</th>
              <th scope="col">Personne liée</th>
              <th scope="col">Dernière connexion</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.membershipId}>
                <td>
                  <Link to={`/administration/comptes/${m.membershipId}`}>{m.displayName}</Link>
                </td>
                <td>{m.email}</td>
                <td>{m.roleLabel}</td>
                <td>{m.personName ?? "—"}</td>
                <td>{m.lastSignInAt ? formatDateTime(m.lastSignInAt) : "jamais"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {invitations.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption>Invitations en attente</caption>
            <thead>
              <tr>
                <th scope="col">E-mail</th>
                <th scope="col">Rôle</th>
                <th scope="col">Expire le</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{i.roleLabel}</td>
                  <td>{formatDate(i.expiresAt)}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="invitationId" value={i.id} />
                      <button type="submit" className="link-button">
                        Retirer l'invitation de {i.email}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <InviteForm people={people} />
    </section>
  );
}

function InviteForm({ people }: { people: Array<{ id: number; fullName: string }> }) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyInvitationSchema, {
    email: "",
    role: "staff",
    personId: "",
  });
  return (
    <section className="card card--wide" aria-labelledby="inviter-titre">
      <h2 id="inviter-titre">Inviter une personne</h2>
      <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Inviter une personne">
        <input type="hidden" name="intent" value="invite" />
        <div className="grid-3">
          <Field label="E-mail" error={errorFor("email")} required>
            {(p) => <input type="email" {...p} {...register("email")} />}
          </Field>
          <Field label="Rôle" error={errorFor("role")} required>
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
          <Field label="Personne liée" hint="La fiche de la personne dans l'office, si elle existe." error={errorFor("personId")}>
            {(p) => <ChoiceSelect choices={people.map((person) => ({ id: person.id, name: person.fullName }))} emptyLabel="Aucune" {...p} {...register("personId")} />}
          </Field>
        </div>
        <SubmitButton submitting={submitting}>
          Créer le lien d'invitation
        </SubmitButton>
      </ValidatedFormElement>
    </section>
  );
}
