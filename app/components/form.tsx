// Forms that work without JavaScript and, with it, validate in the browser with the same zod
// schema the server uses (react-hook-form). Errors sit next to their field. A route passes its
// schema lazily (`lazySchema(() => import(…))`): zod and the schemas are then fetched when the
// person first focuses a field or submits, not on the page's first load (decision 051).
import { zodResolver } from "@hookform/resolvers/zod";
import { useActionData, useFormAction, useNavigation, useSubmit } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { useEffect, useId, useRef, type ReactNode } from "react";
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormRegister,
  type UseFormReturn,
} from "react-hook-form";
import type * as z from "zod/mini";
import { isLazy, type LazySchema } from "~/components/lazy-schema";

interface ServerErrors {
  fieldErrors?: Record<string, string>;
  formError?: string;
  intent?: string;
}

export interface ValidatedForm<T extends FieldValues> {
  form: UseFormReturn<T>;
  register: UseFormRegister<T>;
  errorFor: (name: Path<T>) => string | undefined;
  formError: string | undefined;
  onSubmit: ValidatedSubmit;
  submitting: boolean;
}

/**
 * The form's submit handler; with a lazy schema it also carries `preload`, which
 * ValidatedFormElement calls when focus enters the form.
 */
export type ValidatedSubmit = ((event: React.FormEvent<HTMLFormElement>) => void) & { readonly preload?: () => void };

type FormSchema = z.ZodMiniType<unknown, FieldValues>;

export { lazySchema, type LazySchema } from "~/components/lazy-schema";

// Sync mode: the schemas have no async rule, and zod/mini's transforms parsed async would settle
// fields, and so order errors and values, differently from the server's safeParse (decision 051).
// The resolver's generics cannot follow a schema passed as a type parameter.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
const syncResolver = (schema: FormSchema): Resolver<any> => zodResolver(schema as any, undefined, { mode: "sync" }) as any;

/**
 * The resolver of a lazy schema: it waits for the schema, then validates as the static one does.
 * When the schema cannot be loaded it finds nothing wrong, so the form is posted and the server,
 * which validates every submission with the same schema, answers with the errors.
 */
export function lazyResolver<T extends FieldValues>(schema: LazySchema<FormSchema>): Resolver<T> {
  return async (values, context, options) => {
    let loaded: FormSchema;
    try {
      // The timer's rejection after the race is over is handled by the race itself.
      loaded = await Promise.race([schema.load(), new Promise<never>((_, reject) => setTimeout(reject, SCHEMA_WAIT_SECONDS * 1000))]);
    } catch {
      // Not loaded (offline, a new deployment) or not yet after a few seconds (a request that
      // hangs): the server checks this submission.
      return { values, errors: {} };
    }
    return syncResolver(loaded)(values, context, options) as ReturnType<Resolver<T>>;
  };
}

/** How long a submission waits for its schema before it lets the server check it. */
const SCHEMA_WAIT_SECONDS = 3;

