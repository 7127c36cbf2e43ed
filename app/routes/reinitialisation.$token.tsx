// Choosing a new password through a link an administrator created.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { getDb } from "~/db.server";
import { resetPasswordSchema } from "~/modules/account/auth-schema.server";
import { findOpenPasswordReset, redeemPasswordReset } from "~/modules/account/password-resets.server";
import { clientIp } from "~/auth.server";
import { passwordWeakness } from "~/modules/account/password-strength.server";
import { recordSecurityEvent } from "~/modules/security/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formError, formValues, validate, readForm } from "~/utils/forms.server";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyResetPasswordSchema = lazySchema(() => import("~/modules/account/auth-schema").then((m) => m.resetPasswordSchema));

export const meta: MetaFunction = () => [{ title: "Nouveau mot de passe — Cap Qualité" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findOpenPasswordReset(getDb(), params.token ?? "");
  return json({ reset: reset ? { email: reset.email } : null });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = validate(resetPasswordSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  const reset = await findOpenPasswordReset(getDb(), params.token ?? "");
  const weak = reset ? await passwordWeakness(parsed.data.newPassword, "Nouveau mot de passe", [reset.email, reset.displayName]) : null;
  if (weak) return fieldError("newPassword", weak);
  const done = reset ? await redeemPasswordReset(getDb(), { token: params.token ?? "", newPassword: parsed.data.newPassword }) : false;
  if (reset && done) await recordSecurityEvent(getDb(), { event: "password_reset_used", userId: reset.userId, email: reset.email, officeId: reset.officeId, ip: clientIp(context) });
  if (!done) return formError("Ce lien n'est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau à l'administrateur.", 404);
  return redirectWithToast(request, "/connexion", { kind: "success", message: "Mot de passe enregistré : connectez-vous avec le nouveau." });
}

export default function ResetPassword() {
  const { reset } = useLoaderData<typeof loader>();
  return (
    <AuthCard>
    {reset ? (
      <>
        <h1>Nouveau mot de passe</h1>
        <p>
          Pour le compte <strong>{reset.email}</strong>.
        </p>
        <ResetForm />
      </>
    ) : (
      <>
        <h1>Lien non valable</h1>
        <p>Ce lien a déjà été utilisé ou a expiré. Demandez-en un nouveau à l'administrateur de votre office.</p>
        <p>
          <Link to="/connexion">Aller à la connexion</Link>
        </p>
      </>
    )}
    </AuthCard>
  );
}

function ResetForm() {
  const { register, errorFor, formError: error, onSubmit, submitting } = useValidatedForm(lazyResetPasswordSchema, {
    newPassword: "",
    confirmPassword: "",
  });
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={error} aria-label="Nouveau mot de passe">
      <Field label="Nouveau mot de passe" hint="12 caractères au minimum." error={errorFor("newPassword")} required>
        {(p) => <input type="password" autoComplete="new-password" {...p} {...register("newPassword")} />}
      </Field>
      <Field label="Confirmation du mot de passe" error={errorFor("confirmPassword")} required>
        {(p) => <input type="password" autoComplete="new-password" {...p} {...register("confirmPassword")} />}
      </Field>
      <SubmitButton submitting={submitting}>Enregistrer le mot de passe</SubmitButton>
    </ValidatedFormElement>
  );
}
