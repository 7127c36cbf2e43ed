// What a first load of each page downloads, read from the Remix build manifest
// (public/build/manifest-*.js after `npm run build`): the entry, the root, every parent
// route and the page's own route chunk, with all their imports, each file counted once and
// gzipped at level 6 (what `compression` sends by default, decision 049). Decision 051.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** The budget of issue 17: at most this many bytes gzip on a page's first load. */
export const FIRST_LOAD_BUDGET = 120 * 1024;

type ManifestRoute = { id: string; parentId?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports?: string[] }; routes: Record<string, ManifestRoute> };

export type RouteSize = { route: string; bytes: number; files: number };

export function readManifest(publicDir = "public"): Manifest {
  const buildDir = join(publicDir, "build");
  const file = readdirSync(buildDir).find((f) => /^manifest-[A-Z0-9]+\.js$/i.test(f));
  if (!file) throw new Error(`No manifest-*.js in ${buildDir}: run npm run build first.`);
  const text = readFileSync(join(buildDir, file), "utf8");
  const json = text.replace(/^window\.__remixManifest\s*=\s*/, "").replace(/;\s*$/, "");
  return JSON.parse(json) as Manifest;
}

/** Gzip size (level 6) of each route's first load, largest first. */
export function firstLoadSizes(publicDir = "public"): RouteSize[] {
  const manifest = readManifest(publicDir);
  const cache = new Map<string, number>();
  const gz = (url: string) => {
    let size = cache.get(url);
    if (size === undefined) {
      size = gzipSync(readFileSync(join(publicDir, url)), { level: 6 }).length;
      cache.set(url, size);
    }
    return size;
  };
  const sizes: RouteSize[] = [];
  for (const route of Object.values(manifest.routes)) {
    const urls = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
    for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) {
      urls.add(r.module);
      for (const i of r.imports ?? []) urls.add(i);
    }
    let bytes = 0;
    for (const url of urls) bytes += gz(url);
    sizes.push({ route: route.id, bytes, files: urls.size });
  }
  return sizes.sort((a, b) => b.bytes - a.bytes || a.route.localeCompare(b.route));
}
