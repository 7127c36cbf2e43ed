// The route matching kept between requests (decision 062): the patched CommonJS build of
// @remix-run/router, which Node loads, answers exactly as the untouched ES module build does.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import fs from "node:fs";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { MARKER, patchRouterSource, routerFile } = require("../../scripts/patch-remix-router.cjs") as {
  MARKER: string;
  patchRouterSource: (source: string) => string;
  routerFile: () => string;
};
type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Matcher = { matchRoutes: (routes: Route[], location: string, basename?: string) => Array<{ params: Record<string, string>; pathname: string; pathnameBase: string; route: Route }> | null };
const patched = require(routerFile()) as Matcher;
const untouched = (await import(pathToFileURL(path.join(path.dirname(routerFile()), "router.js")).href)) as Matcher;

/** A tree shaped like the app's: a pathless layout, indexes, parameters, a splat, optional segments. */
function appLikeRoutes(prefix = ""): Route[] {
  return [
    {
      id: `${prefix}root`,
      path: "",
      children: [
        { id: `${prefix}index`, index: true },
        { id: `${prefix}connexion`, path: "connexion" },
        {
          id: `${prefix}_app`,
          children: [
            { id: `${prefix}dashboard`, path: "tableau-de-bord" },
            { id: `${prefix}plan`, path: "plan-d-actions" },
            { id: `${prefix}plan.avancement`, path: "plan-d-actions/avancement" },
            { id: `${prefix}plan.action`, path: "plan-d-actions/:actionId" },
            { id: `${prefix}audits`, path: "audits", children: [{ id: `${prefix}audits.index`, index: true }, { id: `${prefix}audits.grid`, path: ":auditId/grille" }, { id: `${prefix}audits.one`, path: ":auditId" }] },
            { id: `${prefix}reunions.minutes`, path: "reunions/:meetingId/compte-rendu" },
            { id: `${prefix}registres`, path: "registres/:register/:entryId?" },
            { id: `${prefix}Sensible`, path: "Casse", caseSensitive: true },
          ],
        },
        { id: `${prefix}splat`, path: "*" },
      ],
    },
  ];
}

const PATHS = [
  "/",
  "/connexion",
  "/tableau-de-bord",
  "/plan-d-actions",
  "/plan-d-actions/avancement",
  "/plan-d-actions/42",
  "/plan-d-actions/42/",
  "/audits",
  "/audits/2",
  "/audits/2/grille",
  "/reunions/1/compte-rendu",
  "/registres/reclamations",
  "/registres/reclamations/7",
  "/Casse",
  "/casse",
  "/nulle/part/ailleurs",
  "/audits/%C3%A9t%C3%A9",
];

describe("route matching kept between requests (decision 062)", () => {
  it("is installed: the CommonJS build Node loads carries the change", () => {
    expect(fs.readFileSync(routerFile(), "utf8")).toContain(MARKER);
  });

  it("matches every path as the untouched build does, again and again on the same routes", () => {
    const routes = appLikeRoutes();
    for (let round = 0; round < 3; round += 1) {
      for (const pathname of PATHS) {
        expect(patched.matchRoutes(routes, pathname), pathname).toEqual(untouched.matchRoutes(appLikeRoutes(), pathname));
      }
    }
    expect(patched.matchRoutes(routes, "/app/audits/2", "/app")).toEqual(untouched.matchRoutes(routes, "/app/audits/2", "/app"));
  });

  it("never answers with another route tree's routes", () => {
    const first = appLikeRoutes("a:");
    const second = appLikeRoutes("b:");
    expect(patched.matchRoutes(first, "/audits/2")!.at(-1)!.route.id).toBe("a:audits.one");
    expect(patched.matchRoutes(second, "/audits/2")!.at(-1)!.route.id).toBe("b:audits.one");
    expect(patched.matchRoutes(first, "/audits/2")!.at(-1)!.route.id).toBe("a:audits.one");
  });

  it("leaves a patched file as it is, and refuses a file it was not written for", () => {
    const source = fs.readFileSync(routerFile(), "utf8");
    expect(patchRouterSource(source)).toBe(source);
    expect(() => patchRouterSource("function matchRoutes() {}")).toThrow(/n'est plus la version attendue/);
  });
});
