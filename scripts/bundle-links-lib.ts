// Chunks a page downloads without using them. esbuild keeps a bare `import "chunk"` for a module
// a route imports but does not use in the browser (a schema its action validates with, a helper
// its loader calls) when another page uses that module: the page then downloads that chunk and
// everything it links to. Read from the build (public/build after `npm run build`): for each
// route, the first-load files of its manifest entry that no file of that first load imports by
// name. Decision 051, addendum.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readManifest } from "./bundle-size-lib";

export type UnusedChunks = { route: string; bytes: number; files: string[] };

const NAMED_IMPORT = /import\s*(?:\{[^}]*\}|\*\s*as\s*[\w$]+|[\w$]+)\s*from\s*"([^"]+)"/g;

/** Per route, the gzip bytes (level 6) of the first-load files nothing on the page imports by name; largest first. */
export function unusedChunks(publicDir = "public"): UnusedChunks[] {
  const manifest = readManifest(publicDir);
  const named = new Map<string, string[]>();
  const importsOf = (url: string) => {
    let list = named.get(url);
    if (!list) {
      list = [...readFileSync(join(publicDir, url), "utf8").matchAll(NAMED_IMPORT)].map((m) => m[1]!);
      named.set(url, list);
    }
    return list;
  };
  const result: UnusedChunks[] = [];
  for (const route of Object.values(manifest.routes)) {
    const loaded = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
    const roots = [manifest.entry.module];
    for (let r: typeof route | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) {
      roots.push(r.module);
      loaded.add(r.module);
      for (const i of r.imports ?? []) loaded.add(i);
    }
    const used = new Set<string>();
    for (const stack = roots; stack.length > 0; ) {
      const url = stack.pop()!;
      if (used.has(url)) continue;
      used.add(url);
      stack.push(...importsOf(url));
    }
    const files = [...loaded].filter((url) => !used.has(url));
    const bytes = files.reduce((sum, url) => sum + gzipSync(readFileSync(join(publicDir, url)), { level: 6 }).length, 0);
    result.push({ route: route.id, bytes, files });
  }
  return result.sort((a, b) => b.bytes - a.bytes || a.route.localeCompare(b.route));
}
