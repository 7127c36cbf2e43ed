// Run after every `npm install` / `npm ci` (package.json's postinstall; decision 062).
// Remix v2 matches a request's path against the app's routes three times per request, and
// @remix-run/router does it from scratch each time: it flattens and ranks the whole route tree
// and builds a regular expression for every route path it tries (about 10 % of the server's
// processor time on the dashboard with 89 routes). This rewrites two functions of its CommonJS
// build (the one Node loads; the browser's build is left alone), keeping their results:
// - the flattened, ranked branches, per routes array (a WeakMap: a route tree built for one
//   request is forgotten with it);
// - each compiled path pattern, per pattern (a Map, emptied past 2,000 patterns).
// Both are pure functions of inputs Remix never changes on the server, so answers are the same.
// Idempotent; refuses loudly when the file is not the one this was written for.
const fs = require("node:fs");
const path = require("node:path");

const MARKER = "/* cap-qualite: route matching kept (decision 062) */";

function patchRouterSource(source) {
  if (source.includes(MARKER)) return source;
  const replacements = [
    [
      "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;",
      "  let branches = rankedBranches(routes);\n  let matches = null;",
    ],
    [
      "function matchRoutesImpl(routes, locationArg, basename, allowPartial) {",
      `${MARKER}
const rankedBranchesByRoutes = new WeakMap();
function rankedBranches(routes) {
  let branches = rankedBranchesByRoutes.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    rankedBranchesByRoutes.set(routes, branches);
  }
  return branches;
}
const compiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  const key = (caseSensitive ? "1" : "0") + (end === false ? "0" : "1") + path;
  let compiled = compiledPaths.get(key);
  if (!compiled) {
    if (compiledPaths.size >= 2000) compiledPaths.clear();
    compiled = compilePathUncached(path, caseSensitive, end);
    compiledPaths.set(key, compiled);
  }
  return compiled;
}
function matchRoutesImpl(routes, locationArg, basename, allowPartial) {`,
    ],
    ["function compilePath(path, caseSensitive, end) {\n  if (caseSensitive === void 0) {", "function compilePathUncached(path, caseSensitive, end) {\n  if (caseSensitive === void 0) {"],
  ];
  let patched = source;
  for (const [from, to] of replacements) {
    const at = patched.indexOf(from);
    if (at < 0 || patched.indexOf(from, at + 1) >= 0) {
      throw new Error(
        "scripts/patch-remix-router.cjs : @remix-run/router n'est plus la version attendue (1.23) ; relisez la décision 062 avant de mettre à jour. " +
          "/ @remix-run/router is not the expected version (1.23); read decision 062 before upgrading.",
      );
    }
    patched = patched.slice(0, at) + to + patched.slice(at + from.length);
  }
  return patched;
}

function routerFile() {
  return path.join(path.dirname(require.resolve("@remix-run/router/package.json")), "dist", "router.cjs.js");
}

if (require.main === module) {
  const file = routerFile();
  const source = fs.readFileSync(file, "utf8");
  const patched = patchRouterSource(source);
  if (patched !== source) {
    fs.writeFileSync(file, patched);
    console.log("@remix-run/router : correspondance des routes gardée (décision 062).");
  }
}

module.exports = { MARKER, patchRouterSource, routerFile };
