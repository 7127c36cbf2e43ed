// Bundles the report worker (decision 048): templates/render-worker.ts and everything it imports
// into build/report-worker.cjs, beside the Remix build. The native chart renderer stays a
// package that Node loads at run time.
//   node scripts/build-report-worker.mjs [outfile]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.resolve(process.argv[2] ?? path.join(root, "build", "report-worker.cjs"));

await build({
  entryPoints: [path.join(root, "templates", "render-worker.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // Native addons and what Node itself offers are loaded at run time, not bundled.
  external: ["@resvg/resvg-js"],
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "warning",
});
