// A form schema the browser fetches on demand (decision 051). Apart from form.tsx so that a page
// that checks a value by hand (the audit grid) can take it without react-hook-form.
import type { FieldValues } from "react-hook-form";
import type * as z from "zod/mini";

type FormSchema = z.ZodMiniType<unknown, FieldValues>;

/** A schema the browser fetches on demand, with zod, instead of carrying it in the page's first load. */
export interface LazySchema<S extends FormSchema> {
  readonly lazy: true;
  /** Starts the load if needed; one load shared by every form of the page, retried after a failure. */
  load(): Promise<S>;
}

/**
 * `lazySchema(() => import("~/modules/action/schema").then((m) => m.actionSchema))`: the schema
 * module is reached only through the dynamic import, so the route's chunk imports no zod. Build
 * it once at module level (or memoize it when it depends on props) so that the load is shared.
 */
export function lazySchema<S extends FormSchema>(load: () => Promise<S>): LazySchema<S> {
  let pending: Promise<S> | undefined;
  return {
    lazy: true,
    load() {
      pending ??= load().catch((error: unknown) => {
        // Offline or a new deployment: the next focus or submission asks again (a browser may
        // keep the failed module until the page is reloaded; the server checks meanwhile).
        pending = undefined;
        throw error;
      });
      return pending;
    },
  };
}

export function isLazy<S extends FormSchema>(schema: S | LazySchema<S>): schema is LazySchema<S> {
  return (schema as Partial<LazySchema<S>>).lazy === true;
}
