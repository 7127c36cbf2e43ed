// Parsing a submitted form with the same zod schema the browser used.
import { json } from "@remix-run/node";
import type { z } from "zod";

export interface FormErrors {
  fieldErrors: Record<string, string>;
  formError?: string;
  /** on a page with several forms, the one these errors belong to */
  intent?: string;
}

/**
 * Text values of a form (the first value of each name; every value for the names in `lists`,
 * such as a group of checkboxes); files are not read here. A dotted name
 * ("reportedRates.qualite", as react-hook-form names nested fields) becomes a nested object.
 */
export function formValues(formData: FormData, options: { lists?: readonly string[] } = {}): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of options.lists ?? []) {
    values[name] = formData.getAll(name).filter((v): v is string => typeof v === "string");
  }
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || options.lists?.includes(key)) continue;
    const [head, ...rest] = key.split(".");
    if (!head || head === "__proto__" || head === "constructor" || head === "prototype") continue;
    if (rest.length === 0) {
      if (!(head in values)) values[head] = value;
      continue;
    }
    const sub = rest.join(".");
    if (sub === "__proto__" || sub === "constructor" || sub === "prototype") continue;
    const nested = (values[head] ??= {}) as Record<string, unknown>;
    if (typeof nested === "object" && !(sub in nested)) nested[sub] = value;
  }
  return values;
}

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

export function validate<S extends z.ZodType>(schema: S, values: Record<string, unknown>): Validation<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string> = {};
  let formError: string | undefined;
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".");
    if (!key) formError ??= issue.message;
    else fieldErrors[key] ??= issue.message;
  }
  return { ok: false, errors: { fieldErrors, formError } };
}

/** 400 with the errors to show beside each field. */
export function badRequest(errors: FormErrors, intent?: unknown) {
  return json({ ...errors, intent: typeof intent === "string" ? intent : errors.intent }, { status: 400 });
}

export function fieldError(field: string, message: string, intent?: unknown) {
  return badRequest({ fieldErrors: { [field]: message } }, intent);
}

export function formError(message: string, status = 400, intent?: unknown) {
  return json({ fieldErrors: {}, formError: message, intent: typeof intent === "string" ? intent : undefined } satisfies FormErrors, { status });
}
