import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { HistoryPanel } from "~/components/history-panel";
import { officeSchema } from "~/modules/office/schema.server";
import { can } from "~/domain/roles";
import { historyFor, wordHistory } from "~/modules/history/queries.server";
import { updateOffice } from "~/modules/office/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, unknownIntent, validate } from "~/utils/forms.server";
import { readPostedForm } from "~/utils/upload.server";
import { MAX_LOGO_BYTES, checkLogo, parseColor } from "~/domain/images";
import { getBranding, removeLogo, saveBranding } from "~/modules/office/branding.server";
import { Form } from "~/components/once-form";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyOfficeSchema = lazySchema(() => import("~/modules/office/schema").then((m) => m.officeSchema));

export const meta: MetaFunction = () => [{ title: "Office — Administration — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "office:view");
  const [history, branding] = await Promise.all([historyFor(ctx.scope, "office", ctx.office.id), getBranding(ctx.scope)]);
  return json({
    office: ctx.office,
    canEdit: can(ctx.role, "office:edit"),
    history: wordHistory(history),
    branding: {
      color: branding.color,
      // The logo as the reports' cover shows it (at most 500 Ko, decision 047).
      logo: branding.logo
        ? { src: `data:image/${branding.logo.type === "jpg" ? "jpeg" : "png"};base64,${Buffer.from(branding.logo.data).toString("base64")}`, name: branding.logo.originalName, width: branding.logo.width, height: branding.logo.height }
        : null,
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "office:edit");
  const { form, files, tooLarge } = await readPostedForm(request, { allowFiles: true, maxFileBytes: MAX_LOGO_BYTES });
  // The logo is this page's only file: a body over its limit was the logo's form, unread.
  if (tooLarge) return fieldError("logo", "Logo : 500 Ko au maximum ; enregistrez-le plus petit.", "branding");
  const values = formValues(form);
  const intent = values.intent ?? "office";
  if (intent === "branding") {
    const color = values.defaultColor === "on" ? null : parseColor(String(values.color ?? ""));
    if (values.defaultColor !== "on" && color === null) return fieldError("color", "Couleur : choisissez une couleur (six chiffres hexadécimaux, exemple : #0B5E55).", "branding");
    const file = files.find((f) => f.field === "logo" && f.bytes.byteLength > 0);
    let logo: Parameters<typeof saveBranding>[1]["logo"] = null;
    if (file) {
      const verdict = checkLogo(file.bytes);
      if (!verdict.ok) return fieldError("logo", verdict.message, "branding");
      logo = { type: verdict.type, width: verdict.width, height: verdict.height, bytes: file.bytes, name: file.rawName.normalize("NFC").replace(/^.*[\\/]/, "").slice(0, 200) };
    }
    await saveBranding(ctx.scope, { color, logo });
    return redirectWithToast(request, "/administration#apparence", { kind: "success", message: "Couleur et logo des rapports enregistrés." });
  }
  if (intent === "remove-logo") {
    const removed = await removeLogo(ctx.scope);
    return redirectWithToast(request, "/administration#apparence", { kind: "success", message: removed ? "Logo retiré des rapports." : "Aucun logo à retirer." });
  }
  if (intent !== "office") return unknownIntent();
  const parsed = validate(officeSchema, values);
  if (!parsed.ok) return badRequest(parsed.errors);
  await updateOffice(ctx.scope, parsed.data);
  return redirectWithToast(request, "/administration", { kind: "success", message: "Informations de l'office enregistrées." });
}

export default function OfficePage() {
  const { office, canEdit, history, branding } = useLoaderData<typeof loader>();
  const answer = useActionData<{ fieldErrors?: Record<string, string>; intent?: string }>();
  const brandingErrors = answer?.intent === "branding" ? (answer.fieldErrors ?? {}) : {};
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyOfficeSchema, {
    name: office.name,
    legalForm: office.legalForm,
    street: office.street,
    postalCode: office.postalCode,
    city: office.city,
    phone: office.phone,
    email: office.email,
    website: office.website,
  });
  return (
    <section className="page">
      <h1>L'office</h1>
      {!canEdit ? <p className="notice">Seul un administrateur peut modifier ces informations.</p> : null}
      <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Informations de l'office">
        <fieldset disabled={!canEdit} className="fieldset">
          <legend className="visually-hidden">Informations de l'office</legend>
          <div className="grid-2">
            <Field label="Nom de l'office" error={errorFor("name")} required>
              {(p) => <input type="text" {...p} {...register("name")} />}
            </Field>
            <Field label="Forme juridique" hint="SPL, EPIC, association, régie…" error={errorFor("legalForm")}>
              {(p) => <input type="text" {...p} {...register("legalForm")} />}
            </Field>
          </div>
          <Field label="Adresse" error={errorFor("street")}>
            {(p) => <input type="text" autoComplete="street-address" {...p} {...register("street")} />}
          </Field>
          <div className="grid-2">
            <Field label="Code postal" error={errorFor("postalCode")}>
              {(p) => <input type="text" inputMode="numeric" autoComplete="postal-code" {...p} {...register("postalCode")} />}
            </Field>
            <Field label="Commune" error={errorFor("city")}>
              {(p) => <input type="text" {...p} {...register("city")} />}
            </Field>
          </div>
          <div className="grid-3">
            <Field label="Téléphone" error={errorFor("phone")}>
              {(p) => <input type="tel" {...p} {...register("phone")} />}
            </Field>
            <Field label="E-mail" error={errorFor("email")}>
              {(p) => <input type="email" {...p} {...register("email")} />}
            </Field>
            <Field label="Site web" error={errorFor("website")}>
              {(p) => <input type="url" {...p} {...register("website")} />}
            </Field>
          </div>
          {canEdit ? <SubmitButton submitting={submitting}>Enregistrer</SubmitButton> : null}
        </fieldset>
      </ValidatedFormElement>
      <section className="card card--wide" id="apparence" aria-labelledby="apparence-titre">
        <h2 id="apparence-titre">Couleur et logo des rapports</h2>
        <p className="muted small">La page de garde et les titres des rapports Word (plan d'actions, rapport d'audit, dossier de préparation) prennent la couleur et le logo de l'office.</p>
        <div className="branding">
          <div className="branding__preview" style={{ borderColor: `#${branding.color ?? "0B5E55"}` }}>
            {branding.logo ? <img src={branding.logo.src} alt={`Logo actuel : ${branding.logo.name || "logo de l'office"}`} /> : <p className="muted">Pas de logo : la page de garde montre le nom de l'office.</p>}
            <p className="branding__title" style={{ color: `#${branding.color ?? "0B5E55"}` }}>
              Plan d'actions
            </p>
          </div>
          {canEdit ? (
            <div>
              <Form method="post" encType="multipart/form-data" className="form" aria-label="Couleur et logo des rapports">
                <input type="hidden" name="intent" value="branding" />
                <div className="field">
                  <label htmlFor="brand-color">Couleur</label>
                  {brandingErrors.color ? (
                    <p className="field-error" id="brand-color-erreur">
                      {brandingErrors.color}
                    </p>
                  ) : null}
                  <input id="brand-color" type="color" name="color" defaultValue={`#${branding.color ?? "0B5E55"}`} aria-describedby={brandingErrors.color ? "brand-color-erreur" : undefined} className="input--color" />
                </div>
                <div className="checks">
                  <label>
                    <input type="checkbox" name="defaultColor" defaultChecked={branding.color === null} /> Garder la couleur de Cap Qualité
                  </label>
                </div>
                <div className="field">
                  <label htmlFor="brand-logo">{branding.logo ? "Remplacer le logo" : "Logo"}</label>
                  <p className="field-hint" id="brand-logo-aide">
                    Une image PNG ou JPEG de 500 Ko au plus ; elle est réduite sur la page de garde (6 cm de large au plus).
                  </p>
                  {brandingErrors.logo ? (
                    <p className="field-error" id="brand-logo-erreur">
                      {brandingErrors.logo}
                    </p>
                  ) : null}
                  <input id="brand-logo" type="file" name="logo" accept="image/png,image/jpeg" aria-describedby={brandingErrors.logo ? "brand-logo-aide brand-logo-erreur" : "brand-logo-aide"} />
                </div>
                <button type="submit" className="button button--primary">
                  Enregistrer la couleur et le logo
                </button>
              </Form>
              {branding.logo ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-logo" />
                  <button type="submit" className="button button--secondary button--small">
                    Retirer le logo
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}
        </div>
      </section>
      {history ? <HistoryPanel entries={history} /> : null}
    </section>
  );
}
