// The schemas of ./schema, for loaders and actions. A route that uses a schema only on the server
// imports it from here: a .server module is empty in the browser build, so the page's chunk does
// not link to the schemas' and zod's chunks, which esbuild would otherwise make it download even
// though nothing on the page uses them (decision 051).
export * from "./schema";
