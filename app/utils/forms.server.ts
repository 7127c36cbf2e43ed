// Parsing a submitted form with the same zod schema the browser used.
import { json } from "@remix-run/node";
import * as z from "zod/mini";

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

export function validate<S extends z.ZodMiniType>(schema: S, values: Record<string, unknown>): Validation<z.output<S>> {
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

/**
 * Which of the route's forms was posted: the `intent` field, the discriminator of the route's
 * forms, parsed by a zod enum of the route's own intents (each branch then parses its own
 * schema, after its own permission check, so a forbidden role gets 403 rather than field errors).
 * Null for anything else: the route answers `unknownIntent()`.
 */
export function parseIntent<const T extends readonly [string, ...string[]]>(values: Record<string, unknown>, intents: T, fallback?: T[number]): T[number] | null {
  const result = z.enum(intents).safeParse(values.intent ?? fallback);
  return result.success ? result.data : null;
}

export function unknownIntent() {
  return formError("Ce formulaire n'est pas reconnu : rechargez la page et recommencez.", 400);
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

/**
 * Rows of a repeated group of fields named "prefix.0.field", "prefix.1.field"… (as react-hook-form
 * names them), in the order of their index. Indexes beyond `max` are ignored: a hostile form
 * cannot make us build a huge array.
 */
export function formRows(formData: FormData, prefix: string, max: number): Array<Record<string, string>> {
  const rows = new Map<number, Record<string, string>>();
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(\\d{1,4})\\.([A-Za-z][A-Za-z0-9]*)$`);
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    if (index > max) continue;
    const row = rows.get(index) ?? {};
    if (!(match[2]! in row)) row[match[2]!] = value;
    rows.set(index, row);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

export const UNREADABLE_FORM = "Le formulaire envoyé n'a pas pu être lu. Rechargez la page et réessayez.";

/**
 * Answer (to be thrown) for a body the server cannot read as a form — JSON, text/plain, a
 * multipart without boundary, a truncated multipart: a 400 in French, and one line in the log,
 * since it is the client's mistake, not ours.
 */
export function unreadableForm(request: Request, error: unknown): Response {
  const reason = error instanceof Error ? error.message : String(error);
  console.warn(`400 ${request.method} ${new URL(request.url).pathname}: corps illisible (${request.headers.get("Content-Type") ?? "sans Content-Type"}) — ${reason.split("\n", 1)[0]}`);
  return json({ fieldErrors: {}, formError: UNREADABLE_FORM, message: UNREADABLE_FORM } satisfies FormErrors & { message: string }, { status: 400 });
}

/** The posted form, or a thrown 400 when the body is not a form (see unreadableForm). */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch (error) {
    throw unreadableForm(request, error);
  }
}

/**
 * The posted form, read only up to `maxBytes` (the public questionnaire page: anyone may post
 * to it). A larger body answers 413 in French, and is not read further; a body that is not a
 * form answers 400 as with readForm. Both are thrown.
 */
export async function readBoundedForm(request: Request, maxBytes: number): Promise<FormData> {
  const tooLarge = () => json({ fieldErrors: {}, formError: "Réponse trop longue : raccourcissez vos textes et renvoyez." } satisfies FormErrors, { status: 413 });
  if (Number(request.headers.get("Content-Length") ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return readForm(request);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Response) {
      void reader.cancel().catch(() => undefined);
      throw error;
    }
    throw unreadableForm(request, error);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  return readForm(new Request(request.url, { method: request.method, headers: request.headers, body }));
}