export function useValidatedForm<S extends FormSchema>(
  schema: S | LazySchema<S>,
  defaultValues: DefaultValues<z.input<S>>,
  options: {
    intent?: string;
    /** Empties the form after its own successful submission (a note, a finding): a second click must not add it twice. */
    resetAfterSuccess?: boolean;
  } = {},
): ValidatedForm<z.input<S>> {
  const answer = useActionData<ServerErrors>();
  // On a page with several forms, each shows only the errors of its own submission.
  const actionData = options.intent && answer?.intent && answer.intent !== options.intent ? undefined : answer;
  const navigation = useNavigation();
  const formAction = useFormAction();
  const submit = useSubmit();
  const form = useForm<z.input<S>>({
    resolver: isLazy(schema) ? lazyResolver<z.input<S>>(schema) : (syncResolver(schema) as Resolver<z.input<S>>),
    defaultValues,
    mode: "onTouched",
  });
  useResetAfterSuccess(options.resetAfterSuccess ? options.intent : undefined, () => form.reset(defaultValues));
  // Fetch the schema as soon as the person enters the form (focusin bubbles to the form through
  // React's onFocus), so that the first blur usually finds it loaded; submit waits for it anyway.
  const preload = isLazy(schema) ? () => void schema.load().catch(() => undefined) : undefined;
  const handleSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => {
      // Left for another page while the schema was on its way: that form is not posted.
      if (!formElement.isConnected) return;
      submit(submitter ?? formElement);
    })(event);
  };
  const onSubmit: ValidatedSubmit = preload ? Object.assign(handleSubmit, { preload }) : handleSubmit;
  const errorFor = (name: Path<z.input<S>>) => {
    // getFieldState reads nested names ("reportedRates.qualite") as well as flat ones.
    const clientError = form.getFieldState(name, form.formState).error?.message;
    if (typeof clientError === "string") return clientError;
    return actionData?.fieldErrors?.[name];
  };
  // The values are also written into the server's HTML (defaultValue, defaultChecked): without
  // JavaScript an edit form shows, and posts back, what is recorded rather than blanks.
  const register = ((name: Path<z.input<S>>, registerOptions?: Parameters<typeof form.register>[1]) => {
    const props = form.register(name, registerOptions);
    const initial = valueAt(defaultValues, name);
    if (typeof initial === "string" || typeof initial === "number") return { ...props, defaultValue: initial };
    if (typeof initial === "boolean") return { ...props, defaultChecked: initial };
    return props;
  }) as UseFormRegister<z.input<S>>;
  return {
    form,
    register,
    errorFor,
    formError: actionData?.formError,
    onSubmit,
    // Only this form's button shows it is busy, not every form of the page.
    // Only while it posts: busy earlier (while the schema loads) would disable the clicked button
    // before it is submitted, and its name and value (the intent) would not be sent.
    submitting: navigation.state === "submitting" && navigation.formAction === formAction,
  };
}

/**
 * Calls `reset` once a submission of this intent has come back without errors (a success
 * redirects to the same page, which keeps the form's state); after an error the typed text
 * stays for correcting. Without JavaScript the page reloads empty anyway.
 */
export function useResetAfterSuccess(intent: string | undefined, reset: () => void) {
  const navigation = useNavigation();
  const answer = useActionData<ServerErrors>();
  const sent = useRef(false);
  const resetRef = useRef(reset);
  resetRef.current = reset;
  useEffect(() => {
    if (!intent) return;
    if (navigation.state === "submitting" && navigation.formData?.get("intent") === intent) sent.current = true;
    if (navigation.state === "idle" && sent.current) {
      sent.current = false;
      const failed = answer?.intent === intent && Boolean(answer.formError || (answer.fieldErrors && Object.keys(answer.fieldErrors).length > 0));
      if (!failed) resetRef.current();
    }
  }, [intent, navigation.state, navigation.formData, answer]);
}

/** The value at a dotted path ("attendees.0.status") of the default values. */
function valueAt(values: unknown, path: string): unknown {
  let current = values;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function ValidatedFormElement({
  onSubmit,
  children,
  formError,
  className,
  "aria-label": ariaLabel,
}: {
  onSubmit: ValidatedSubmit;
  children: ReactNode;
  formError?: string;
  className?: string;
  "aria-label"?: string;
}) {
  return (
    <Form method="post" noValidate onSubmit={onSubmit} onFocus={onSubmit.preload} className={className ?? "form"} aria-label={ariaLabel}>
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      {children}
    </Form>
  );
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: (props: {
    id: string;
    "aria-invalid": boolean;
    "aria-describedby": string | undefined;
    "aria-required": boolean | undefined;
  }) => ReactNode;
}

/** A labelled control with its hint and its error message. */
export function Field({ label, error, hint, required, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy, "aria-required": required || undefined })}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A checkbox with its label on the right. */
export function CheckboxField({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; "aria-describedby": string | undefined }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field field--checkbox">
      {children({ id, "aria-describedby": hintId })}
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}

export function SubmitButton({ children, submitting, pendingLabel = "Envoi en cours…" }: { children: ReactNode; submitting?: boolean; pendingLabel?: string }) {
  return (
    <button type="submit" className="button button--primary" disabled={submitting}>
      {submitting ? pendingLabel : children}
    </button>
  );
}
