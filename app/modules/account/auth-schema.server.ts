// The same schemas for server code (loaders, actions). A route imports them from here: the
// browser build leaves .server modules out, while a tree-shaken import of ./auth-schema would still
// load its chunk, and zod, on the page's first load; the page's forms fetch ./auth-schema on demand
// (lazySchema, decision 051).
// Named, not `export *`: with the package's sideEffects: false, esbuild would not initialise
// ./auth-schema (a module the browser also imports dynamically) before the server uses it.
export {
  acceptInvitationExistingSchema,
  acceptInvitationNewSchema,
  changePasswordSchema,
  resetPasswordSchema,
  signInSchema,
} from "./auth-schema";
export type {
  AcceptInvitationExistingInput,
  AcceptInvitationNewInput,
  ChangePasswordInput,
  ResetPasswordInput,
  SignInInput,
} from "./auth-schema";
