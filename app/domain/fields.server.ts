// The same builders and checks for server code (loaders, actions): the browser build leaves
// .server modules out, while a tree-shaken import of ./fields would still load its chunk, and
// zod, on the page's first load (decision 051).
// Named, not `export *`: with the package's sideEffects: false, esbuild would not initialise
// ./fields (a module the browser also imports dynamically) before the server uses it.
export {
  checkbox,
  idList,
  isCalendarDay,
  MAX_ID,
  optionalDay,
  optionalEmail,
  optionalId,
  optionalPhone,
  optionalPostalCode,
  optionalText,
  optionalUrl,
  password,
  preprocess,
  requiredDay,
  requiredEmail,
  requiredId,
  requiredText,
} from "./fields";
