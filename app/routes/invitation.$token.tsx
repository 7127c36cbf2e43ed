// Accepting an invitation link: a new account chooses its name and password; an existing
// account confirms its password and joins the office.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { checkPasswordThrottled, clientIp } from "~/auth.server";
import { AuthCard } from "~/components/auth-card";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { getDb } from "~/db.server";
import { acceptInvitationExistingSchema, acceptInvitationNewSchema } from "~/modules/account/auth-schema.server";
import { ROLE_LABELS } from "~/domain/roles";
import { AlreadyMemberError, acceptInvitation, findOpenInvitation, InvitationUnavailableError } from "~/modules/account/invitations.server";
import { getUser } from "~/modules/account/users.server";
import { passwordWeakness } from "~/modules/account/password-strength.server";
import { recordSecurityEvent } from "~/modules/security/queries.server";
import { commitSession, startUserSession } from "~/session.server";
import { badRequest, fieldError, formError, formValues, validate, readForm } from "~/utils/forms.server";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyAcceptInvitationExistingSchema = lazySchema(() => import("~/modules/account/auth-schema").then((m) => m.acceptInvitationExistingSchema));
const lazyAcceptInvitationNewSchema = lazySchema(() => import("~/modules/account/auth-schema").then((m) => m.acceptInvitationNewSchema));

export const meta: MetaFunction = () => [{ title: "Invitation — Cap Qualité" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(getDb(), params.token ?? "");
  if (!invitation) return json({ invitation: null });
  return json({
    invitation: {
      email: invitation.email,
      officeName: invitation.officeName,
      roleLabel: ROLE_LABELS[invitation.role],
      hasAccount: invitation.existingUserId !== null,
    },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const invitation = await findOpenInvitation(getDb(), token);
  if (!invitation) return formError("Cette invitation n'est plus valable (déjà utilisée, retirée ou expirée).", 404);
  const values = formValues(await readForm(request));
  try {
    let userId: number;
    if (invitation.existingUserId !== null) {
      const parsed = validate(acceptInvitationExistingSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors);
      const user = await getUser(getDb(), invitation.existingUserId);
      const check = await checkPasswordThrottled({
        email: invitation.email,
        password: parsed.data.currentPassword,
        passwordHash: user && !user.disabled ? user.passwordHash : null,
        clientIp: clientIp(context),
        userId: user?.id ?? null,
      });
      if (!check.ok) {
        return check.status === 429 ? formError(check.message, 429) : fieldError("currentPassword", "Mot de passe : il ne correspond pas à ce compte.");
      }
      ({ userId } = await acceptInvitation(getDb(), { token, newAccount: null, existingUserId: invitation.existingUserId }));
    } else {
      const parsed = validate(acceptInvitationNewSchema, values);
      if (!parsed.ok) return badRequest(parsed.errors);
      const weak = await passwordWeakness(parsed.data.newPassword, "Mot de passe", [invitation.email, parsed.data.displayName, invitation.officeName]);
      if (weak) return fieldError("newPassword", weak);
      ({ userId } = await acceptInvitation(getDb(), {
        token,
        newAccount: { displayName: parsed.data.displayName, password: parsed.data.newPassword },
        existingUserId: null,
      }));
    }
    await recordSecurityEvent(getDb(), { event: "invitation_accepted", userId, email: invitation.email, officeId: invitation.officeId, ip: clientIp(context), details: { compte: invitation.existingUserId !== null ? "existant" : "nouveau" } });
    const session = await startUserSession(request, userId, invitation.officeId);
    session.flash("toast", { kind: "success", message: `Bienvenue dans ${invitation.officeName} !` });
    return redirect("/tableau-de-bord", { headers: { "Set-Cookie": await commitSession(session) } });
  } catch (error) {
    if (error instanceof AlreadyMemberError) {
      return formError("Vous avez déjà accès à cet office : connectez-vous simplement.", 400);
    }
    if (error instanceof InvitationUnavailableError) {
      return formError("Cette invitation n'est plus valable (déjà utilisée, retirée ou expirée).", 404);
    }
    throw error;
  }
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  return (
    <AuthCard>
    {invitation ? (
      <>
        <h1>Rejoindre {invitation.officeName}</h1>
        <p>
          Invitation pour <strong>{invitation.email}</strong>, rôle : <strong>{invitation.roleLabel}</strong>.
        </p>
        {invitation.hasAccount ? <ExistingAccountForm /> : <NewAccountForm />}
      </>
    ) : (
      <>
        <h1>Invitation non valable</h1>
        <p>Ce lien a déjà été utilisé, a été retiré ou a expiré. Demandez une nouvelle invitation à l'administrateur de votre office.</p>
        <p>
          <Link to="/connexion">Aller à la connexion</Link>
        </p>
      </>
    )}
    </AuthCard>
  );
}

function NewAccountForm() {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyAcceptInvitationNewSchema, {
    displayName: "",
    newPassword: "",
    confirmPassword: "",
  });
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Créer mon compte">
      <Field label="Nom affiché" hint="Tel que vos collègues le verront (exemple : Référente qualité)." error={errorFor("displayName")} required>
        {(p) => <input type="text" autoComplete="name" {...p} {...register("displayName")} />}
      </Field>
      <Field label="Mot de passe" hint="12 caractères au minimum." error={errorFor("newPassword")} required>
        {(p) => <input type="password" autoComplete="new-password" {...p} {...register("newPassword")} />}
      </Field>
      <Field label="Confirmation du mot de passe" error={errorFor("confirmPassword")} required>
        {(p) => <input type="password" autoComplete="new-password" {...p} {...register("confirmPassword")} />}
      </Field>
      <SubmitButton submitting={submitting}>Créer mon compte</SubmitButton>
    </ValidatedFormElement>
  );
}

function ExistingAccountForm() {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyAcceptInvitationExistingSchema, {
    currentPassword: "",
  });
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Rejoindre l'office">
      <p>Vous avez déjà un compte Cap Qualité : confirmez votre mot de passe pour rejoindre cet office.</p>
      <Field label="Mot de passe" error={errorFor("currentPassword")} required>
        {(p) => <input type="password" autoComplete="current-password" {...p} {...register("currentPassword")} />}
      </Field>
      <SubmitButton submitting={submitting}>Rejoindre l'office</SubmitButton>
    </ValidatedFormElement>
  );
}
