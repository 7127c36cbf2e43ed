import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { checkPasswordThrottled, clientIp, forbidden, requireOffice } from "~/auth.server";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { getDb } from "~/db.server";
import { changePasswordSchema } from "~/modules/account/auth-schema.server";
import { changePassword, getUser } from "~/modules/account/users.server";
import { passwordWeakness } from "~/modules/account/password-strength.server";
import { recordSecurityEvent } from "~/modules/security/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formError, formValues, validate, readForm } from "~/utils/forms.server";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyChangePasswordSchema = lazySchema(() => import("~/modules/account/auth-schema").then((m) => m.changePasswordSchema));

export const meta: MetaFunction = () => [{ title: "Mot de passe — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOffice(request);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireOffice(request);
  const parsed = validate(changePasswordSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  const user = await getUser(getDb(), ctx.user.id);
  if (!user) throw forbidden();
  // Same throttling as sign-in: a stolen session must not be a way to guess the password.
  const check = await checkPasswordThrottled({
    email: user.email,
    password: parsed.data.currentPassword,
    passwordHash: user.passwordHash,
    clientIp: clientIp(context),
    userId: user.id,
  });
  if (!check.ok) {
    return check.status === 429 ? formError(check.message, 429) : fieldError("currentPassword", "Mot de passe actuel : il ne correspond pas.");
  }
  const weak = await passwordWeakness(parsed.data.newPassword, "Nouveau mot de passe", [user.email, user.displayName, ctx.office.name]);
  if (weak) return fieldError("newPassword", weak);
  await changePassword(getDb(), { userId: user.id, newPassword: parsed.data.newPassword, keepSessionId: ctx.session.id || null }, ctx.actor);
  await recordSecurityEvent(getDb(), { event: "password_changed", userId: user.id, email: user.email, ip: clientIp(context), actor: ctx.actor });
  return redirectWithToast(request, "/tableau-de-bord", {
    kind: "success",
    message: "Mot de passe modifié. Vos autres sessions ont été fermées.",
  });
}

export default function ChangePassword() {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyChangePasswordSchema, {
    currentPassword: "",
    newPassword: "",
    confirmPassword: "",
  });
  return (
    <section className="page page--narrow">
      <h1>Changer mon mot de passe</h1>
      <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Changer mon mot de passe">
        <Field label="Mot de passe actuel" error={errorFor("currentPassword")} required>
          {(p) => <input type="password" autoComplete="current-password" {...p} {...register("currentPassword")} />}
        </Field>
        <Field label="Nouveau mot de passe" hint="12 caractères au minimum. Une phrase facile à retenir convient bien." error={errorFor("newPassword")} required>
          {(p) => <input type="password" autoComplete="new-password" {...p} {...register("newPassword")} />}
        </Field>
        <Field label="Confirmation du nouveau mot de passe" error={errorFor("confirmPassword")} required>
          {(p) => <input type="password" autoComplete="new-password" {...p} {...register("confirmPassword")} />}
        </Field>
        <SubmitButton submitting={submitting}>Enregistrer le mot de passe</SubmitButton>
      </ValidatedFormElement>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
