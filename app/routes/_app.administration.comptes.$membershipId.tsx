// One account's access to the office: role, linked person, removal.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireOffice } from "~/auth.server";
import { Field, SubmitButton, ValidatedFormElement, useValidatedForm } from "~/components/form";
import { HistoryPanel } from "~/components/history-panel";
import { getDb } from "~/db.server";
import { formatDateTime } from "~/domain/dates";
import { membershipSchema } from "~/domain/forms/account";
import { ROLES, ROLE_LABELS } from "~/domain/roles";
import { ForeignPersonError, LastAdminError, getOfficeMember, removeMembership, updateMembership } from "~/models/account.server";
import { listHistory } from "~/models/history.server";
import { listPeople } from "~/models/person.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formError, formValues, validate } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.member.displayName ?? "Compte"} — Administration — Cap Qualité` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "accounts:manage");
  const membershipId = parseId(params.membershipId);
  const member = membershipId ? await getOfficeMember(getDb(), { officeId: ctx.office.id, membershipId }) : null;
  if (!member) throw notFound("Ce compte");
  const [history, people] = await Promise.all([
    listHistory(getDb(), { officeId: ctx.office.id, entityType: "membership", entityId: member.membershipId }),
    listPeople(getDb(), { officeId: ctx.office.id }),
  ]);
  return json({
    member,
    isSelf: member.userId === ctx.user.id,
    history,
    people: people.filter((p) => p.active || p.id === member.personId).map((p) => ({ id: p.id, fullName: p.fullName })),
    personNames: Object.fromEntries(people.map((p) => [p.id, p.fullName])),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "accounts:manage");
  const membershipId = parseId(params.membershipId);
  if (!membershipId) throw notFound("Ce compte");
  const values = formValues(await request.formData());
  try {
    if (values.intent === "remove") {
      const removed = await removeMembership(getDb(), { officeId: ctx.office.id, membershipId }, ctx.actor);
      if (!removed) throw notFound("Ce compte");
      return redirectWithToast(request, "/administration/comptes", { kind: "success", message: "Accès à l'office retiré." });
    }
    const parsed = validate(membershipSchema, values);
    if (!parsed.ok) return badRequest(parsed.errors);
    const updated = await updateMembership(getDb(), { officeId: ctx.office.id, membershipId }, parsed.data, ctx.actor);
    if (!updated) throw notFound("Ce compte");
    return redirectWithToast(request, `/administration/comptes/${membershipId}`, { kind: "success", message: "Accès enregistré." });
  } catch (error) {
    if (error instanceof LastAdminError) {
      return formError("L'office doit garder au moins un administrateur : nommez-en un autre avant.");
    }
    if (error instanceof ForeignPersonError) return fieldError("personId", "Personne : choix invalide.");
    throw error;
  }
}

export default function MemberPage() {
  const { member, isSelf, history, people, personNames } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { register, errorFor, formError: error, onSubmit, submitting } = useValidatedForm(membershipSchema, {
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
            {(p) => (
              <select {...p} {...register("personId")}>
                <option value="">Aucune</option>
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.fullName}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <SubmitButton submitting={submitting}>Enregistrer</SubmitButton>
      </ValidatedFormElement>
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
      <HistoryPanel entries={history} references={{ person_id: personNames }} />
    </section>
  );
}
