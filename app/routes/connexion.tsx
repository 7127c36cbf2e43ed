import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useSearchParams } from "@remix-run/react";
import { attemptSignIn, clientIp, getSignedInUser, safeRedirect } from "~/auth.server";
import { AuthCard } from "~/components/auth-card";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { signInSchema } from "~/modules/account/auth-schema.server";
import { commitSession, startUserSession } from "~/session.server";
import { badRequest, formValues, validate, readForm } from "~/utils/forms.server";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazySignInSchema = lazySchema(() => import("~/modules/account/auth-schema").then((m) => m.signInSchema));

export const meta: MetaFunction = () => [{ title: "Connexion — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSignedInUser(request)) return redirect("/tableau-de-bord");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = validate(signInSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  const { email, password, redirectTo } = parsed.data;
  const result = await attemptSignIn({ email, password, clientIp: clientIp(context) });
  if (!result.ok) {
    return json({ fieldErrors: {}, formError: result.message }, { status: result.status });
  }
  const session = await startUserSession(request, result.userId, result.officeId);
  // Failed attempts on this account since the last sign-in: the owner is told (decision 017).
  if (result.notice) session.flash("toast", { kind: "info", message: result.notice });
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await commitSession(session) } });
}

export default function SignIn() {
  const [params] = useSearchParams();
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazySignInSchema, {
    email: "",
    password: "",
    redirectTo: params.get("redirectTo") ?? "",
  });
  return (
    <AuthCard>
    <h1>Connexion</h1>
    {params.get("deconnecte") ? (
      <p className="notice" role="status">
        Vous êtes déconnecté(e).
      </p>
    ) : null}
    {params.get("sans-office") ? (
      <p className="notice" role="status">
        Votre compte n'a plus accès à aucun office. Contactez l'administrateur de votre office.
      </p>
    ) : null}
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Connexion">
      <input type="hidden" {...register("redirectTo")} />
      <Field label="E-mail" error={errorFor("email")} required>
        {(props) => <input type="email" autoComplete="username" {...props} {...register("email")} />}
      </Field>
      <Field label="Mot de passe" error={errorFor("password")} required>
        {(props) => <input type="password" autoComplete="current-password" {...props} {...register("password")} />}
      </Field>
      <SubmitButton submitting={submitting} pendingLabel="Connexion…">
        Se connecter
      </SubmitButton>
    </ValidatedFormElement>
    <p className="muted small">
      Pas encore de compte ? Demandez une invitation à l'administrateur de votre office.
    </p>
    </AuthCard>
  );
}
