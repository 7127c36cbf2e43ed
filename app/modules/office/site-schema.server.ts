// The same schemas for server code (loaders, actions). A route imports them from here: the
// browser build leaves .server modules out, while a tree-shaken import of ./site-schema would still
// load its chunk, and zod, on the page's first load; the page's forms fetch ./site-schema on demand
// (lazySchema, decision 051).
// Named, not `export *`: with the package's sideEffects: false, esbuild would not initialise
// ./site-schema (a module the browser also imports dynamically) before the server uses it.
export {
  siteSchema,
} from "./site-schema";
export type {
  SiteInput,
  SiteValues,
} from "./site-schema";
